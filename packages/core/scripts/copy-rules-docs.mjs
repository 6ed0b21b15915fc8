#!/usr/bin/env node
// Copies the rule pages into the package, so that `ase-gpu-lint rules <id>` and the SARIF help work
// offline from an installed package (edge teams often have no network).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(packageDir, '../../rules-docs');
const target = join(packageDir, 'rules-docs');
if (existsSync(source)) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    if (name.endsWith('.md') && name !== 'TEMPLATE.md') copyFileSync(join(source, name), join(target, name));
  }
}
