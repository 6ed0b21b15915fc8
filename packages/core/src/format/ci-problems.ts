import type { LintMessage, LintResult } from '../lint/types.js';
import { describeLocation } from '../lint/locate.js';
import { shownPath } from './paths.js';

/** One problem as CI logging commands print it: the file as shown, its level, its text with the createOptions location. */
export interface CiProblem {
  readonly file: string;
  readonly level: 'error' | 'warning';
  readonly message: LintMessage;
  readonly text: string;
}

/** Every problem of a run in report order, and how many of each level: what CI annotation formats share. */
export function ciProblems(results: readonly LintResult[], cwd: string): { problems: CiProblem[]; errors: number; warnings: number } {
  const problems: CiProblem[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    const file = shownPath(result.filePath, cwd);
    for (const message of result.messages) {
      const level = message.fatal || message.severity === 2 ? 'error' : 'warning';
      if (level === 'error') errors++;
      else warnings++;
      const location = describeLocation(message);
      problems.push({ file, level, message, text: location ? `${message.message} (${location})` : message.message });
    }
  }
  return { problems, errors, warnings };
}
