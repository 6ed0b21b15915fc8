#!/usr/bin/env node
// Builds the plugin's JavaScript: one ES module per public entry (`.`, `./manifest`, `./kubernetes`) and
// the code they share in `dist/chunks/`, bundled from the TypeScript sources (tsc emits the declarations).
// A hundred small modules took Node ~80 ms to resolve, load and link on every cold start, more than
// evaluating them; one file takes a fraction of that.
//
// RuleCreator and applyDefault are bundled in from @typescript-eslint/utils, and nothing else of it, so
// the published plugin needs neither that package nor its `typescript <6.1` peer (projects on
// TypeScript 7 install it without a peer conflict). Every other dependency stays an import.
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(packageDir, 'dist');
const require = createRequire(join(packageDir, 'package.json'));
const utilsDir = dirname(require.resolve('@typescript-eslint/utils/package.json'));

const VENDORED = '@typescript-eslint/utils/eslint-utils';
const vendorModule = '\0vendored-rule-creator';
const vendor = {
  name: 'vendor-rule-creator',
  resolveId(source) {
    return source === VENDORED ? vendorModule : null;
  },
  load(id) {
    if (id !== vendorModule) return null;
    // The two CommonJS files themselves: the eslint-utils index would pull in the rest of the package.
    const creator = JSON.stringify(join(utilsDir, 'dist/eslint-utils/RuleCreator.js'));
    const defaults = JSON.stringify(join(utilsDir, 'dist/eslint-utils/applyDefault.js'));
    return `import creator from ${creator};\nimport defaults from ${defaults};\nexport const RuleCreator = creator.RuleCreator;\nexport const applyDefault = defaults.applyDefault;\n`;
  },
};

/** JavaScript left by an earlier build (tsc's module per file, or older chunks); declarations stay. */
function removeOldJavaScript(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeOldJavaScript(path);
    else if (/\.js(?:\.map)?$/u.test(entry.name)) rmSync(path);
  }
}

const isExternal = (id) => id !== VENDORED && !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

removeOldJavaScript(dist);
const bundle = await rolldown({
  input: { index: 'src/index.ts', 'manifest/index': 'src/manifest/index.ts', 'kubernetes/index': 'src/kubernetes/index.ts' },
  cwd: packageDir,
  platform: 'node',
  external: isExternal,
  plugins: [vendor],
  logLevel: 'warn',
});
await bundle.write({
  dir: dist,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  sourcemap: true,
  banner: (chunk) =>
    chunk.moduleIds.some((id) => id.includes('@typescript-eslint'))
      ? '// Contains RuleCreator and applyDefault of @typescript-eslint/utils (MIT License, Copyright (c) 2019 typescript-eslint and other contributors).'
      : '',
});
await bundle.close();
