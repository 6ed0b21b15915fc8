#!/usr/bin/env node
// Writes the tarballs of both packages into one folder (default dist-packages/), as the registry would
// serve them, for installing from a clone: `npm install --save-dev ./dist-packages/*.tgz`.
// Packs with npm: the manifests hold no `workspace:` range, and each package's prepack refuses to pack
// an unbuilt package (`pnpm run pack:all` builds first).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const destination = resolve(process.argv[2] ?? join(root, 'dist-packages'));
mkdirSync(destination, { recursive: true });
for (const name of readdirSync(destination)) if (name.endsWith('.tgz')) rmSync(join(destination, name));

for (const dir of ['packages/eslint-plugin-ase-gpu', 'packages/core']) {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: join(root, dir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [packed] = JSON.parse(output);
  console.log(`${join(destination, packed.filename)} (${packed.entryCount} files, ${Math.round(packed.size / 1024)} kB)`);
}
