import type { LintResult } from '../lint/types.js';

/**
 * What a formatter receives: types only. The registry of formatters (`registry.ts`) imports the
 * formatters, never the reverse.
 */
export interface RuleInfo {
  readonly id: string;
  readonly description?: string | undefined;
  readonly url?: string | undefined;
  readonly type?: string | undefined;
  /** The rule's documentation page (markdown), when shipped. */
  readonly doc?: string | undefined;
  readonly fixable?: boolean;
  readonly hasSuggestions?: boolean;
}

export interface FormatContext {
  readonly cwd: string;
  readonly color: boolean;
  readonly toolVersion: string;
  /** Metadata of the rules that reported something (SARIF, json-with-metadata style output). */
  rule(id: string): RuleInfo | undefined;
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
