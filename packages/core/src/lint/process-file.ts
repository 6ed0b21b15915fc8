import { readFileSync } from 'node:fs';
import type { FileConfig } from '../config/resolve.js';
import { lintText, type LintTextOptions } from './engine.js';
import { makeResult, type LintResult } from './types.js';
import { displayPath } from '../config/errors.js';

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
}

/** Lints one file from disk (or the given text), turning an unreadable file into a finding, not a crash. */
export function processFile(path: string, text: string | undefined, config: FileConfig, options: ProcessOptions): FileOutcome {
  let source = text;
  if (source === undefined) {
    try {
      source = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return {
        result: makeResult(path, [{ ruleId: null, severity: 2, fatal: true, message: `Cannot read ${displayPath(path, options.cwd)} (${code}).`, line: 0, column: 0 }]),
        output: undefined,
        source: undefined,
        usage: {},
      };
    }
  }
  const linted = lintText(source, path, config, options.cwd, options);
  return { result: linted.result, output: linted.output, source: linted.output !== undefined ? source : undefined, usage: linted.exemptionUsage };
}
