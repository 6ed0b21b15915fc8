import type { Formatter } from './context.js';
import { ciProblems } from './ci-problems.js';

/** The message of a logging command (azure-pipelines-task-lib's escapedata). */
export function escapeAzureData(text: string): string {
  return text.replace(/%/gu, '%AZP25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** A property value of a logging command (azure-pipelines-task-lib's escape): also `]` and `;`, which end it. */
export function escapeAzureProperty(text: string): string {
  return escapeAzureData(text).replace(/\]/gu, '%5D').replace(/;/gu, '%3B');
}

/**
 * Azure Pipelines logging commands: one `##vso[task.logissue]` per problem (shown on the run's summary
 * and, for files of the repository, in the pull request), and `task.complete result=Failed` when there
 * are errors, so the step fails even where the exit code is ignored.
 */
export const formatAzurePipelines: Formatter = (results, context) => {
  const lines: string[] = [];
  const { problems, errors, warnings } = ciProblems(results, context.cwd);
  for (const { file, level, message, text } of problems) {
    const properties = [`type=${level}`, `sourcepath=${escapeAzureProperty(file)}`];
    if (message.line) properties.push(`linenumber=${message.line}`, `columnnumber=${message.column}`);
    if (message.ruleId) properties.push(`code=${escapeAzureProperty(message.ruleId)}`);
    lines.push(`##vso[task.logissue ${properties.join(';')}]${escapeAzureData(text)}`);
  }
  if (errors + warnings > 0) lines.push(`ase-gpu-lint: ${errors} error(s) and ${warnings} warning(s).`);
  if (errors > 0) lines.push(`##vso[task.complete result=Failed;]${escapeAzureData(`ase-gpu-lint found ${errors} error(s).`)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
