import { keyName, type JSONNode } from '../manifest/json-ast.js';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/u;

/**
 * The compact JSON text of a node: what `JSON.stringify` gives for its value, except that numbers keep
 * the digits the file wrote (a large integer or `1e400` would lose them through a JS number). Null when
 * the node holds something plain JSON cannot say (JSON5 identifiers, `+1`, template literals) or an
 * object with a key given twice, whose meaning a rewrite would have to choose.
 */
export function compactJSON(node: JSONNode | null | undefined): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'JSONObjectExpression': {
      const seen = new Set<string>();
      const members: string[] = [];
      for (const property of node.properties) {
        const key = keyName(property);
        if (seen.has(key)) return null;
        seen.add(key);
        const value = compactJSON(property.value);
        if (value === null) return null;
        members.push(`${JSON.stringify(key)}:${value}`);
      }
      return `{${members.join(',')}}`;
    }
    case 'JSONArrayExpression': {
      const elements: string[] = [];
      for (const element of node.elements) {
        const value = compactJSON(element);
        if (value === null) return null;
        elements.push(value);
      }
      return `[${elements.join(',')}]`;
    }
    case 'JSONLiteral':
      if (typeof node.value === 'number') return JSON_NUMBER.test(node.raw) ? node.raw : null;
      if (typeof node.value === 'string' || typeof node.value === 'boolean' || node.value === null) return JSON.stringify(node.value);
      return null;
    case 'JSONUnaryExpression': {
      if (node.operator !== '-' || node.argument.type !== 'JSONLiteral') return null;
      const text = `-${node.argument.raw}`;
      return JSON_NUMBER.test(text) ? text : null;
    }
    default:
      return null;
  }
}
