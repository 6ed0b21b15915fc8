import type { TranslationIssue } from 'eslint-plugin-ase-gpu/kubernetes';

/**
 * The rule that reports a translation issue (ownership of /domain/rules.md), or undefined for what
 * rules.md calls information: facts for the account, not lint findings.
 */
const BY_CODE: Readonly<Record<string, string | undefined>> = {
  'create-options-invalid': 'valid-create-options',
  'name-collision': 'module-names',
  'name-too-long': 'module-names',
  'name-invalid-label': 'module-names',
  'name-invalid-service': 'module-names',
  'name-reserved': 'module-names',
  'command-not-array': 'cmd-entrypoint-array',
  'annotation-key-invalid': 'no-ignored-settings',
  'env-name-invalid': 'env-var-names',
  'mount-incomplete': 'valid-mounts',
  'volume-name-collision': 'valid-k8s-experimental',
  'volume-mount-unknown-volume': 'valid-k8s-experimental',
  'mount-path-duplicate': 'valid-k8s-experimental',
  'quantity-invalid': 'valid-resource-quantities',
  'extended-resource-invalid': 'valid-resource-quantities',
  'requests-exceed-limits': 'valid-resource-quantities',
  'strategy-invalid': 'valid-k8s-experimental',
  'secret-name-invalid': 'registry-secret-names',
  'port-out-of-range': 'valid-port-bindings',
  'duplicate-port-name': 'valid-port-bindings',
  'mixed-protocol-load-balancer': 'no-mixed-protocol-ports',
  'load-balancer-ip-invalid': 'valid-k8s-experimental',
  'ignored-module-setting': 'no-ignored-settings',
  'bind-unparsable': 'no-binds',
  'mount-type-ignored': 'valid-mounts',
  'volume-deduplicated': 'valid-mounts',
  'port-key-invalid': 'valid-port-bindings',
  'binding-without-host-port': 'valid-port-bindings',
  'port-merged': 'valid-port-bindings',
  'env-without-equals': 'valid-env',
  'k8s-section-ignored': 'k8s-experimental-placement',
  'k8s-section-not-object': 'valid-k8s-experimental',
  'k8s-unknown-key': 'k8s-experimental-keys',
  'security-context-container-key': 'pod-security-context',
  'service-type-unknown': 'valid-k8s-experimental',
  'load-balancer-ip-unused': 'external-service-ips',
  'edge-agent-settings': 'no-ignored-settings',
};

const CGROUP_FIELDS = new Set(
  ['Memory', 'MemorySwap', 'MemoryReservation', 'NanoCpus', 'CpuShares', 'CpuPeriod', 'CpuQuota', 'CpusetCpus', 'CpusetMems', 'PidsLimit', 'Ulimits', 'OomKillDisable', 'KernelMemory', 'DiskQuota', 'CpuRealtimePeriod', 'CpuRealtimeRuntime'].map((field) => field.toLowerCase()),
);
/** Ignored fields rules.md lists as information only. */
const INFO_FIELDS = new Set(['tty', 'openstdin', 'stdinonce', 'attachstdin', 'attachstdout', 'attachstderr', 'hostconfig.logconfig']);

function ruleOfIgnoredField(field: string): string | undefined {
  const lower = field.toLowerCase();
  if (INFO_FIELDS.has(lower)) return undefined;
  if (!lower.startsWith('hostconfig.')) return 'no-ignored-settings';
  const member = lower.slice('hostconfig.'.length);
  if (member === 'devices') return 'no-host-devices';
  if (member === 'devicerequests' || member === 'runtime') return 'no-docker-gpu-requests';
  if (member === 'shmsize') return 'no-shm-size';
  if (CGROUP_FIELDS.has(member) || member.startsWith('blkio')) return 'no-docker-resource-limits';
  return 'no-ignored-settings';
}

export function ruleOf(issue: TranslationIssue): string | undefined {
  const field = String(issue.data.field ?? '');
  switch (issue.code) {
    case 'ignored-field':
      return ruleOfIgnoredField(field);
    case 'ignored-mode':
      return 'no-ignored-settings';
    case 'volume-name-invalid':
      if (issue.origin.path.includes('k8s-experimental')) return 'valid-k8s-experimental';
      return issue.origin.path.includes('.Mounts[') ? 'known-share-volumes' : 'no-binds';
    default:
      return BY_CODE[issue.code];
  }
}
