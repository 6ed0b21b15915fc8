import type { InnerEdit } from '../manifest/create-options.js';
import { findProperty, isObject, type JSONObject } from '../manifest/json-ast.js';
import { insertProperties, type JSONDocument } from './json-edits.js';
import { K8S_SECTION } from '../manifest/k8s-experimental.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface MergeOptions {
  /** Whether the key at this path (keys from the merge root, the key itself last) is matched case-insensitively. */
  readonly ignoreCase?: (path: readonly string[]) => boolean;
}

/**
 * Adds the members of `patch` to `object`, descending into objects that are already there and
 * creating the missing ones, with one insertion per object (so the edits can travel in one fix).
 * Never overwrites: returns null when a leaf of the patch is already set, or when something on the
 * way is not an object.
 */
export function mergeIntoObject(document: JSONDocument, object: JSONObject, patch: Readonly<Record<string, unknown>>, options: MergeOptions = {}, path: readonly string[] = []): InnerEdit[] | null {
  const edits: InnerEdit[] = [];
  const missing: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    const keyPath = [...path, key];
    const property = findProperty(object, key, { ignoreCase: options.ignoreCase?.(keyPath) ?? false });
    if (!property) {
      missing.push([key, value]);
      continue;
    }
    if (!isPlainObject(value) || !isObject(property.value)) return null;
    const nested = mergeIntoObject(document, property.value, value, options, keyPath);
    if (!nested) return null;
    edits.push(...nested);
  }
  const insertion = insertProperties(document, object, missing);
  if (insertion) edits.push(insertion);
  return edits;
}

/**
 * Key matching inside createOptions as the agent reads it: `k8s-experimental` exactly, its keys and
 * the `limits`/`requests` of `resources` case-insensitively, resource names exactly.
 */
export function createOptionsKeyCase(path: readonly string[]): boolean {
  if (path[0] === K8S_SECTION) return path.length === 2 || (path.length === 3 && path[1]!.toLowerCase() === 'resources');
  return path.length <= 2;
}

/** Merges a patch of createOptions (`{"k8s-experimental": {...}}`, `{HostConfig: {...}}`) into its root object. */
export function mergeIntoCreateOptions(document: JSONDocument, root: JSONObject, patch: Readonly<Record<string, unknown>>): InnerEdit[] | null {
  return mergeIntoObject(document, root, patch, { ignoreCase: createOptionsKeyCase });
}
