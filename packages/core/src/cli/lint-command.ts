import type { ESLint } from 'eslint';
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_FILES } from 'eslint-plugin-ase-gpu';
import { minimatch } from 'minimatch';
import { ConfigError, displayPath, UserError } from '../config/errors.js';
import { ConfigResolver, type FileConfig, type ResolverOptions } from '../config/resolve.js';
import { loadFormatter } from '../format/registry.js';
import { shownPath } from '../format/paths.js';
import { DEFAULT_CACHE_FILE, ResultCache } from '../lint/cache.js';
import { ExemptionTracker } from '../lint/exemption-report.js';
import { ignoredWarning } from '../lint/ignored-warning.js';
import type { FileOutcome } from '../lint/process-file.js';
import { problemOutcome } from '../lint/problem-outcome.js';
import { applySuppressions, DEFAULT_SUPPRESSIONS_FILE, loadSuppressions, saveSuppressions } from '../lint/suppressions.js';
import { countMessages, type LintMessage, type LintResult } from '../lint/types.js';
import { lintInWorkers, workerCount } from '../lint/workers.js';
import { FileChangedError, UnwritableFileError, writeFileAtomically } from '../lint/write.js';
import { writeUserFile } from '../lint/write-errors.js';
import { findTargets, looksLikeManifest, readManifest, type Target } from '../files/find.js';
import { decodeManifest } from '../files/decode.js';
import { ruleInfoLookup } from '../rules-info.js';
import { coreVersion, pluginVersion } from '../version.js';
import type { CliOptions } from './args.js';
import { readStream, useColor, type CliIO } from './io.js';
import { Progress } from './progress.js';

export function resolverOptions(options: CliOptions, cwd: string): ResolverOptions {
  return { cwd, configFile: options.config, configLookup: options.configLookup, ...(options.rules ? { ruleOverrides: options.rules } : {}), exemptions: options.exemptions };
}

interface Planned {
  target: Target;
  readonly config: FileConfig | undefined;
  outcome?: FileOutcome;
}

const MANIFEST_NAMES = MANIFEST_FILES.map((glob) => glob.replace(/^\*\*\//u, ''));

/** A file named like a deployment manifest (the plugin's `files` globs: `deployment.json`, `*.template.json`, ...). */
export function hasManifestName(path: string): boolean {
  const name = basename(path);
  return MANIFEST_NAMES.some((glob) => minimatch(name, glob, { dot: true }));
}

/**
 * A named file read for the manifest check (its text is kept for linting); undefined when it is not
 * ours. Hooks pass every staged JSON file, so other JSON (package.json, tsconfig.json) is skipped; a file
 * named like a manifest is linted whatever it holds, so that an empty, binary or plain-text
 * deployment.json is reported as ESLint reports it, not passed.
 */
function namedManifest(target: Target, cache: ResultCache | undefined, maxFileSize: number, cwd: string): { target: Target; byName: boolean } | undefined {
  // A file named like a manifest is read even when the cache knows it: whether it holds one decides a finding the cache does not keep.
  if (cache?.isUnchanged(target.path) && !hasManifestName(target.path)) return { target, byName: false };
  const read = readManifest(target.path, maxFileSize, displayPath(target.path, cwd));
  // A file that cannot be linted is reported by processFile, unless it is plainly not a manifest and not named like one.
  if ('problem' in read) return read.problem.manifest === false && !hasManifestName(target.path) ? undefined : { target, byName: false };
  const withText = { ...target, text: read.text, stamp: read.stamp };
  if (looksLikeManifest(read.text, target.path)) return { target: withText, byName: false };
  return hasManifestName(target.path) ? { target: withText, byName: true } : undefined;
}

/** The finding for a file named like a manifest that parses but holds none. */
function notAManifest(result: LintResult, cwd: string): LintResult {
  if (result.messages.some((message) => message.fatal)) return result;
  const message = `${displayPath(result.filePath, cwd)} is named like a deployment manifest but holds none (no modulesContent, $edgeAgent or content.modulesContent), so nothing in it was checked.`;
  const messages: LintMessage[] = [{ ruleId: null, severity: 2, fatal: true, message, line: 1, column: 1 }, ...result.messages];
  return { ...result, messages, ...countMessages({ messages }) };
}

/** ESLint's rule for --cache-location: a trailing separator or an existing folder holds the cache file. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return resolve(cwd, DEFAULT_CACHE_FILE);
  const path = resolve(cwd, location);
  let folder = /[\\/]$/u.test(location);
  if (!folder) {
    try {
      folder = statSync(path).isDirectory();
    } catch {
      folder = false;
    }
  }
  if (!folder) return path;
  mkdirSync(path, { recursive: true });
  return join(path, DEFAULT_CACHE_FILE);
}

/** The targets of each pattern; a folder (or the working directory) without any manifest is a mistake worth one line. */
async function findAllTargets(patterns: readonly string[], cwd: string, resolver: ConfigResolver, cache: ResultCache | undefined, maxFileSize: number): Promise<Target[]> {
  const found = new Map<string, Target>();
  for (const pattern of patterns.length === 0 ? ['.'] : patterns) {
    const targets = await findTargets([pattern], cwd, resolver, cache && ((path) => cache.isUnchanged(path)), maxFileSize);
    if (targets.length === 0) {
      const where = patterns.length === 0 ? 'the current folder' : `"${pattern}"`;
      throw new UserError(`No deployment manifests found in ${where} (a manifest is a .json or .jsonc file with modulesContent or $edgeAgent; files and folders that ignores exclude are skipped).`);
    }
    for (const target of targets) if (!found.has(target.path)) found.set(target.path, target);
  }
  return [...found.values()];
}

/** The target with its text read (and stamped), unless it has it already or cannot be read. */
function withText(target: Target, maxFileSize: number, cwd: string): Target {
  if (target.text !== undefined) return target;
  const read = readManifest(target.path, maxFileSize, displayPath(target.path, cwd));
  return 'problem' in read ? target : { ...target, text: read.text, stamp: read.stamp };
}

/** Writes a file's fixes; a write that fails or a file edited meanwhile becomes a message for that file, not a crash. */
function writeFixes(path: string, output: string, source: string | undefined, cwd: string): string | undefined {
  try {
    writeFileAtomically(path, output, source);
    return undefined;
  } catch (error) {
    const shown = displayPath(path, cwd);
    if (error instanceof FileChangedError) return `${shown} changed while ase-gpu-lint was fixing it, so the fixes were not written. Run ase-gpu-lint again.`;
    if (error instanceof UnwritableFileError) return `Cannot write the fixes to ${shown}: ${error.message}; the file is unchanged.`;
    return `Cannot write the fixes to ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the file is unchanged.`;
  }
}

function withFatal(result: LintResult, message: string): LintResult {
  const messages: LintMessage[] = [...result.messages, { ruleId: null, severity: 2, fatal: true, message, line: 0, column: 0 }];
  return { ...result, messages, ...countMessages({ messages }) };
}

function quietResult(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.severity === 2);
  return { ...result, messages, ...countMessages({ messages }) };
}

/** The default command: lint (and fix) manifests, report, and return ESLint's exit code. */
export async function runLintCommand(options: CliOptions, io: CliIO): Promise<number> {
  const cwd = io.cwd;
  const resolver = new ConfigResolver(resolverOptions(options, cwd));
  const fixing = options.fix || options.fixDryRun || options.applySuggestions;

  const version = `${coreVersion}+${pluginVersion()}`;
  const cache = options.cache ? new ResultCache(cacheFilePath(options.cacheLocation, cwd), version, options.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;

  let targets: Target[];
  const planned: Planned[] = [];
  if (options.stdin) {
    const path = resolve(cwd, options.stdinFilename ?? 'stdin.json');
    const input = await readStream(io.stdin, options.maxFileSize);
    const decoded = decodeManifest(input);
    targets = [{ path, explicit: true, ...(decoded.ok ? { text: decoded.text } : {}) }];
    if (!decoded.ok) planned.push({ target: targets[0]!, config: undefined, outcome: problemOutcome(path, decoded) });
  } else {
    targets = await findAllTargets(options.patterns, cwd, resolver, cache, options.maxFileSize);
  }

  const results: LintResult[] = [];
  const byNameOnly = new Set<string>();
  for (const found of planned.length > 0 ? [] : targets) {
    // Text on stdin is linted whatever it is; a manifest-like --stdin-filename also says when it holds no deployment.
    const stdinByName = options.stdin && options.stdinFilename !== undefined && hasManifestName(found.path) && !looksLikeManifest(found.text ?? '', found.path);
    const named = found.explicit && !options.stdin ? namedManifest(found, cache, options.maxFileSize, cwd) : { target: found, byName: stdinByName };
    if (!named) continue;
    const target = named.target;
    if (named.byName) byNameOnly.add(target.path);
    const folder = await resolver.forFolder(dirname(target.path));
    if (target.explicit && !options.stdin && resolver.isIgnored(folder, target.path)) {
      planned.push({ target, config: undefined, outcome: { result: ignoredWarning(target.path, folder.sources[0] && displayPath(folder.sources[0], cwd)), output: undefined, source: undefined, usage: {} } });
      continue;
    }
    planned.push({ target, config: resolver.effective(folder, target.path) });
  }

  const lintOptions = { cwd, fix: fixing, fixTypes: options.fixTypes, applySuggestions: options.applySuggestions, maxFileSize: options.maxFileSize };
  const pending: Planned[] = [];
  for (const item of planned) {
    if (item.outcome || !item.config) continue;
    // A file the cache knows unchanged is not read at all; any other is read and its content compared.
    let cached = cache && item.target.text === undefined ? cache.getUnchanged(item.target.path, item.config) : undefined;
    if (!cached) {
      item.target = withText(item.target, options.maxFileSize, cwd);
      if (cache && item.target.text !== undefined) cached = cache.get(item.target.path, item.target.text, item.config);
    }
    // A cached result with something to fix must be linted again to produce the fix.
    const needsWork = fixing && cached?.messages.some((message) => message.fix || (options.applySuggestions && message.suggestions?.length));
    if (needsWork) item.target = withText(item.target, options.maxFileSize, cwd);
    if (cached && !needsWork) {
      item.outcome = {
        result: { filePath: item.target.path, messages: cached.messages, suppressedMessages: cached.suppressedMessages, ...countMessages(cached), usedDeprecatedRules: [] },
        output: undefined,
        source: undefined,
        usage: cached.usage,
      };
    } else {
      pending.push(item);
    }
  }

  const linted = new Set(pending);
  const threads = options.stdin ? 1 : workerCount(options.concurrency, pending.length);
  const progress = new Progress(io.stderr, options.progress && !options.stdin, pending.length);
  if (threads > 1) {
    const outcomes = await lintInWorkers({ resolver: resolverOptions(options, cwd), lint: lintOptions, files: pending.map((item) => ({ path: item.target.path, text: item.target.text })) }, threads);
    outcomes.forEach((outcome, index) => (pending[index]!.outcome = outcome));
  } else if (pending.length > 0) {
    // ESLint and the rules load only when a file needs linting: a warm --cache run may need neither.
    const { processFile } = await import('../lint/process-file.js');
    for (const item of pending) {
      progress.tick(shownPath(item.target.path, cwd));
      item.outcome = processFile(item.target.path, item.target.text, item.config!, lintOptions);
    }
  }
  progress.done();

  const exemptions = new ExemptionTracker();
  const diffs: string[] = [];
  // A fix that could not be written is an operational failure, as in ESLint: exit 2 once the report is out.
  let writeFailures = 0;
  // The diff library is loaded only by runs that show diffs.
  const unifiedDiff = options.fixDryRun || options.stdin ? (await import('../lint/diff.js')).unifiedDiff : undefined;
  for (const item of planned) {
    const outcome = item.outcome!;
    if (item.config) exemptions.record(item.config, outcome.usage);
    if (cache && item.config && linted.has(item) && outcome.output === undefined) {
      const text = item.target.text ?? outcome.source;
      if (text !== undefined) cache.set(item.target.path, text, item.target.stamp, item.config, { messages: outcome.result.messages, suppressedMessages: outcome.result.suppressedMessages, usage: outcome.usage });
    }
    let writeFailure: string | undefined;
    if (outcome.output !== undefined) {
      if (options.fix || (options.applySuggestions && !options.fixDryRun && !options.stdin)) writeFailure = writeFixes(item.target.path, outcome.output, outcome.source, cwd);
      if (writeFailure !== undefined) writeFailures++;
      else if (unifiedDiff) diffs.push(unifiedDiff(shownPath(item.target.path, cwd), outcome.source ?? '', outcome.output));
    }
    const reported = byNameOnly.has(item.target.path) ? notAManifest(outcome.result, cwd) : outcome.result;
    const result = writeFailure === undefined ? reported : withFatal(reported, writeFailure);
    if (!options.fixDryRun) delete result.output;
    results.push(result);
  }
  cache?.save();

  const suppressionsPath = resolve(cwd, options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS_FILE);
  const suppress = options.suppressAll ? 'all' : options.suppressRules.length > 0 ? options.suppressRules : undefined;
  const suppressionsShown = options.suppressionsLocation ?? DEFAULT_SUPPRESSIONS_FILE;
  const baseline = applySuppressions(results, loadSuppressions(suppressionsPath, suppressionsShown), { cwd, suppress, prune: options.pruneSuppressions });
  if (baseline.changed && !options.fixDryRun) saveSuppressions(suppressionsPath, baseline.data, suppressionsShown);

  const reportUnused = !options.stdin && targets.every((target) => !target.explicit);
  const all = [...results, ...exemptions.report({ reportUnused })];
  const shown = options.quiet ? all.map(quietResult) : all;

  const plugins = new Map<string, ESLint.Plugin>();
  for (const item of planned) for (const [namespace, plugin] of Object.entries(item.config?.plugins ?? {})) plugins.set(namespace, plugin);
  const formatter = await loadFormatter(options.format, cwd);
  const rulesMeta: Record<string, unknown> = {};
  for (const result of shown) {
    for (const message of result.messages) {
      if (!message.ruleId || Object.hasOwn(rulesMeta, message.ruleId)) continue;
      const slash = message.ruleId.lastIndexOf('/');
      const rules = plugins.get(message.ruleId.slice(0, slash))?.rules;
      const name = message.ruleId.slice(slash + 1);
      if (rules && Object.hasOwn(rules, name)) rulesMeta[message.ruleId] = (rules[name] as { meta?: unknown }).meta;
    }
  }
  const outputStream = options.outputFile ? undefined : io.stdout;
  const text = await formatter(shown, { cwd, color: options.outputFile ? false : useColor(options.color, io.stdout, io.env), toolVersion: coreVersion, rule: ruleInfoLookup(plugins) }, rulesMeta);
  const diffText = diffs.length > 0 && options.format === 'stylish' ? diffs.join('') : '';
  if (options.outputFile) {
    writeUserFile(resolve(cwd, options.outputFile), text, 'the report', options.outputFile);
    if (diffText) io.stdout.write(diffText);
  } else {
    outputStream!.write(diffText + text);
  }

  // A dry run reports the fixed text, which is not written: suppressions its fixes would clear still hold on disk.
  if (baseline.unused.length > 0 && !options.passOnUnprunedSuppressions && !options.fixDryRun) {
    io.stderr.write(
      `ase-gpu-lint: ${baseline.unused.length} suppression(s) in ${displayPath(suppressionsPath, cwd)} no longer occur (${baseline.unused.slice(0, 3).join('; ')}${baseline.unused.length > 3 ? '; ...' : ''}). Run again with --prune-suppressions to remove them, or pass --pass-on-unpruned-suppressions.\n`,
    );
    return 2;
  }
  const errors = shown.reduce((sum, result) => sum + result.errorCount, 0);
  // As in ESLint, warnings hidden by --quiet do not count against --max-warnings.
  const warnings = shown.reduce((sum, result) => sum + result.warningCount, 0);
  if (writeFailures > 0) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`ase-gpu-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

export { ConfigError, UserError };
