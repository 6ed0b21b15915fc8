import { hostConfig } from '../manifest/host-config.js';
import { findProperty, isObject, keyName } from '../manifest/json-ast.js';
import { K8S_KEYS, K8S_SECTION } from '../manifest/k8s-experimental.js';
import { originIn, type ModuleScope } from './scope.js';

/** Top-level createOptions members the agent reads (typed members case-insensitively). */
const READ_TOP_LEVEL = new Set(['env', 'exposedports', 'hostconfig', 'labels', 'cmd', 'entrypoint', 'workingdir']);
/** `Image` is overwritten by `settings.image` on both platforms: nothing is lost on the GPU device. */
const SAME_ON_BOTH = new Set(['image']);
/** HostConfig members the agent translates (the modes only for `host`). */
const READ_HOST_CONFIG = new Set(['binds', 'mounts', 'portbindings', 'privileged', 'networkmode', 'ipcmode', 'pidmode']);
const MODES = ['NetworkMode', 'IpcMode', 'PidMode'] as const;

/** Spellings that show the author meant the k8s-experimental section. */
export function looksLikeK8sSection(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_\s]/gu, '');
  return normal === 'k8sexperimental' || normal === 'k8sextensions' || normal === 'kubernetesexperimental';
}

/** Container-level securityContext keys: the pod-level context the agent builds has no such members. */
export const CONTAINER_SECURITY_KEYS = ['privileged', 'capabilities', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'procMount'];

export function dropIgnoredFields(scope: ModuleScope): void {
  const root = scope.root;
  if (!root) return;
  for (const property of root.properties) {
    const key = keyName(property);
    if (key === K8S_SECTION) {
      if (!isObject(property.value)) scope.sink.drop('k8s-section-not-object', originIn(scope, property.key), `${K8S_SECTION} is not an object, so the agent ignores it.`);
      continue;
    }
    const lower = key.toLowerCase();
    if (READ_TOP_LEVEL.has(lower) || SAME_ON_BOTH.has(lower)) continue;
    if (looksLikeK8sSection(key)) {
      scope.sink.drop('k8s-section-ignored', originIn(scope, property.key), `"${key}" is not spelled "${K8S_SECTION}", so the agent ignores the whole section.`, { field: key });
      continue;
    }
    scope.sink.drop('ignored-field', originIn(scope, property.key), `${key} is ignored by the agent on the GPU device.`, { field: key });
  }
  const host = hostConfig(scope.createOptions);
  for (const property of host?.properties ?? []) {
    const key = keyName(property);
    if (looksLikeK8sSection(key)) {
      scope.sink.drop('k8s-section-ignored', originIn(scope, property.key), `"${key}" inside HostConfig is not read: the agent reads ${K8S_SECTION} only at the top level of createOptions.`, { field: `HostConfig.${key}` });
      continue;
    }
    if (READ_HOST_CONFIG.has(key.toLowerCase())) continue;
    scope.sink.drop('ignored-field', originIn(scope, property.key), `HostConfig.${key} is ignored by the agent on the GPU device.`, { field: `HostConfig.${key}` });
  }
  for (const mode of MODES) {
    const property = findProperty(host, mode, { ignoreCase: true });
    const value = property?.value;
    if (value?.type === 'JSONLiteral' && typeof value.value === 'string' && value.value !== '' && value.value.toLowerCase() !== 'host') {
      scope.sink.drop('ignored-mode', originIn(scope, value), `HostConfig.${mode} "${value.value}" is ignored: the agent honours only "host".`, { field: `HostConfig.${mode}`, value: value.value });
    }
  }
}

/** Members the shared Docker model types (read case-insensitively); every other key lands in OtherProperties. */
const TYPED_TOP_LEVEL = new Set(['env', 'exposedports', 'hostconfig', 'image', 'labels', 'networkingconfig']);

/**
 * CombinedKubernetesConfigProvider copies the untyped top-level keys into a case-insensitive dictionary,
 * which throws when two of them differ only by case (`Cmd` and `cmd`, `k8s-experimental` and
 * `K8s-Experimental`): the module, and so the deployment, fails.
 */
export function failCaseCollisions(scope: ModuleScope): void {
  const seen = new Map<string, string>();
  for (const property of scope.root?.properties ?? []) {
    const key = keyName(property);
    const lower = key.toLowerCase();
    if (TYPED_TOP_LEVEL.has(lower)) continue;
    const earlier = seen.get(lower);
    if (earlier === undefined) {
      seen.set(lower, key);
    } else if (earlier !== key) {
      scope.sink.fail('create-options-key-case-collision', originIn(scope, property.key), `The createOptions keys "${earlier}" and "${key}" differ only by case; the agent reads them into one case-insensitive dictionary and throws.`, { key, other: earlier });
    }
  }
}

export function dropUnknownK8sKeys(scope: ModuleScope): void {
  const section = findProperty(scope.root, K8S_SECTION)?.value;
  if (!isObject(section)) return;
  const known = new Set<string>(K8S_KEYS.map((key) => key.toLowerCase()));
  for (const property of section.properties) {
    const key = keyName(property);
    if (known.has(key.toLowerCase())) continue;
    scope.sink.drop('k8s-unknown-key', originIn(scope, property.key), `${K8S_SECTION}.${key} is not a key the agent knows; it is logged and ignored.`, { key });
  }
}

/** The pod securityContext without the container-level keys that the agent drops. */
export function podSecurityContext(scope: ModuleScope, value: Record<string, unknown>): Record<string, unknown> {
  const section = findProperty(scope.root, K8S_SECTION)?.value;
  const member = isObject(section) ? findProperty(section, 'securityContext', { ignoreCase: true })?.value : undefined;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const containerKey = CONTAINER_SECURITY_KEYS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (!containerKey) {
      result[key] = entry;
      continue;
    }
    const property = isObject(member) ? findProperty(member, key) : undefined;
    if (property) scope.sink.drop('security-context-container-key', originIn(scope, property.key), `securityContext.${key} belongs to a container, not a pod; the agent's pod securityContext drops it.`, { key });
  }
  return result;
}
