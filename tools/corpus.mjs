#!/usr/bin/env node
// Lints every .json file of a folder of real manifests with every rule of the BUILT plugin, and fails
// (exit 1) when the plugin crashes, reports a fatal parse error on a file that parses, or a fix (autofix,
// migration options, or any suggestion) breaks a manifest: output that no longer parses, a second --fix
// that still changes something, a createOptions encoding family that changes, a lost module, a lost BOM
// or changed line endings. Prints per-rule counts and how often each `recommended` rule fires.
//
//   node tools/corpus.mjs [folder] [--json counts.json] [--quiet] [--plugin module.js]
//
// `--plugin` lints with another build of the plugin (the tests use it to prove that the checks fail).
// The default folder is ../shared/corpus/files relative to the repository root.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = join(root, 'packages/eslint-plugin-ase-gpu');
const BOM = '\uFEFF';

function parseArgs(argv) {
  const args = { folder: join(root, '../shared/corpus/files'), json: undefined, quiet: false, plugin: join(pluginDir, 'dist/index.js') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = resolve(argv[++i] ?? 'corpus-counts.json');
    else if (arg.startsWith('--json=')) args.json = resolve(arg.slice('--json='.length));
    else if (arg === '--quiet') args.quiet = true;
    else if (arg === '--plugin') args.plugin = resolve(argv[++i] ?? '');
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node tools/corpus.mjs [folder] [--json counts.json] [--quiet] [--plugin module.js]');
      process.exit(0);
    } else args.folder = resolve(arg);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(args.plugin)) {
  console.error(`corpus: the plugin is not built (${args.plugin}). Run the build first.`);
  process.exit(2);
}
if (!existsSync(args.folder)) {
  console.error(`corpus: no such folder: ${args.folder}`);
  process.exit(2);
}

const plugin = (await import(pathToFileURL(args.plugin).href)).default;
const manifest = await import(pathToFileURL(join(pluginDir, 'dist/manifest/index.js')).href);
const requirePlugin = createRequire(join(pluginDir, 'package.json'));
const { parseJSON } = await import(pathToFileURL(requirePlugin.resolve('jsonc-eslint-parser')).href);
const requireRoot = createRequire(join(root, 'package.json'));
const { Linter } = await import(pathToFileURL(requireRoot.resolve('eslint')).href);
// ESLint's own fix application (BOM handling, ranges on the BOM-less text), used for suggestions.
const eslintDir = dirname(requireRoot.resolve('eslint/package.json'));
const SourceCodeFixer = requireRoot(join(eslintDir, 'lib/linter/source-code-fixer.js'));
// Normalised once: handing Linter a plain array makes it build and normalise a config array per call.
const { FlatConfigArray } = requireRoot(join(eslintDir, 'lib/config/flat-config-array.js'));

const ruleNames = Object.keys(plugin.rules).sort();
const recommendedRules = new Set(Object.keys(plugin.configs.recommended.rules ?? {}).map((id) => id.replace(/^ase-gpu\//u, '')));

function configWith(rules) {
  // Corpus names keep their repository path (`...__deployment.template.json`), but not always a name the
  // preset globs match: lint every .json file.
  const configArray = new FlatConfigArray([{ ...plugin.configs.all, files: ['**/*.json'], rules }], { basePath: args.folder });
  configArray.normalizeSync();
  return configArray;
}
const allConfig = configWith(plugin.configs.all.rules);
const migrationRules = Object.fromEntries(
  Object.entries(plugin.rules).map(([name, rule]) => {
    const options = rule.meta?.docs?.migrationOptions;
    return [`ase-gpu/${name}`, options ? ['error', { ...options }] : 'error'];
  }),
);
const optionRules = new Set(Object.entries(plugin.rules).filter(([, rule]) => rule.meta?.docs?.migrationOptions).map(([name]) => `ase-gpu/${name}`));
const hasMigrationOptions = optionRules.size > 0;
const migrationConfig = hasMigrationOptions ? configWith(migrationRules) : undefined;
const linter = new Linter({ configType: 'flat', cwd: args.folder });

// ---- reading files ---------------------------------------------------------------------------------

function stripBOM(text) {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function strictParses(text) {
  try {
    JSON.parse(stripBOM(text));
    return true;
  } catch {
    return false;
  }
}

function jsoncProgram(text) {
  try {
    return parseJSON(stripBOM(text), { jsonSyntax: 'JSONC' });
  } catch {
    return undefined;
  }
}

function readSources(folder) {
  const path = join(folder, '..', 'SOURCES.tsv');
  if (!existsSync(path)) return new Map();
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const columns = header.split('\t');
  const fileColumn = columns.indexOf('file');
  const parsesColumn = columns.indexOf('parses');
  if (fileColumn < 0 || parsesColumn < 0) return new Map();
  return new Map(rows.map((row) => row.split('\t')).map((cells) => [cells[fileColumn], cells[parsesColumn]]));
}

/** What the fix checks compare: modules, their createOptions encoding family, BOM and line endings. */
function shapeOf(text, filename) {
  const bom = text.startsWith(BOM);
  const body = stripBOM(text);
  const strict = strictParses(text);
  const program = jsoncProgram(text);
  const model = program ? manifest.buildManifestModel(program, body, { filename }) : undefined;
  const modules = new Map();
  for (const module of model?.modules ?? []) {
    const encoding = module.createOptions?.encoding;
    modules.set(module.name, {
      family: encoding === undefined ? 'none' : encoding === 'object' ? 'object' : 'text',
      range: module.property.range,
    });
  }
  const crlf = (body.match(/\r\n/gu) ?? []).length;
  const lf = (body.match(/\n/gu) ?? []).length - crlf;
  return { bom, strict, jsonc: program !== undefined, modules, crlf, lf };
}

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Module names that have a finding of `ruleId` inside their declaration. */
function modulesReportedBy(messages, ruleId, body, shape) {
  const starts = lineStarts(body);
  const names = new Set();
  for (const message of messages) {
    if (message.ruleId !== ruleId) continue;
    const offset = (starts[message.line - 1] ?? 0) + message.column - 1;
    for (const [name, module] of shape.modules) if (offset >= module.range[0] && offset < module.range[1]) names.add(name);
  }
  return names;
}

// ---- checks ----------------------------------------------------------------------------------------

const failures = [];
function fail(file, kind, detail) {
  failures.push({ file, kind, detail });
}

/**
 * Compares a fix's output with what went in. `renamesAllowed`: module-names may rename modules (its
 * suggestion renames across the manifest); `encodingChanges`: modules on which create-options-encoding
 * reported (its fix turns an object into a string).
 */
function checkOutput(file, step, before, afterText, { renamesAllowed, encodingChanges }) {
  const after = shapeOf(afterText, file);
  if (before.strict && !after.strict) {
    fail(file, 'fix-breaks-json', `${step}: the output is no longer strict JSON`);
    return after;
  }
  if (before.jsonc && !after.jsonc) {
    fail(file, 'fix-breaks-json', `${step}: the output no longer parses`);
    return after;
  }
  if (before.bom !== after.bom) fail(file, 'bom', `${step}: the byte-order mark was ${before.bom ? 'lost' : 'added'}`);
  if (before.lf === 0 && before.crlf > 0 && after.lf > 0) fail(file, 'line-endings', `${step}: a CRLF file got ${after.lf} bare LF line ending(s)`);
  if (before.crlf === 0 && before.lf > 0 && after.crlf > 0) fail(file, 'line-endings', `${step}: an LF file got ${after.crlf} CRLF line ending(s)`);
  if (after.modules.size < before.modules.size) {
    fail(file, 'module-lost', `${step}: ${before.modules.size} modules before, ${after.modules.size} after`);
  } else {
    const lost = [...before.modules.keys()].filter((name) => !after.modules.has(name));
    if (lost.length > 0 && !renamesAllowed) fail(file, 'module-lost', `${step}: module(s) ${lost.join(', ')} disappeared`);
  }
  for (const [name, module] of before.modules) {
    const now = after.modules.get(name);
    if (!now || module.family === 'none' || now.family === module.family) continue;
    if (module.family === 'object' && now.family === 'text' && encodingChanges.has(name)) continue;
    fail(file, 'encoding-family', `${step}: module "${name}" createOptions went from ${module.family} to ${now.family}`);
  }
  return after;
}

function describeCrash(error) {
  const text = error instanceof Error ? `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(error);
  return text;
}

function applySuggestion(text, message, suggestion) {
  return SourceCodeFixer.applyFixes(text, [{ ...message, fix: suggestion.fix }], true).output;
}

/** Every message's first suggestion, as a migration run that accepts them would apply them. */
function applyFirstSuggestions(text, messages) {
  const withSuggestions = messages.filter((message) => message.suggestions?.length).map((message) => ({ ...message, fix: message.suggestions[0].fix }));
  return SourceCodeFixer.applyFixes(text, withSuggestions, true).output;
}

function remainingFixes(messages) {
  return messages.filter((message) => message.fix).map((message) => message.ruleId);
}

/** Runs the fix checks; returns the rules that reported at any stage. */
function fixPipeline(file, text, config, label, before, context) {
  const seen = new Set();
  const first = linter.verifyAndFix(text, config, { filename: file });
  for (const message of first.messages) seen.add(message.ruleId);
  const left = remainingFixes(first.messages);
  if (left.length > 0) fail(file, 'no-fixed-point', `${label}: fixes still pending after ESLint's ten passes (${[...new Set(left)].join(', ')})`);
  checkOutput(file, `${label} --fix`, before, first.output, context);
  const second = first.fixed ? linter.verifyAndFix(first.output, config, { filename: file }) : first;
  if (second.output !== first.output) fail(file, 'second-fix-changes', `${label}: a second --fix changed the file (${[...new Set(second.messages.map((m) => m.ruleId))].join(', ') || 'rules unknown'})`);

  // Every suggestion alone on the fixed text, then all first suggestions together and another --fix.
  const withSuggestions = first.messages.filter((message) => message.suggestions?.length);
  for (const message of withSuggestions) {
    for (const suggestion of message.suggestions) {
      const output = applySuggestion(first.output, message, suggestion);
      checkOutput(file, `${label} suggestion of ${message.ruleId} (${suggestion.messageId ?? suggestion.desc})`, before, output, context);
    }
  }
  if (withSuggestions.length === 0) return seen;
  const suggested = applyFirstSuggestions(first.output, first.messages);
  const migrated = linter.verifyAndFix(suggested, config, { filename: file });
  for (const message of migrated.messages) seen.add(message.ruleId);
  checkOutput(file, `${label} suggestions + --fix`, before, migrated.output, context);
  const again = linter.verifyAndFix(migrated.output, config, { filename: file });
  if (again.output !== migrated.output) fail(file, 'second-fix-changes', `${label}: after suggestions, a second --fix changed the file`);
  return seen;
}

// ---- run -------------------------------------------------------------------------------------------

const started = performance.now();
const sources = readSources(args.folder);
const files = readdirSync(args.folder).filter((name) => name.toLowerCase().endsWith('.json')).sort();
const perRule = Object.fromEntries(ruleNames.map((name) => [name, { files: 0, findings: 0, fixable: 0, suggestions: 0 }]));
let linted = 0;
let fatalFiles = 0;
let manifests = 0;

if (isMainThread) {
  // The files are independent: share them out between worker threads (one per core, at most four).
  const workers = Math.max(1, Math.min(4, availableParallelism(), Math.ceil(files.length / 40)));
  const shares = Array.from({ length: workers }, (_, index) => files.filter((_, fileIndex) => fileIndex % workers === index));
  const outcomes = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolvePromise, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { files: share }, argv: process.argv.slice(2) });
          worker.once('message', resolvePromise);
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`corpus worker exited with ${code}`));
          });
        }),
    ),
  );
  for (const outcome of outcomes) {
    linted += outcome.linted;
    fatalFiles += outcome.fatalFiles;
    manifests += outcome.manifests;
    failures.push(...outcome.failures);
    for (const [name, counts] of Object.entries(outcome.perRule)) for (const key of Object.keys(counts)) perRule[name][key] += counts[key];
  }
  failures.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
} else {
  for (const file of workerData.files) lintFile(file);
  parentPort.postMessage({ linted, fatalFiles, manifests, failures, perRule });
  process.exit(0);
}

function lintFile(file) {
  const text = readFileSync(join(args.folder, file), 'utf8');
  const before = shapeOf(text, file);
  const recorded = sources.get(file);
  if (recorded !== undefined && (recorded === 'json') !== before.strict) {
    fail(file, 'sources-mismatch', `SOURCES.tsv says "${recorded}" but JSON.parse ${before.strict ? 'accepts' : 'rejects'} the file`);
  }
  let messages;
  try {
    messages = linter.verify(text, allConfig, { filename: file });
  } catch (error) {
    fail(file, 'crash', describeCrash(error));
    return;
  }
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) {
    fatalFiles++;
    const body = stripBOM(text);
    const isTemplate = manifest.detectManifestKind(file, body, undefined) === 'template';
    if (before.strict) fail(file, 'fatal-on-valid-json', fatal.map((m) => `${m.line}:${m.column} ${m.message}`).join('; '));
    else if (before.jsonc && isTemplate) fail(file, 'fatal-on-jsonc-template', fatal.map((m) => `${m.line}:${m.column} ${m.message}`).join('; '));
    return;
  }
  linted++;
  if (before.modules.size > 0) manifests++;
  const fired = new Set();
  for (const message of messages) {
    const name = message.ruleId?.replace(/^ase-gpu\//u, '');
    if (!name || !perRule[name]) {
      fail(file, 'foreign-message', `${message.ruleId ?? 'no rule'}: ${message.message}`);
      continue;
    }
    perRule[name].findings++;
    if (message.fix) perRule[name].fixable++;
    if (message.suggestions?.length) perRule[name].suggestions++;
    fired.add(name);
  }
  for (const name of fired) perRule[name].files++;

  const body = stripBOM(text);
  const context = {
    renamesAllowed: fired.has('module-names'),
    encodingChanges: modulesReportedBy(messages, 'ase-gpu/create-options-encoding', body, before),
  };
  // The migration options only change what rules that take them do: a file on which none of those
  // rules reports at any stage of the `all` run gets the same fixes under them.
  const reported = new Set(messages.map((message) => message.ruleId));
  try {
    for (const ruleId of fixPipeline(file, text, allConfig, 'all', before, context)) reported.add(ruleId);
  } catch (error) {
    fail(file, 'crash', `all fix: ${describeCrash(error)}`);
  }
  if (migrationConfig && [...reported].some((ruleId) => optionRules.has(ruleId))) {
    try {
      fixPipeline(file, text, migrationConfig, 'migration', before, context);
    } catch (error) {
      fail(file, 'crash', `migration fix: ${describeCrash(error)}`);
    }
  }
}
const seconds = (performance.now() - started) / 1000;

// ---- report ----------------------------------------------------------------------------------------

function table(rows, header) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const share = (count) => (linted === 0 ? 0 : count / linted);
const rows = ruleNames.map((name) => {
  const counts = perRule[name];
  const recommended = recommendedRules.has(name);
  const noisy = recommended && share(counts.files) > 0.5;
  return [name, counts.files, counts.findings, counts.fixable, counts.suggestions, recommended ? `${(share(counts.files) * 100).toFixed(1)}%${noisy ? ' (!)' : ''}` : '-'];
});

if (!args.quiet) {
  console.log(`corpus: ${files.length} files in ${args.folder}`);
  console.log(`linted ${linted} (${manifests} recognised as manifests), ${fatalFiles} with a fatal parse error, ${ruleNames.length} rules, ${seconds.toFixed(2)} s\n`);
  console.log(table(rows, ['rule', 'files', 'findings', 'fixable', 'with suggestions', 'recommended: share of files']));
  const noisy = rows.filter((row) => String(row[5]).endsWith('(!)')).map((row) => row[0]);
  if (noisy.length > 0) console.log(`\n(!) recommended rules that fire on more than half of the files: ${noisy.join(', ')}`);
}

if (args.json) {
  const counts = {
    folder: args.folder,
    files: files.length,
    linted,
    manifests,
    fatalFiles,
    seconds: Number(seconds.toFixed(3)),
    rules: Object.fromEntries(ruleNames.map((name) => [name, { ...perRule[name], recommended: recommendedRules.has(name), share: Number(share(perRule[name].files).toFixed(4)) }])),
    failures,
  };
  writeFileSync(args.json, `${JSON.stringify(counts, null, 2)}\n`);
}

if (failures.length > 0) {
  console.error(`\ncorpus: ${failures.length} failure(s):`);
  for (const failure of failures) console.error(`- [${failure.kind}] ${failure.file}: ${failure.detail}`);
  process.exit(1);
}
console.log('\ncorpus: OK');
