import type { Formatter } from './context.js';
import { ciProblems } from './ci-problems.js';

/** GitHub shows at most this many annotations of each level per step; the rest are dropped from the UI. */
export const GITHUB_ANNOTATION_CAP = 10;

function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem, then a plain
 * summary that says how many annotations GitHub's per-step cap hides.
 */
export const formatGithub: Formatter = (results, context) => {
  const lines: string[] = [];
  const { problems, errors, warnings } = ciProblems(results, context.cwd);
  for (const { file, level, message, text } of problems) {
    const properties = [`file=${escapeProperty(file)}`];
    if (message.line) properties.push(`line=${message.line}`, `col=${message.column}`);
    if (message.endLine) properties.push(`endLine=${message.endLine}`, `endColumn=${message.endColumn ?? message.column}`);
    properties.push(`title=${escapeProperty(message.ruleId ?? 'ase-gpu-lint')}`);
    lines.push(`::${level} ${properties.join(',')}::${escapeData(text)}`);
  }
  const hiddenErrors = Math.max(0, errors - GITHUB_ANNOTATION_CAP);
  const hiddenWarnings = Math.max(0, warnings - GITHUB_ANNOTATION_CAP);
  if (errors + warnings > 0) lines.push(`ase-gpu-lint: ${errors} error(s) and ${warnings} warning(s).`);
  if (hiddenErrors + hiddenWarnings > 0) {
    lines.push(
      `ase-gpu-lint: GitHub shows at most ${GITHUB_ANNOTATION_CAP} error and ${GITHUB_ANNOTATION_CAP} warning annotations per step, so ${hiddenErrors} error(s) and ${hiddenWarnings} warning(s) are not annotated on the pull request: every problem is listed in this log, and \`--format sarif\` with code scanning shows them all.`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
