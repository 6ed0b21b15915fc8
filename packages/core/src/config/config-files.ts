import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { ConfigError } from './errors.js';
import { CONFIG_KEYS } from './validate.js';
import { CONFIG_SIZE_LIMIT, readRegularText, UnreadableFileError } from '../files/read.js';

/** File names searched in each folder, in this order (cosmiconfig's order for the module name `aseGpu`). */
export const CONFIG_FILE_NAMES = [
  'package.json',
  '.aseGpurc',
  '.aseGpurc.json',
  '.aseGpurc.yaml',
  '.aseGpurc.yml',
  '.aseGpurc.js',
  '.aseGpurc.cjs',
  '.aseGpurc.mjs',
  'aseGpu.config.js',
  'aseGpu.config.cjs',
  'aseGpu.config.mjs',
] as const;

export const PACKAGE_JSON_KEY = 'aseGpu';

type LoaderModule = typeof import('cosmiconfig/dist/loaders.js');
let loaders: Promise<LoaderModule> | undefined;

/** cosmiconfig's loaders, imported only when a configuration file is there to read. */
function loadLoaders(): Promise<LoaderModule> {
  loaders ??= import('cosmiconfig/dist/loaders.js');
  return loaders;
}

/**
 * Why a configuration file does not parse, by position only. Parser messages quote the offending
 * text, and a configuration can name any file in `extends` (`/etc/shadow`): its content must never
 * reach the terminal or a CI log.
 */
function parseFailure(kind: 'JSON' | 'YAML', content: string, error: unknown): string {
  if (kind === 'YAML') {
    const { reason, mark } = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
    const where = typeof mark?.line === 'number' && typeof mark.column === 'number' ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    // js-yaml's reasons are fixed phrases ("bad indentation of a mapping entry"); its message quotes the file.
    return `cannot be parsed as YAML${where}${typeof reason === 'string' ? ` (${reason})` : ''}; its content is not shown.`;
  }
  return `cannot be parsed as JSON${jsonErrorPosition(content)}; its content is not shown.`;
}

/** " at line 3, column 7" from the native parser's "at position N", when it gives one. */
function jsonErrorPosition(content: string): string {
  let message: string;
  try {
    JSON.parse(content);
    return '';
  } catch (error) {
    message = (error as Error).message;
  }
  const match = /at position (\d+)/u.exec(message);
  if (!match) return '';
  const before = content.slice(0, Number(match[1]));
  const lines = before.split(/\r\n|\r|\n/u);
  return ` at line ${lines.length}, column ${lines.at(-1)!.length + 1}`;
}

/**
 * cosmiconfig's JSON loader is parse-json, which returns what JSON.parse returns and, on a syntax
 * error, builds a code frame with @babel/code-frame: loading it cost a tenth of a cold start. Valid JSON
 * is parsed natively; the loader still reads, and reports, what the native parser refuses.
 */
async function parseJsonFile(path: string, content: string): Promise<unknown> {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return (await loadLoaders()).loadJson(path, content);
  }
}

/**
 * Reads one configuration file with cosmiconfig's loader for its name: JSON or YAML for `.aseGpurc`,
 * JavaScript modules for `.js`/`.cjs`/`.mjs`, the `aseGpu` key of a package.json. `undefined` for a
 * package.json without that key.
 */
export async function loadConfigFile(path: string): Promise<unknown> {
  const name = basename(path);
  const extension = extname(name);
  const isModule = extension === '.js' || extension === '.cjs' || extension === '.mjs';
  let content: string;
  try {
    // Modules are read too, though Node loads them itself: a FIFO or a device must be refused before import() blocks on it.
    content = readRegularText(path, { maxBytes: CONFIG_SIZE_LIMIT });
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new ConfigError(path, undefined, error.message);
    throw error;
  }
  // Only `.aseGpurc` is YAML without an extension: an `extends` of /etc/shadow or /etc/passwd would
  // otherwise parse as YAML, and the validation would quote its keys.
  if (extension === '' && name !== '.aseGpurc') {
    throw new ConfigError(path, undefined, 'is not a configuration file ase-gpu-lint reads (use .aseGpurc, or a .json, .yaml, .yml, .js, .cjs or .mjs file); its content is not shown.');
  }
  const kind = name === 'package.json' || extension === '.json' ? 'JSON' : 'YAML';
  let value: unknown;
  try {
    if (name === 'package.json') {
      const json = (await parseJsonFile(path, content)) as Record<string, unknown> | null;
      return json && typeof json === 'object' ? json[PACKAGE_JSON_KEY] : undefined;
    }
    if (extension === '.json') value = await parseJsonFile(path, content);
    else if (extension === '.yaml' || extension === '.yml' || extension === '') value = (await loadLoaders()).loadYaml(path, content);
  } catch (error) {
    throw new ConfigError(path, undefined, parseFailure(kind, content, error));
  }
  if (!isModule) {
    if (extension !== '.json' && extension !== '.yaml' && extension !== '.yml' && extension !== '') {
      throw new ConfigError(path, undefined, `has an extension ase-gpu-lint cannot read (use .json, .yaml, .yml, .js, .cjs or .mjs).`);
    }
    // A file of another name reached through `extends` or --config may be anything (a host's
    // passwd.yaml): its keys are not quoted. The user's own .aseGpurc files name their typos.
    const own = (CONFIG_FILE_NAMES as readonly string[]).includes(name);
    if (!own && value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => !(CONFIG_KEYS as readonly string[]).includes(key))) {
      throw new ConfigError(path, undefined, 'is not an ase-gpu-lint configuration (it has top-level keys ase-gpu-lint does not know, not shown here).');
    }
    return value;
  }
  try {
    return await (await loadLoaders()).loadJs(path, '');
  } catch (error) {
    throw new ConfigError(path, undefined, `cannot be loaded: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

function firstLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  return (lines[0] ?? message).replace(/\s+/gu, ' ');
}

const folderEntries = new Map<string, ReadonlySet<string>>();

function entriesOf(folder: string): ReadonlySet<string> {
  let entries = folderEntries.get(folder);
  if (!entries) {
    try {
      entries = new Set(readdirSync(folder));
    } catch {
      entries = new Set();
    }
    folderEntries.set(folder, entries);
  }
  return entries;
}

/** Configuration file candidates of one folder, in search order. */
export function configCandidatesIn(folder: string): string[] {
  const entries = entriesOf(folder);
  return CONFIG_FILE_NAMES.filter((name) => entries.has(name)).map((name) => `${folder}${folder.endsWith('/') || folder.endsWith('\\') ? '' : '/'}${name}`);
}

/** A repository root: the folder that holds `.git` (a folder, or a file for worktrees and submodules). */
export function isRepositoryRoot(folder: string): boolean {
  return entriesOf(folder).has('.git');
}

/** Forgets cached folder listings (a long-lived process, or a test that writes configs between runs). */
export function clearConfigFileCache(): void {
  folderEntries.clear();
}

/** The folders from `start` up to the file system root. */
export function ancestors(start: string): string[] {
  const result: string[] = [];
  let current = start;
  for (;;) {
    result.push(current);
    const parent = dirname(current);
    if (parent === current) return result;
    current = parent;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

