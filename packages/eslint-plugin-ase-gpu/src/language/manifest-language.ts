import { VisitorKeys } from 'jsonc-eslint-parser';
import { detectManifestKind, findManifestContent } from '../manifest/build-model.js';
import type { JSONProgram } from '../manifest/json-ast.js';
import { FastJSONError, parseStrictJSON } from '../manifest/json-parser.js';
import { parseJSONText } from '../manifest/parse-json.js';
import { ManifestSourceCode } from './manifest-source-code.js';

interface LanguageFile {
  readonly body: string | Uint8Array;
  readonly path: string;
}

type ParseResult =
  | { ok: true; ast: JSONProgram }
  | { ok: false; errors: { message: string; line: number; column: number }[] };

interface ParseFailure {
  message: string;
  lineNumber?: number;
  column?: number;
}

function textOf(file: LanguageFile): string {
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
}

/** Names under which JSONC (comments, trailing commas) is what the author meant. */
function isJSONCName(path: string): boolean {
  return /\.jsonc$/iu.test(path);
}

function parseFailure(error: unknown): { message: string; line: number; column: number } {
  const failure = error as ParseFailure;
  const message = error instanceof Error ? failure.message : String(error);
  return { message, line: failure.lineNumber ?? 1, column: failure.column ?? 1 };
}

/**
 * Deployment manifests are strict JSON (IoT Hub rejects comments and trailing commas); templates
 * may be JSONC. A file that only parses as JSONC and is not a manifest at all is left alone.
 */
export function parseManifestText(text: string, path: string): ParseResult {
  if (isJSONCName(path)) {
    try {
      return { ok: true, ast: parseJSONText(text, 'JSONC') };
    } catch (error) {
      return { ok: false, errors: [parseFailure(error)] };
    }
  }
  // Nearly every manifest is plain JSON: the linear parser builds the same tree in a fraction of acorn's
  // time and garbage. Anything else (JSONC, errors, deep nesting) goes to jsonc-eslint-parser as before.
  try {
    return { ok: true, ast: parseStrictJSON(text) };
  } catch (error) {
    if (!(error instanceof FastJSONError)) throw error;
  }
  try {
    return { ok: true, ast: parseJSONText(text, 'JSON', { strictWhitespace: true, strictStrings: true }) };
  } catch (strictError) {
    let lenient: JSONProgram;
    try {
      lenient = parseJSONText(text, 'JSONC');
    } catch {
      return { ok: false, errors: [parseFailure(strictError)] };
    }
    const isManifest = findManifestContent(lenient.body[0]?.expression) !== undefined;
    if (!isManifest || detectManifestKind(path, text, undefined) === 'template') return { ok: true, ast: lenient };
    const failure = parseFailure(strictError);
    return {
      ok: false,
      errors: [{ ...failure, message: `${failure.message} A deployment manifest must be strict JSON: IoT Hub rejects comments and trailing commas.` }],
    };
  }
}

/** The ESLint language `ase-gpu/manifest`: JSON parsed by jsonc-eslint-parser, no JavaScript scope analysis. */
export const manifestLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  visitorKeys: VisitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions(options: Record<string, unknown>): void {
    const unknown = Object.keys(options ?? {});
    if (unknown.length > 0) throw new TypeError(`Unexpected language option "${unknown[0]}": the ase-gpu/manifest language takes no options.`);
  },

  parse(file: LanguageFile): ParseResult {
    return parseManifestText(textOf(file), file.path);
  },

  createSourceCode(file: LanguageFile, parseResult: { ast: JSONProgram }): ManifestSourceCode {
    return new ManifestSourceCode({ text: textOf(file), ast: parseResult.ast });
  },
};
