import type { TSESLint } from '@typescript-eslint/utils';
import { applyDefault, RuleCreator } from '../vendor/rule-creator.js';
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

/**
 * The languages every rule runs under: ours, and the other JSON languages a user's config may have
 * put on a manifest (the manifest model re-parses their text once per file).
 */
export const LANGUAGES = ['ase-gpu/manifest', 'json/json', 'json/jsonc', 'json/json5', 'jsonc/x', 'js/js'] as const;

const createNamedRule = RuleCreator<AseGpuDocs>(ruleDocsUrl);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * RuleCreator with the docs URL from the rule name and `meta.languages` declared on every rule.
 * RuleCreator merges the defaults into a structured clone of them for every rule on every file; a
 * config has a handful of distinct option lists, so each is merged once and shared, frozen.
 */
export const createRule: typeof createNamedRule = (rule) => {
  const created = createNamedRule(rule);
  type Options = Parameters<typeof rule.create>[1];
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as Options;
  const resolved = new Map<string, Options>();
  return {
    ...created,
    meta: { ...created.meta, languages: [...LANGUAGES] } as typeof created.meta,
    create(context) {
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      let options = resolved.get(key);
      if (options === undefined) {
        options = deepFreeze(applyDefault(defaults, context.options as Options)) as Options;
        resolved.set(key, options);
      }
      return rule.create(context, options);
    },
  };
};

export type RuleContext<MessageIds extends string, Options extends readonly unknown[]> = Readonly<TSESLint.RuleContext<MessageIds, Options>>;
