import { parseJSON } from 'jsonc-eslint-parser';
import { describe, expect, it } from 'vitest';
import { compactJSON } from '../../src/fix/compact-json.js';
import { appendElements, insertProperty, removeMembers, replaceValue, setAtPath, type JSONDocument } from '../../src/fix/json-edits.js';
import { createOptionsKeyCase, mergeIntoCreateOptions, mergeIntoObject } from '../../src/fix/merge-object.js';
import { insertMovedMembers, movedMember } from '../../src/fix/move-members.js';
import { applyInnerEdits, type InnerEdit } from '../../src/manifest/create-options.js';
import { isArray, isObject, type JSONArray, type JSONNode, type JSONObject, type JSONProperty } from '../../src/manifest/json-ast.js';
import { parseJSONText } from '../../src/manifest/parse-json.js';
import { detectTextStyle } from '../../src/manifest/text-style.js';

// What each edit writes, character for character, for the layouts a manifest or a createOptions
// string can have: laid out (the file), compact (a createOptions string, one line or several).

interface Doc {
  readonly text: string;
  readonly document: JSONDocument;
  readonly root: JSONObject;
}

function laidOut(text: string): Doc {
  return documentOf(text, false);
}

function compact(text: string): Doc {
  return documentOf(text, true);
}

function documentOf(text: string, isCompact: boolean): Doc {
  const root = parseJSONText(text, 'JSON').body[0]!.expression;
  if (!isObject(root)) throw new Error('test text must be an object');
  return { text, document: { text, layout: isCompact ? 'compact' : detectTextStyle(text) }, root };
}

function property(object: JSONObject, key: string): JSONProperty {
  const found = object.properties.find((candidate) => candidate.key.type === 'JSONLiteral' && candidate.key.value === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

function objectAt(object: JSONObject, key: string): JSONObject {
  const value = property(object, key).value;
  if (!isObject(value)) throw new Error(`${key} is no object`);
  return value;
}

function arrayAt(object: JSONObject, key: string): JSONArray {
  const value = property(object, key).value;
  if (!isArray(value)) throw new Error(`${key} is no array`);
  return value;
}

function apply(doc: Doc, edits: readonly (InnerEdit | null)[] | InnerEdit | null): string {
  const list = Array.isArray(edits) ? edits : [edits];
  return applyInnerEdits(doc.text, list.filter((edit): edit is InnerEdit => edit !== null));
}

describe('insertProperty', () => {
  it('lays out a member added to an empty object of a laid-out file, with its line endings', () => {
    const lf = laidOut('{\n  "x": {}\n}');
    expect(apply(lf, insertProperty(lf.document, objectAt(lf.root, 'x'), 'b', { c: 1 }))).toBe('{\n  "x": {\n    "b": {\n      "c": 1\n    }\n  }\n}');
    const crlf = laidOut('{\r\n\t"x": {}\r\n}');
    expect(apply(crlf, insertProperty(crlf.document, objectAt(crlf.root, 'x'), 'b', 1))).toBe('{\r\n\t"x": {\r\n\t\t"b": 1\r\n\t}\r\n}');
  });

  it('writes a member added to an empty compact object on one line', () => {
    const doc = compact('{"x":{}}');
    expect(apply(doc, insertProperty(doc.document, objectAt(doc.root, 'x'), 'b', [1, 2]))).toBe('{"x":{"b":[1,2]}}');
  });

  it('indents a member added to a multi-line object as its members are, whatever the unit', () => {
    const doc = laidOut('{\n  "x": {\n      "a": 1\n  }\n}');
    expect(apply(doc, insertProperty(doc.document, objectAt(doc.root, 'x'), 'b', 2))).toBe('{\n  "x": {\n      "a": 1,\n      "b": 2\n  }\n}');
  });

  it('puts a member added to a multi-line compact text on its own line, unspaced', () => {
    const doc = compact('{\n  "a":1\n}');
    expect(apply(doc, insertProperty(doc.document, doc.root, 'b', { c: 2 }))).toBe('{\n  "a":1,\n  "b":{"c":2}\n}');
  });

  it('spaces a member added to a one-line object as the object is spaced', () => {
    const spaced = compact('{"a": 1}');
    expect(apply(spaced, insertProperty(spaced.document, spaced.root, 'b', 2))).toBe('{"a": 1, "b": 2}');
    const tight = compact('{"a":1,"s":"x y"}');
    expect(apply(tight, insertProperty(tight.document, tight.root, 'b', 2))).toBe('{"a":1,"s":"x y","b":2}');
    // In a laid-out file a one-line object gets the file's spacing.
    const file = laidOut('{\n  "x": {"a":1}\n}');
    expect(apply(file, insertProperty(file.document, objectAt(file.root, 'x'), 'b', { c: 2 }))).toBe('{\n  "x": {"a":1, "b": {"c":2}}\n}');
  });
});

describe('appendElements', () => {
  it('separates appended elements as the array separates its own, whatever the rest of the text does', () => {
    const doc = compact('{"l":[1,2],"s":"x, y"}');
    expect(apply(doc, appendElements(doc.document, arrayAt(doc.root, 'l'), [3]))).toBe('{"l":[1,2,3],"s":"x, y"}');
  });
});

describe('replaceValue', () => {
  it('keeps an empty object on one line unless it spans lines in a laid-out file', () => {
    const one = laidOut('{\n  "x": {}\n}');
    expect(apply(one, replaceValue(one.document, property(one.root, 'x').value, { a: 1 }))).toBe('{\n  "x": {"a":1}\n}');
    const open = laidOut('{\n  "x": {\n  }\n}');
    expect(apply(open, replaceValue(open.document, property(open.root, 'x').value, { a: 1 }))).toBe('{\n  "x": {\n    "a": 1\n  }\n}');
    const inner = compact('{"x":{\n}}');
    expect(apply(inner, replaceValue(inner.document, property(inner.root, 'x').value, { a: 1 }))).toBe('{"x":{"a":1}}');
  });

  it('lays out an array as its first element is laid out', () => {
    const doc = laidOut('{\n  "x": [1,\n    2]\n}');
    expect(apply(doc, replaceValue(doc.document, property(doc.root, 'x').value, [3, 4]))).toBe('{\n  "x": [3,4]\n}');
    const open = laidOut('{\n  "x": [\n    1\n  ]\n}');
    expect(apply(open, replaceValue(open.document, property(open.root, 'x').value, [3, 4]))).toBe('{\n  "x": [\n    3,\n    4\n  ]\n}');
  });

  it('writes an object that replaces a scalar on one line', () => {
    const doc = laidOut('{\n  "x": 1\n}');
    expect(apply(doc, replaceValue(doc.document, property(doc.root, 'x').value, { a: 1 }))).toBe('{\n  "x": {"a":1}\n}');
  });
});

describe('removeMembers', () => {
  const doc = compact('{"l":[1,2,3,4]}');
  const list = arrayAt(doc.root, 'l');

  it('removes a leading run with the commas after it, in whatever order the indexes come', () => {
    expect(apply(doc, removeMembers(list.elements, list, new Set([1, 0])))).toBe('{"l":[3,4]}');
    expect(apply(doc, removeMembers(list.elements, list, new Set([3, 0, 2])))).toBe('{"l":[2]}');
    expect(apply(doc, removeMembers(list.elements, list, new Set([3, 1, 0, 2])))).toBe('{"l":[]}');
  });

  it('ignores indexes outside the list', () => {
    expect(apply(doc, removeMembers(list.elements, list, new Set([-1, 4, 2])))).toBe('{"l":[1,2,4]}');
  });

  it('orders two-digit indexes as numbers', () => {
    const long = compact(`{"l":[${Array.from({ length: 12 }, (_, index) => index).join(',')}]}`);
    const elements = arrayAt(long.root, 'l');
    expect(apply(long, removeMembers(elements.elements, elements, new Set([10, 0, 9, 1])))).toBe('{"l":[2,3,4,5,6,7,8,11]}');
  });
});

describe('setAtPath', () => {
  const doc = compact('{"a":{"b":1},"s":"x"}');

  it('creates what is missing on the way and replaces the leaf', () => {
    expect(apply(doc, setAtPath(doc.document, doc.root, ['a', 'c', 'd'], 2))).toBe('{"a":{"b":1,"c":{"d":2}},"s":"x"}');
    expect(apply(doc, setAtPath(doc.document, doc.root, ['a', 'b'], 3))).toBe('{"a":{"b":3},"s":"x"}');
    expect(apply(doc, setAtPath(doc.document, doc.root, ['A', 'b'], 3, { ignoreCase: true }))).toBe('{"a":{"b":3},"s":"x"}');
  });

  it('gives up on a path through a value that is not an object, or an empty path', () => {
    expect(setAtPath(doc.document, doc.root, ['s', 'b'], 3)).toBeNull();
    expect(setAtPath(doc.document, doc.root, [], 3)).toBeNull();
  });
});

describe('mergeIntoObject', () => {
  it('adds what is missing, one insertion per object, and never overwrites', () => {
    const doc = compact('{"a":{"b":1}}');
    expect(apply(doc, mergeIntoObject(doc.document, doc.root, { a: { c: 2, d: { e: 3 } }, f: 4 })!)).toBe('{"a":{"b":1,"c":2,"d":{"e":3}},"f":4}');
    expect(mergeIntoObject(doc.document, doc.root, { a: { b: 2 } })).toBeNull();
    expect(mergeIntoObject(doc.document, doc.root, { a: 2 })).toBeNull();
    expect(mergeIntoObject(doc.document, doc.root, { a: [2] })).toBeNull();
    expect(mergeIntoObject(doc.document, doc.root, { a: null })).toBeNull();
    expect(mergeIntoObject(doc.document, objectAt(doc.root, 'a'), { b: { c: 1 } })).toBeNull();
  });

  it('matches keys exactly unless told otherwise', () => {
    const doc = compact('{"A":{}}');
    expect(apply(doc, mergeIntoObject(doc.document, doc.root, { a: { b: 1 } })!)).toBe('{"A":{},"a":{"b":1}}');
    expect(apply(doc, mergeIntoObject(doc.document, doc.root, { a: { b: 1 } }, { ignoreCase: (path) => path.length === 1 })!)).toBe('{"A":{"b":1}}');
  });
});

describe('mergeIntoCreateOptions', () => {
  it('matches keys as the agent reads them: the top two levels in any case', () => {
    const doc = compact('{"hostconfig":{"memory":5}}');
    expect(mergeIntoCreateOptions(doc.document, doc.root, { HostConfig: { Memory: 1 } })).toBeNull();
    expect(apply(doc, mergeIntoCreateOptions(doc.document, doc.root, { HostConfig: { ShmSize: 1 } })!)).toBe('{"hostconfig":{"memory":5,"ShmSize":1}}');
    const deeper = compact('{"HostConfig":{"LogConfig":{"type":"y"}}}');
    expect(apply(deeper, mergeIntoCreateOptions(deeper.document, deeper.root, { HostConfig: { LogConfig: { Type: 'x' } } })!)).toBe('{"HostConfig":{"LogConfig":{"type":"y","Type":"x"}}}');
  });

  it('matches k8s-experimental exactly, its keys and the lists of resources in any case, resource names exactly', () => {
    const doc = compact('{"k8s-experimental":{"Resources":{"Limits":{"NVIDIA.com/gpu":2}}}}');
    expect(apply(doc, mergeIntoCreateOptions(doc.document, doc.root, { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } })!)).toBe(
      '{"k8s-experimental":{"Resources":{"Limits":{"NVIDIA.com/gpu":2,"nvidia.com/gpu":1}}}}',
    );
    const other = compact('{"K8s-Experimental":{}}');
    expect(apply(other, mergeIntoCreateOptions(other.document, other.root, { 'k8s-experimental': { nodeSelector: { a: 'b' } } })!)).toBe('{"K8s-Experimental":{},"k8s-experimental":{"nodeSelector":{"a":"b"}}}');
  });

  it('createOptionsKeyCase: which level of a createOptions path is matched in any case', () => {
    expect(createOptionsKeyCase(['HostConfig'])).toBe(true);
    expect(createOptionsKeyCase(['HostConfig', 'Memory'])).toBe(true);
    expect(createOptionsKeyCase(['HostConfig', 'LogConfig', 'Type'])).toBe(false);
    expect(createOptionsKeyCase(['k8s-experimental'])).toBe(false);
    expect(createOptionsKeyCase(['k8s-experimental', 'resources'])).toBe(true);
    expect(createOptionsKeyCase(['k8s-experimental', 'Resources', 'limits'])).toBe(true);
    expect(createOptionsKeyCase(['k8s-experimental', 'nodeSelector', 'zone'])).toBe(false);
    expect(createOptionsKeyCase(['k8s-experimental', 'resources', 'limits', 'nvidia.com/gpu'])).toBe(false);
  });
});

describe('insertMovedMembers', () => {
  it('gives nothing to move as null', () => {
    const doc = compact('{"a":1}');
    expect(insertMovedMembers(doc.document, doc.root, [])).toBeNull();
  });

  it('lays out members moved into an empty object of a laid-out file, keeping their text', () => {
    const doc = laidOut('{\n  "from": {\n    "n": 1.50,\n    "o": {\n      "p": 1\n    }\n  },\n  "to": {}\n}');
    const from = objectAt(doc.root, 'from');
    const members = from.properties.map((member) => movedMember(doc.document, member));
    expect(apply(doc, insertMovedMembers(doc.document, objectAt(doc.root, 'to'), members))).toBe(
      '{\n  "from": {\n    "n": 1.50,\n    "o": {\n      "p": 1\n    }\n  },\n  "to": {\n    "n": 1.50,\n    "o": {\n      "p": 1\n    }\n  }\n}',
    );
  });

  it('re-indents a moved multi-line value to where it lands, from a line without indentation too', () => {
    const doc = laidOut('{\n"from": {\n"o": {\n"p": 1\n}\n},\n  "to": {\n      "q": 2\n  }\n}');
    const member = movedMember(doc.document, property(objectAt(doc.root, 'from'), 'o'), 'moved');
    expect(apply(doc, insertMovedMembers(doc.document, objectAt(doc.root, 'to'), [member]))).toBe(
      '{\n"from": {\n"o": {\n"p": 1\n}\n},\n  "to": {\n      "q": 2,\n      "moved": {\n      "p": 1\n      }\n  }\n}',
    );
  });

  it('re-indents a multi-line value moved into a one-line object from the line it lands on', () => {
    const doc = laidOut('{\n  "a": {\n        "o": {\n          "p": 1\n        }\n  },\n  "t": {"k": 1}\n}');
    const member = movedMember(doc.document, property(objectAt(doc.root, 'a'), 'o'));
    expect(apply(doc, insertMovedMembers(doc.document, objectAt(doc.root, 't'), [member]))).toBe(
      '{\n  "a": {\n        "o": {\n          "p": 1\n        }\n  },\n  "t": {"k": 1, "o": {\n    "p": 1\n  }}\n}',
    );
  });
});

describe('compactJSON', () => {
  const valueOf = (text: string): JSONNode => parseJSON(text, { jsonSyntax: 'JSON5' }).body[0]!.expression as unknown as JSONNode;

  it('keeps the digits the file wrote, and writes the rest as JSON.stringify does', () => {
    expect(compactJSON(valueOf('{ "a": [1e400, -0.50, null, true, "x"], "b": {} }'))).toBe('{"a":[1e400,-0.50,null,true,"x"],"b":{}}');
  });

  it('gives null for what plain JSON cannot say, or a key given twice', () => {
    expect(compactJSON(undefined)).toBeNull();
    expect(compactJSON(null)).toBeNull();
    for (const text of ['{"a": 1, "a": 2}', '[1, +1]', '{"a": [Infinity]}', '{"a": -Infinity}', '[0x10]', '[-0x10]', '{"a": [1, [NaN]]}']) expect(compactJSON(valueOf(text)), text).toBeNull();
  });
});
