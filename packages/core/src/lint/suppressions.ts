import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { UserError } from '../config/errors.js';
import { CONFIG_SIZE_LIMIT, readRegularText, UnreadableFileError } from '../files/read.js';
import { writeFileAtomically } from './write.js';
import { writeFailureReason, writeUserFile } from './write-errors.js';
import { countMessages, type LintResult } from './types.js';

/** ESLint's bulk suppressions file: `{ "<file relative to cwd>": { "<rule id>": { "count": n } } }`. */
export type SuppressionsFile = Record<string, Record<string, { count: number }>>;

export const DEFAULT_SUPPRESSIONS_FILE = 'ase-gpu-lint-suppressions.json';

function key(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Objects without a prototype: a file or rule named `__proto__` or `constructor` is a key like any other. */
function table<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a suppressions file. A baseline decides which errors fail a build, so an entry of the wrong
 * shape (`null`, a count that is not a positive whole number) is an error naming the entry, exit 2:
 * ignoring it would fail or pass builds for a reason nobody can see.
 */
export function loadSuppressions(path: string, shown = path): SuppressionsFile {
  let text: string;
  try {
    text = readRegularText(path, { maxBytes: CONFIG_SIZE_LIMIT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return table();
    const reason = error instanceof UnreadableFileError ? error.message.replace(/\.$/u, '') : writeFailureReason(error);
    throw new UserError(`${shown}: cannot read the suppressions file: ${reason.replace(/^(is|cannot)/u, 'it $1')}.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    throw new UserError(`${shown}: the suppressions file is not valid JSON.`);
  }
  const invalid = (where: string, expected: string) => new UserError(`${shown}: ${where} must be ${expected}.`);
  if (!isRecord(data)) throw invalid('the suppressions file', 'an object of files');
  const files = table<Record<string, { count: number }>>();
  for (const [file, rules] of Object.entries(data)) {
    if (!isRecord(rules)) throw invalid(JSON.stringify(file), 'an object of rules');
    const entries = table<{ count: number }>();
    for (const [rule, entry] of Object.entries(rules)) {
      const count = isRecord(entry) ? entry.count : undefined;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw invalid(`${JSON.stringify(file)}[${JSON.stringify(rule)}]`, '{ "count": n } with a positive whole number n');
      entries[rule] = { count };
    }
    files[file] = entries;
  }
  return files;
}

export function saveSuppressions(path: string, data: SuppressionsFile, shown = path): void {
  const sorted: SuppressionsFile = table();
  for (const file of Object.keys(data).sort()) {
    const rules = data[file]!;
    const names = Object.keys(rules).sort();
    if (names.length === 0) continue;
    const entries = table<{ count: number }>();
    for (const name of names) entries[name] = rules[name]!;
    sorted[file] = entries;
  }
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  if (!existsSync(path)) return writeUserFile(path, text, 'the suppressions file', shown);
  try {
    writeFileAtomically(path, text);
  } catch (error) {
    throw new UserError(`cannot write the suppressions file ${shown}: ${error instanceof Error && error.name === 'UnwritableFileError' ? error.message : writeFailureReason(error)}.`);
  }
}

function errorCounts(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of result.messages) if (message.severity === 2 && message.ruleId) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  return counts;
}

export interface SuppressionOptions {
  readonly cwd: string;
  /** `--suppress-all`, or the rules of `--suppress-rule`. */
  readonly suppress: 'all' | readonly string[] | undefined;
  readonly prune: boolean;
}

/**
 * Applies a baseline as ESLint does: a rule's errors in a file are suppressed while they number no
 * more than the recorded count (beyond it, all of them are reported). Returns the updated file
 * content and whether suppressions are left that no longer occur.
 */
export function applySuppressions(results: LintResult[], data: SuppressionsFile, options: SuppressionOptions): { data: SuppressionsFile; changed: boolean; unused: string[] } {
  const next: SuppressionsFile = table();
  for (const [file, rules] of Object.entries(data)) {
    next[file] = table();
    for (const [rule, entry] of Object.entries(rules)) next[file]![rule] = { count: entry.count };
  }
  let changed = false;
  const unused: string[] = [];
  for (const result of results) {
    const file = key(result.filePath, options.cwd);
    const counts = errorCounts(result);
    if (options.suppress) {
      for (const [rule, count] of counts) {
        if (options.suppress !== 'all' && !options.suppress.includes(rule)) continue;
        next[file] ??= table();
        if (next[file]![rule]?.count !== count) {
          next[file]![rule] = { count };
          changed = true;
        }
      }
    }
    const recorded = Object.hasOwn(next, file) ? next[file] : undefined;
    if (!recorded) continue;
    for (const [rule, { count }] of Object.entries(recorded)) {
      const actual = counts.get(rule) ?? 0;
      if (actual < count) {
        if (options.prune) {
          if (actual === 0) delete recorded[rule];
          else recorded[rule] = { count: actual };
          changed = true;
        } else {
          unused.push(`${file}: ${rule}`);
        }
      }
      if (actual > 0 && actual <= (recorded[rule]?.count ?? 0)) {
        const kept = result.messages.filter((message) => !(message.severity === 2 && message.ruleId === rule));
        const suppressed = result.messages.filter((message) => message.severity === 2 && message.ruleId === rule);
        result.messages = kept;
        for (const message of suppressed) result.suppressedMessages.push({ ...message, suppressions: [{ kind: 'file', justification: '' }] } as never);
      }
    }
    if (Object.keys(recorded).length === 0) delete next[file];
    Object.assign(result, countMessages(result));
  }
  return { data: next, changed, unused };
}
