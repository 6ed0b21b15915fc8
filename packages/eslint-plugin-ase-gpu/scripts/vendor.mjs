#!/usr/bin/env node
// Replaces dist/vendor/rule-creator.js (a re-export of @typescript-eslint/utils) with a bundle of the
// RuleCreator and applyDefault functions alone. The published plugin then needs neither
// @typescript-eslint/utils nor its `typescript <6.1` peer, so projects on TypeScript 7 install it without a peer conflict.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(packageDir, 'package.json'));
const utilsDir = dirname(require.resolve('@typescript-eslint/utils/package.json'));

// An ESM entry with the one named export; the CommonJS module itself is not in the package's exports map.
const entryDir = mkdtempSync(join(tmpdir(), 'ase-gpu-vendor-'));
const entry = join(entryDir, 'entry.mjs');
const creatorSource = JSON.stringify(join(utilsDir, 'dist/eslint-utils/RuleCreator.js'));
const defaultsSource = JSON.stringify(join(utilsDir, 'dist/eslint-utils/applyDefault.js'));
writeFileSync(
  entry,
  `import creator from ${creatorSource};\nimport defaults from ${defaultsSource};\nexport const RuleCreator = creator.RuleCreator;\nexport const applyDefault = defaults.applyDefault;\n`,
);

const bundle = await rolldown({
  input: entry,
  platform: 'node',
  logLevel: 'warn',
});
await bundle.write({
  file: join(packageDir, 'dist/vendor/rule-creator.js'),
  format: 'esm',
  banner: '// Bundled from @typescript-eslint/utils (MIT) by scripts/vendor.mjs: RuleCreator and applyDefault only.',
  sourcemap: false,
});
await bundle.close();
rmSync(entryDir, { recursive: true, force: true });
