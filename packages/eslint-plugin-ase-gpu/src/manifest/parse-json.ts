import { parseJSON } from 'jsonc-eslint-parser';
import type { JSONNode, JSONProgram } from './json-ast.js';

export type JSONSyntax = 'JSON' | 'JSONC';

const LINE_SEPARATOR = '\u2028';
const PARAGRAPH_SEPARATOR = '\u2029';

/**
 * jsonc-eslint-parser parses with acorn, which rejects a raw U+2028 or U+2029 inside a string
 * ("Unexpected multiline string") although JSON allows both (JSON.parse and IoT Hub accept them). A
 * createOptions string written with `\u2028` decodes to exactly that, so the model would call valid
 * options unparseable. Such texts are parsed with each separator swapped for a same-length stand-in
 * found nowhere in the text, and the strings are given their real values back; offsets do not move.
 */
export function parseJSONText(text: string, syntax: JSONSyntax, options: { strictWhitespace?: boolean; strictStrings?: boolean } = {}): JSONProgram {
  const program = parseSeparatorSafe(text);
  if (syntax === 'JSON') rejectJSONCExtensions(program);
  if (options.strictWhitespace) rejectNonJSONWhitespace(program, text);
  if (options.strictStrings) rejectRawControlCharacters(program, text);
  return program;
}

/** A control character (U+0000 to U+001F) written raw, which JSON allows in a string only escaped. */
const RAW_CONTROL = /[\u0000-\u001f]/u;

/**
 * acorn accepts a raw tab or other control character inside a string (only line breaks end it);
 * JSON.parse and IoT Hub reject it, so a deployment manifest that holds one is not strict JSON.
 * Templates stay as jsonc-eslint-parser reads them (their tools read JSONC and write the deployment,
 * which is checked strictly). One pass over the string tokens.
 */
function rejectRawControlCharacters(program: JSONProgram, text: string): void {
  for (const token of program.tokens ?? []) {
    if (token.type !== 'String') continue;
    const at = token.value.search(RAW_CONTROL);
    if (at < 0) continue;
    const index = token.range[0] + at;
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    const line = token.loc.start.line + (token.value.slice(0, at).match(/\n/gu) ?? []).length;
    const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
    throw new JSONSyntaxError(`Unexpected control character U+${code} in a string: JSON allows it only escaped, as \\u${code.toLowerCase()}.`, index, line, index - lineStart + 1);
  }
}

/** JSON whitespace: space, tab, line feed, carriage return. */
const JSON_WHITESPACE = /^[ \t\n\r]*$/u;

/**
 * acorn also skips a no-break space, a byte-order mark, vertical tab, form feed and the Unicode
 * spaces between tokens; JSON.parse (and the Azure CLI) reject them, so a deployment manifest with one
 * is not strict JSON. Checked in the gaps between tokens and comments, in one pass.
 */
function rejectNonJSONWhitespace(program: JSONProgram, text: string): void {
  const tokens = program.tokens ?? [];
  const comments = program.comments ?? [];
  let end = 0;
  let t = 0;
  let c = 0;
  for (;;) {
    const token = tokens[t];
    const comment = comments[c];
    const next = token && (!comment || token.range[0] < comment.range![0]) ? token.range : comment?.range;
    const gapEnd = next ? next[0] : text.length;
    if (gapEnd > end && !JSON_WHITESPACE.test(text.slice(end, gapEnd))) {
      let index = end;
      while (/[ \t\n\r]/u.test(text[index]!)) index++;
      const lineStart = text.lastIndexOf('\n', index - 1) + 1;
      const line = (text.slice(0, index).match(/\n/gu) ?? []).length + 1;
      const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
      throw new JSONSyntaxError(`Unexpected character U+${code}: JSON allows only spaces, tabs and line breaks between values.`, index, line, index - lineStart + 1);
    }
    if (!next) return;
    end = next[1];
    if (next === token?.range) t++;
    else c++;
  }
}

/** A JSON syntax error where jsonc-eslint-parser would put it: offset, 1-based line and column. */
export class JSONSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly index: number,
    readonly lineNumber: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Strict JSON is JSONC without comments and trailing commas (the only two differences in
 * jsonc-eslint-parser's syntax table). The file is parsed as JSONC and those two are checked here in
 * one pass over the tokens: in its strict mode the parser looks up the last token of every object
 * and array with a linear search, which makes parsing quadratic in the size of the file (a 1.5 MB
 * manifest took seconds).
 */
function rejectJSONCExtensions(program: JSONProgram): void {
  const comment = program.comments?.[0];
  const tokens = program.tokens ?? [];
  let comma: (typeof tokens)[number] | undefined;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'Punctuator' || token.value !== ',') continue;
    const next = tokens[i + 1]!;
    if (next.type === 'Punctuator' && (next.value === '}' || next.value === ']')) {
      comma = token;
      break;
    }
  }
  const first = comment && (!comma || comment.range![0] < comma.range[0]) ? comment : comma;
  if (!first) return;
  const message = first === comment ? 'Unexpected comment.' : "Unexpected token ','.";
  throw new JSONSyntaxError(message, first.range![0], first.loc!.start.line, first.loc!.start.column + 1);
}

function parseSeparatorSafe(text: string): JSONProgram {
  if (!text.includes(LINE_SEPARATOR) && !text.includes(PARAGRAPH_SEPARATOR)) return parseJSON(text, { jsonSyntax: 'JSONC' });
  const [lineStandIn, paragraphStandIn] = standIns(text);
  const swapped = text.replaceAll(LINE_SEPARATOR, lineStandIn).replaceAll(PARAGRAPH_SEPARATOR, paragraphStandIn);
  const program = parseJSON(swapped, { jsonSyntax: 'JSONC' });
  const restore = (value: string): string => value.replaceAll(lineStandIn, LINE_SEPARATOR).replaceAll(paragraphStandIn, PARAGRAPH_SEPARATOR);
  restoreStrings(program, text, restore);
  for (const comment of program.comments ?? []) comment.value = restore(comment.value);
  for (const token of program.tokens ?? []) token.value = restore(token.value);
  return program;
}

/** Two private-use characters that appear in the text neither raw nor as a `\u` escape. */
function standIns(text: string): [string, string] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (let code = 0xe000; code <= 0xf8ff && found.length < 2; code++) {
    const char = String.fromCharCode(code);
    if (!text.includes(char) && !lower.includes(`\\u${code.toString(16)}`)) found.push(char);
  }
  return [found[0]!, found[1]!];
}

function restoreStrings(root: JSONNode, text: string, restore: (value: string) => string): void {
  const stack: JSONNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'Program':
        for (const statement of node.body) stack.push(statement);
        break;
      case 'JSONExpressionStatement':
        stack.push(node.expression);
        break;
      case 'JSONObjectExpression':
        for (const property of node.properties) stack.push(property);
        break;
      case 'JSONArrayExpression':
        for (const element of node.elements) if (element) stack.push(element);
        break;
      case 'JSONProperty':
        stack.push(node.key, node.value);
        break;
      case 'JSONLiteral':
        if (typeof node.value === 'string') {
          (node as { value: string }).value = restore(node.value);
          (node as { raw: string }).raw = text.slice(node.range[0], node.range[1]);
        }
        break;
      default:
        break;
    }
  }
}
