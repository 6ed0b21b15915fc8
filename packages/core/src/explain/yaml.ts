import { oneLine } from '../format/one-line.js';
/**
 * A YAML emitter for plain data (objects, arrays, strings, numbers, booleans, null) with end-of-line
 * comments attached by path. Block style, two-space indentation, strings quoted only when a plain
 * scalar would read differently; quoted strings use JSON escapes, which YAML double quotes accept.
 */

export type YamlPath = readonly (string | number)[];

/** Comments by path (`pathKey(path)`), printed after the first line of the value at that path. */
export type YamlComments = ReadonlyMap<string, string>;

export function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/u;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/iu;
const NUMBER_LIKE = /^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[\da-f]+|0o[0-7]+)$/iu;

function isPlainSafe(text: string): boolean {
  if (text === '' || text.trim() !== text) return false;
  if (INDICATOR_START.test(text) || RESERVED.test(text) || NUMBER_LIKE.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/u.test(text);
}

export function yamlString(text: string): string {
  return isPlainSafe(text) ? text : JSON.stringify(text);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (typeof value === 'boolean') return String(value);
  return yamlString(String(value));
}

function isCollection(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function isEmptyCollection(value: Record<string, unknown> | unknown[]): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

class Writer {
  readonly lines: string[] = [];
  constructor(readonly comments: YamlComments) {}

  comment(path: YamlPath): string {
    const text = this.comments.get(pathKey(path));
    return text === undefined ? '' : `  # ${oneLine(text)}`;
  }

  /** Writes `value` at `path` whose first line starts with `prefix` (a key, or `- `). */
  value(value: unknown, path: YamlPath, prefix: string, indent: string): void {
    if (!isCollection(value) || isEmptyCollection(value)) {
      const text = isCollection(value) ? (Array.isArray(value) ? '[]' : '{}') : scalar(value);
      this.lines.push(`${prefix}${prefix.endsWith(' ') || prefix === '' ? '' : ' '}${text}${this.comment(path)}`);
      return;
    }
    if (prefix !== '' && !prefix.endsWith('- ')) {
      this.lines.push(`${prefix}${this.comment(path)}`);
      this.block(value, path, `${indent}  `, '');
      return;
    }
    // A collection that starts on the line of "- " (or at the document root).
    this.block(value, path, indent, prefix, this.comment(path));
  }

  /** Entries of a collection; the first line may continue `firstPrefix` (a list dash). */
  block(value: Record<string, unknown> | unknown[], path: YamlPath, indent: string, firstPrefix: string, firstComment = ''): void {
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    entries.forEach(([key, item], position) => {
      const lead = position === 0 && firstPrefix !== '' ? firstPrefix : indent;
      const start = this.lines.length;
      if (typeof key === 'number') {
        this.value(item, [...path, key], `${lead}- `, `${indent}  `);
      } else {
        this.value(item, [...path, key], `${lead}${yamlString(key)}:`, indent);
      }
      if (position === 0 && firstComment !== '') this.lines[start] += firstComment;
    });
  }
}

/** A YAML document for plain data, with comments at paths. */
export function toYaml(value: unknown, comments: YamlComments = new Map()): string {
  const writer = new Writer(comments);
  writer.value(value, [], '', '');
  return `${writer.lines.join('\n')}\n`;
}
