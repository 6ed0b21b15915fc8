import { createRequire } from 'node:module';

interface PluginPackageJson {
  readonly name: string;
  readonly version: string;
  readonly aseGpu: { readonly docsBaseUrl: string };
}

/** The plugin's own package.json (one level above both `src/` and `dist/`). */
export const pluginPackage = createRequire(import.meta.url)('../../package.json') as PluginPackageJson;

export function ruleDocsUrl(name: string): string {
  return `${pluginPackage.aseGpu.docsBaseUrl}${name}.md`;
}
