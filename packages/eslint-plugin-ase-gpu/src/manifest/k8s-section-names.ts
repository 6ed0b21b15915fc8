import { K8S_KEYS, K8S_SECTION, type K8sKey } from './k8s-experimental.js';

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/gu, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Spellings of the section that people (and KDOC's translation notes, `k8s-extensions`) write. */
const SECTION_SPELLINGS = ['k8sexperimental', 'k8sextensions', 'k8sextension', 'kubernetesexperimental', 'kubeexperimental'];

/**
 * True for a name that means the `k8s-experimental` section but that the agent does not read: any
 * casing or separator (`K8s-Experimental`, `k8s_experimental`, `k8sExperimental`), `k8s-extensions`,
 * `kubernetes-experimental`, or a typo of one or two letters. Only names that start like
 * `k8`/`kube` qualify, so no Docker field can be taken for the section.
 */
export function isMisnamedK8sSection(name: string): boolean {
  if (name === K8S_SECTION) return false;
  const squashed = squash(name);
  if (!/^(?:k8|kube)/u.test(squashed)) return false;
  return SECTION_SPELLINGS.some((spelling) => squashed === spelling || (spelling.startsWith('k8s') && editDistance(squashed, spelling) <= 2));
}

/** Keys that mean a key the agent reads, under another name it ignores (a Map: `constructor` is a key like any other). */
const KEY_ALIASES: ReadonlyMap<string, K8sKey> = new Map([
  ['deploymentstrategy', 'strategy'],
  ['updatestrategy', 'strategy'],
]);

/**
 * The key of the section the agent reads that an unknown key clearly means: the same words with
 * hyphens or underscores (`service-options`, `node_selector`), or a known alias (`deploymentStrategy`,
 * `updateStrategy`). Undefined for keys the agent reads (matched case-insensitively) and for others.
 */
export function k8sKeyAlias(name: string): K8sKey | undefined {
  if (K8S_KEYS.some((key) => key.toLowerCase() === name.toLowerCase())) return undefined;
  const squashed = squash(name);
  return K8S_KEYS.find((key) => key.toLowerCase() === squashed) ?? KEY_ALIASES.get(squashed);
}

export function isKnownK8sKey(name: string): boolean {
  return K8S_KEYS.some((key) => key.toLowerCase() === name.toLowerCase());
}
