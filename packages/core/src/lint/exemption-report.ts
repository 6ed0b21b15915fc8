import { isExpired, type Exemption } from 'eslint-plugin-ase-gpu';
import { readFileSync } from 'node:fs';
import type { ExemptionEntry } from '../config/model.js';
import type { FileConfig } from '../config/resolve.js';
import { lastAtOrBefore, lineStarts } from './text.js';
import { makeResult, type LintMessage, type LintResult } from './types.js';

interface Tracked {
  readonly entry: ExemptionEntry;
  used: number;
  /** A linted file was in this exemption's reach (its configuration applied). */
  reached: boolean;
}

/**
 * Collects, over a run, which exemptions silenced findings; then reports what ESLint reports for
 * disable directives: exemptions without a reason, expired ones, and ones nothing needed.
 */
export class ExemptionTracker {
  readonly #tracked = new Map<string, Tracked>();

  record(config: FileConfig, usage: Readonly<Record<string, number>>): void {
    for (const applied of config.exemptions) {
      const id = `${applied.entry.origin}\n${applied.entry.index}\n${JSON.stringify(applied.entry.exemption)}`;
      let tracked = this.#tracked.get(id);
      if (!tracked) {
        tracked = { entry: applied.entry, used: 0, reached: false };
        this.#tracked.set(id, tracked);
      }
      tracked.reached = true;
      tracked.used += usage[applied.key] ?? 0;
    }
  }

  /** Results for the configuration files whose exemptions need attention. */
  report(options: { reportUnused: boolean; today?: string }): LintResult[] {
    const byFile = new Map<string, LintMessage[]>();
    const texts = new Map<string, string | undefined>();
    for (const tracked of this.#tracked.values()) {
      const { exemption, origin } = tracked.entry;
      const problems: string[] = [];
      const what = describe(exemption);
      if (typeof exemption.reason !== 'string' || exemption.reason.trim() === '') {
        problems.push(`Exemption ${what} has no reason: add "reason" saying why the finding is accepted, so that reviewers and auditors can judge it.`);
      }
      if (isExpired(exemption, options.today)) {
        problems.push(`Exemption ${what} expired on ${exemption.expires} and no longer silences findings: fix the findings, or renew it with a new "expires" date.`);
      } else if (options.reportUnused && tracked.reached && tracked.used === 0) {
        problems.push(`Unused exemption ${what}: no finding in the files linted needed it; remove it from the configuration.`);
      }
      if (problems.length === 0) continue;
      if (!texts.has(origin)) texts.set(origin, readText(origin));
      const position = locate(texts.get(origin), tracked.entry, [...this.#tracked.values()].map((item) => item.entry));
      const list = byFile.get(origin) ?? [];
      for (const message of problems) list.push({ ruleId: null, severity: 1, message, line: position.line, column: position.column } as LintMessage);
      byFile.set(origin, list);
    }
    return [...byFile.entries()].map(([file, messages]) => makeResult(file, messages.sort((a, b) => a.line - b.line || a.column - b.column)));
  }
}

function describe(exemption: Exemption): string {
  const scope = [exemption.module ? `module "${exemption.module}"` : undefined, exemption.file ? `files "${exemption.file}"` : undefined].filter(Boolean).join(', ');
  return `for ${exemption.rule}${scope ? ` (${scope})` : ''}`;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Line and column of an exemption's rule id in its file: the n-th mention for the n-th exemption of that rule. */
function locate(text: string | undefined, entry: ExemptionEntry, all: readonly ExemptionEntry[]): { line: number; column: number } {
  if (!text) return { line: 0, column: 0 };
  const rank = all.filter((other) => other.origin === entry.origin && other.exemption.rule === entry.exemption.rule && other.index < entry.index).length;
  const pattern = new RegExp(`["']?${entry.exemption.rule.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')}["']?`, 'gu');
  const ruleKey = /["']?rule["']?\s*:\s*$/u;
  let seen = 0;
  for (const match of text.matchAll(pattern)) {
    if (!ruleKey.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    if (seen++ < rank) continue;
    const starts = lineStarts(text);
    const line = lastAtOrBefore(starts, match.index);
    return { line: line + 1, column: match.index - starts[line]! + 1 };
  }
  return { line: 1, column: 1 };
}
