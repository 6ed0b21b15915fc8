import type { FileProblem } from '../files/find.js';
import type { FileOutcome } from './process-file.js';
import { makeResult } from './types.js';

/** A file that cannot be linted, as ESLint reports a file it cannot parse: one fatal message. */
export function problemOutcome(path: string, problem: Pick<FileProblem, 'message' | 'line' | 'column'>): FileOutcome {
  return {
    result: makeResult(path, [{ ruleId: null, severity: 2, fatal: true, message: problem.message, line: problem.line, column: problem.column }]),
    output: undefined,
    source: undefined,
    usage: {},
  };
}
