import type { Linter } from 'eslint';

/** An ESLint lint message, with where it is in the manifest's terms. */
export interface LintMessage extends Linter.LintMessage {
  /** The module whose declaration holds the finding. */
  module?: string;
  /** The path inside that module's createOptions (`HostConfig.Binds[0]`), for createOptions findings. */
  createOptionsPath?: string;
}

/** ESLint's LintResult shape (the `json` format is ESLint-compatible), plus the manifest locations. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text (with `--fix` or `--fix-dry-run`) when it differs from the file. */
  output?: string;
  /** The original text, when a formatter needs it. */
  source?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}

export function countMessages(result: Pick<LintResult, 'messages'>): Omit<LintResult, 'filePath' | 'messages' | 'suppressedMessages' | 'usedDeprecatedRules'> {
  let errorCount = 0;
  let fatalErrorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const message of result.messages) {
    if (message.severity === 2) {
      errorCount++;
      if (message.fatal) fatalErrorCount++;
      if (message.fix) fixableErrorCount++;
    } else if (message.severity === 1) {
      warningCount++;
      if (message.fix) fixableWarningCount++;
    }
  }
  return { errorCount, fatalErrorCount, warningCount, fixableErrorCount, fixableWarningCount };
}

export function makeResult(filePath: string, messages: LintMessage[], extra: Partial<LintResult> = {}): LintResult {
  return { filePath, messages, suppressedMessages: [], ...countMessages({ messages }), usedDeprecatedRules: [], ...extra };
}
