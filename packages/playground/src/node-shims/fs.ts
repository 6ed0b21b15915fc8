/**
 * `node:fs` in the browser, for the one place the plugin reads a file at load: its own package.json
 * (name, version and the base URL of the rule pages), which the build bundles instead.
 */
import pluginPackage from 'eslint-plugin-ase-gpu/package.json';

const PACKAGE_TEXT = JSON.stringify({ name: pluginPackage.name, version: pluginPackage.version, aseGpu: pluginPackage.aseGpu });

export function existsSync(path: string): boolean {
  return path.endsWith('/package.json');
}

export function readFileSync(path: string): string {
  if (path.endsWith('/package.json')) return PACKAGE_TEXT;
  throw new Error(`The playground has no file system: cannot read ${path}.`);
}

export default { existsSync, readFileSync };
