import type { TSESLint } from '@typescript-eslint/utils';
import { RuleCreator } from '../vendor/rule-creator.js';
import { ruleDocsUrl } from './plugin-package.js';

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
  /** Options the `migration` preset sets (turns `opt` suggestions into fixes). */
  migrationOptions?: Record<string, unknown>;
  /** The findings of domain section 12 this rule owns. */
  owns: readonly string[];
  fixPolicy: FixPolicy;
}

/**
 * The languages every rule runs under: ours, and the other JSON languages a user's config may have
 * put on a manifest (the manifest model re-parses their text once per file).
 */
export const LANGUAGES = ['ase-gpu/manifest', 'json/json', 'json/jsonc', 'json/json5', 'jsonc/x', 'js/js'] as const;

const createNamedRule = RuleCreator<AseGpuDocs>(ruleDocsUrl);

/** RuleCreator with the docs URL from the rule name and `meta.languages` declared on every rule. */
export const createRule: typeof createNamedRule = (rule) => {
  const created = createNamedRule(rule);
  return { ...created, meta: { ...created.meta, languages: [...LANGUAGES] } as typeof created.meta };
};

export type RuleContext<MessageIds extends string, Options extends readonly unknown[]> = Readonly<TSESLint.RuleContext<MessageIds, Options>>;
