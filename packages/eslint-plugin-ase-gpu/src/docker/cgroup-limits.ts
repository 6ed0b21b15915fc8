/**
 * The HostConfig cgroup limits of Docker that the Kubernetes agent ignores (domain section 2), owned
 * by no-docker-resource-limits. Names as the Docker Engine API spells them; the agent's models bind
 * HostConfig members case-insensitively.
 */

export type LimitTranslation =
  /** Exactly one Kubernetes resource value holds the same limit. */
  | { readonly kind: 'exact'; readonly target: 'limits.memory' | 'requests.memory' | 'limits.cpu' }
  /** Only an approximation exists (relative CPU shares → a CPU request). */
  | { readonly kind: 'approximate'; readonly target: 'requests.cpu' }
  /** Kubernetes has no per-container equivalent. */
  | { readonly kind: 'none' };

export const DOCKER_CGROUP_LIMITS: Readonly<Record<string, LimitTranslation>> = {
  Memory: { kind: 'exact', target: 'limits.memory' },
  MemoryReservation: { kind: 'exact', target: 'requests.memory' },
  NanoCpus: { kind: 'exact', target: 'limits.cpu' },
  CpuQuota: { kind: 'exact', target: 'limits.cpu' },
  /** Only meaningful with CpuQuota; reported and moved together with it. */
  CpuPeriod: { kind: 'exact', target: 'limits.cpu' },
  CpuShares: { kind: 'approximate', target: 'requests.cpu' },
  MemorySwap: { kind: 'none' },
  MemorySwappiness: { kind: 'none' },
  KernelMemory: { kind: 'none' },
  KernelMemoryTCP: { kind: 'none' },
  CpusetCpus: { kind: 'none' },
  CpusetMems: { kind: 'none' },
  CpuRealtimePeriod: { kind: 'none' },
  CpuRealtimeRuntime: { kind: 'none' },
  CpuCount: { kind: 'none' },
  CpuPercent: { kind: 'none' },
  PidsLimit: { kind: 'none' },
  Ulimits: { kind: 'none' },
  OomKillDisable: { kind: 'none' },
  BlkioWeight: { kind: 'none' },
  BlkioWeightDevice: { kind: 'none' },
  BlkioDeviceReadBps: { kind: 'none' },
  BlkioDeviceWriteBps: { kind: 'none' },
  BlkioDeviceReadIOps: { kind: 'none' },
  BlkioDeviceWriteIOps: { kind: 'none' },
  DiskQuota: { kind: 'none' },
  IOMaximumIOps: { kind: 'none' },
  IOMaximumBandwidth: { kind: 'none' },
};

const BY_LOWER_CASE = new Map(Object.keys(DOCKER_CGROUP_LIMITS).map((name) => [name.toLowerCase(), name]));

/** The canonical name of a HostConfig member that is a cgroup limit, matched as the agent binds it. */
export function cgroupLimitName(member: string): string | undefined {
  return BY_LOWER_CASE.get(member.toLowerCase());
}
