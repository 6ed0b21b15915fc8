import { createTwoFilesPatch } from 'diff';

/** A unified diff of a fix, as `git diff` would show it (`a/` and `b/` paths relative to the working directory). */
export function unifiedDiff(shownPath: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${shownPath}`, `b/${shownPath}`, before, after, undefined, undefined, { context: 3 }).replace(/^={67}\n/mu, '');
}
