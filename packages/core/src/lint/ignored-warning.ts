import { makeResult, type LintResult } from './types.js';

/** The warning for a file named on the command line that the configuration ignores (ESLint warns about those too). */
export function ignoredWarning(path: string, configFile: string | undefined): LintResult {
  return makeResult(path, [
    {
      ruleId: null,
      severity: 1,
      message: `File ignored because of a matching pattern in "ignores"${configFile ? ` of ${configFile}` : ''}. Remove it from "ignores" to lint it.`,
      line: 0,
      column: 0,
    },
  ]);
}
