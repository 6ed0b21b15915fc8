import { describeLocation } from '../lint/locate.js';
import type { LintMessage } from '../lint/types.js';
import type { Formatter } from './context.js';
import { shownPath } from './paths.js';
import { oneLine } from './one-line.js';

const codes = { red: [31, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24], green: [32, 39] } as const;
type Style = keyof typeof codes;

function painter(color: boolean): (style: Style, text: string) => string {
  return (style, text) => (color ? `\u001B[${codes[style][0]}m${text}\u001B[${codes[style][1]}m` : text);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function severityOf(message: LintMessage): 'error' | 'warning' {
  return message.fatal || message.severity === 2 ? 'error' : 'warning';
}

/**
 * ESLint's stylish layout (so problem matchers keep working), with a second line under each problem
 * that names the module and the path inside its createOptions; ends with a summary of what
 * `--fix` and `--apply-suggestions` would solve.
 */
export const formatStylish: Formatter = (results, context) => {
  const paint = painter(context.color);
  let output = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let withSuggestions = 0;

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    const rows = result.messages.map((message) => ({
      position: `${message.line ?? 0}:${message.column ?? 0}`,
      severity: severityOf(message),
      text: oneLine(message.message),
      rule: message.ruleId ?? '',
      location: describeLocation(message),
    }));
    withSuggestions += result.messages.filter((message) => !message.fix && (message.suggestions?.length ?? 0) > 0).length;
    // A reduce, not Math.max(...): a file can have more findings than a call can take arguments.
    const positionWidth = rows.reduce((width, row) => Math.max(width, row.position.length), 0);
    const severityWidth = rows.reduce((width, row) => Math.max(width, row.severity.length), 0);
    output += `\n${paint('underline', shownPath(result.filePath, context.cwd))}\n`;
    for (const row of rows) {
      const severity = row.severity === 'error' ? paint('red', row.severity.padEnd(severityWidth)) : paint('yellow', row.severity.padEnd(severityWidth));
      output += `  ${paint('dim', row.position.padStart(positionWidth))}  ${severity}  ${row.text}  ${paint('dim', row.rule)}\n`;
      if (row.location) output += `  ${' '.repeat(positionWidth)}  ${' '.repeat(severityWidth)}  ${paint('dim', row.location)}\n`;
    }
  }

  const total = errors + warnings;
  if (total === 0) return '';
  const mark = errors > 0 ? 'red' : 'yellow';
  output += `\n${paint(mark, paint('bold', `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    output += paint(mark, paint('bold', `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`)) + '\n';
  }
  if (withSuggestions > 0) {
    const noun = fixableErrors + fixableWarnings > 0 ? 'other problem' : 'problem';
    const them = withSuggestions === 1 ? 'it' : 'them';
    output += paint('dim', `  ${plural(withSuggestions, noun)} ${withSuggestions === 1 ? 'has a suggestion' : 'have suggestions'}: \`--apply-suggestions\` applies ${them} (review the diff), editors offer ${them} as quick fixes.`) + '\n';
  }
  return output;
};
