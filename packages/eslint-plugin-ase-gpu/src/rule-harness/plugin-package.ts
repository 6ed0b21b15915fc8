import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PluginPackageJson {
  readonly name: string;
  readonly version: string;
  readonly aseGpu: { readonly docsBaseUrl: string };
}

const PACKAGE_NAME = 'eslint-plugin-ase-gpu';

/**
 * The plugin's own package.json: the nearest one above this code named like the plugin. The code runs
 * from `src/` in tests and from bundled entries and chunks at different depths of `dist/`.
 */
function readPluginPackage(): PluginPackageJson {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as PluginPackageJson;
      if (parsed.name === PACKAGE_NAME) return parsed;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`${PACKAGE_NAME}: cannot find its package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

export const pluginPackage = readPluginPackage();

export function ruleDocsUrl(name: string): string {
  return `${pluginPackage.aseGpu.docsBaseUrl}${name}.md`;
}
