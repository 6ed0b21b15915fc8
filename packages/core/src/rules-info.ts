import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ESLint } from 'eslint';
import type { RuleInfo } from './format/context.js';
import { PACKAGE_ROOT } from './package-root.js';

const require = createRequire(import.meta.url);

/**
 * Folders that may hold the rule pages: shipped in the core package (copied at build), in the plugin
 * package, or the repository's `rules-docs/` when running from a checkout.
 */
export function ruleDocsFolders(): string[] {
  const coreDir = PACKAGE_ROOT;
  const folders = [join(coreDir, 'rules-docs')];
  try {
    folders.push(join(dirname(require.resolve('eslint-plugin-ase-gpu/package.json')), 'rules-docs'));
  } catch {
    // The plugin resolves in every installation; a broken one only loses the docs.
  }
  folders.push(join(coreDir, '..', '..', 'rules-docs'));
  return folders;
}

export function readRuleDoc(name: string): string | undefined {
  for (const folder of ruleDocsFolders()) {
    const path = join(folder, `${name}.md`);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  return undefined;
}

type RuleModule = { meta?: { type?: string; docs?: { description?: string; url?: string }; fixable?: string; hasSuggestions?: boolean } };

/** Rule metadata for formatters, across the core plugin and team plugins. */
export function ruleInfoLookup(plugins: ReadonlyMap<string, ESLint.Plugin>): (id: string) => RuleInfo | undefined {
  const cache = new Map<string, RuleInfo | undefined>();
  return (id) => {
    if (cache.has(id)) return cache.get(id);
    const slash = id.lastIndexOf('/');
    const namespace = id.slice(0, slash);
    const name = id.slice(slash + 1);
    const rule = plugins.get(namespace)?.rules?.[name] as RuleModule | undefined;
    const info: RuleInfo | undefined = rule
      ? {
          id,
          description: rule.meta?.docs?.description,
          url: rule.meta?.docs?.url,
          type: rule.meta?.type,
          doc: namespace === 'ase-gpu' ? readRuleDoc(name) : undefined,
          fixable: Boolean(rule.meta?.fixable),
          hasSuggestions: Boolean(rule.meta?.hasSuggestions),
        }
      : undefined;
    cache.set(id, info);
    return info;
  };
}
