import type { InnerEdit } from '../manifest/create-options.js';
import { findProperty, type JSONObject } from '../manifest/json-ast.js';
import { lineIndentAt } from '../manifest/text-style.js';
import { insertProperty, replaceValue, type JSONDocument } from './json-edits.js';
import { serializeJSON } from './serialize.js';

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
  if (missing.length === 0) return edits;
  if (object.properties.length === 0) {
    // An empty object is rewritten whole, laid out like the document.
    edits.push({ start: object.range[0], end: object.range[1], text: serializeJSON(Object.fromEntries(missing), document.layout, lineIndentAt(document.text, object.range[0])) });
    return edits;
  }
  const inserts = missing.map(([key, value]) => insertProperty(document, object, key, value));
  edits.push({ start: inserts[0]!.start, end: inserts[0]!.end, text: inserts.map((insert) => insert.text).join('') });
  return edits;
}
