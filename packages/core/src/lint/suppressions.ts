import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { UserError } from '../config/errors.js';
import { writeFileAtomically } from './write.js';
import { countMessages, type LintResult } from './types.js';
import { writeFileSync } from 'node:fs';

/** ESLint's bulk suppressions file: `{ "<file relative to cwd>": { "<rule id>": { "count": n } } }`. */
export type SuppressionsFile = Record<string, Record<string, { count: number }>>;

export const DEFAULT_SUPPRESSIONS_FILE = 'ase-gpu-lint-suppressions.json';

function key(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** File names and rule ids are data: `__proto__` is a file name like any other, so maps without prototypes. */
function withoutPrototypes(data: SuppressionsFile): SuppressionsFile {
  const copy: SuppressionsFile = Object.create(null) as SuppressionsFile;
  for (const [file, rules] of Object.entries(data)) {
    const entries: Record<string, { count: number }> = Object.create(null) as Record<string, { count: number }>;
    for (const [rule, entry] of Object.entries(rules ?? {})) if (typeof entry?.count === 'number') entries[rule] = { count: entry.count };
    copy[file] = entries;
  }
  return copy;
}

export function loadSuppressions(path: string): SuppressionsFile {
  if (!existsSync(path)) return Object.create(null) as SuppressionsFile;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('expected an object of files');
    return data as SuppressionsFile;
  } catch (error) {
    throw new UserError(`${path}: cannot read the suppressions file: ${(error as Error).message}.`);
  }
}

export function saveSuppressions(path: string, data: SuppressionsFile): void {
  const sorted: SuppressionsFile = Object.create(null) as SuppressionsFile;
  for (const file of Object.keys(data).sort()) {
    const rules = data[file]!;
    const names = Object.keys(rules).sort();
    if (names.length === 0) continue;
    const entries: Record<string, { count: number }> = Object.create(null) as Record<string, { count: number }>;
    for (const name of names) entries[name] = rules[name]!;
    sorted[file] = entries;
  }
  const text = `${JSON.stringify(sorted, null, 2)}\n`;
  if (existsSync(path)) writeFileAtomically(path, text);
  else writeFileSync(path, text);
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
  const next: SuppressionsFile = withoutPrototypes(data);
  let changed = false;
  const unused: string[] = [];
  for (const result of results) {
    const file = key(result.filePath, options.cwd);
    const counts = errorCounts(result);
    if (options.suppress) {
      for (const [rule, count] of counts) {
        if (options.suppress !== 'all' && !options.suppress.includes(rule)) continue;
        next[file] ??= Object.create(null) as Record<string, { count: number }>;
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
