import type { ESLint } from 'eslint';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './errors.js';
import type { LoadedPlugin, Origin } from './model.js';

/** ESLint's plugin naming: `eslint-plugin-foo` → `foo`, `@scope/eslint-plugin` → `@scope`, `@scope/eslint-plugin-foo` → `@scope/foo`. */
export function pluginNamespace(packageName: string): string {
  const scoped = /^(@[^/]+)\/(.+)$/u.exec(packageName);
  if (scoped) {
    const [, scope, rest] = scoped;
    if (rest === 'eslint-plugin') return scope!;
    return `${scope}/${rest!.replace(/^eslint-plugin-/u, '')}`;
  }
  return packageName.replace(/^eslint-plugin-/u, '');
}

/** Resolves a package the way Node would from a file in `folder` (npm packages in a shared config are found from that config). */
export function resolvePackage(specifier: string, folder: string): string | undefined {
  const require = createRequire(join(folder, '__ase_gpu_resolve__.js'));
  try {
    return require.resolve(specifier);
  } catch {
    // ESM-only packages have no `require` condition: import their package.json's entry instead.
    try {
      const manifestPath = require.resolve(`${specifier}/package.json`);
      const manifest = require(manifestPath) as { exports?: unknown; main?: string };
      const entry = exportEntry(manifest.exports) ?? manifest.main ?? 'index.js';
      return join(manifestPath, '..', entry);
    } catch {
      return undefined;
    }
  }
}

function exportEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const root = (exports as Record<string, unknown>)['.'] ?? exports;
  if (typeof root === 'string') return root;
  if (root && typeof root === 'object') {
    for (const condition of ['import', 'node', 'default']) {
      const value = (root as Record<string, unknown>)[condition];
      const entry = exportEntry(value);
      if (entry) return entry;
    }
  }
  return undefined;
}

const loaded = new Map<string, Promise<ESLint.Plugin>>();

/** Imports a team plugin named in `plugins`, resolved from the folder of the configuration that names it. */
export async function loadPlugin(packageName: string, folder: string, origin: Origin, index: number): Promise<LoadedPlugin> {
  const resolved = resolvePackage(packageName, folder);
  if (!resolved) throw new ConfigError(origin, `plugins[${index}]`, `cannot find the package "${packageName}" from ${folder} (install it next to this configuration).`);
  let promise = loaded.get(resolved);
  if (!promise) {
    promise = import(pathToFileURL(resolved).href).then((module: { default?: ESLint.Plugin }) => (module.default ?? module) as ESLint.Plugin);
    loaded.set(resolved, promise);
  }
  let plugin: ESLint.Plugin;
  try {
    plugin = await promise;
  } catch (error) {
    throw new ConfigError(origin, `plugins[${index}]`, `"${packageName}" failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (!plugin || typeof plugin !== 'object' || !plugin.rules || typeof plugin.rules !== 'object') {
    throw new ConfigError(origin, `plugins[${index}]`, `"${packageName}" is not an ESLint plugin (it exports no rules).`);
  }
  const namespace = (plugin.meta as { namespace?: string } | undefined)?.namespace ?? pluginNamespace(packageName);
  return { namespace, packageName, plugin, origin };
}
