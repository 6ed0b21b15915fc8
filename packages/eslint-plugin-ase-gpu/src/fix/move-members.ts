import type { InnerEdit } from '../manifest/create-options.js';
import { keyName, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { lineIndentAt } from '../manifest/text-style.js';
import { insertProperty, type JSONDocument } from './json-edits.js';

/** A member to insert whose value keeps the text the file wrote (only its indentation follows the move). */
export interface MovedMember {
  readonly key: string;
  readonly valueText: string;
  /** Indentation of the line the value was written under. */
  readonly fromIndent: string;
}

/** The member as it stands in the document, to be moved elsewhere under `key` (its own key by default). */
export function movedMember(document: JSONDocument, property: JSONProperty, key = keyName(property)): MovedMember {
  return {
    key,
    valueText: document.text.slice(property.value.range[0], property.value.range[1]),
    fromIndent: lineIndentAt(document.text, property.range[0]),
  };
}

function reindent(text: string, fromIndent: string, toIndent: string): string {
  if (fromIndent === toIndent || !text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(fromIndent) ? toIndent + line.slice(fromIndent.length) : line))
    .join('\n');
}

// A value insertProperty lays out like any other, then replaced by the member's own text.
const SENTINEL = 'ase-gpu-moved-member-value';
const SENTINEL_JSON = JSON.stringify(SENTINEL);

/**
 * Appends members to `object` in one edit (two insertions at one offset would have no defined order),
 * laid out as `insertProperty` lays out new members, each value keeping its own text: moving a
 * section must not re-serialise what the user wrote (numbers keep their digits, templates their
 * comments).
 */
export function insertMovedMembers(document: JSONDocument, object: JSONObject, members: readonly MovedMember[]): InnerEdit | null {
  if (members.length === 0) return null;
  if (object.properties.length === 0) {
    const layout = document.layout;
    if (layout === 'compact') {
      return { start: object.range[0], end: object.range[1], text: `{${members.map((member) => `${JSON.stringify(member.key)}:${member.valueText}`).join(',')}}` };
    }
    const outer = lineIndentAt(document.text, object.range[0]);
    const inner = outer + layout.indentUnit;
    const body = members.map((member) => `${JSON.stringify(member.key)}: ${reindent(member.valueText, member.fromIndent, inner)}`).join(`,${layout.eol}${inner}`);
    return { start: object.range[0], end: object.range[1], text: `{${layout.eol}${inner}${body}${layout.eol}${outer}}` };
  }
  const texts = members.map((member) => {
    const probe = insertProperty(document, object, member.key, SENTINEL);
    const at = probe.text.lastIndexOf(SENTINEL_JSON);
    const before = probe.text.slice(0, at);
    const lineStart = before.lastIndexOf('\n') + 1;
    const indent = lineStart > 0 ? (/^[ \t]*/u.exec(before.slice(lineStart))?.[0] ?? '') : lineIndentAt(document.text, probe.start);
    return `${before}${reindent(member.valueText, member.fromIndent, indent)}${probe.text.slice(at + SENTINEL_JSON.length)}`;
  });
  const start = object.properties[object.properties.length - 1]!.range[1];
  return { start, end: start, text: texts.join('') };
}
