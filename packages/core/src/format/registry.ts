import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { didYouMean, UserError } from '../config/errors.js';
import type { LintResult } from '../lint/types.js';
import type { FormatContext, Formatter } from './context.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit', 'azure-pipelines'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What an ESLint formatter module receives as its second argument. */
export interface EslintFormatterContext {
  readonly cwd: string;
  readonly maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number } | undefined;
  readonly rulesMeta: Record<string, unknown>;
}

/** A loaded formatter: ours, or an ESLint formatter module (which may be async). */
export type LoadedFormatter = (results: readonly LintResult[], context: FormatContext, rulesMeta: Record<string, unknown>) => Promise<string>;

export function isBuiltinFormat(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** ESLint's rule: a name with a path separator or a leading dot is a file; others are packages (`eslint-formatter-<name>`). */
function isPath(name: string): boolean {
  // A scoped package (`@contoso/eslint-formatter-x`) has a slash too: a package, as ESLint takes it.
  if (name.startsWith('@')) return false;
  return name.startsWith('.') || isAbsolute(name) || name.includes('/') || name.includes('\\');
}

/**
 * The package names ESLint tries for a formatter name: `x` is `eslint-formatter-x`, `@scope` is
 * `@scope/eslint-formatter` and `@scope/x` is `@scope/eslint-formatter-x`; a full name is itself.
 */
function packageCandidates(name: string): string[] {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash < 0) return [`${name}/eslint-formatter`];
    const scope = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    return rest.startsWith('eslint-formatter') ? [name] : [`${scope}/eslint-formatter-${rest}`, name];
  }
  return name.startsWith('eslint-formatter-') ? [name] : [`eslint-formatter-${name}`, name];
}

export async function builtinFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
    case 'azure-pipelines':
      return (await import('./azure-pipelines.js')).formatAzurePipelines;
  }
}

function moduleLocation(name: string, cwd: string): string {
  if (isPath(name)) return resolve(cwd, name);
  // Packages resolve from the working directory, as ESLint resolves them from its cwd.
  const require = createRequire(join(cwd, '__ase-gpu-lint__.js'));
  for (const candidate of packageCandidates(name)) {
    try {
      return require.resolve(candidate);
    } catch {
      // The next spelling, then the error below.
    }
  }
  throw new UserError(`--format: "${name}" is not a built-in format (${FORMAT_NAMES.join(', ')})${didYouMean(name, FORMAT_NAMES)} nor an installed formatter package (${packageCandidates(name)[0]}).`);
}

/**
 * The formatter for `--format`: a built-in name, or an ESLint formatter module (a file path or an
 * `eslint-formatter-*` package) whose default export is `(results, context) => string | Promise<string>`.
 * Modules are imported only when named: a run pays for one.
 */
export async function loadFormatter(name: string, cwd: string): Promise<LoadedFormatter> {
  if (isBuiltinFormat(name)) {
    const format = await builtinFormatter(name);
    return async (results, context) => format(results, context);
  }
  const location = moduleLocation(name, cwd);
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(location).href);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_MODULE_NOT_FOUND' ? 'the file does not exist' : `${(error as Error).message.split('\n')[0]}`;
    throw new UserError(`--format: cannot load the formatter ${name}: ${reason}.`);
  }
  const exported = (loaded as { default?: unknown }).default ?? loaded;
  const format = typeof exported === 'function' ? exported : (exported as { default?: unknown } | null)?.default;
  if (typeof format !== 'function') throw new UserError(`--format: ${name} does not export a formatter function (ESLint's convention: the default export is (results, context) => string).`);
  return async (results, context, rulesMeta) => {
    const eslintContext: EslintFormatterContext = { cwd: context.cwd, rulesMeta };
    let text: unknown;
    try {
      text = await (format as (results: readonly LintResult[], context: EslintFormatterContext) => unknown)(results, eslintContext);
    } catch (error) {
      throw new UserError(`--format: the formatter ${name} failed: ${(error as Error).message ?? String(error)}`);
    }
    return typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  };
}
