/**
 * The rule catalogue of domain/rules.md, transcribed: public names, preset severities and fix policy.
 * `rules-consistency.test.ts` holds the rules' metadata to it; when ../shared is present, the same test
 * also checks this transcription against rules.md itself.
 */
export interface CatalogueEntry {
  readonly recommended: 'error' | 'warn' | 'off';
  readonly strict: 'error' | 'warn' | 'off';
  readonly fix: string;
}

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  'valid-create-options': { recommended: 'error', strict: 'error', fix: '-' },
  'create-options-chunks': { recommended: 'error', strict: 'error', fix: 'fix (re-chunk)' },
  'create-options-encoding': { recommended: 'error', strict: 'error', fix: 'fix' },
  'cmd-entrypoint-array': { recommended: 'error', strict: 'error', fix: 'fix' },
  'k8s-experimental-placement': { recommended: 'error', strict: 'error', fix: 'fix' },
  'k8s-experimental-keys': { recommended: 'warn', strict: 'error', fix: 'fix (aliases)' },
  'valid-k8s-experimental': { recommended: 'error', strict: 'error', fix: '-' },
  'pod-security-context': { recommended: 'warn', strict: 'warn', fix: 'sugg' },
  'valid-resource-quantities': { recommended: 'error', strict: 'error', fix: 'sugg' },
  'no-binds': { recommended: 'error', strict: 'error', fix: 'fix (see below)' },
  'no-file-bind-mounts': { recommended: 'error', strict: 'error', fix: 'sugg' },
  'valid-mounts': { recommended: 'error', strict: 'error', fix: 'fix (Destination → Target)' },
  'known-share-volumes': { recommended: 'warn', strict: 'error', fix: '-' },
  'edgehub-ports': { recommended: 'error', strict: 'error', fix: 'fix' },
  'valid-port-bindings': { recommended: 'error', strict: 'error', fix: '-' },
  'host-port-matches-container-port': { recommended: 'warn', strict: 'warn', fix: 'sugg' },
  'no-mixed-protocol-ports': { recommended: 'error', strict: 'error', fix: '-' },
  'no-reserved-ports': { recommended: 'error', strict: 'error', fix: '-' },
  'valid-network-mode': { recommended: 'error', strict: 'error', fix: '-' },
  'reachable-peers': { recommended: 'off', strict: 'warn', fix: 'sugg' },
  'external-service-ips': { recommended: 'warn', strict: 'warn', fix: '-' },
  'no-fpga-resources': { recommended: 'error', strict: 'error', fix: 'opt (→ `nvidia.com/gpu`, drop the rest)' },
  'no-docker-resource-limits': { recommended: 'warn', strict: 'error', fix: 'fix (exact translations only), sugg otherwise' },
  'no-docker-gpu-requests': { recommended: 'warn', strict: 'error', fix: 'sugg' },
  'gpu-count': { recommended: 'error', strict: 'error', fix: '-' },
  'no-host-devices': { recommended: 'warn', strict: 'warn', fix: '-' },
  'no-shm-size': { recommended: 'warn', strict: 'warn', fix: 'sugg' },
  'require-recreate-strategy': { recommended: 'warn', strict: 'error', fix: 'fix' },
  'require-resource-limits': { recommended: 'off', strict: 'warn', fix: 'opt (team default values in the option)' },
  'env-var-names': { recommended: 'error', strict: 'error', fix: 'opt (`:` → `__`)' },
  'valid-env': { recommended: 'warn', strict: 'warn', fix: 'fix' },
  'proxy-settings': { recommended: 'warn', strict: 'error', fix: 'fix + opt' },
  'module-names': { recommended: 'error', strict: 'error', fix: 'sugg (rename across modules, modulesContent and routes)' },
  'registry-secret-names': { recommended: 'error', strict: 'error', fix: '-' },
  'no-ignored-settings': { recommended: 'warn', strict: 'warn', fix: 'sugg' },
  'schema-version': { recommended: 'error', strict: 'error', fix: '-' },
  'route-module-refs': { recommended: 'warn', strict: 'error', fix: '-' },
  'no-duplicate-keys': { recommended: 'error', strict: 'error', fix: '-' },
};

/** The fix policy a rule's metadata must declare for a catalogue fix column. */
export function expectedFixPolicy(fix: string): string {
  if (fix === '-') return 'none';
  if (fix.startsWith('fix + opt')) return 'fix+option';
  if (fix.startsWith('fix (exact translations only), sugg')) return 'fix+suggestion';
  if (fix.startsWith('fix')) return 'fix';
  if (fix.startsWith('opt')) return 'option';
  if (fix.startsWith('sugg')) return 'suggestion';
  return fix;
}
