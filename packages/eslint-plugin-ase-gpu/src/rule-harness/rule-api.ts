// The parts of ESLint's rule API that the published declarations mention, declared here rather than
// imported from @typescript-eslint/utils (a build-time dependency only): a project that compiles its
// eslint.config.ts or a team rule against the plugin with `skipLibCheck: false` needs no package of ours
// beyond the plugin, and no @types/node.
import type { ContextLike } from './manifest-context.js';

export type Severity = 'error' | 'warn' | 'off';

/** How a rule fixes, in the terms of domain/rules.md. */
export type FixPolicy = 'fix' | 'suggestion' | 'option' | 'fix+suggestion' | 'fix+option' | 'none';

export interface AseGpuDocs {
  /** Starts with Require, Disallow or Enforce; no final period. */
  description: string;
  /** Severity in the `recommended` preset. */
  recommended: Severity;
  /** Severity in the `strict` preset. */
  strict: Severity;
  /**
   * Options the `recommended` preset sets, where it reports less than the rule's defaults (which
   * `strict`, `migration` and `all` keep): the findings it turns off deploy and run on the GPU device.
   */
  recommendedOptions?: Record<string, unknown>;
  /** Options the `migration` preset sets (turns `opt` suggestions into fixes). */
  migrationOptions?: Record<string, unknown>;
  /** The findings of domain section 12 this rule owns. */
  owns: readonly string[];
  fixPolicy: FixPolicy;
}

/** A JSON Schema (draft-04, as ESLint reads rule options); ESLint validates it when it loads the rule. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** One replacement of a file range, as ESLint's fixer returns it. */
export interface RuleFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The fixer ESLint hands a fix function: the plugin's fixes are text replacements of file ranges. */
export interface RuleFixer {
  replaceTextRange(range: readonly [number, number], text: string): RuleFix;
  insertTextBeforeRange(range: readonly [number, number], text: string): RuleFix;
  insertTextAfterRange(range: readonly [number, number], text: string): RuleFix;
  removeRange(range: readonly [number, number]): RuleFix;
}

export type FixFunction = (fixer: RuleFixer) => RuleFix | RuleFix[] | null;

/** Type-only: carries a rule's message ids from createRule() to its report() calls. */
declare const messageIds: unique symbol;

/** What a rule needs of ESLint's rule context; ESLint's own context (any 9.x or 10.x) fits it. */
export interface RuleContext<MessageIds extends string = string> extends ContextLike {
  readonly [messageIds]?: MessageIds;
  readonly options: readonly unknown[];
  /** ESLint's report(): the descriptor is built by `ManifestTools.report`. */
  report(descriptor: never): void;
}

/** Selector → handler, as returned by a rule's create(). */
export interface RuleListener {
  // Handlers receive ESLint's nodes, whose types depend on the language the file runs under.
  readonly [selector: string]: ((node: any) => void) | undefined;
}

export interface RuleMeta<MessageIds extends string, Options extends readonly unknown[]> {
  type: 'problem' | 'suggestion' | 'layout';
  docs: AseGpuDocs;
  messages: Record<MessageIds, string>;
  schema: JsonSchema | readonly JsonSchema[];
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
  defaultOptions?: Options;
  deprecated?: boolean;
  replacedBy?: readonly string[];
}

/** A rule as written in src/rules/: `create` gets the options with the defaults applied. */
export interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: RuleMeta<MessageIds, Options>;
  defaultOptions?: Options;
  create(context: RuleContext<MessageIds>, options: Options): RuleListener;
}

/** A rule as ESLint loads it from the plugin. */
export interface AseGpuRule<MessageIds extends string, Options extends readonly unknown[]> {
  readonly name: string;
  readonly meta: Omit<RuleMeta<MessageIds, Options>, 'docs'> & { docs: AseGpuDocs & { url: string }; languages: string[] };
  readonly defaultOptions: Options;
  create(context: RuleContext<MessageIds>): RuleListener;
}
