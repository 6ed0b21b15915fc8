/**
 * Kubernetes resource quantities (`512Mi`, `1500m`, `2`): reading them, and writing the values Docker
 * cgroup fields hold (bytes, nano-CPUs, CFS quota/period, shares) the way a person would write them.
 */

/** The quantity grammar of Kubernetes (`resource.ParseQuantity`), as domain section 3.3 gives it. */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/u;

const SUFFIX_FACTORS: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text.trim());
}

/**
 * The value of a quantity in base units (bytes for memory, cores for CPU, a count for extended
 * resources), or undefined when Kubernetes would not parse it. JSON numbers are quantities too.
 */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[2];
  if (suffix === undefined) return number;
  if (/^[eE]/u.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * SUFFIX_FACTORS[suffix]!;
}

const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/**
 * Bytes as a memory quantity: the largest binary unit that divides the value exactly (`1Gi`,
 * `1536Mi`, `64Ki`), else the plain byte count, which is exact and which Kubernetes accepts.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new RangeError(`not a positive whole number of bytes: ${bytes}`);
  for (const [unit, factor] of BINARY_UNITS) if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  return String(bytes);
}

/** Millicores as a CPU quantity: whole cores as a plain number (`2`), anything else in `m` (`1500m`). */
export function formatMillicores(millicores: number): string {
  if (!Number.isSafeInteger(millicores) || millicores <= 0) throw new RangeError(`not a positive whole number of millicores: ${millicores}`);
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** The CFS period Docker uses when only `CpuQuota` is given (100 ms, in microseconds). */
export const DOCKER_DEFAULT_CPU_PERIOD = 100_000;

/** Docker `NanoCpus` as millicores, when the translation is exact (the CPU resolution of Kubernetes is 1m). */
export function nanoCpusToMillicores(nanoCpus: number): number | undefined {
  if (!Number.isSafeInteger(nanoCpus) || nanoCpus <= 0 || nanoCpus % 1_000_000 !== 0) return undefined;
  return nanoCpus / 1_000_000;
}

/** Docker `CpuQuota`/`CpuPeriod` (microseconds) as millicores: 1000·quota/period, when exact. */
export function cpuQuotaToMillicores(quota: number, period = DOCKER_DEFAULT_CPU_PERIOD): number | undefined {
  if (!Number.isSafeInteger(quota) || !Number.isSafeInteger(period) || quota <= 0 || period <= 0) return undefined;
  const millicores = (1000 * quota) / period;
  return Number.isInteger(millicores) && millicores > 0 ? millicores : undefined;
}

/**
 * Docker `CpuShares` as the CPU request that the kubelet would turn back into the same shares
 * (shares = 1024·request; the inverse, rounded to a whole millicore). Approximate by nature.
 */
export function cpuSharesToMillicores(shares: number): number | undefined {
  if (!Number.isSafeInteger(shares) || shares <= 0) return undefined;
  return Math.max(1, Math.round((1000 * shares) / 1024));
}
