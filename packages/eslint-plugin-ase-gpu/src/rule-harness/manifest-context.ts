import { buildManifestModel } from '../manifest/build-model.js';
import type { JSONProgram } from '../manifest/json-ast.js';
import { parseJSONText } from '../manifest/parse-json.js';
import type { ManifestModel } from '../manifest/model.js';
import { resolveDeviceProfile, type DeviceProfile } from '../settings/device-profile.js';

interface SourceCodeLike {
  readonly ast: unknown;
  readonly text: string;
  getLocFromIndex(index: number): { line: number; column: number };
}

export interface ContextLike {
  readonly sourceCode: SourceCodeLike;
  readonly filename: string;
  readonly cwd: string;
  readonly id: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

const models = new WeakMap<object, Map<string, ManifestModel | null>>();
const programs = new WeakMap<object, JSONProgram | null>();

function isJsoncProgram(ast: unknown): ast is JSONProgram {
  const body = (ast as { type?: string; body?: { type?: string }[] } | null)?.body;
  return (ast as { type?: string } | null)?.type === 'Program' && body?.[0]?.type === 'JSONExpressionStatement';
}

/** The jsonc tree of the file: ours, or parsed once when the file runs under another JSON language. */
function programOf(sourceCode: SourceCodeLike): JSONProgram | null {
  const ast = sourceCode.ast as object;
  if (isJsoncProgram(ast)) return ast;
  let program = programs.get(ast);
  if (program === undefined) {
    try {
      program = parseJSONText(sourceCode.text, 'JSONC');
    } catch {
      program = null;
    }
    programs.set(ast, program);
  }
  return program;
}

/** The file's manifest model, built once per file and shared by every rule; null for other files. */
export function getManifestModel(context: ContextLike): ManifestModel | null {
  const profile = getDeviceProfile(context);
  const ast = context.sourceCode.ast as object;
  let byKind = models.get(ast);
  if (!byKind) {
    byKind = new Map();
    models.set(ast, byKind);
  }
  const cached = byKind.get(profile.manifestKind);
  if (cached !== undefined) return cached;
  const program = programOf(context.sourceCode);
  const model = program
    ? buildManifestModel(program, context.sourceCode.text, { filename: context.filename, manifestKind: profile.manifestKind }) ?? null
    : null;
  byKind.set(profile.manifestKind, model);
  return model;
}

export function getDeviceProfile(context: ContextLike): DeviceProfile {
  return resolveDeviceProfile(context.settings);
}
