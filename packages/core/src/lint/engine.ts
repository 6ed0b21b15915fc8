import type { Linter as LinterType } from 'eslint';
import { Linter } from 'eslint/universal';
import { embeddedJsonProblems, getExemptionUsage, getManifestModel, parseManifestText, resetExemptionUsage } from 'eslint-plugin-ase-gpu';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { FileConfig } from '../config/resolve.js';
import { locateMessages, type LintedFile } from './locate.js';
import { splitBom, withBom } from './text.js';
import { makeResult, type LintMessage, type LintResult } from './types.js';

import type { FixType } from './fix-types.js';

export type { FixType } from './fix-types.js';
export { FIX_TYPES } from './fix-types.js';

export interface LintTextOptions {
  /** Apply fixes (ESLint's --fix), limited to these rule types when set. */
  readonly fix?: boolean;
  readonly fixTypes?: readonly FixType[] | undefined;
  /** Apply each remaining problem's first suggestion too, then lint again (the migration run). */
  readonly applySuggestions?: boolean;
}

export interface LintTextResult {
  readonly result: LintResult;
  /** The fixed text, BOM included, when fixes changed it and it parses. */
  readonly output: string | undefined;
  /** How often each exemption (by its plugin key) silenced a finding in this file. */
  readonly exemptionUsage: Record<string, number>;
}

const MAX_SUGGESTION_PASSES = 10;

type ConfigArray = LinterType.Config[];
type FlatConfigArrayClass = new (configs: ConfigArray, options: { basePath: string }) => ConfigArray & { normalizeSync(): void };

/**
 * ESLint's FlatConfigArray, which is not public API. Linter#verify normalises a plain config array on
 * every call, validating the options of every rule again (about a tenth of the time on small
 * manifests); one normalised array per configuration skips that. Without it plain arrays still work.
 */
const FlatConfigArray: FlatConfigArrayClass | undefined = (() => {
  try {
    const require = createRequire(import.meta.url);
    const eslintDir = dirname(require.resolve('eslint/package.json'));
    const loaded = (require(join(eslintDir, 'lib/config/flat-config-array.js')) as { FlatConfigArray?: unknown }).FlatConfigArray;
    return typeof loaded === 'function' ? (loaded as FlatConfigArrayClass) : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The plugins with every rule's option schema switched off. ESLint checks rule options with an Ajv of
 * its own, loaded and compiled for every enabled rule on the first file: a fifth of a cold start on one
 * manifest. The configuration resolver has already checked every configured option against the same
 * schemas (config/resolve.ts), so only inline `eslint` comments, which it never sees, need ESLint's check:
 * a text that could hold one keeps the plugins as they are (see `mayHoldInlineConfig`).
 */
const unschematized = new WeakMap<object, Readonly<Record<string, ESLintPlugin>>>();

type ESLintPlugin = NonNullable<LinterType.Config['plugins']>[string];

function withoutOptionSchemas(plugins: Readonly<Record<string, ESLintPlugin>>): Readonly<Record<string, ESLintPlugin>> {
  const known = unschematized.get(plugins);
  if (known) return known;
  const copy: Readonly<Record<string, ESLintPlugin>> = Object.fromEntries(
    Object.entries(plugins).map(([namespace, plugin]) => {
      if (!plugin.rules) return [namespace, plugin];
      const rules = Object.fromEntries(
        Object.entries(plugin.rules).map(([name, rule]) => {
          if (typeof rule !== 'object' || rule === null || !rule.meta) return [name, rule];
          return [name, { ...rule, meta: { ...rule.meta, schema: false } }];
        }),
      );
      return [namespace, { ...plugin, rules }];
    }),
  );
  unschematized.set(plugins, copy);
  return copy;
}

/** Inline configuration and directives are comments that name ESLint (`eslint`, `eslint-disable`); a text without the word holds none. */
function mayHoldInlineConfig(text: string): boolean {
  return text.includes('eslint');
}

/** The ESLint config for one file configuration under one linter root, built and normalised once. */
const flatConfigs = new Map<string, ConfigArray>();

function flatConfigFor(config: FileConfig, root: string, checkOptions: boolean): ConfigArray {
  const key = `${root}\0${config.key}\0${checkOptions ? 'checked' : 'pre-checked'}`;
  let flat = flatConfigs.get(key);
  if (!flat) {
    const plain: ConfigArray = [
      {
        name: 'ase-gpu-lint',
        files: ['**'],
        plugins: (checkOptions ? config.plugins : withoutOptionSchemas(config.plugins as Record<string, ESLintPlugin>)) as LinterType.Config['plugins'],
        language: 'ase-gpu/manifest',
        rules: config.rules as LinterType.RulesRecord,
        settings: { 'ase-gpu': config.settings },
      },
    ];
    flat = plain;
    if (FlatConfigArray) {
      const normalized = new FlatConfigArray(plain, { basePath: root });
      normalized.normalizeSync();
      flat = normalized;
    }
    flatConfigs.set(key, flat);
  }
  return flat;
}

/** Linter#verifyAndFix accepts a fix predicate at run time (ESLint's --fix-type uses it); its types say boolean. */
type FixingLinter = Linter & {
  verifyAndFix(text: string, config: LinterType.Config[], options: { filename: string; fix: boolean | ((message: LinterType.LintMessage) => boolean) }): LinterType.FixReport;
  getSuppressedMessages(): LinterType.SuppressedLintMessage[];
};

/** ESLint matches `files` against paths inside its cwd: files elsewhere get a linter rooted at `/`. */
function linterRoot(filename: string, cwd: string): string {
  const rel = relative(cwd, filename);
  return rel.startsWith('..') || isAbsolute(rel) ? '/' : cwd;
}

/**
 * A Linter per file: a Linter keeps the last file's tree (and, through it, the rules' model of the
 * file) until its next run, which for a 20 MB manifest is hundreds of megabytes held while the report
 * is written. Creating one costs next to nothing; the normalised config is what is worth keeping.
 */
function linterFor(root: string): FixingLinter {
  return new Linter({ cwd: root }) as FixingLinter;
}

function ruleType(config: FileConfig, ruleId: string | null): FixType | undefined {
  if (ruleId === null) return 'directive';
  const slash = ruleId.lastIndexOf('/');
  const rule = config.plugins[ruleId.slice(0, slash)]?.rules?.[ruleId.slice(slash + 1)] as { meta?: { type?: FixType } } | undefined;
  return rule?.meta?.type;
}

function fixPredicate(config: FileConfig, options: LintTextOptions): boolean | ((message: LinterType.LintMessage) => boolean) {
  if (!options.fix) return false;
  const types = options.fixTypes;
  if (!types || types.length === 0) return true;
  return (message) => {
    const type = ruleType(config, message.ruleId);
    return type !== undefined && types.includes(type);
  };
}

/** The manifest model the rules built in the linter's last pass, which linted `text`; undefined for other files. */
function lastLinted(linter: FixingLinter, text: string, filename: string, config: FileConfig, cwd: string): LintedFile | undefined {
  const sourceCode = linter.getSourceCode();
  if (!sourceCode || sourceCode.text !== text) return undefined;
  const model = getManifestModel({ sourceCode, filename, cwd, id: '', settings: { 'ase-gpu': config.settings } });
  if (!model) return undefined;
  // ESLint reports 1-based columns; the manifest language counts them from 0.
  return { model, offsetAt: (line, column) => sourceCode.getIndexFromLoc({ line, column: Math.max(0, column - 1) }) };
}

/** The fixed text parses, and so does every createOptions the fixes left parseable (joined across chunks). */
function parses(text: string, filename: string, original: string): boolean {
  return parseManifestText(text, filename).ok && embeddedJsonProblems(text, filename, original).length === 0;
}

/** Applies the first suggestion of each message, skipping suggestions that overlap an earlier one. */
function applyFirstSuggestions(text: string, messages: readonly LinterType.LintMessage[]): string | undefined {
  const edits = messages
    .map((message) => message.suggestions?.[0]?.fix)
    .filter((fix): fix is LinterType.LintMessage['fix'] & object => Boolean(fix))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let last = 0;
  let applied = 0;
  for (const edit of edits) {
    if (edit.range[0] < last) continue;
    output += text.slice(last, edit.range[0]) + edit.text;
    last = edit.range[1];
    applied++;
  }
  return applied === 0 ? undefined : output + text.slice(last);
}

function unwrittenFixMessage(): LintMessage {
  return {
    ruleId: null,
    severity: 1,
    message: 'ase-gpu-lint did not apply the fixes to this file: the fixed text would not be valid JSON. The findings are shown unfixed; please report this with the file.',
    line: 0,
    column: 0,
  } as LintMessage;
}

function usageSnapshot(): Record<string, number> {
  return Object.fromEntries(getExemptionUsage());
}

/**
 * Lints (and with `fix`, fixes) one manifest's text with its configuration. Never writes: the caller
 * decides what to do with `output`.
 */
export function lintText(text: string, filename: string, config: FileConfig, cwd: string, options: LintTextOptions = {}): LintTextResult {
  const { bom, body } = splitBom(text);
  const root = linterRoot(filename, cwd);
  const linter = linterFor(root);
  const flat = flatConfigFor(config, root, mayHoldInlineConfig(body));
  const fix = fixPredicate(config, options);
  resetExemptionUsage();

  let messages: LinterType.LintMessage[];
  let current = body;
  const extra: LintMessage[] = [];
  if (fix || options.applySuggestions) {
    const first = linter.verifyAndFix(body, flat, { filename, fix });
    messages = first.messages;
    current = first.output;
    if (options.applySuggestions) {
      for (let pass = 0; pass < MAX_SUGGESTION_PASSES; pass++) {
        const suggested = applyFirstSuggestions(current, messages);
        if (suggested === undefined || !parses(suggested, filename, body)) break;
        const next = linter.verifyAndFix(suggested, flat, { filename, fix: fix || true });
        messages = next.messages;
        current = next.output;
      }
    }
    if (current !== body && !parses(current, filename, body)) {
      current = body;
      messages = linter.verify(body, flat, { filename });
      extra.push(unwrittenFixMessage());
    }
  } else {
    messages = linter.verify(body, flat, { filename });
  }

  const suppressed = linter.getSuppressedMessages() as LintMessage[];
  const all = [...(messages as LintMessage[]), ...extra];
  locateMessages(all, lastLinted(linter, current, filename, config, cwd));
  const output = current !== body ? withBom(bom, current) : undefined;
  const result = makeResult(filename, all, { suppressedMessages: suppressed, ...(output !== undefined ? { output } : {}) });
  return { result, output, exemptionUsage: usageSnapshot() };
}
