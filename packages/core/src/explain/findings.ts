import { lineStarts } from '../lint/text.js';
import type { LintMessage } from '../lint/types.js';

/** A rule's report in this run, with its file range. */
export interface RuleFinding {
  readonly ruleId: string;
  readonly severity: 1 | 2;
  readonly message: string;
  readonly module: string | undefined;
  /** Where in the module's createOptions, for createOptions findings. */
  readonly createOptionsPath: string | undefined;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/** The rules' messages of a lint run with file offsets; parse errors and other rule-less messages are left out. */
export function ruleFindings(messages: readonly LintMessage[], text: string): RuleFinding[] {
  const starts = lineStarts(text);
  const offset = (line: number, column: number): number => (starts[line - 1] ?? text.length) + column - 1;
  const findings: RuleFinding[] = [];
  for (const message of messages) {
    if (!message.ruleId || message.line < 1) continue;
    const start = offset(message.line, message.column);
    const end = message.endLine === undefined ? start : offset(message.endLine, message.endColumn ?? message.column);
    findings.push({ ruleId: message.ruleId, severity: message.severity as 1 | 2, message: message.message, module: message.module, createOptionsPath: message.createOptionsPath, line: message.line, column: message.column, start, end: Math.max(start, end) });
  }
  return findings;
}

/**
 * The finding that reports what a translation issue at `range` is about: one that starts where the
 * issue does, else one inside its range (a rule may point at a key or an element of it). A finding
 * that only encloses the issue (a whole createOptions string) is about something wider.
 */
export function findingAt(findings: readonly RuleFinding[], range: readonly [number, number]): RuleFinding | undefined {
  const [start, end] = range;
  return findings.find((finding) => finding.start === start) ?? findings.find((finding) => finding.start >= start && finding.end <= end && finding.end > finding.start);
}
