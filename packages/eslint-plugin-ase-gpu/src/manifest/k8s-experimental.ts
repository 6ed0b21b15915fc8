import { findProperty, isObject, keyName, type JSONObject, type JSONProperty } from './json-ast.js';
import type { CreateOptions } from './create-options.js';

/** The section name the agent reads, case-sensitively, at the top level of createOptions. */
export const K8S_SECTION = 'k8s-experimental';

/** The keys the agent reads inside the section (matched case-insensitively). */
export const K8S_KEYS = ['volumes', 'resources', 'nodeSelector', 'securityContext', 'serviceOptions', 'strategy'] as const;
export type K8sKey = (typeof K8S_KEYS)[number];

/** The `k8s-experimental` object the agent would read, if any. */
export function k8sSection(createOptions: CreateOptions | undefined): JSONObject | undefined {
  const root = createOptions?.rootObject;
  const value = findProperty(root, K8S_SECTION)?.value;
  return isObject(value) ? value : undefined;
}

/** A key of the section as the agent reads it (case-insensitively; the last one wins). */
export function k8sMember(createOptions: CreateOptions | undefined, key: K8sKey): JSONProperty | undefined {
  return findProperty(k8sSection(createOptions), key, { ignoreCase: true });
}

/** `resources.limits` / `resources.requests` entries, by resource name. */
export function k8sResourceEntries(createOptions: CreateOptions | undefined, kind: 'limits' | 'requests'): JSONProperty[] {
  const resources = k8sMember(createOptions, 'resources')?.value;
  const list = isObject(resources) ? findProperty(resources, kind, { ignoreCase: true })?.value : undefined;
  return isObject(list) ? list.properties : [];
}

/** Extended resources (`nvidia.com/gpu`, `microsoft.com/fpga_catapult`...) have a `/` in their name. */
export function isExtendedResource(name: string): boolean {
  return name.includes('/');
}

export function resourceName(property: JSONProperty): string {
  return keyName(property);
}
