import type { JsonSchema } from './rule-api.js';

/**
 * The `autofix` option of the rules whose fix policy is `option`: off by default, so the fix is only
 * offered as a suggestion; the migration preset turns it on, and --fix applies it.
 */
export interface AutofixOption {
  autofix?: boolean;
}

/**
 * The schema of such a rule: one options object whose `autofix` is described by what --fix then does,
 * after the rule's own properties.
 */
export function autofixOptionSchema(description: string, properties: Readonly<Record<string, JsonSchema>> = {}): JsonSchema[] {
  return [
    {
      type: 'object',
      properties: { ...properties, autofix: { type: 'boolean', description } },
      additionalProperties: false,
    },
  ];
}

/** The `defaultOptions` of such a rule (in `meta` and beside it): suggestions only. */
export function autofixDefaultOptions(): [{ autofix: boolean }] {
  return [{ autofix: false }];
}

/** The `docs.migrationOptions` of such a rule. */
export function autofixMigrationOptions(): { autofix: true } {
  return { autofix: true };
}
