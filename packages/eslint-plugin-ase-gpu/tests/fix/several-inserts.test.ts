import { describe, expect, it } from 'vitest';
import { appendElement, appendElements, insertProperties, type JSONDocument } from '../../src/fix/json-edits.js';
import { insertMovedMembers } from '../../src/fix/move-members.js';
import { applyInnerEdits } from '../../src/manifest/create-options.js';
import { isArray, isObject, type JSONArray, type JSONObject } from '../../src/manifest/json-ast.js';
import { parseJSONText } from '../../src/manifest/parse-json.js';
import { detectTextStyle } from '../../src/manifest/text-style.js';

// Several values appended to one container travel as one edit; its separators must hold for every
// starting shape, above all the empty container, whose first member carries no comma of its own.

function documentOf(text: string, compact: boolean): { document: JSONDocument; root: JSONObject } {
  const program = parseJSONText(text, 'JSON');
  const root = program.body[0]!.expression;
  if (!isObject(root)) throw new Error('test text must be an object');
  return { document: { text, layout: compact ? 'compact' : detectTextStyle(text) }, root };
}

function member(root: JSONObject, key: string): JSONObject | JSONArray {
  const value = root.properties.find((property) => property.key.type === 'JSONLiteral' && property.key.value === key)!.value;
  if (!isObject(value) && !isArray(value)) throw new Error(`${key} is no container`);
  return value;
}

const A = { Type: 'bind', Source: '/a', Target: '/a' };
const B = { Type: 'bind', Source: '/b', Target: '/b' };

describe('appendElements', () => {
  it('separates every element appended to an empty array (the corrupting no-binds fix)', () => {
    const text = '{"Mounts":[]}';
    const { document, root } = documentOf(text, true);
    const edit = appendElements(document, member(root, 'Mounts') as JSONArray, [A, B])!;
    const result = applyInnerEdits(text, [edit]);
    expect(result).toBe('{"Mounts":[{"Type":"bind","Source":"/a","Target":"/a"},{"Type":"bind","Source":"/b","Target":"/b"}]}');
    expect(JSON.parse(result)).toEqual({ Mounts: [A, B] });
  });

  it('separates three appends to an empty array with whitespace inside', () => {
    const text = '{"L":[ ]}';
    const { document, root } = documentOf(text, true);
    const result = applyInnerEdits(text, [appendElements(document, member(root, 'L') as JSONArray, [1, 'x', {}])!]);
    expect(result).toBe('{"L":[1,"x",{}]}');
  });

  it('keeps the spacing of a one-line array that already has members', () => {
    const text = '{"L": [1, 2]}';
    const { document, root } = documentOf(text, false);
    expect(applyInnerEdits(text, [appendElements(document, member(root, 'L') as JSONArray, [3, 4])!])).toBe('{"L": [1, 2, 3, 4]}');
  });

  it('puts each element on its own line in a multi-line array', () => {
    const text = '{\r\n  "L": [\r\n    1\r\n  ]\r\n}';
    const { document, root } = documentOf(text, false);
    expect(applyInnerEdits(text, [appendElements(document, member(root, 'L') as JSONArray, [2, 3])!])).toBe('{\r\n  "L": [\r\n    1,\r\n    2,\r\n    3\r\n  ]\r\n}');
  });

  it('gives nothing to append as null, and one element as appendElement does', () => {
    const text = '{"L":[]}';
    const { document, root } = documentOf(text, true);
    const array = member(root, 'L') as JSONArray;
    expect(appendElements(document, array, [])).toBeNull();
    expect(appendElements(document, array, [1])).toEqual(appendElement(document, array, 1));
  });
});

describe('insertProperties and insertMovedMembers', () => {
  it('separate several members inserted into an empty object', () => {
    const text = '{"O":{}}';
    const { document, root } = documentOf(text, true);
    const object = member(root, 'O') as JSONObject;
    expect(applyInnerEdits(text, [insertProperties(document, object, [['a', 1], ['b', []], ['c', {}]])!])).toBe('{"O":{"a":1,"b":[],"c":{}}}');
    const moved = insertMovedMembers(document, object, [
      { key: 'a', valueText: '1', fromIndent: '' },
      { key: 'b', valueText: '[]', fromIndent: '' },
    ])!;
    expect(applyInnerEdits(text, [moved])).toBe('{"O":{"a":1,"b":[]}}');
  });

  it('separate several members inserted after existing ones', () => {
    const text = '{"O":{"x":0}}';
    const { document, root } = documentOf(text, true);
    const object = member(root, 'O') as JSONObject;
    expect(applyInnerEdits(text, [insertProperties(document, object, [['a', 1], ['b', 2]])!])).toBe('{"O":{"x":0,"a":1,"b":2}}');
    const moved = insertMovedMembers(document, object, [
      { key: 'a', valueText: '1', fromIndent: '' },
      { key: 'b', valueText: '2', fromIndent: '' },
    ])!;
    expect(applyInnerEdits(text, [moved])).toBe('{"O":{"x":0,"a":1,"b":2}}');
  });

  it('lay out several members inserted into an empty object of a laid-out document', () => {
    const text = '{\n  "O": {}\n}';
    const { document, root } = documentOf(text, false);
    const result = applyInnerEdits(text, [insertProperties(document, member(root, 'O') as JSONObject, [['a', 1], ['b', 2]])!]);
    expect(result).toBe('{\n  "O": {\n    "a": 1,\n    "b": 2\n  }\n}');
  });
});
