import { findProperty, isObject, type JSONExpression, type JSONObject, type JSONProperty, type JSONArray } from '../manifest/json-ast.js';
import type { InnerEdit, TextEdit } from '../manifest/create-options.js';
import { lineIndentAt, startsLine } from '../manifest/text-style.js';
import { serializeJSON, serializeProperty, type JSONLayout } from './serialize.js';

/**
 * A JSON document being edited: the file itself, or the decoded text of a createOptions value.
 * Offsets of its nodes are offsets in `text`; edits come back in the same coordinates.
 */
export interface JSONDocument {
  readonly text: string;
  readonly layout: JSONLayout;
}

/** An edit of the file's own document as a file edit (its offsets are already file offsets). */
export function toFileEdit(edit: InnerEdit): TextEdit {
  return { range: [edit.start, edit.end], text: edit.text };
}

/** True when the object's members sit on their own lines. */
function isMultiline(document: JSONDocument, object: JSONObject | JSONArray): boolean {
  const text = document.text;
  const first = object.type === 'JSONObjectExpression' ? object.properties[0] : object.elements.find((element) => element);
  if (!first) return document.layout !== 'compact' && text.slice(object.range[0], object.range[1]).includes('\n');
  return startsLine(text, first.range[0]);
}

function isSpaced(document: JSONDocument, object: JSONObject): boolean {
  if (document.layout !== 'compact') return true;
  const first = object.properties[0];
  if (!first) return false;
  return document.text.slice(first.key.range[1], first.value.range[0]).includes(' ');
}

/** Indentation of the members of an object or array. */
function memberIndent(document: JSONDocument, container: JSONObject | JSONArray): string {
  const text = document.text;
  const first = container.type === 'JSONObjectExpression' ? container.properties[0] : container.elements.find((element) => element);
  if (first && startsLine(text, first.range[0])) return lineIndentAt(text, first.range[0]);
  const unit = document.layout === 'compact' ? '' : document.layout.indentUnit;
  return lineIndentAt(text, container.range[0]) + unit;
}

function eolOf(document: JSONDocument): string {
  return document.layout === 'compact' ? '\n' : document.layout.eol;
}

/** Adds `"key": value` as the last member of `object`. */
export function insertProperty(document: JSONDocument, object: JSONObject, key: string, value: unknown): InnerEdit {
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    if (document.layout === 'compact') {
      return { start: object.range[0], end: object.range[1], text: `{${serializeProperty(key, value, document.layout)}}` };
    }
    const outer = lineIndentAt(document.text, object.range[0]);
    const inner = outer + document.layout.indentUnit;
    const eol = eolOf(document);
    return {
      start: object.range[0],
      end: object.range[1],
      text: `{${eol}${inner}${serializeProperty(key, value, document.layout, inner)}${eol}${outer}}`,
    };
  }
  if (isMultiline(document, object)) {
    const indent = memberIndent(document, object);
    return { start: last.range[1], end: last.range[1], text: `,${eolOf(document)}${indent}${serializeProperty(key, value, document.layout, indent)}` };
  }
  const spaced = isSpaced(document, object);
  const layout: JSONLayout = 'compact';
  return { start: last.range[1], end: last.range[1], text: `,${spaced ? ' ' : ''}${serializeProperty(key, value, layout, '', spaced)}` };
}

/**
 * Adds members as the last ones of `object` in one edit (two insertions at one offset would have no
 * defined order); an empty object is rewritten whole, laid out like the document. Null when there is
 * nothing to add.
 */
export function insertProperties(document: JSONDocument, object: JSONObject, members: readonly (readonly [string, unknown])[]): InnerEdit | null {
  if (members.length === 0) return null;
  if (object.properties.length === 0) {
    return { start: object.range[0], end: object.range[1], text: serializeJSON(Object.fromEntries(members), document.layout, lineIndentAt(document.text, object.range[0])) };
  }
  const inserts = members.map(([key, value]) => insertProperty(document, object, key, value));
  return { start: inserts[0]!.start, end: inserts[0]!.end, text: inserts.map((insert) => insert.text).join('') };
}

/**
 * Edits that remove several members of an array or object at once without two edits overlapping (so
 * they can travel in one fix): a member after a kept one goes with the comma before it, a member of the
 * leading run with the comma after it.
 */
export function removeMembers(members: readonly ({ range: [number, number] } | null)[], container: { range: [number, number] }, indexes: ReadonlySet<number>): InnerEdit[] {
  const removed = [...indexes].filter((index) => index >= 0 && index < members.length).sort((a, b) => a - b);
  if (removed.length === members.length) return [{ start: container.range[0] + 1, end: container.range[1] - 1, text: '' }];
  // Work over the removed indexes only: one removal from a long array stays cheap.
  const edits: InnerEdit[] = [];
  removed.forEach((index, order) => {
    const member = members[index]!;
    // Some member before this one stays when fewer than `index` members before it are removed.
    if (index > order) edits.push({ start: members[index - 1]!.range[1], end: member.range[1], text: '' });
    else edits.push({ start: member.range[0], end: members[index + 1]!.range[0], text: '' });
  });
  return edits;
}

/** Removes several members of one object (see `removeMembers`). */
export function removeProperties(object: JSONObject, properties: ReadonlySet<JSONProperty>): InnerEdit[] {
  const indexes = new Set(object.properties.flatMap((property, index) => (properties.has(property) ? [index] : [])));
  return removeMembers(object.properties, object, indexes);
}

/** Removes a member of an object, with the comma that separated it. */
export function removeProperty(object: JSONObject, property: JSONProperty): InnerEdit {
  return removeMembers(object.properties, object, new Set([object.properties.indexOf(property)]))[0]!;
}

/** Removes an element of an array, with the comma that separated it. */
export function removeElement(array: JSONArray, index: number): InnerEdit {
  return removeMembers(array.elements, array, new Set([index]))[0]!;
}

/** Replaces a value with the JSON of `value`, laid out from the indentation of its line. */
export function replaceValue(document: JSONDocument, node: JSONExpression, value: unknown): InnerEdit {
  const indent = lineIndentAt(document.text, node.range[0]);
  return { start: node.range[0], end: node.range[1], text: serializeJSON(value, node.type === 'JSONObjectExpression' || node.type === 'JSONArrayExpression' ? layoutFor(document, node) : 'compact', indent) };
}

/** Keeps a one-line object or array on one line. */
function layoutFor(document: JSONDocument, container: JSONObject | JSONArray): JSONLayout {
  return isMultiline(document, container) ? document.layout : 'compact';
}

/** Renames the key of a property, keeping its value untouched. */
export function renameKey(property: JSONProperty, newKey: string): InnerEdit {
  return { start: property.key.range[0], end: property.key.range[1], text: JSON.stringify(newKey) };
}

/** Appends an element to an array; into an empty array it is written on one line (`appendToArray` lays it out). */
export function appendElement(document: JSONDocument, array: JSONArray, value: unknown): InnerEdit {
  return appendElements(document, array, [value])!;
}

/**
 * Appends several elements in one edit (two insertions at one offset would have no defined order).
 * The separators are laid out here, for the whole run: pasting single appends together would leave
 * no comma between the first two when the array is empty, since the first append into an empty
 * array carries no separator of its own. Null when there is nothing to append.
 */
export function appendElements(document: JSONDocument, array: JSONArray, values: readonly unknown[]): InnerEdit | null {
  if (values.length === 0) return null;
  const last = array.elements[array.elements.length - 1];
  if (!last) {
    // One line, members separated as JSON.stringify separates them.
    return { start: array.range[0] + 1, end: array.range[1] - 1, text: values.map((value) => serializeJSON(value, 'compact')).join(',') };
  }
  if (isMultiline(document, array)) {
    const indent = memberIndent(document, array);
    const text = values.map((value) => `,${eolOf(document)}${indent}${serializeJSON(value, document.layout, indent)}`).join('');
    return { start: last.range[1], end: last.range[1], text };
  }
  const separator = document.text.slice(array.range[0], array.range[1]).includes(', ') ? ', ' : ',';
  return { start: last.range[1], end: last.range[1], text: values.map((value) => `${separator}${serializeJSON(value, 'compact')}`).join('') };
}

/** Appends an element; an empty array in a laid-out document is laid out like the rest, not written on one line. */
export function appendToArray(document: JSONDocument, array: JSONArray, value: unknown): InnerEdit {
  if (array.elements.length > 0 || document.layout === 'compact') return appendElement(document, array, value);
  return { start: array.range[0], end: array.range[1], text: serializeJSON([value], document.layout, lineIndentAt(document.text, array.range[0])) };
}

/**
 * Sets the value at a path of object keys, creating the missing objects on the way and keeping every
 * member that is already there. Returns null when something on the way is not an object.
 */
export function setAtPath(
  document: JSONDocument,
  root: JSONObject,
  path: readonly string[],
  value: unknown,
  options: { ignoreCase?: boolean } = {},
): InnerEdit | null {
  let object = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const property = findProperty(object, key, options);
    if (!property) {
      let nested: unknown = value;
      for (let j = path.length - 1; j > i; j--) nested = { [path[j]!]: nested };
      return insertProperty(document, object, key, nested);
    }
    if (i === path.length - 1) return replaceValue(document, property.value, value);
    if (!isObject(property.value)) return null;
    object = property.value;
  }
  return null;
}
