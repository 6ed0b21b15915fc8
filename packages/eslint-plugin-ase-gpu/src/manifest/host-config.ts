import { findProperty, isObject, type JSONExpression, type JSONObject, type JSONProperty } from './json-ast.js';
import type { CreateOptions } from './create-options.js';

/** createOptions `HostConfig`; typed members are bound case-insensitively by the agent's models. */
export function hostConfig(createOptions: CreateOptions | undefined): JSONObject | undefined {
  const value = findProperty(createOptions?.rootObject, 'HostConfig', { ignoreCase: true })?.value;
  return isObject(value) ? value : undefined;
}

export function hostConfigMember(createOptions: CreateOptions | undefined, name: string): JSONProperty | undefined {
  return findProperty(hostConfig(createOptions), name, { ignoreCase: true });
}

export function hostConfigValue(createOptions: CreateOptions | undefined, name: string): JSONExpression | undefined {
  return hostConfigMember(createOptions, name)?.value;
}

/** `NetworkMode: host` (case-insensitive), which the agent turns into hostNetwork. */
export function isHostNetwork(createOptions: CreateOptions | undefined): boolean {
  const value = hostConfigValue(createOptions, 'NetworkMode');
  return value?.type === 'JSONLiteral' && typeof value.value === 'string' && value.value.toLowerCase() === 'host';
}
