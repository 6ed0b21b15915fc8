import { parseBind } from '../manifest/binds.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { isArray, isObject, isStringLiteral, stringAt, type JSONNode } from '../manifest/json-ast.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { sanitizeDnsLabel } from './names.js';

/** A pod volume and mount the agent generates from `HostConfig.Binds` or `HostConfig.Mounts` (domain section 6). */
export interface GeneratedVolume {
  /** `SanitizeDNSLabel` of the host path or Mount source; undefined when it cannot be judged or would throw. */
  readonly name: string | undefined;
  /** The container path; undefined when it cannot be judged. */
  readonly mountPath: string | undefined;
  readonly source: 'binds' | 'mount-bind' | 'mount-volume';
  /** The Binds string or the Mounts entry. */
  readonly node: JSONNode;
}

const judged = (text: string | undefined): string | undefined => (text === undefined || isPlaceholder(text) ? undefined : text);

function volumeName(source: string | undefined): string | undefined {
  const text = judged(source);
  if (text === undefined) return undefined;
  const result = sanitizeDnsLabel(text);
  return result.ok ? result.name : undefined;
}

/** The volumes and mounts the agent derives from Binds and bind/volume Mounts, in the agent's order. */
export function generatedVolumes(createOptions: CreateOptions | undefined): GeneratedVolume[] {
  const result: GeneratedVolume[] = [];
  const binds = hostConfigValue(createOptions, 'Binds');
  if (isArray(binds)) {
    for (const element of binds.elements) {
      if (!isStringLiteral(element)) continue;
      const bind = parseBind(element.value);
      if (!bind) continue;
      result.push({ name: volumeName(bind.hostPath), mountPath: judged(bind.containerPath), source: 'binds', node: element });
    }
  }
  const mounts = hostConfigValue(createOptions, 'Mounts');
  if (isArray(mounts)) {
    for (const element of mounts.elements) {
      if (!isObject(element)) continue;
      const type = stringAt(element, 'Type', { ignoreCase: true })?.value.toLowerCase();
      if (type !== 'bind' && type !== 'volume') continue;
      result.push({
        name: volumeName(stringAt(element, 'Source', { ignoreCase: true })?.value),
        mountPath: judged(stringAt(element, 'Target', { ignoreCase: true })?.value),
        source: type === 'bind' ? 'mount-bind' : 'mount-volume',
        node: element,
      });
    }
  }
  return result;
}
