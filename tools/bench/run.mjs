#!/usr/bin/env node
// `pnpm bench`: the speed targets of issue 16, measured the way ../shared/design/performance.md measured
// the peers. Generates realistic manifests into a temporary folder, then runs each command as a whole
// process in paired, alternating rounds (A B C D E, A B C D E, ...) and quotes medians; ratios are taken
// round by round and their median quoted, so machine drift hits both sides alike. Peak memory comes from
// GNU time when present. Ends with PASS or FAIL for each target.
//
//   node tools/bench/run.mjs [--quick] [--sets small,large,huge,giant] [--json results.json] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateAll, SCALE_POINTS } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep');
/** `--sets small,huge`: only these whole-process data sets (targets on the others print n/a). */
const onlySets = args.includes('--sets') ? new Set((args[args.indexOf('--sets') + 1] ?? '').split(',')) : undefined;
const jsonOut = args.includes('--json') ? resolve(args[args.indexOf('--json') + 1] ?? 'bench-results.json') : undefined;

const require = createRequire(join(root, 'package.json'));
const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
const jsoncEntry = require.resolve('eslint-plugin-jsonc');
const pluginEntry = join(root, 'packages/eslint-plugin-ase-gpu/dist/index.js');
const cliBin = join(root, 'packages/core/bin/ase-gpu-lint.js');
const cliAvailable = existsSync(cliBin) && existsSync(join(root, 'packages/core/dist'));
const gnuTime = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : undefined;

if (!existsSync(pluginEntry)) {
  console.error('bench: build first (packages/eslint-plugin-ase-gpu/dist is missing): npx -y pnpm@12.4.2 run build');
  process.exit(2);
}

const REPS = quick ? { small: 2, large: 1, huge: 1, giant: 1, single: 3, warmup: 0, cache: 2 } : { small: 5, large: 3, huge: 3, giant: 2, single: 10, warmup: 1, cache: 5 };

// ---- data and configurations -----------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'ase-gpu-bench-'));
process.on('exit', () => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});
console.log(`bench: generating data in ${work}${quick ? ' (--quick)' : ''} ...`);
const sets = generateAll(join(work, 'data'));

const url = (path) => pathToFileURL(path).href;
const configs = join(work, 'configs');
spawnSync('mkdir', ['-p', configs]);
writeFileSync(join(configs, 'jsonc-recommended.mjs'), `import jsonc from ${JSON.stringify(url(jsoncEntry))};\nexport default [...jsonc.configs['flat/recommended-with-json']];\n`);
writeFileSync(
  join(configs, 'noop.mjs'),
  `import aseGpu from ${JSON.stringify(url(pluginEntry))};
const noop = { meta: { type: 'problem', schema: [], languages: ['ase-gpu/manifest'] }, create: () => ({}) };
export default [{ files: ['**/*.json'], plugins: { 'ase-gpu': aseGpu, bench: { rules: { noop } } }, language: 'ase-gpu/manifest', rules: { 'bench/noop': 'error' } }];\n`,
);
writeFileSync(join(configs, 'plugin-all.mjs'), `import aseGpu from ${JSON.stringify(url(pluginEntry))};\nexport default [{ ...aseGpu.configs.all, files: ['**/*.json'] }];\n`);
writeFileSync(join(configs, 'aseGpurc.json'), `${JSON.stringify({ extends: 'ase-gpu:all' }, null, 2)}\n`);

const eslint = (config, extra = []) => ({ command: process.execPath, args: [eslintBin, '-c', join(configs, config), '--no-warn-ignored', ...extra, '.'] });
const COMMANDS = {
  node: () => ({ command: process.execPath, args: ['-e', '0'] }),
  floor: () => ({ command: process.execPath, args: [join(root, 'tools/bench/floor.mjs'), '.'] }),
  jsonc: () => eslint('jsonc-recommended.mjs'),
  noop: () => eslint('noop.mjs'),
  plugin: () => eslint('plugin-all.mjs'),
  // The 50 MB set is over the CLI's default size limit (32 MiB), which is a guard, not a cost to measure.
  cli: cliAvailable ? () => ({ command: process.execPath, args: [cliBin, '-c', join(configs, 'aseGpurc.json'), '--no-progress', '--no-color', '--max-file-size', '0', '.'] }) : undefined,
  cli2: cliAvailable ? () => ({ command: process.execPath, args: [cliBin, '-c', join(configs, 'aseGpurc.json'), '--no-progress', '--no-color', '--max-file-size', '0', '--concurrency', '2', '.'] }) : undefined,
};
const LABELS = {
  node: 'node -e 0',
  floor: 'floor (read + JSON.parse + createOptions)',
  jsonc: 'ESLint + jsonc recommended-with-json',
  noop: 'ESLint + one no-op rule (our language)',
  plugin: 'ESLint + eslint-plugin-ase-gpu (all rules)',
  cli: 'ase-gpu-lint (all rules)',
  cli2: 'ase-gpu-lint --concurrency 2',
};

// ---- measuring -------------------------------------------------------------------------------------

/** Runs one command as a whole process; wall seconds, CPU seconds (user + system, GNU time only), peak RSS in MiB, exit code. */
function measure({ command, args }, cwd) {
  const timeFile = join(work, 'time.out');
  const started = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync(gnuTime, ['-f', '%M %U %S', '-o', timeFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, ['-e', RUSAGE_WRAPPER, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let peakKiB;
  let cpu = Number.NaN;
  if (gnuTime) {
    const [peak, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    peakKiB = peak;
    cpu = user + system;
  } else peakKiB = Number(/PEAK_KIB=(\d+)/u.exec(result.stderr)?.[1] ?? Number.NaN);
  // ESLint and ase-gpu-lint exit 1 when they report problems; 2 is an error of the tool itself.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
  }
  return { wall, cpu, peakMiB: peakKiB / 1024, status: result.status };
}

/** Without GNU time: run the command in a child and read its peak RSS from process.resourceUsage of the child's child. */
const RUSAGE_WRAPPER = `const { spawnSync } = require('node:child_process');
const r = spawnSync(process.argv[1], process.argv.slice(2), { stdio: ['ignore', 'ignore', 'inherit'] });
const { maxRSS } = require('node:process').resourceUsage();
process.stderr.write('PEAK_KIB=' + Math.max(maxRSS, 0) + '\\n');
process.exit(r.status ?? 1);`;

const median = (values) => {
  const sorted = [...values].filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const range = (values) => `${Math.min(...values).toFixed(3)}-${Math.max(...values).toFixed(3)}`;

/** Paired, alternating rounds over a data set; returns per-command runs. */
function rounds(set, names, reps, warmup) {
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + reps; round++) {
    for (const name of names) {
      const run = measure(COMMANDS[name](), set.dir);
      if (round >= warmup) runs[name].push(run);
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  return runs;
}

const pairedRatio = (runs, a, b, field = 'wall') => median(runs[a].map((run, index) => run[field] / runs[b][index][field]));

function describeSet(set) {
  return `${set.files} file(s), ${set.modules} modules, ${(set.bytes / 1e6).toFixed(2)} MB`;
}

// ---- the runs --------------------------------------------------------------------------------------

const results = { machine: { cpus: cpus().length, node: process.version, quick, peakMemory: gnuTime ? 'GNU time %M' : 'resourceUsage().maxRSS', loadBefore: loadavg() }, sets: {}, ratios: {}, targets: [] };
// Paired rounds cancel drift, not a machine shared with other work: the load average says which it was.
console.log(`load average before: ${loadavg().map((value) => value.toFixed(2)).join(' ')} (${cpus().length} CPUs)`);
const names = ['floor', 'jsonc', 'noop', 'plugin', ...(cliAvailable ? ['cli'] : [])];

for (const setName of ['small', 'large', 'huge', 'giant']) {
  if (onlySets ? !onlySets.has(setName) : setName === 'giant' && quick) continue;
  const set = sets[setName];
  console.log(`\n${setName}: ${describeSet(set)} - ${REPS[setName]} paired round(s) after ${REPS.warmup} warm-up`);
  // Worker threads are a lever for sets of many files (one file is one worker's work). The 50 MB file is
  // there for memory per byte: only the floor and the CLI (ESLint with jsonc needs minutes and gigabytes).
  const setNames = setName === 'giant' ? ['floor', ...(cliAvailable ? ['cli'] : [])] : cliAvailable && setName !== 'huge' ? [...names, 'cli2'] : names;
  const runs = rounds(set, setNames, REPS[setName], REPS.warmup);
  const rows = [];
  for (const name of Object.keys(LABELS)) {
    if (!runs[name]) {
      if (name !== 'cli2' && name !== 'node' && (setName !== 'giant' || name === 'cli')) rows.push([LABELS[name], 'n/a', 'n/a', 'n/a', 'n/a']);
      continue;
    }
    const walls = runs[name].map((run) => run.wall);
    const wall = median(walls);
    rows.push([LABELS[name], `${wall.toFixed(3)} (${range(walls)})`, median(runs[name].map((run) => run.cpu)).toFixed(3), (set.bytes / 1e6 / wall).toFixed(1), median(runs[name].map((run) => run.peakMiB)).toFixed(0)]);
  }
  // CPU seconds include the garbage collector's and workers' threads: on a loaded machine they move less than wall time.
  printTable(['command', 'wall s median (min-max)', 'cpu s median', 'MB/s', 'peak MiB'], rows);
  const ratios = setName === 'giant' ? { 'ase-gpu-lint / floor': cliAvailable ? pairedRatio(runs, 'cli', 'floor') : Number.NaN } : {
    'ESLint + plugin / ESLint + no-op rule': pairedRatio(runs, 'plugin', 'noop'),
    'ESLint + plugin / ESLint + jsonc': pairedRatio(runs, 'plugin', 'jsonc'),
    'ESLint + jsonc / floor': pairedRatio(runs, 'jsonc', 'floor'),
    ...(cliAvailable
      ? {
          'ase-gpu-lint / ESLint + jsonc': pairedRatio(runs, 'cli', 'jsonc'),
          'ase-gpu-lint / ESLint + jsonc, CPU seconds': pairedRatio(runs, 'cli', 'jsonc', 'cpu'),
          'ase-gpu-lint / floor': pairedRatio(runs, 'cli', 'floor'),
          'ase-gpu-lint / ESLint + plugin': pairedRatio(runs, 'cli', 'plugin'),
          ...(runs.cli2 ? { 'ase-gpu-lint --concurrency 2 / ase-gpu-lint': pairedRatio(runs, 'cli2', 'cli') } : {}),
        }
      : { 'ase-gpu-lint / ESLint + jsonc': Number.NaN }),
  };
  printTable(['paired ratio (median of per-round ratios)', 'value'], Object.entries(ratios).map(([label, value]) => [label, Number.isFinite(value) ? value.toFixed(3) : 'n/a']));
  results.sets[setName] = { ...set, runs: Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, list.map((run) => ({ wall: run.wall, cpu: run.cpu, peakMiB: run.peakMiB }))])) };
  results.ratios[setName] = ratios;
}

// Cold start: one small manifest, whole process.
console.log(`\ncold start: ${describeSet(sets.single)} - ${REPS.single} paired round(s)`);
const coldNames = ['node', 'floor', 'plugin', ...(cliAvailable ? ['cli'] : [])];
const cold = rounds(sets.single, coldNames, REPS.single, REPS.warmup);
printTable(
  ['command', 'wall s median (min-max)', 'cpu s median', 'peak MiB'],
  coldNames.map((name) => [LABELS[name], `${median(cold[name].map((run) => run.wall)).toFixed(3)} (${range(cold[name].map((run) => run.wall))})`, median(cold[name].map((run) => run.cpu)).toFixed(3), median(cold[name].map((run) => run.peakMiB)).toFixed(0)]),
);
results.cold = Object.fromEntries(coldNames.map((name) => [name, median(cold[name].map((run) => run.wall))]));

// µs per module, in process (ESLint's Linter with every rule, as ase-gpu-lint runs it), fresh process per size.
console.log('\nµs per module (Linter#verify with every rule; fresh process per size; 1st pass / steady state):');
const scaleRows = [];
results.scale = {};
for (const count of SCALE_POINTS) {
  const file = join(sets.scale[count].dir, `deployment.m${count}.json`);
  const passes = count <= 30 ? 60 : count <= 300 ? 20 : count <= 3000 ? 5 : 3;
  const samples = [];
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const result = spawnSync(process.execPath, [join(root, 'tools/bench/inproc.mjs'), file, String(passes)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (result.status !== 0) throw new Error(`inproc ${count}: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout));
  }
  const first = median(samples.map((sample) => sample.first));
  const steady = median(samples.map((sample) => sample.steady));
  results.scale[count] = { first: (first * 1000) / count, steady: (steady * 1000) / count };
  scaleRows.push([String(count), ((sets.scale[count].bytes) / 1e6).toFixed(3), ((first * 1000) / count).toFixed(1), ((steady * 1000) / count).toFixed(1)]);
}
printTable(['modules', 'MB', 'µs/module 1st pass', 'µs/module steady'], scaleRows);

// Warm --cache re-run of the 1000 small files.
let warmCache = Number.NaN;
if (cliAvailable) {
  const cacheFile = join(work, 'cli-cache');
  const cached = { command: process.execPath, args: [cliBin, '-c', join(configs, 'aseGpurc.json'), '--no-progress', '--no-color', '--cache', '--cache-location', cacheFile, '.'] };
  measure(cached, sets.small.dir);
  const walls = Array.from({ length: REPS.cache }, () => measure(cached, sets.small.dir).wall);
  warmCache = median(walls);
  console.log(`\nwarm --cache re-run, 1000 files: ase-gpu-lint ${warmCache.toFixed(3)} s (${range(walls)})`);
} else {
  console.log('\nwarm --cache re-run, 1000 files: ase-gpu-lint n/a (packages/core is not built)');
}
results.warmCache = warmCache;

// ---- targets ---------------------------------------------------------------------------------------

const peakPerByte = (setName) => {
  const runs = results.sets[setName]?.runs.cli;
  return runs ? (median(runs.map((run) => run.peakMiB)) * 1024 * 1024) / sets[setName].bytes : Number.NaN;
};
const ratioOf = (setName, label) => results.ratios[setName]?.[label] ?? Number.NaN;
// Warm (steady-state) cost, the method of ../shared/design/performance.md's scaling table: a 1st pass over
// 300 modules is mostly the JIT compiling the rules, a fixed cost of the process, not a cost per module.
const perModule = [300, 3000, 10000, 26000].map((count) => results.scale[count].steady);
const meanPerModule = perModule.reduce((sum, value) => sum + value, 0) / perModule.length;
const spread = Math.max(...perModule.map((value) => Math.abs(value / meanPerModule - 1)));
const target = (name, value, limit, unit) => results.targets.push({ name, value, limit, unit, pass: Number.isFinite(value) ? value <= limit : undefined });
target('ase-gpu-lint ÷ ESLint+jsonc, 1000 files', ratioOf('small', 'ase-gpu-lint / ESLint + jsonc'), 0.5, 'x');
target('ase-gpu-lint ÷ ESLint+jsonc, 20 MB file', ratioOf('huge', 'ase-gpu-lint / ESLint + jsonc'), 0.5, 'x');
target('ase-gpu-lint ÷ floor, 1000 files', ratioOf('small', 'ase-gpu-lint / floor'), 10, 'x');
target('ase-gpu-lint ÷ floor, 20 MB file', ratioOf('huge', 'ase-gpu-lint / floor'), 10, 'x');
for (const setName of ['small', 'large', 'huge']) {
  target(`ESLint: all rules ÷ one no-op rule, ${setName}`, ratioOf(setName, 'ESLint + plugin / ESLint + no-op rule'), 1.5, 'x');
}
// Cold start is judged above the cost of starting node itself, measured in the same rounds.
target('cold start, one manifest, above `node -e 0`', (results.cold.cli ?? Number.NaN) - results.cold.node, 0.15, 's');
target('warm µs/module flat from 300 to 26,000 modules (max deviation from the mean)', spread * 100, 25, '%');
target('peak memory ÷ file (ase-gpu-lint, 20 MB)', peakPerByte('huge'), 25, 'x');
target('peak memory ÷ file (ase-gpu-lint, 50 MB)', peakPerByte('giant'), 25, 'x');
target('warm --cache re-run of 1000 files', warmCache, 0.5, 's');

results.machine.loadAfter = loadavg();
console.log(`\nload average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
console.log('\ntargets:');
printTable(
  ['target', 'measured', 'limit', 'result'],
  results.targets.map((entry) => [entry.name, Number.isFinite(entry.value) ? `${entry.value.toFixed(3)} ${entry.unit}` : 'n/a', `≤ ${entry.limit} ${entry.unit}`, entry.pass === undefined ? 'n/a' : entry.pass ? 'PASS' : 'FAIL']),
);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
const failed = results.targets.filter((entry) => entry.pass === false).length;
console.log(`\n${failed === 0 ? 'all measured targets PASS' : `${failed} target(s) FAIL`}${quick ? ' (--quick: fewer rounds, indicative only)' : ''}`);

function printTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log([line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}
