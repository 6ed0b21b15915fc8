import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * This package's folder, the nearest one above this file that holds a package.json: the same from the
 * TypeScript sources, the bundled `dist/` (where a module may land in an entry or in `dist/chunks/`, at
 * another depth than its source) and an installed copy.
 */
function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return dirname(start);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
