import { findProperty, isObject, keyName } from '../manifest/json-ast.js';
import { sanitizeAnnotationKey } from './annotation-key.js';
import { newtonsoftStringOf } from './coerce.js';
import { originIn, type ModuleScope } from './scope.js';
import type { Annotation } from './types.js';

/**
 * `Labels` become annotations on the pod template and the Service (KubernetesDeploymentMapper.GetPod,
 * KubernetesServiceMapper): keys sanitised, values read as strings (`2` → `"2"`, `true` → `"True"`). Two
 * keys that sanitise alike make the agent's dictionary throw.
 */
export function translateLabels(scope: ModuleScope): Annotation[] {
  const labels = findProperty(scope.root, 'Labels', { ignoreCase: true })?.value;
  if (!isObject(labels)) return [];
  const result: Annotation[] = [];
  const byKey = new Map<string, string>();
  for (const property of labels.properties) {
    const key = keyName(property);
    const sanitized = sanitizeAnnotationKey(key);
    const origin = originIn(scope, property.key);
    if (!sanitized.ok) {
      scope.sink.fail('annotation-key-invalid', origin, `The label "${key}" cannot become an annotation key because ${sanitized.reason}; the agent throws.`, { key, reason: sanitized.reason });
      continue;
    }
    const value = newtonsoftStringOf(property.value);
    if (value && !value.ok) {
      scope.sink.fail('value-type-invalid', originIn(scope, property.value), `The label "${key}" must have a string value; the agent cannot read this value and throws.`, { field: `Labels.${key}` });
      continue;
    }
    const earlier = byKey.get(sanitized.key);
    if (earlier !== undefined) {
      scope.sink.fail('annotation-key-collision', origin, `The labels "${earlier}" and "${key}" both become the annotation key "${sanitized.key}"; the agent throws and the deployment fails.`, { key, other: earlier, annotation: sanitized.key });
      continue;
    }
    byKey.set(sanitized.key, key);
    result.push({ key: sanitized.key, value: value?.value ?? '', origin });
  }
  return result;
}
