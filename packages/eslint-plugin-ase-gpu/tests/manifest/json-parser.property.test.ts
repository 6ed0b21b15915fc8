import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastJSONError, MAX_DEPTH, parseCreateOptionsJSON, parseStrictJSON } from '../../src/manifest/json-parser.js';
import { parseJSONText } from '../../src/manifest/parse-json.js';

type AnyNode = Record<string, unknown> & { type: string; range: [number, number]; parent?: unknown };

/** Structural equality of two trees: every field the model reads, `loc`, and the parent links. */
function expectSameTree(actual: AnyNode, expected: AnyNode, path = '$'): void {
  expect([path, actual.type, actual.range, actual.loc]).toEqual([path, expected.type, expected.range, expected.loc]);
  switch (expected.type) {
    case 'Program': {
      const [a, e] = [actual.body as AnyNode[], expected.body as AnyNode[]];
      expect(a.length).toBe(e.length);
      a.forEach((statement, i) => {
        expect(statement.parent).toBe(actual);
        expectSameTree(statement, e[i]!, `${path}.body[${i}]`);
      });
      break;
    }
    case 'JSONExpressionStatement':
      expect((actual.expression as AnyNode).parent).toBe(actual);
      expectSameTree(actual.expression as AnyNode, expected.expression as AnyNode, path);
      break;
    case 'JSONObjectExpression': {
      const [a, e] = [actual.properties as AnyNode[], expected.properties as AnyNode[]];
      expect(a.length).toBe(e.length);
      a.forEach((property, i) => {
        expect(property.parent).toBe(actual);
        expectSameTree(property, e[i]!, `${path}{${i}}`);
      });
      break;
    }
    case 'JSONArrayExpression': {
      const [a, e] = [actual.elements as AnyNode[], expected.elements as AnyNode[]];
      expect(a.length).toBe(e.length);
      a.forEach((element, i) => {
        expect(element.parent).toBe(actual);
        expectSameTree(element, e[i]!, `${path}[${i}]`);
      });
      break;
    }
    case 'JSONProperty':
      expect([actual.method, actual.shorthand, actual.computed, actual.start, actual.end]).toEqual([expected.method, expected.shorthand, expected.computed, expected.start, expected.end]);
      expect((actual.key as AnyNode).parent).toBe(actual);
      expect((actual.value as AnyNode).parent).toBe(actual);
      expectSameTree(actual.key as AnyNode, expected.key as AnyNode, `${path}.key`);
      expectSameTree(actual.value as AnyNode, expected.value as AnyNode, `${path}.value`);
      break;
    case 'JSONUnaryExpression':
      expect([actual.operator, actual.prefix]).toEqual([expected.operator, expected.prefix]);
      expect((actual.argument as AnyNode).parent).toBe(actual);
      expectSameTree(actual.argument as AnyNode, expected.argument as AnyNode, `${path}.argument`);
      break;
    case 'JSONLiteral':
      expect([actual.start, actual.end, actual.raw]).toEqual([expected.start, expected.end, expected.raw]);
      expect(Object.is(actual.value, expected.value)).toBe(true);
      break;
    default:
      throw new Error(`unexpected node type ${expected.type}`);
  }
}

/** jsonc-eslint-parser as the model used it for createOptions (raw U+2028/U+2029 in strings allowed). */
const reference = (text: string): AnyNode => parseJSONText(text, 'JSON') as unknown as AnyNode;

// ---- generators: JSON text with every escape, unicode, number forms and random whitespace ------------

const space = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '  '), { maxLength: 3 }).map((parts) => parts.join(''));

const shortEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character of a JSON string, written raw, as a short escape or as `\uXXXX` (either case). */
const stringUnit = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.constantFrom('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u2028', '\u2029', '\u0000', '\u001f', '\ud800', '\udfff', 'é', '😀'),
    ),
    fc.nat(3),
  )
  .map(([char, how]) => {
    const code = char.charCodeAt(0);
    const mustEscape = code < 0x20 || char === '"' || char === '\\';
    if (how === 0 && shortEscapes[char]) return shortEscapes[char]!;
    if (how === 1 || (mustEscape && !shortEscapes[char])) {
      const hex = code.toString(16).padStart(4, '0');
      return `\\u${how === 1 && code % 2 === 0 ? hex.toUpperCase() : hex}`;
    }
    if (mustEscape) return shortEscapes[char]!;
    return char;
  });

const jsonString = fc.array(stringUnit, { maxLength: 8 }).map((units) => `"${units.join('')}"`);

const digits = (min: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: 4 }).map((d) => d.join(''));
const jsonNumber = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0)).map(([a, b]) => a + b)),
    fc.option(digits(1)),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1))),
  )
  .map(([negative, int, fraction, exponent]) => `${negative ? '-' : ''}${int}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : exponent.join('')}`);

const { json } = fc.letrec<{ json: string; object: string; array: string }>((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, jsonString, jsonNumber, fc.constantFrom('true', 'false', 'null'), tie('object'), tie('array')),
  object: fc
    .tuple(fc.array(fc.tuple(space, jsonString, space, space, tie('json'), space), { maxLength: 4 }), space)
    .map(([members, inner]) => `{${members.length === 0 ? inner : members.map(([a, key, b, c, value, d]) => `${a}${key}${b}:${c}${value}${d}`).join(',')}}`),
  array: fc
    .tuple(fc.array(fc.tuple(space, tie('json'), space), { maxLength: 4 }), space)
    .map(([items, inner]) => `[${items.length === 0 ? inner : items.map(([a, value, b]) => `${a}${value}${b}`).join(',')}]`),
}));

const document = fc.tuple(space, json, space).map(([before, value, after]) => `${before}${value}${after}`);

/** One corruption: a character deleted, inserted or replaced, or the text cut short. */
const corruption = fc.tuple(
  fc.constantFrom('delete', 'insert', 'replace', 'truncate'),
  fc.nat(),
  fc.constantFrom(',', '}', ']', '{', '[', '"', ':', '/', '\\', 'x', '\u00a0', '\ufeff', '\u000b', '0', '-', '.', '+', "'", 'e', '//c\n', '/*c*/'),
);

function corrupt(text: string, [kind, at, char]: [string, number, string]): string {
  const index = at % (text.length + 1);
  switch (kind) {
    case 'delete':
      return text.slice(0, index) + text.slice(index + 1);
    case 'insert':
      return text.slice(0, index) + char + text.slice(index);
    case 'replace':
      return text.slice(0, index) + char + text.slice(index + 1);
    default:
      return text.slice(0, index);
  }
}

function rejects(parse: () => unknown): { index: number } | undefined {
  try {
    parse();
    return undefined;
  } catch (error) {
    return { index: (error as { index?: number }).index ?? -1 };
  }
}

describe('parseStrictJSON', () => {
  it('builds the same tree as jsonc-eslint-parser for any JSON text', () => {
    fc.assert(
      fc.property(document, (text) => {
        expectSameTree(parseStrictJSON(text) as unknown as AnyNode, reference(text));
      }),
      { numRuns: 800 },
    );
  });

  it('keeps one range array per node, made when read, without changing what for-in sees (ESLint RuleTester compares that)', () => {
    const program = parseStrictJSON('{"a": [1, -2, "x"], "b": {"c": null}}');
    const ownKeys = (node: object): string[] => {
      const keys: string[] = [];
      for (const key in node) if (Object.hasOwn(node, key)) keys.push(key);
      return keys;
    };
    const root = program.body[0]!.expression as unknown as { properties: { key: object; value: object }[] };
    const nodes = [program, root, ...root.properties.flatMap((property) => [property, property.key, property.value])] as unknown as { range: [number, number] }[];
    const before = nodes.map(ownKeys);
    const ranges = nodes.map((node) => node.range);
    expect(nodes.map(ownKeys)).toEqual(before);
    nodes.forEach((node, index) => expect(node.range).toBe(ranges[index]));
    expect(ranges[1]).toEqual([0, 37]);
  });

  it('accepts exactly what JSON.parse accepts, and rejects every corruption jsonc-eslint-parser rejects', () => {
    fc.assert(
      fc.property(document, corruption, (text, change) => {
        const corrupted = corrupt(text, change);
        const strict = rejects(() => parseStrictJSON(corrupted));
        const jsonParse = rejects(() => JSON.parse(corrupted));
        const jsonc = rejects(() => parseJSONText(corrupted, 'JSON'));
        // Only the `__proto__` key is JSON that this parser leaves to jsonc-eslint-parser.
        if (!corrupted.includes('__proto__')) expect(strict === undefined).toBe(jsonParse === undefined);
        if (jsonc) expect(strict).toBeDefined();
        if (!strict) expectSameTree(parseStrictJSON(corrupted) as unknown as AnyNode, reference(corrupted));
        if (strict) expect(strict.index).toBeGreaterThanOrEqual(0);
        if (strict) expect(strict.index).toBeLessThanOrEqual(corrupted.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('reports the offset of the first character that cannot continue the JSON', () => {
    expect(rejects(() => parseStrictJSON('{"a": [1, 2,], "b": 1}'))).toEqual({ index: 12 });
    expect(rejects(() => parseStrictJSON('{"a": 1 // no\n}'))).toEqual({ index: 8 });
    expect(rejects(() => parseStrictJSON('{"a": 01}'))).toEqual({ index: 7 });
    expect(rejects(() => parseStrictJSON('{"a": "x\\q"}'))).toEqual({ index: 8 });
    expect(rejects(() => parseStrictJSON('{"a": tru}'))).toEqual({ index: 6 });
    expect(rejects(() => parseStrictJSON('{"a": [1}'))).toEqual({ index: 8 });
    expect(rejects(() => parseStrictJSON('{"a": 1'))).toEqual({ index: 7 });
    expect(rejects(() => parseStrictJSON('{"a": "b'))).toEqual({ index: 6 });
    expect(rejects(() => parseStrictJSON('{} {}'))).toEqual({ index: 3 });
    expect(rejects(() => parseStrictJSON('\u00a0{}'))).toEqual({ index: 0 });
  });

  it('leaves a __proto__ key to jsonc-eslint-parser, which rejects a repeated one', () => {
    expect(() => parseStrictJSON('{"__proto__": 1}')).toThrow(FastJSONError);
    expect(keysOf(parseCreateOptionsJSON('{"__proto__": 1}'))).toEqual(['__proto__']);
    expect(() => parseCreateOptionsJSON('{"__proto__": 1, "__proto__": 2}')).toThrow();
  });

  it('reads 10,000 levels of nesting without recursion and leaves them to jsonc-eslint-parser', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const error = rejects(() => parseStrictJSON(deep));
    expect(error).toEqual({ index: MAX_DEPTH });
    let fallback: unknown;
    try {
      parseCreateOptionsJSON(deep);
    } catch (caught) {
      fallback = caught;
    }
    let direct: unknown;
    try {
      parseJSONText(deep, 'JSON');
    } catch (caught) {
      direct = caught;
    }
    expect(fallback).toBeDefined();
    expect(String(fallback)).toBe(String(direct));
    const justDeepEnough = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
    expectSameTree(parseStrictJSON(justDeepEnough) as unknown as AnyNode, reference(justDeepEnough));
  });

  it('keeps jsonc-eslint-parser messages for texts that are not plain JSON', () => {
    expect(() => parseCreateOptionsJSON('{"a": [1, 2,], "b": 1}')).toThrow("Unexpected token ','.");
    expect(() => parseCreateOptionsJSON('{"a": 1 // no\n}')).toThrow('Unexpected comment.');
    expect(keysOf(parseCreateOptionsJSON('{"a":\u00a01}'))).toEqual(['a']);
  });
});

function keysOf(program: unknown): string[] {
  const root = (program as { body: { expression: { properties: { key: { value: string } }[] } }[] }).body[0]!.expression;
  return root.properties.map((property) => property.key.value);
}
