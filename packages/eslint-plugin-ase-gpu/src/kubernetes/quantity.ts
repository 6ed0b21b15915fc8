/** Kubernetes resource quantities (`k8s.io/apimachinery` resource.Quantity syntax). */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/u;

const SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

export function isQuantity(value: string | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return QUANTITY.test(value);
}

/** The quantity as a number (base units), or undefined when it does not parse. */
export function quantityValue(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const suffix = match[3] ?? '';
  const number = Number.parseFloat(value.slice(0, value.length - suffix.length));
  if (/^[eE]/u.test(suffix)) return number * 10 ** Number.parseInt(suffix.slice(1), 10);
  return number * SUFFIX[suffix]!;
}
