import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { ConfigError } from './errors.js';

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

function firstLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  // cosmiconfig prefixes "JSON Error in <path>:": the file is named by the caller already.
  const useful = lines.filter((line) => !/^(JSON|YAML) Error in /u.test(line));
  return (useful[0] ?? lines[0] ?? message).replace(/\s+/gu, ' ');
}

/**
 * Reads one configuration file with cosmiconfig's loader for its name: JSON or YAML for `.aseGpurc`,
 * JavaScript modules for `.js`/`.cjs`/`.mjs`, the `aseGpu` key of a package.json. `undefined` for a
 * package.json without that key.
 */
export async function loadConfigFile(path: string): Promise<unknown> {
  const { loadJs, loadJson, loadYaml } = await loadLoaders();
  const name = basename(path);
  const extension = extname(name);
  let content: string;
  try {
    content = extension === '.js' || extension === '.cjs' || extension === '.mjs' ? '' : readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    if (name === 'package.json') {
      const json = (await loadJson(path, content)) as Record<string, unknown> | null;
      return json && typeof json === 'object' ? json[PACKAGE_JSON_KEY] : undefined;
    }
    if (extension === '.json') return await loadJson(path, content);
    if (extension === '.yaml' || extension === '.yml' || extension === '') return await loadYaml(path, content);
    if (extension === '.js' || extension === '.cjs' || extension === '.mjs') return await loadJs(path, '');
  } catch (error) {
    throw new ConfigError(path, undefined, `cannot be parsed: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
  throw new ConfigError(path, undefined, `has an extension ase-gpu-lint cannot read (use .json, .yaml, .yml, .js, .cjs or .mjs).`);
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

