// One manifest through ESLint's Linter with every rule of the built plugin, in a fresh process: prints
// the first pass and the median of later passes, in ms, as JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const eslintDir = dirname(require.resolve('eslint/package.json'));
const { Linter } = require(join(eslintDir, 'lib/api.js'));
const { FlatConfigArray } = require(join(eslintDir, 'lib/config/flat-config-array.js'));
const plugin = (await import(pathToFileURL(join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js')).href)).default;

const [file, passesArg] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const configArray = new FlatConfigArray([plugin.configs.all], { basePath: dirname(file) });
configArray.normalizeSync();
const linter = new Linter({ configType: 'flat', cwd: dirname(file) });
const times = [];
for (let pass = 0; pass < Number(passesArg); pass++) {
  const started = performance.now();
  const messages = linter.verify(text, configArray, { filename: file });
  times.push(performance.now() - started);
  if (messages.some((message) => message.fatal)) throw new Error(`fatal: ${messages[0].message}`);
}
const later = times.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ first: times[0], steady: later.length > 0 ? later[Math.floor(later.length / 2)] : times[0] }));
