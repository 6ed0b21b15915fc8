import { buildManifestModel } from './build-model.js';
import type { JSONProgram } from './json-ast.js';
import { FastJSONError, parseStrictJSON } from './json-parser.js';
import { parseJSONText } from './parse-json.js';

/** Embedded JSON of a manifest that does not parse: where, and why. */
export interface EmbeddedJSONProblem {
  /** What holds it, for a one-line message: `createOptions of module "m1"`. */
  readonly holder: string;
  readonly message: string;
  /** Where the JSON error is, in the file. */
  readonly offset: number;
}

function parseLeniently(text: string): JSONProgram | undefined {
  try {
    return parseStrictJSON(text);
  } catch (error) {
    if (!(error instanceof FastJSONError)) throw error;
  }
  try {
    return parseJSONText(text, 'JSONC');
  } catch {
    return undefined;
  }
}

function problemsOf(text: string, filename: string): EmbeddedJSONProblem[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const program = parseLeniently(body);
  const model = program && buildManifestModel(program, body, { filename });
  if (!model) return [];
  const problems: EmbeddedJSONProblem[] = [];
  for (const module of model.modules) {
    // A createOptions string is parsed joined across its chunks, as the agent joins them before parsing.
    const error = module.createOptions?.parseError;
    if (error) problems.push({ holder: `createOptions of module "${module.name}"`, message: error.message, offset: error.fileOffset });
  }
  return problems;
}

/**
 * The embedded JSON of a manifest (each module's createOptions, joined across chunks: the only JSON a
 * manifest holds inside strings) that does not parse. With `baseline`, the text before fixes, only
 * what the fixes broke: a createOptions the file already had broken is valid-create-options' finding,
 * not a reason to refuse every other fix of the file. Whether the file itself parses is the caller's
 * check; a file that does not parse has no problems here.
 */
export function embeddedJsonProblems(text: string, filename: string, baseline?: string): EmbeddedJSONProblem[] {
  const problems = problemsOf(text, filename);
  if (problems.length === 0 || baseline === undefined) return problems;
  const before = new Set(problemsOf(baseline, filename).map((problem) => problem.holder));
  return problems.filter((problem) => !before.has(problem.holder));
}
