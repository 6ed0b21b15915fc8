import type { TextStyle } from '../manifest/text-style.js';

/** Compact JSON (inside createOptions strings), or laid out like the file. */
export type JSONLayout = TextStyle | 'compact';

/**
 * The one serializer every fix uses: JSON text for `value` that reads like its surroundings. In a
 * compact host (a createOptions string) it is `JSON.stringify`; in a laid-out host it follows the
 * file's indentation unit and line endings, starting at `baseIndent`.
 */
export function serializeJSON(value: unknown, layout: JSONLayout, baseIndent = ''): string {
  if (layout === 'compact') return JSON.stringify(value);
  const pretty = JSON.stringify(value, null, layout.indentUnit);
  if (!pretty.includes('\n')) return pretty;
  return pretty.split('\n').join(layout.eol + baseIndent);
}

/** `"key": value` (or `"key":value` when compact). */
export function serializeProperty(key: string, value: unknown, layout: JSONLayout, baseIndent = '', spaced = layout !== 'compact'): string {
  return `${JSON.stringify(key)}:${spaced ? ' ' : ''}${serializeJSON(value, layout, baseIndent)}`;
}
