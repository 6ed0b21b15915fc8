import type { InnerEdit } from '../manifest/create-options.js';
import { findProperty, type JSONObject } from '../manifest/json-ast.js';
import { insertProperties, replaceValue, type JSONDocument } from './json-edits.js';

/**
 * Sets several members of one object in a single pass: existing members get their value replaced,
 * missing ones are appended together (one insertion, so that no two edits start at the same offset).
 */
export function setMembers(document: JSONDocument, object: JSONObject, members: Readonly<Record<string, unknown>>): InnerEdit[] {
  const edits: InnerEdit[] = [];
  const missing: [string, unknown][] = [];
  for (const [key, value] of Object.entries(members)) {
    const property = findProperty(object, key);
    if (property) edits.push(replaceValue(document, property.value, value));
    else missing.push([key, value]);
  }
  const insertion = insertProperties(document, object, missing);
  if (insertion) edits.push(insertion);
  return edits;
}
