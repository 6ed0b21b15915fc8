import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

const require = createRequire(join(PACKAGE_ROOT, 'package.json'));

/** The core package's own version. */
export const coreVersion = (require('./package.json') as { version: string }).version;

/** The plugin's version: part of every cache key, so a plugin upgrade re-lints everything. */
export function pluginVersion(): string {
  return (require('eslint-plugin-ase-gpu/package.json') as { version: string }).version;
}
