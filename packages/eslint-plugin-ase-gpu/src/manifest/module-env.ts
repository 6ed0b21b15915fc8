import { findProperty, isArray, isStringLiteral, staticValue, valueText, type JSONNode } from './json-ast.js';
import type { ModuleModel } from './model.js';

export interface ModuleEnvValue {
  readonly name: string;
  readonly value: string | undefined;
  readonly node: JSONNode;
  readonly source: 'env' | 'createOptions';
}

/**
 * The value a module's container sees for an env variable on Kubernetes (domain section 7): the
 * module `env` section first, then `createOptions.Env` (`NAME=value`; entries without `=` are
 * dropped), the last one winning.
 */
export function moduleEnvValue(module: ModuleModel, name: string): ModuleEnvValue | undefined {
  let found: ModuleEnvValue | undefined;
  for (const entry of module.env) {
    if (entry.name !== name) continue;
    const value = staticValue(entry.value);
    found = { name, value: value === undefined || value === null ? undefined : valueText(entry.value), node: entry.property.key, source: 'env' };
  }
  const env = findProperty(module.createOptions?.rootObject, 'Env', { ignoreCase: true })?.value;
  if (isArray(env)) {
    for (const element of env.elements) {
      if (!isStringLiteral(element)) continue;
      const equals = element.value.indexOf('=');
      if (equals <= 0 || element.value.slice(0, equals) !== name) continue;
      found = { name, value: element.value.slice(equals + 1), node: element, source: 'createOptions' };
    }
  }
  return found;
}
