import fc from 'fast-check';
import { parseJSONText } from '../../src/manifest/parse-json.js';
import { describe, expect, it } from 'vitest';
import { buildManifestModel } from '../../src/manifest/build-model.js';
import { applyInnerEdits, chunkKey, type CreateOptions } from '../../src/manifest/index.js';
import type { JSONNode } from '../../src/manifest/json-ast.js';

/**
 * Property tests of the createOptions position map: a random JSON value is written as the decoded
 * createOptions text, cut into chunks at random points, and every decoded UTF-16 unit is written in the
 * file in a randomly chosen legal form (raw, a short escape, `\uXXXX` in either case). The generator
 * records where each unit's source starts and ends in the file, and the model must agree exactly.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const specialUnits = ['"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', 'é', '😀', '\ud83d', '\ude00', '{', '}', ',', ':', ' ', 'a'];
const unitArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...specialUnits) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const stringArb = fc.string({ unit: unitArb, maxLength: 12 });

const { value: jsonValueArb } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringArb,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(stringArb, tie('value'), { maxKeys: 4 }),
  ),
}));

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The legal ways to write one decoded unit inside a JSON string literal. */
function spellings(text: string, index: number, chunkStart: number, chunkEnd: number): string[] {
  const char = text[index]!;
  const code = text.charCodeAt(index);
  const hex = code.toString(16).padStart(4, '0');
  const forms = [`\\u${hex}`, `\\u${hex.toUpperCase()}`];
  if (SHORT_ESCAPES[char]) forms.push(SHORT_ESCAPES[char]);
  // A surrogate half whose partner is in another chunk (or nowhere) can only be written escaped in a UTF-8 file.
  const paired =
    (isHighSurrogate(code) && index + 1 < chunkEnd && isLowSurrogate(text.charCodeAt(index + 1))) ||
    (isLowSurrogate(code) && index - 1 >= chunkStart && isHighSurrogate(text.charCodeAt(index - 1)));
  const raw = code >= 0x20 && char !== '"' && char !== '\\' && (!(isHighSurrogate(code) || isLowSurrogate(code)) || paired);
  if (raw) forms.push(char, char, char);
  return forms;
}

interface Encoded {
  readonly fileText: string;
  readonly decoded: string;
  /** File offset where the source of each decoded unit starts / ends. */
  readonly sourceStart: number[];
  readonly sourceEnd: number[];
  /** Per chunk, in decoded order: decoded start/end and the file offsets of its quotes. */
  readonly chunks: { start: number; end: number; open: number; close: number }[];
}

function encodeManifest(decoded: string, cuts: readonly number[], choices: readonly number[], pretty: boolean): Encoded {
  const points = [...new Set(cuts.map((cut) => cut % (decoded.length + 1)))].filter((cut) => cut > 0 && cut < decoded.length).sort((a, b) => a - b);
  const bounds = [0, ...points, decoded.length];
  const nl = pretty ? '\n' : '';
  const pad = (level: number): string => (pretty ? '  '.repeat(level) : '');
  let fileText = `{${nl}${pad(1)}"modulesContent": {${nl}${pad(2)}"$edgeAgent": {${nl}${pad(3)}"properties.desired": {${nl}${pad(4)}"schemaVersion": "1.1",${nl}${pad(4)}"modules": {${nl}${pad(5)}"m": {${nl}${pad(6)}"settings": {${nl}${pad(7)}"image": "contoso.azurecr.io/m:1"`;
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  const chunks: Encoded['chunks'] = [];
  let choice = 0;
  for (let c = 0; c + 1 < bounds.length; c++) {
    const start = bounds[c]!;
    const end = bounds[c + 1]!;
    fileText += `,${nl}${pad(7)}${JSON.stringify(chunkKey(c))}: "`;
    const open = fileText.length - 1;
    for (let i = start; i < end; i++) {
      const forms = spellings(decoded, i, start, end);
      const form = forms[(choices[choice++ % Math.max(1, choices.length)] ?? 0) % forms.length]!;
      sourceStart[i] = fileText.length;
      fileText += form;
      sourceEnd[i] = fileText.length;
    }
    chunks.push({ start, end, open, close: fileText.length });
    fileText += '"';
  }
  fileText += `${nl}${pad(6)}}${nl}${pad(5)}}${nl}${pad(4)}}${nl}${pad(3)}}${nl}${pad(2)}}${nl}${pad(1)}}${nl}}${nl}`;
  return { fileText, decoded, sourceStart, sourceEnd, chunks };
}

function createOptionsOf(fileText: string): CreateOptions {
  const model = buildManifestModel(parseJSONText(fileText, 'JSON'), fileText, { filename: 'deployment.json' });
  const createOptions = model?.modules.find((module) => module.name === 'm')?.createOptions;
  if (!createOptions) throw new Error('the generated manifest has no createOptions');
  return createOptions;
}

function innerNodes(root: JSONNode): JSONNode[] {
  const nodes: JSONNode[] = [];
  const stack: JSONNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    if (node.type === 'JSONObjectExpression') stack.push(...node.properties);
    else if (node.type === 'JSONArrayExpression') for (const element of node.elements) if (element) stack.push(element);
    else if (node.type === 'JSONProperty') stack.push(node.key, node.value);
    else if (node.type === 'JSONUnaryExpression') stack.push(node.argument);
  }
  return nodes;
}

/** Decodes a file range that may span chunks, independently of the model: chunk by chunk with JSON.parse. */
function decodeFileRange(encoded: Encoded, [start, end]: readonly [number, number]): string {
  let text = '';
  for (const chunk of encoded.chunks) {
    const from = Math.max(start, chunk.open + 1);
    const to = Math.min(end, chunk.close);
    if (from < to) text += JSON.parse(`"${encoded.fileText.slice(from, to)}"`) as string;
  }
  return text;
}

function chunkHolding(encoded: Encoded, unit: number): number {
  return encoded.chunks.findIndex((chunk) => unit >= chunk.start && unit < chunk.end);
}

/** Where decoded offset `index` of a chunk starts in the file (its closing quote at the end). */
function sourceOffsetIn(encoded: Encoded, chunk: number, index: number): number {
  return index < encoded.chunks[chunk]!.end ? encoded.sourceStart[index]! : encoded.chunks[chunk]!.close;
}

const caseArb = fc.record({
  value: jsonValueArb,
  indent: fc.constantFrom(undefined, 0, 1, 2, '\t'),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
  choices: fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
  pretty: fc.boolean(),
});

function encodedCase({ value, indent, cuts, choices, pretty }: fc.RecordValue<{ value: unknown; indent: unknown; cuts: number[]; choices: number[]; pretty: boolean }>): Encoded {
  const decoded = JSON.stringify(value, null, indent as string | number | undefined);
  return encodeManifest(decoded, cuts, choices, pretty);
}

describe('createOptions position map (property-based)', () => {
  it('decodes the createOptions text exactly, in one string or in chunks', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const encoded = encodedCase(input);
        const createOptions = createOptionsOf(encoded.fileText);
        expect(createOptions.text).toBe(encoded.decoded);
        expect(createOptions.encoding).toBe(encoded.chunks.length > 1 ? 'chunked' : 'string');
        expect(createOptions.parseError).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('maps every decoded unit to where its source starts and ends, and back from any offset inside that source', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const encoded = encodedCase(input);
        const createOptions = createOptionsOf(encoded.fileText);
        for (let unit = 0; unit < encoded.decoded.length; unit++) {
          expect(createOptions.fileStart(unit)).toBe(encoded.sourceStart[unit]);
          expect(createOptions.fileEnd(unit + 1)).toBe(encoded.sourceEnd[unit]);
          for (let offset = encoded.sourceStart[unit]!; offset < encoded.sourceEnd[unit]!; offset++) {
            expect(createOptions.decodedOffsetAt(offset)).toBe(unit);
          }
        }
        for (const chunk of encoded.chunks) {
          expect(createOptions.decodedOffsetAt(chunk.open)).toBeUndefined();
          expect(createOptions.decodedOffsetAt(chunk.close)).toBeUndefined();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives every inner node a file range whose text decodes back to the node', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const encoded = encodedCase(input);
        const createOptions = createOptionsOf(encoded.fileText);
        if (encoded.decoded === 'null') {
          // The agent applies no options: nothing to map.
          expect([createOptions.isEmpty, createOptions.root]).toEqual([true, undefined]);
          return;
        }
        for (const node of innerNodes(createOptions.root!)) {
          const [start, end] = node.range;
          const range = createOptions.fileRange(node);
          expect(range).toEqual([encoded.sourceStart[start], encoded.sourceEnd[end - 1]]);
          expect(decodeFileRange(encoded, range)).toBe(encoded.decoded.slice(start, end));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives an edit range exactly when the range stays inside one chunk, and the edit lands where it should', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.nat(), stringArb, (input, a, b, replacement) => {
        const encoded = encodedCase(input);
        const createOptions = createOptionsOf(encoded.fileText);
        const length = encoded.decoded.length;
        const start = Math.min(a % (length + 1), b % (length + 1));
        const end = Math.max(a % (length + 1), b % (length + 1));
        const range = createOptions.editRange([start, end]);

        const first = start < end ? chunkHolding(encoded, start) : chunkHolding(encoded, Math.max(0, start - 1));
        const last = start < end ? chunkHolding(encoded, end - 1) : first;
        if (first !== last) {
          expect(range).toBeNull();
        } else {
          expect(range).toEqual([sourceOffsetIn(encoded, first, start), sourceOffsetIn(encoded, first, end)]);
        }

        // Whichever way the model takes (in place or re-chunked), the file decodes to the edited text.
        const edits = createOptions.toFileEdits([{ start, end, text: replacement }], { maxChunkLength: 16 });
        expect(edits).not.toBeNull();
        let fileText = encoded.fileText;
        for (const edit of [...edits!].sort((x, y) => y.range[0] - x.range[0])) fileText = fileText.slice(0, edit.range[0]) + edit.text + fileText.slice(edit.range[1]);
        const edited = createOptionsOf(fileText);
        expect(edited.text).toBe(applyInnerEdits(encoded.decoded, [{ start, end, text: replacement }]));
      }),
      { numRuns: RUNS },
    );
  });
});
