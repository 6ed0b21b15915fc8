import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { parseManifestText } from '../../src/language/manifest-language.js';
import { JSONSyntaxError, parseJSONText } from '../../src/manifest/parse-json.js';

// A raw control character inside a string: JSON.parse and IoT Hub reject it, acorn does not.

const MANIFEST = (name: string) =>
  `{\n  "modulesContent": {\n    "$edgeAgent": {\n      "properties.desired": {\n        "schemaVersion": "1.1",\n        "modules": { "${name}": { "type": "docker", "settings": { "image": "x" } } }\n      }\n    }\n  }\n}\n`;

const CONTROLS = [
  ['U+0000', '\u0000'],
  ['U+0001', '\u0001'],
  ['U+0009 (tab)', '\t'],
  ['U+001F', '\u001f'],
] as const;

describe('raw control characters in strings of a deployment manifest', () => {
  it.each(CONTROLS)('%s is a parse error at its position, as JSON.parse has it', (_, char) => {
    const text = MANIFEST(`cam${char}era`);
    expect(() => JSON.parse(text)).toThrow();
    const result = parseManifestText(text, 'deployment.json');
    expect(result.ok).toBe(false);
    const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const error = (result as { errors: { message: string; line: number; column: number }[] }).errors[0]!;
    // Line 6: `        "modules": { "cam` is 25 characters, so the character stands at column 26 (1-based).
    expect(error).toEqual({
      message: `Unexpected control character U+${code} in a string: JSON allows it only escaped, as \\u${code.toLowerCase()}. A deployment manifest must be strict JSON: IoT Hub rejects comments and trailing commas.`,
      line: 6,
      column: 26,
    });
  });

  it('reports the offset of the character in a key as well as in a value', () => {
    let error: JSONSyntaxError | undefined;
    try {
      parseJSONText('{"a": "x",\n "b\u0002": 1}', 'JSON', { strictStrings: true });
    } catch (caught) {
      error = caught as JSONSyntaxError;
    }
    expect([error?.index, error?.lineNumber, error?.column]).toEqual([14, 2, 4]);
  });

  it('accepts the escaped spelling, and control characters outside strict manifests', () => {
    expect(parseManifestText(MANIFEST('cam\\u0001era'), 'deployment.json').ok).toBe(true);
    // Templates are read as jsonc-eslint-parser reads them; their tools write the deployment that is checked strictly.
    expect(parseManifestText(MANIFEST('cam\u0001era'), 'deployment.template.json').ok).toBe(true);
    expect(parseManifestText(MANIFEST('cam\u0001era'), 'deployment.jsonc').ok).toBe(true);
    // createOptions are read by the agent's lenient reader: without the option, the text parses.
    expect(() => parseJSONText('{"a": "\u0001"}', 'JSON')).not.toThrow();
  });

  it('is a fatal parse error under ESLint, with its line and column', () => {
    const linter = new Linter();
    const messages = linter.verify(MANIFEST('cam\u0001era'), [{ files: ['**/*.json'], plugins: { 'ase-gpu': plugin as never }, language: 'ase-gpu/manifest', rules: {} }], {
      filename: 'deployment.json',
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, line: 6, column: 26 });
    expect(messages[0]!.message).toMatch(/^Parsing error: Unexpected control character U\+0001 in a string/u);
  });
});
