#!/usr/bin/env node
// The long fuzz run: `pnpm fuzz [runs] [--seed <n>]`. The fix fuzz (test/fuzz/fixes.test.ts) runs
// `runs` generated manifests per preset (default 2500, so 5000 cases) from a random seed, and the
// type sweep runs every mutation in all three encodings. The seed is printed first and again with the
// replay command on a failure; CI runs the same tests with a fixed seed and 25 runs per preset.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : randomInt(1, 2 ** 31 - 1);
const runs = Number(args.find((arg, index) => /^\d+$/u.test(arg) && (seedAt < 0 || index !== seedAt + 1)) ?? 2500);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs < 1) {
  console.error('usage: pnpm fuzz [runs] [--seed <integer>]');
  process.exit(2);
}

console.log(`fuzz: seed ${seed}, ${runs} manifests per preset (${2 * runs} cases), full type sweep`);
const started = Date.now();
const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/fuzz/'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_RUNS: String(runs), SWEEP_FULL: '1' },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (result.status === 0) {
  console.log(`fuzz: passed, seed ${seed}, ${2 * runs} cases in ${minutes} min`);
} else {
  console.error(`fuzz: FAILED with seed ${seed} after ${minutes} min. Replay: pnpm fuzz ${runs} --seed ${seed}`);
  console.error('Keep the counterexample fast-check printed as a fixed example in test/fuzz/counterexamples.ts.');
}
process.exit(result.status ?? 1);
