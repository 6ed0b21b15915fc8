import type { CreateOptions } from './create-options.js';
import type { JSONObject } from './json-ast.js';
import type { ModuleModel } from './model.js';

export interface ReadableCreateOptions {
  readonly createOptions: CreateOptions;
  readonly root: JSONObject;
}

/**
 * A module's createOptions when a rule can read them: present, parsed (valid-create-options owns parse
 * errors) and with an object at the root. Undefined otherwise, and the rule stays silent.
 */
export function readableCreateOptions(module: ModuleModel): ReadableCreateOptions | undefined {
  const createOptions = module.createOptions;
  const root = createOptions?.rootObject;
  if (!createOptions || !root || createOptions.parseError) return undefined;
  return { createOptions, root };
}

/**
 * Like `readableCreateOptions`, for rules about what the device runs: edgeAgent's createOptions are not
 * applied on the device (no-ignored-settings says so), so they have none.
 */
export function appliedCreateOptions(module: ModuleModel): ReadableCreateOptions | undefined {
  return module.system === 'edgeAgent' ? undefined : readableCreateOptions(module);
}
