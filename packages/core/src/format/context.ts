import type { LintResult } from '../lint/types.js';

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

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Formatters are imported only when used: a run pays for one. */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).formatStylish;
    case 'json':
      return (await import('./json.js')).formatJson;
    case 'sarif':
      return (await import('./sarif.js')).formatSarif;
    case 'github':
      return (await import('./github.js')).formatGithub;
    case 'junit':
      return (await import('./junit.js')).formatJunit;
  }
}
