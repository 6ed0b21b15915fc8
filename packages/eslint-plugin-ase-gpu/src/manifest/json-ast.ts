import type { AST } from 'jsonc-eslint-parser';

export type JSONNode = AST.JSONNode;
export type JSONExpression = AST.JSONExpression;
export type JSONObject = AST.JSONObjectExpression;
export type JSONArray = AST.JSONArrayExpression;
export type JSONProperty = AST.JSONProperty;
export type JSONStringLiteral = AST.JSONStringLiteral;
export type JSONProgram = AST.JSONProgram;
export type Range = readonly [number, number];

export function isObject(node: JSONNode | null | undefined): node is JSONObject {
  return node?.type === 'JSONObjectExpression';
}

export function isArray(node: JSONNode | null | undefined): node is JSONArray {
  return node?.type === 'JSONArrayExpression';
}

export function isStringLiteral(node: JSONNode | null | undefined): node is JSONStringLiteral {
  return node?.type === 'JSONLiteral' && typeof node.value === 'string';
}

export function isNumberLiteral(node: JSONNode | null | undefined): node is AST.JSONNumberLiteral {
  return node?.type === 'JSONLiteral' && typeof node.value === 'number';
}

export function isBooleanLiteral(node: JSONNode | null | undefined): node is AST.JSONKeywordLiteral {
  return node?.type === 'JSONLiteral' && typeof node.value === 'boolean';
}

/** The key of a property as the JSON text means it (string keys, or identifiers in JSON5-ish input). */
export function keyName(property: JSONProperty): string {
  const key = property.key;
  if (key.type === 'JSONIdentifier') return key.name;
  return String(key.value);
}

/**
 * The last property with this key: IoT Hub, Newtonsoft's JObject and JSON.parse all keep the last
 * of duplicate keys, so the model answers with the one that takes effect.
 */
export function findProperty(
  object: JSONObject | null | undefined,
  name: string,
  options: { ignoreCase?: boolean } = {},
): JSONProperty | undefined {
  if (!object) return undefined;
  const wanted = options.ignoreCase ? name.toLowerCase() : name;
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!;
    const key = keyName(property);
    if ((options.ignoreCase ? key.toLowerCase() : key) === wanted) return property;
  }
  return undefined;
}

export function propertyValue(
  object: JSONObject | null | undefined,
  name: string,
  options: { ignoreCase?: boolean } = {},
): JSONExpression | undefined {
  return findProperty(object, name, options)?.value;
}

export function objectAt(object: JSONObject | null | undefined, name: string, options: { ignoreCase?: boolean } = {}): JSONObject | undefined {
  const value = propertyValue(object, name, options);
  return isObject(value) ? value : undefined;
}

export function stringAt(object: JSONObject | null | undefined, name: string, options: { ignoreCase?: boolean } = {}): JSONStringLiteral | undefined {
  const value = propertyValue(object, name, options);
  return isStringLiteral(value) ? value : undefined;
}

/**
 * The plain value of a JSON node. Written iteratively-safe for the shapes JSON can have and without
 * prototype surprises: keys such as `__proto__` become own properties.
 */
export function staticValue(node: JSONNode | null | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'JSONObjectExpression': {
      const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const property of node.properties) {
        Object.defineProperty(result, keyName(property), {
          value: staticValue(property.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    case 'JSONArrayExpression':
      return node.elements.map((element) => staticValue(element));
    case 'JSONLiteral':
      return node.value;
    case 'JSONUnaryExpression': {
      const value = staticValue(node.argument);
      return node.operator === '-' ? -(value as number) : value;
    }
    case 'JSONIdentifier':
      if (node.name === 'Infinity') return Infinity;
      if (node.name === 'NaN') return NaN;
      return undefined;
    case 'JSONTemplateLiteral':
      return node.quasis[0]?.value.cooked;
    default:
      return undefined;
  }
}

/**
 * A value as a message quotes it: a string as it is, an object or array as compact JSON, any other
 * scalar as JavaScript writes it (`1e400` is `Infinity`). Never throws: `String()` of the prototype-less
 * objects `staticValue` builds would.
 */
export function valueText(node: JSONNode | null | undefined): string {
  const value = staticValue(node);
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A human reading of a JSON value's type, for messages. */
export function describeType(node: JSONNode): string {
  switch (node.type) {
    case 'JSONObjectExpression':
      return 'an object';
    case 'JSONArrayExpression':
      return 'an array';
    case 'JSONLiteral':
      if (node.value === null) return 'null';
      if (typeof node.value === 'string') return 'a string';
      if (typeof node.value === 'number') return 'a number';
      if (typeof node.value === 'boolean') return 'a boolean';
      return 'a literal';
    default:
      return 'a value';
  }
}

/** Whether an object repeats a key; small objects (nearly all of a manifest) are compared pairwise, without allocating. */
export function hasRepeatedKey(properties: readonly JSONProperty[]): boolean {
  if (properties.length < 2) return false;
  if (properties.length <= 8) {
    for (let i = 1; i < properties.length; i++) {
      const key = keyName(properties[i]!);
      for (let j = 0; j < i; j++) if (keyName(properties[j]!) === key) return true;
    }
    return false;
  }
  const seen = new Set<string>();
  for (const property of properties) {
    const key = keyName(property);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
