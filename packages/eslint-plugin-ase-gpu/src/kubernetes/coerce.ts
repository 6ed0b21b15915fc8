/**
 * What Newtonsoft.Json (the agent's reader) makes of a JSON value read into a typed member: the
 * conversions that let a manifest say `"true"` for a bool or `2` for a string and still deploy.
 */
import type { JSONExpression } from '../manifest/json-ast.js';

export type Coerced<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/** .NET's `ToString()` of a JSON scalar read as a string: numbers as written, `true` → `True`, null → null. */
export function newtonsoftString(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * A JSON value read into a bool (JsonReader.ReadAsBoolean): booleans, numbers (non-zero is true), strings
 * that bool.TryParse accepts (`"true"`, `" False "`); `""` and null are no value. Anything else throws.
 */
export function newtonsoftBoolean(node: JSONExpression | undefined): Coerced<boolean> | undefined {
  if (!node) return undefined;
  if (node.type !== 'JSONLiteral') return { ok: false };
  const value = node.value;
  if (value === null) return undefined;
  if (typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: value !== 0 };
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (value === '') return undefined;
    if (text === 'true') return { ok: true, value: true };
    if (text === 'false') return { ok: true, value: false };
  }
  return { ok: false };
}

/** A JSON value read into a string member: scalars as `newtonsoftString`; arrays and objects throw. */
export function newtonsoftStringOf(node: JSONExpression | undefined): Coerced<string | null> | undefined {
  if (!node) return undefined;
  if (node.type !== 'JSONLiteral') return { ok: false };
  const text = newtonsoftString(node.value);
  return text === undefined ? { ok: false } : { ok: true, value: text };
}

/** Members of the Kubernetes models the agent reads (V1VolumeMount, V1ConfigMapVolumeSource...) that are bools. */
const BOOLEAN_MEMBERS = new Set(['readOnly', 'optional']);

/**
 * A k8s-experimental object as the agent sends it after reading it into the Kubernetes client's models:
 * `"true"` in a bool member becomes true. Other members stay as written.
 */
export function coerceKubernetesBooleans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(coerceKubernetesBooleans);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (BOOLEAN_MEMBERS.has(key) && typeof entry === 'string' && ['true', 'false'].includes(entry.trim().toLowerCase())) {
      result[key] = entry.trim().toLowerCase() === 'true';
    } else {
      result[key] = coerceKubernetesBooleans(entry);
    }
  }
  return result;
}
