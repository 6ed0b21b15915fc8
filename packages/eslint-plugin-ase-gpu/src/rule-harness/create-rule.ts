import { applyDefault, RuleCreator } from '../vendor/rule-creator.js';
import { ruleDocsUrl } from './plugin-package.js';
import type { AseGpuDocs, AseGpuRule, RuleDefinition } from './rule-api.js';

export type { AseGpuDocs, FixPolicy, RuleContext, Severity } from './rule-api.js';

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
 * Typed with the plugin's own rule types (rule-api.ts), so the declarations stand alone.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(rule: RuleDefinition<MessageIds, Options>): AseGpuRule<MessageIds, Options> {
  const created = createNamedRule(rule as unknown as Parameters<typeof createNamedRule>[0]);
  const defaults = (rule.meta.defaultOptions ?? rule.defaultOptions ?? []) as unknown as Options;
  const resolved = new Map<string, Options>();
  return {
    ...(created as unknown as AseGpuRule<MessageIds, Options>),
    meta: { ...(created.meta as unknown as AseGpuRule<MessageIds, Options>['meta']), languages: [...LANGUAGES] },
    create(context) {
      const key = context.options.length === 0 ? '' : JSON.stringify(context.options);
      let options = resolved.get(key);
      if (options === undefined) {
        options = deepFreeze(applyDefault(defaults as never, context.options as never)) as unknown as Options;
        resolved.set(key, options);
      }
      return rule.create(context, options);
    },
  };
}
