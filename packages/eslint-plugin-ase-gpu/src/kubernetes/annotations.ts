import { findProperty, isObject, keyName, staticValue } from '../manifest/json-ast.js';
import { sanitizeAnnotationKey } from './annotation-key.js';
import { originIn, type ModuleScope } from './scope.js';
import type { Annotation } from './types.js';

/** `Labels` become annotations on the pod template and the Service. */
export function translateLabels(scope: ModuleScope): Annotation[] {
  const labels = findProperty(scope.root, 'Labels', { ignoreCase: true })?.value;
  if (!isObject(labels)) return [];
  const result: Annotation[] = [];
  for (const property of labels.properties) {
    const key = keyName(property);
    const sanitized = sanitizeAnnotationKey(key);
    const origin = originIn(scope, property.key);
    if (!sanitized.ok) {
      scope.sink.fail('annotation-key-invalid', origin, `The label "${key}" cannot become an annotation key because ${sanitized.reason}; the agent throws.`, { key, reason: sanitized.reason });
      continue;
    }
    const value = staticValue(property.value);
    result.push({ key: sanitized.key, value: typeof value === 'string' ? value : JSON.stringify(value ?? null), origin });
  }
  return result;
}
