import type { Linter } from 'eslint';
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { configCandidatesIn, isRepositoryRoot, loadConfigFile } from './config/config-files.js';
import { ConfigResolver, type FileConfig } from './config/resolve.js';
import type { FolderConfig } from './config/model.js';

export interface AseGpuConfigOptions {
  /** The folder of the `eslint.config.js` (ESLint matches `files` relative to it). Default: the working directory. */
  readonly cwd?: string;
}

const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Folders below `cwd` whose configuration differs from their parent's: a configuration file or a repository root. */
async function scopeFolders(cwd: string): Promise<string[]> {
  const scopes = [cwd];
  const visit = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
      const child = join(folder, entry.name);
      let scoped = isRepositoryRoot(child);
      for (const candidate of configCandidatesIn(child)) {
        if (scoped) break;
        scoped = !candidate.endsWith('package.json') || (await loadConfigFile(candidate)) !== undefined;
      }
      if (scoped) scopes.push(child);
      await visit(child);
    }
  };
  await visit(cwd);
  return scopes;
}

/**
 * A glob relative to `baseDir` (how `.aseGpurc` writes them) as ESLint patterns relative to `cwd`;
 * empty when it cannot match below `cwd`. Globs without a slash match at any depth, as in `.aseGpurc`.
 */
function globFromCwd(glob: string, baseDir: string, cwd: string): string[] {
  const trimmed = glob.replace(/^\.\//u, '').replace(/\/$/u, '');
  if (!trimmed.includes('/')) {
    const fromBase = toPosix(relative(cwd, baseDir));
    const anywhere = `**/${trimmed}`;
    return [fromBase && !fromBase.startsWith('..') ? `${fromBase}/${anywhere}` : anywhere];
  }
  const base = toPosix(relative(cwd, baseDir));
  if (base === '') return [trimmed];
  if (!base.startsWith('..') && !isAbsolute(base)) return [`${base}/${trimmed}`];
  // The configuration lives above cwd: keep globs that reach into cwd.
  const cwdFromBase = toPosix(relative(baseDir, cwd));
  if (trimmed.startsWith('**/')) return [trimmed];
  if (trimmed.startsWith(`${cwdFromBase}/`)) return [trimmed.slice(cwdFromBase.length + 1)];
  return [];
}

function withContents(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => (pattern.endsWith('/**') ? [pattern] : [pattern, `${pattern}/**`]));
}

function block(name: string, files: string[], ignores: string[], config: FileConfig, rules: Linter.RulesRecord, settings: Record<string, unknown> | undefined): Linter.Config {
  return {
    name,
    files,
    ...(ignores.length > 0 ? { ignores } : {}),
    plugins: config.plugins as Linter.Config['plugins'],
    language: 'ase-gpu/manifest',
    rules,
    ...(settings ? { settings: { 'ase-gpu': settings } } : {}),
  };
}

/**
 * ESLint flat config that applies, per folder, exactly what `.aseGpurc` says to the ase-gpu-lint CLI:
 * `export default await aseGpuConfig()` in `eslint.config.js`. Each folder with its own
 * configuration gets a block of its own (deeper folders are excluded from it), followed by a block
 * per override.
 */
export async function aseGpuConfig(options: AseGpuConfigOptions = {}): Promise<Linter.Config[]> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolver = new ConfigResolver({ cwd });
  const scopes = await scopeFolders(cwd);
  const blocks: Linter.Config[] = [];
  for (const folder of scopes) {
    const folderConfig: FolderConfig = await resolver.forFolder(folder);
    const rel = toPosix(relative(cwd, folder));
    const prefix = rel ? `${rel}/` : '';
    const deeper = scopes.filter((other) => other !== folder && other.startsWith(folder + sep)).map((other) => `${toPosix(relative(cwd, other))}/**`);
    const configIgnores = withContents(folderConfig.layer.ignores.flatMap(({ globs }) => globs.flatMap((glob) => globFromCwd(glob, folderConfig.baseDir, cwd))));
    const limited = folderConfig.layer.files?.globs.flatMap((glob) => globFromCwd(glob, folderConfig.baseDir, cwd)).filter((glob) => glob.startsWith(prefix) || glob.startsWith('**/'));
    const files = limited && limited.length > 0 ? limited : [`${prefix}**/*.json`, `${prefix}**/*.jsonc`];
    const ignores = [...deeper, ...configIgnores];
    const base = resolver.effectiveWith(folderConfig, []);
    blocks.push(block(`ase-gpu-lint: ${rel || '.'}`, files, ignores, base, base.rules as Linter.RulesRecord, base.settings));
    folderConfig.layer.overrides.forEach((override, index) => {
      const overrideFiles = override.files.flatMap((glob) => globFromCwd(glob, folderConfig.baseDir, cwd));
      if (overrideFiles.length === 0) return;
      const overrideIgnores = override.ignores.flatMap((glob) => globFromCwd(glob, folderConfig.baseDir, cwd));
      const applied = resolver.effectiveWith(folderConfig, [index]);
      const rules: Linter.RulesRecord = {};
      for (const id of override.rules.keys()) rules[id] = applied.rules[id] as Linter.RuleEntry;
      const hasSettings = override.settings.size > 0 || override.exemptions.length > 0;
      blocks.push(
        block(`ase-gpu-lint: ${rel || '.'} overrides[${index}]`, overrideFiles.map((glob) => (glob.startsWith(prefix) || glob.startsWith('**/') ? glob : `${prefix}${glob}`)), [...ignores, ...overrideIgnores], applied, rules, hasSettings ? applied.settings : undefined),
      );
    });
  }
  return blocks;
}
