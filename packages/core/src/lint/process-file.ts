import type { FileConfig } from '../config/resolve.js';
import { lintText, type LintTextOptions } from './engine.js';
import type { LintResult } from './types.js';
import { displayPath } from '../config/errors.js';
import { DEFAULT_MAX_FILE_SIZE, readManifest } from '../files/find.js';
import { problemOutcome } from './problem-outcome.js';

export interface FileOutcome {
  readonly result: LintResult;
  /** Fixed text (BOM included) when fixes changed the file. */
  readonly output: string | undefined;
  /** Original text, when fixes changed it (for diffs). */
  readonly source: string | undefined;
  readonly usage: Record<string, number>;
}

export interface ProcessOptions extends LintTextOptions {
  readonly cwd: string;
  /** `--max-file-size` in bytes (0: no limit). */
  readonly maxFileSize?: number | undefined;
}

/** Lints one file from disk (or the given text), turning a file that cannot be linted (unreadable, not a regular file, too large, not UTF-8) into a finding, not a crash. */
export function processFile(path: string, text: string | undefined, config: FileConfig, options: ProcessOptions): FileOutcome {
  let source = text;
  if (source === undefined) {
    const read = readManifest(path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, displayPath(path, options.cwd));
    if ('problem' in read) return problemOutcome(path, read.problem);
    source = read.text;
  }
  const linted = lintText(source, path, config, options.cwd, options);
  return { result: linted.result, output: linted.output, source: linted.output !== undefined ? source : undefined, usage: linted.exemptionUsage };
}
