#!/usr/bin/env node
// Builds the CLI's JavaScript: one ES module per entry (the library, the CLI, its lint worker, explain)
// and the code they share in `dist/chunks/`, bundled from the TypeScript sources (tsc emits the
// declarations). Sixty small modules cost Node's ES module loader a fifth of a cold start on one
// manifest to resolve, load and link; a handful of files cost a fraction of that. Dependencies stay
// imports, as the plugin's bundle keeps them (scripts/bundle.mjs there).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(packageDir, 'dist');

/** JavaScript left by an earlier build (tsc's module per file, or older chunks); declarations stay. */
function removeOldJavaScript(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeOldJavaScript(path);
    else if (/\.js(?:\.map)?$/u.test(entry.name)) rmSync(path);
  }
}

const isExternal = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

removeOldJavaScript(dist);
const bundle = await rolldown({
  input: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts', 'lint/worker': 'src/lint/worker.ts', 'explain/index': 'src/explain/index.ts' },
  cwd: packageDir,
  platform: 'node',
  external: isExternal,
  logLevel: 'warn',
});
await bundle.write({ dir: dist, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true });
await bundle.close();
