import { findProperty, isObject, keyName, staticValue } from '../manifest/json-ast.js';
import { sanitizeDnsDomain } from './names.js';
import { originIn, type ModuleScope } from './scope.js';
import type { Annotation } from './types.js';

const MAX_NAME = 63;

/** The name part of an annotation key: [A-Za-z0-9._-] kept, trimmed to alphanumeric ends, at most 63. */
function sanitizeName(name: string): string | undefined {
  const kept = name.replace(/[^A-Za-z0-9._-]/gu, '').replace(/^[^A-Za-z0-9]+/u, '').replace(/[^A-Za-z0-9]+$/u, '');
  return kept.length === 0 || kept.length > MAX_NAME ? undefined : kept;
}

/** `SanitizeAnnotationKey`: `[prefix/]name`, the prefix a DNS subdomain; undefined where the agent throws. */
export function sanitizeAnnotationKey(key: string): string | undefined {
  if (key.trim() === '') return undefined;
  const parts = key.split('/');
  if (parts.length > 2) return undefined;
  const name = sanitizeName(parts[parts.length - 1]!);
  if (name === undefined) return undefined;
  if (parts.length === 1) return name;
  const prefix = sanitizeDnsDomain(parts[0]!);
  return prefix.ok ? `${prefix.name}/${name}` : undefined;
}

/** `Labels` become annotations on the pod template and the Service. */
export function translateLabels(scope: ModuleScope): Annotation[] {
  const labels = findProperty(scope.root, 'Labels', { ignoreCase: true })?.value;
  if (!isObject(labels)) return [];
  const result: Annotation[] = [];
  for (const property of labels.properties) {
    const key = keyName(property);
    const sanitized = sanitizeAnnotationKey(key);
    const origin = originIn(scope, property.key);
    if (sanitized === undefined) {
      scope.sink.fail('annotation-key-invalid', origin, `The label "${key}" cannot be turned into an annotation key; the agent throws.`, { key });
      continue;
    }
    const value = staticValue(property.value);
    result.push({ key: sanitized, value: typeof value === 'string' ? value : JSON.stringify(value ?? null), origin });
  }
  return result;
}
