import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The core package's own version (one level above `src/` and `dist/`). */
export const coreVersion = (require('../package.json') as { version: string }).version;

/** The plugin's version: part of every cache key, so a plugin upgrade re-lints everything. */
export function pluginVersion(): string {
  return (require('eslint-plugin-ase-gpu/package.json') as { version: string }).version;
}
