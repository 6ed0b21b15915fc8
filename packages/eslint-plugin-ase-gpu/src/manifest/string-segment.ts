import type { JSONNode, JSONStringLiteral } from './json-ast.js';

const HEX = /^[0-9a-fA-F]{4}$/u;

/**
 * One JSON string literal of the file whose decoded text takes part in a createOptions value.
 * Maps every decoded UTF-16 unit back to the offset in the file where its source text starts, so
 * that nodes of the decoded JSON can be reported at their exact place and edited in place.
 */
export class StringSegment {
  readonly #raw: string;
  #offsets: Int32Array | undefined;

  constructor(
    /** The literal in the file (or another node whose JSON text the agent would use). */
    readonly node: JSONNode,
    /** Offset in the file of the opening quote. */
    readonly sourceStart: number,
    raw: string,
    /** Decoded text of this segment. */
    readonly value: string,
    /** Offset of this segment's first unit in the joined decoded text. */
    readonly decodedStart: number,
    /** False for a non-string chunk, whose JSON text is used verbatim and cannot be edited inside. */
    readonly isString: boolean,
  ) {
    this.#raw = raw;
  }

  static fromLiteral(literal: JSONStringLiteral, fileText: string, decodedStart: number): StringSegment {
    const raw = fileText.slice(literal.range[0], literal.range[1]);
    return new StringSegment(literal, literal.range[0], raw, literal.value, decodedStart, true);
  }

  get decodedEnd(): number {
    return this.decodedStart + this.value.length;
  }

  /** Offset in the file where the source of decoded unit `index` (relative to this segment) starts. */
  sourceOffset(index: number): number {
    if (!this.isString) return index <= 0 ? this.sourceStart : this.sourceStart + this.#raw.length;
    const offsets = (this.#offsets ??= this.#computeOffsets());
    const clamped = Math.max(0, Math.min(index, offsets.length - 1));
    return offsets[clamped]!;
  }

  /** The decoded index (relative to this segment) whose source contains the file offset. */
  decodedIndexAt(fileOffset: number): number {
    if (!this.isString) return 0;
    const offsets = (this.#offsets ??= this.#computeOffsets());
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid]! <= fileOffset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offsets of decoded units, plus one final entry: the closing quote. */
  #computeOffsets(): Int32Array {
    const raw = this.#raw;
    const offsets = new Int32Array(this.value.length + 1);
    let decoded = 0;
    let i = 1;
    const end = raw.length - 1;
    while (i < end && decoded < this.value.length) {
      offsets[decoded] = this.sourceStart + i;
      if (raw.charCodeAt(i) === 92 /* \ */) {
        const next = raw[i + 1];
        if (next === 'u' && HEX.test(raw.slice(i + 2, i + 6))) {
          i += 6;
        } else if (next === '\r' && raw[i + 2] === '\n') {
          // A line continuation (JSON5) decodes to nothing; it belongs to the next unit.
          i += 3;
          continue;
        } else if (next === '\n' || next === '\r' || next === '\u2028' || next === '\u2029') {
          i += 2;
          continue;
        } else {
          i += 2;
        }
      } else {
        i += 1;
      }
      decoded += 1;
    }
    for (; decoded < offsets.length; decoded++) offsets[decoded] = this.sourceStart + end;
    return offsets;
  }
}

/** Escapes text for the inside of a double-quoted JSON string literal. */
export function escapeForJSONString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
