#!/usr/bin/env node
// Every finding of every rule (`all` preset) on every .json file of a folder, one line each, sorted:
// file, line, column, rule, message, and whether it has a fix or suggestions. A speed change must leave
// this output byte-identical; diff the dump of the build before the change with the dump after it.
//
//   node tools/bench/findings-dump.mjs [folder] > findings.txt
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const folder = process.argv[2] ?? join(root, '../shared/corpus/files');
const require = createRequire(join(root, 'package.json'));
const eslintDir = dirname(require.resolve('eslint/package.json'));
const { Linter } = require(join(eslintDir, 'lib/api.js'));
const plugin = (await import(pathToFileURL(join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js')).href)).default;

const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.json')) files.push(path);
  }
};
walk(folder);
files.sort();
const linter = new Linter({ configType: 'flat', cwd: folder });
const config = [{ ...plugin.configs.all, files: ['**/*.json'] }];
const lines = [];
for (const file of files) {
  const name = relative(folder, file);
  for (const message of linter.verify(readFileSync(file, 'utf8'), config, { filename: file })) {
    const fix = message.fix ? ` fix=${JSON.stringify(message.fix)}` : '';
    const suggestions = message.suggestions ? ` suggest=${JSON.stringify(message.suggestions.map((s) => [s.desc, s.fix]))}` : '';
    lines.push(`${name}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.message}${fix}${suggestions}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
console.error(`${files.length} files, ${lines.length} findings`);
