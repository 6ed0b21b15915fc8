import { Linter } from 'eslint';
import fc from 'fast-check';
import { parseJSON } from 'jsonc-eslint-parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { buildManifestModel } from '../../src/manifest/build-model.js';
import { JSONSyntaxError, parseJSONText } from '../../src/manifest/parse-json.js';
import type { JSONObject } from '../../src/manifest/json-ast.js';

// Regression: acorn (under jsonc-eslint-parser) rejects a raw U+2028/U+2029 in a string, which JSON allows.
describe('parseJSONText', () => {
  it('parses raw line and paragraph separators inside strings, keeping values, raws and offsets', () => {
    const text = '{"a\u2028": "x\u2029y", "b": "\\u2028"}';
    const program = parseJSONText(text, 'JSON');
    const object = program.body[0]!.expression as JSONObject;
    const [first, second] = object.properties;
    expect(first!.key).toMatchObject({ value: 'a\u2028', raw: '"a\u2028"', range: [1, 5] });
    expect(first!.value).toMatchObject({ value: 'x\u2029y', raw: '"x\u2029y"', range: [7, 12] });
    expect(second!.value).toMatchObject({ value: '\u2028', raw: '"\\u2028"' });
  });

  it('does not confuse a private-use character already in the text with a separator', () => {
    const text = '{"a": "\uE000\u2028\\uE001", "b": "\uE002"}';
    const object = parseJSONText(text, 'JSONC').body[0]!.expression as JSONObject;
    expect(object.properties.map((property) => (property.value as { value: string }).value)).toEqual(['\uE000\u2028\uE001', '\uE002']);
  });

  it('still rejects a separator outside a string, where JSON does not allow it', () => {
    expect(() => parseJSONText('{"a": 1\u2028}', 'JSON')).toThrow(SyntaxError);
  });

  it('gives a createOptions written with \\u2028 its options, and lints the file without a parse error', () => {
    const text = `{"modulesContent": {"$edgeAgent": {"properties.desired": {"schemaVersion": "1.1", "modules": {"m": {"settings": {"image": "i\u2028", "createOptions": "{\\"Labels\\": {\\"note\\": \\"a\\u2028b\\"}}"}}}}}}}`;
    const model = buildManifestModel(parseJSONText(text, 'JSON'), text, { filename: 'deployment.json' })!;
    const createOptions = model.modules[0]!.createOptions!;
    expect(createOptions.parseError).toBeUndefined();
    expect(createOptions.value).toEqual({ Labels: { note: 'a\u2028b' } });

    const messages = new Linter({ configType: 'flat' }).verify(text, [{ ...plugin.configs.all, files: ['**/*.json'], rules: { 'ase-gpu/valid-create-options': 'error' } }], 'deployment.json');
    expect(messages.filter((message) => message.fatal || message.ruleId === 'ase-gpu/valid-create-options')).toEqual([]);
  });
});

describe('strict JSON on a linear parse', () => {
  it('rejects a comment where strict JSON does, with its position', () => {
    expect(() => parseJSONText('{\n  "a": 1 // no\n}', 'JSON')).toThrow('Unexpected comment.');
    const error = (() => {
      try {
        parseJSONText('{\n  "a": 1 /* no */\n}', 'JSON');
      } catch (caught) {
        return caught as JSONSyntaxError;
      }
      return undefined;
    })();
    expect([error?.message, error?.index, error?.lineNumber, error?.column]).toEqual(['Unexpected comment.', 11, 2, 10]);
  });

  it('rejects a trailing comma in an object or an array, with its position', () => {
    const failure = (text: string) => {
      try {
        parseJSONText(text, 'JSON');
        return undefined;
      } catch (error) {
        const { message, index, lineNumber, column } = error as JSONSyntaxError;
        return { message, index, lineNumber, column };
      }
    };
    expect(failure('{"a": [1, 2,], "b": 1}')).toEqual({ message: "Unexpected token ','.", index: 11, lineNumber: 1, column: 12 });
    expect(failure('{"a": 1,\n}')).toEqual({ message: "Unexpected token ','.", index: 7, lineNumber: 1, column: 8 });
    expect(failure('{"a": [1, 2], "b": "x,]"}')).toBeUndefined();
  });

  it('accepts and rejects exactly what the strict mode of jsonc-eslint-parser does, with the same tree', () => {
    const token = fc.constantFrom(',', ' // c\n', ' /* c */ ', '');
    fc.assert(
      fc.property(fc.json({ maxDepth: 3 }), fc.nat(), token, (json, at, insert) => {
        // Insert just before a closing bracket: a trailing comma, a comment, or nothing.
        const closers = [...json.matchAll(/[}\]]/gu)].map((match) => match.index);
        const where = closers.length > 0 ? closers[at % closers.length]! : json.length;
        const text = json.slice(0, where) + insert + json.slice(where);
        let expected: unknown;
        let actual: unknown;
        try {
          expected = strip(parseJSON(text, { jsonSyntax: 'JSON' }).body[0]);
        } catch {
          expected = 'error';
        }
        try {
          actual = strip(parseJSONText(text, 'JSON').body[0]);
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError);
          actual = 'error';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('JSON whitespace in deployment manifests', () => {
  it.each([
    ['a no-break space', '\u00a0', 'U+00A0'],
    ['a byte-order mark', '\uFEFF', 'U+FEFF'],
    ['a vertical tab', '\u000b', 'U+000B'],
    ['an ideographic space', '\u3000', 'U+3000'],
  ])('rejects %s between values, as JSON.parse does', (_, char, code) => {
    const text = `{\n  "a":${char} 1\n}`;
    expect(() => JSON.parse(text)).toThrow();
    let error: JSONSyntaxError | undefined;
    try {
      parseJSONText(text, 'JSON', { strictWhitespace: true });
    } catch (caught) {
      error = caught as JSONSyntaxError;
    }
    expect(error?.message).toBe(`Unexpected character ${code}: JSON allows only spaces, tabs and line breaks between values.`);
    expect([error?.index, error?.lineNumber, error?.column]).toEqual([8, 2, 7]);
    // Inside a string it is text; without the option (createOptions, read by the agent's lenient reader) it is accepted.
    expect(() => parseJSONText(`{"a": "${char}"}`, 'JSON', { strictWhitespace: true })).not.toThrow();
    expect(() => parseJSONText(text, 'JSON')).not.toThrow();
  });

  it('accepts spaces, tabs, CR and LF, around comments too', () => {
    expect(() => parseJSONText(' \t\r\n{ "a" : [ 1 , 2 ] }\r\n', 'JSON', { strictWhitespace: true })).not.toThrow();
    expect(() => parseJSONText('{ /* c */ "a": 1 } // end\n', 'JSONC', { strictWhitespace: true })).not.toThrow();
  });
});

/** A tree without parent links and locations, for comparing two parses. */
function strip(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'parent' || key === 'loc' ? undefined : value)));
}
