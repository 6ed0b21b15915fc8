import { chunkKey, collectChunks, isChunkKey, splitIntoChunks, type ChunkLayout, type ChunkEntry } from './chunks.js';
import {
  findProperty,
  isObject,
  isStringLiteral,
  keyName,
  staticValue,
  type JSONArray,
  type JSONExpression,
  type JSONNode,
  type JSONObject,
  type JSONProperty,
} from './json-ast.js';
import { parseCreateOptionsJSON } from './json-parser.js';
import { StringSegment } from './string-segment.js';
import { detectEol, detectTextStyle, type TextStyle } from './text-style.js';

export type CreateOptionsEncoding = 'object' | 'string' | 'chunked';
export type PathSegment = string | number;

export interface InnerParseError {
  readonly message: string;
  /** Where the JSON error is, in the file. */
  readonly fileOffset: number;
}

/** A change to the decoded createOptions text: replace [start, end) with `text`. */
export interface InnerEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A change to the file. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface ChunkRewriteOptions {
  readonly maxChunkLength: number;
}

/**
 * A module's createOptions, decoded once per file in whichever of the three encodings it came:
 * a JSON object (templates), a JSON-encoded string, or string chunks `createOptions01`... The inner
 * JSON tree keeps offsets in the decoded text; this object maps them to the file, and turns edits of
 * the decoded text into the smallest edits of the file that keep the encoding it found.
 */
export class CreateOptions {
  readonly #fileText: string;
  #value: unknown;
  #valueComputed = false;
  #style: TextStyle | 'compact' | undefined;

  private constructor(
    readonly encoding: CreateOptionsEncoding,
    /** The module's `settings` object. */
    readonly settings: JSONObject,
    /** The createOptions properties in the agent's order (one for the object and string encodings). */
    readonly chunks: readonly ChunkEntry[],
    readonly chunkLayout: ChunkLayout | undefined,
    readonly segments: readonly StringSegment[],
    /** The decoded text (for the object encoding, the file text). */
    readonly text: string,
    /** The root of the decoded JSON (for the object encoding, the node in the file). */
    readonly root: JSONExpression | undefined,
    readonly parseError: InnerParseError | undefined,
    /** Empty, whitespace or `null`: the agent applies no options. */
    readonly isEmpty: boolean,
    fileText: string,
  ) {
    this.#fileText = fileText;
  }

  static fromSettings(settings: JSONObject, fileText: string): CreateOptions | undefined {
    const layout = collectChunks(settings);
    if (!layout) return undefined;
    const first = layout.ordered[0]!;
    if (layout.ordered.length === 1 && first.number === undefined && !isStringLiteral(first.property.value)) {
      const node = first.property.value;
      const isNull = node.type === 'JSONLiteral' && node.value === null;
      return new CreateOptions('object', settings, layout.ordered, layout, [], fileText, isNull ? undefined : node, undefined, isNull, fileText);
    }

    const segments: StringSegment[] = [];
    let decoded = 0;
    for (const entry of layout.ordered) {
      const node = entry.property.value;
      const segment = isStringLiteral(node)
        ? StringSegment.fromLiteral(node, fileText, decoded)
        : new StringSegment(node, node.range[0], fileText.slice(node.range[0], node.range[1]), JSON.stringify(staticValue(node)) ?? '', decoded, false);
      segments.push(segment);
      decoded += segment.value.length;
    }
    const text = segments.length === 1 ? segments[0]!.value : segments.map((segment) => segment.value).join('');
    const encoding: CreateOptionsEncoding = layout.ordered.length > 1 ? 'chunked' : 'string';
    const trimmed = text.trim();
    if (trimmed === '' || trimmed === 'null') {
      return new CreateOptions(encoding, settings, layout.ordered, layout, segments, text, undefined, undefined, true, fileText);
    }

    const partial = new CreateOptions(encoding, settings, layout.ordered, layout, segments, text, undefined, undefined, false, fileText);
    try {
      const program = parseCreateOptionsJSON(text);
      const root = program.body[0]?.expression;
      return new CreateOptions(encoding, settings, layout.ordered, layout, segments, text, root, undefined, false, fileText);
    } catch (error) {
      const index = typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
      const message = error instanceof RangeError ? 'the JSON is nested too deeply to read' : describeParseError(error);
      return new CreateOptions(encoding, settings, layout.ordered, layout, segments, text, undefined, { message, fileOffset: partial.fileStart(Math.min(index, text.length)) }, false, fileText);
    }
  }

  /** The first createOptions property (the bare `createOptions` when the layout is right). */
  get firstProperty(): JSONProperty {
    return this.chunks[0]!.property;
  }

  get rootObject(): JSONObject | undefined {
    return isObject(this.root) ? this.root : undefined;
  }

  /** The decoded value as plain data (undefined when empty or unparseable). */
  get value(): unknown {
    if (!this.#valueComputed) {
      this.#value = staticValue(this.root);
      this.#valueComputed = true;
    }
    return this.#value;
  }

  /** How JSON inserted into the decoded text should look. */
  get style(): TextStyle | 'compact' {
    if (this.#style === undefined) {
      if (this.encoding === 'object') this.#style = detectTextStyle(this.#fileText);
      else this.#style = this.text.includes('\n') ? detectTextStyle(this.text) : 'compact';
    }
    return this.#style;
  }

  // ---- positions -------------------------------------------------------------------------------

  #segmentIndexAt(decoded: number): number {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid]!.decodedStart <= decoded) low = mid;
      else high = mid - 1;
    }
    // Empty segments share a start with the next one: prefer the one that really holds the unit.
    while (low < segments.length - 1 && segments[low]!.decodedEnd <= decoded && segments[low]!.value.length === 0) low++;
    return low;
  }

  /** File offset where the decoded unit at `decoded` starts. */
  fileStart(decoded: number): number {
    if (this.encoding === 'object') return decoded;
    const segment = this.segments[this.#segmentIndexAt(decoded)]!;
    return segment.sourceOffset(decoded - segment.decodedStart);
  }

  /** File offset just after the decoded unit at `decoded - 1`. */
  fileEnd(decoded: number): number {
    if (this.encoding === 'object') return decoded;
    if (decoded <= 0) return this.fileStart(0);
    const segment = this.segments[this.#segmentIndexAt(decoded - 1)]!;
    return segment.sourceOffset(decoded - segment.decodedStart);
  }

  /** The file range of an inner node (for reports: may span chunks). */
  fileRange(node: JSONNode | readonly [number, number]): [number, number] {
    const [start, end] = 'range' in node ? node.range : node;
    if (this.encoding === 'object') return [start, end];
    return [this.fileStart(start), this.fileEnd(end)];
  }

  /** The file range for replacing a decoded range, or null when it crosses a chunk boundary. */
  editRange(range: readonly [number, number]): [number, number] | null {
    const [start, end] = range;
    if (this.encoding === 'object') return [start, end];
    const first = start < end ? this.#segmentIndexAt(start) : this.#segmentIndexAt(Math.max(0, start - 1));
    const last = start < end ? this.#segmentIndexAt(end - 1) : first;
    if (first !== last || !this.segments[first]!.isString) return null;
    const segment = this.segments[first]!;
    return [segment.sourceOffset(start - segment.decodedStart), segment.sourceOffset(end - segment.decodedStart)];
  }

  /** The decoded offset whose source holds the file offset, or undefined outside createOptions. */
  decodedOffsetAt(fileOffset: number): number | undefined {
    if (this.encoding === 'object') {
      return this.root && fileOffset >= this.root.range[0] && fileOffset < this.root.range[1] ? fileOffset : undefined;
    }
    for (const segment of this.segments) {
      const [start, end] = segment.node.range;
      if (fileOffset > start && fileOffset < end - 1) return segment.decodedStart + segment.decodedIndexAt(fileOffset);
    }
    return undefined;
  }

  // ---- lookup ----------------------------------------------------------------------------------

  /** The property at a path of keys and array indexes, case-sensitive unless asked otherwise. */
  property(path: readonly PathSegment[], options: { ignoreCase?: boolean } = {}): JSONProperty | undefined {
    if (path.length === 0) return undefined;
    const parent = this.get(path.slice(0, -1), options);
    const last = path[path.length - 1]!;
    return typeof last === 'string' && isObject(parent) ? findProperty(parent, last, options) : undefined;
  }

  /** The value at a path of keys and array indexes. */
  get(path: readonly PathSegment[], options: { ignoreCase?: boolean } = {}): JSONExpression | undefined {
    let node: JSONExpression | undefined | null = this.root;
    for (const segment of path) {
      if (!node) return undefined;
      if (typeof segment === 'number') {
        node = node.type === 'JSONArrayExpression' ? node.elements[segment] : undefined;
      } else {
        node = node.type === 'JSONObjectExpression' ? findProperty(node, segment, options)?.value : undefined;
      }
    }
    return node ?? undefined;
  }

  /** The innermost node of the decoded JSON that holds the decoded offset. */
  nodeAt(decoded: number): JSONNode | undefined {
    let node: JSONNode | undefined = this.root;
    if (!node || decoded < node.range[0] || decoded >= node.range[1]) return undefined;
    for (;;) {
      const children: readonly (JSONNode | null)[] =
        node.type === 'JSONObjectExpression' ? node.properties
        : node.type === 'JSONArrayExpression' ? node.elements
        : node.type === 'JSONProperty' ? [node.key, node.value]
        : [];
      const child = childHolding(children, decoded);
      if (!child) return node;
      node = child;
    }
  }

  /** The path from the root to a node of the decoded JSON (keys and array indexes). */
  pathOf(node: JSONNode): PathSegment[] {
    const path: PathSegment[] = [];
    let current: JSONNode | undefined = node;
    while (current && current !== this.root) {
      const parent: JSONNode | undefined = (current as { parent?: JSONNode }).parent;
      if (!parent) break;
      if (parent.type === 'JSONProperty') {
        path.unshift(keyName(parent));
        current = parent.parent as JSONNode;
        continue;
      }
      if (parent.type === 'JSONArrayExpression') path.unshift(elementIndex(parent, current));
      current = parent;
    }
    return path;
  }

  // ---- edits -----------------------------------------------------------------------------------

  /**
   * File edits for a set of decoded-text edits: escaped in place inside each string, or, only when an
   * edit truly crosses a chunk boundary, the chunk set rewritten. Returns null when neither is safe.
   */
  toFileEdits(edits: readonly InnerEdit[], options: ChunkRewriteOptions): TextEdit[] | null {
    if (this.encoding === 'object') return edits.map((edit) => ({ range: [edit.start, edit.end], text: edit.text }));
    const inPlace: TextEdit[] = [];
    let crosses = false;
    for (const edit of edits) {
      const range = this.editRange([edit.start, edit.end]);
      if (!range) {
        crosses = true;
        break;
      }
      inPlace.push({ range, text: JSON.stringify(edit.text).slice(1, -1) });
    }
    if (!crosses && !this.#overfillsChunk(edits, options.maxChunkLength)) return inPlace;
    // Re-chunk only from the first chunk whose text changes: the chunks before it stay as they are, and
    // the fix carries its own re-chunking instead of leaving a too-long chunk for another pass.
    const newText = applyInnerEdits(this.text, edits);
    const first = this.#segmentIndexAt(Math.min(commonPrefixLength(this.text, newText), Math.max(0, this.text.length - 1)));
    return this.rewriteChunksFrom(first, newText, options) ?? this.rewriteChunks(newText, options);
  }

  /**
   * True when in-place edits would push a chunk that is within the tools' limit over it. Only for
   * chunk sets: a single string that grows is left whole (create-options-chunks judges it with the
   * manifest kind in mind), and a chunk that is already too long is create-options-chunks' finding.
   */
  #overfillsChunk(edits: readonly InnerEdit[], maxChunkLength: number): boolean {
    if (this.segments.length < 2) return false;
    const growth = new Map<number, number>();
    for (const edit of edits) {
      const index = this.#segmentIndexAt(edit.start < edit.end ? edit.start : Math.max(0, edit.start - 1));
      growth.set(index, (growth.get(index) ?? 0) + edit.text.length - (edit.end - edit.start));
    }
    for (const [index, delta] of growth) {
      const length = this.segments[index]!.value.length;
      if (length <= maxChunkLength && length + delta > maxChunkLength) return true;
    }
    return false;
  }

  /**
   * Rewrites the chunks from the `from`-th on (in the agent's order) with the rest of `newText`, when
   * the layout is the agent's (`createOptions`, `createOptions01`...) and those chunk properties stand
   * together in file order. Null otherwise.
   */
  rewriteChunksFrom(from: number, newText: string, options: ChunkRewriteOptions): TextEdit[] | null {
    if (from === 0 || (this.chunkLayout?.issues.length ?? 0) > 0 || this.chunks.length !== this.segments.length) return null;
    const tail = this.chunks.slice(from).map((chunk) => chunk.property);
    const all = this.settings.properties;
    const indexes = tail.map((property) => all.indexOf(property));
    for (let i = 1; i < indexes.length; i++) if (indexes[i] !== indexes[0]! + i) return null;
    const head = this.segments[from]!.decodedStart;
    if (newText.slice(0, head) !== this.text.slice(0, head)) return null;
    const firstProperty = tail[0]!;
    const lastProperty = tail[tail.length - 1]!;
    return [{ range: [firstProperty.range[0], lastProperty.range[1]], text: renderChunkProperties(newText.slice(head), this.#fileText, firstProperty.range[0], options.maxChunkLength, from) }];
  }

  /**
   * Replaces every createOptions property of `settings` (duplicates included) with `newText` split into
   * chunks of at most `maxChunkLength`, named `createOptions`, `createOptions01`...
   *
   * Chunk properties that stand together are replaced in place. When other settings stand between them,
   * the new chunks take the place of the first one and the others are removed: the agent collects chunks
   * by name, so where they stand in `settings` means nothing. Null when a removal would also take text
   * other than a comma and whitespace (a comment in a template), since that is not ours to drop.
   */
  rewriteChunks(newText: string, options: ChunkRewriteOptions): TextEdit[] | null {
    const all = this.settings.properties;
    const chunkIndexes = all.map((property, index) => (isChunkKey(keyName(property)) ? index : -1)).filter((index) => index >= 0);
    if (chunkIndexes.length === 0) return null;
    const first = all[chunkIndexes[0]!]!;
    const lastIndex = chunkIndexes[chunkIndexes.length - 1]!;
    const rendered = renderChunkProperties(newText, this.#fileText, first.range[0], options.maxChunkLength);
    if (lastIndex - chunkIndexes[0]! + 1 === chunkIndexes.length) return [{ range: [first.range[0], all[lastIndex]!.range[1]], text: rendered }];
    const edits: TextEdit[] = [{ range: [first.range[0], first.range[1]], text: rendered }];
    for (const index of chunkIndexes.slice(1)) {
      const previous = all[index - 1]!;
      const property = all[index]!;
      if (!/^\s*,\s*$/u.test(this.#fileText.slice(previous.range[1], property.range[0]))) return null;
      edits.push({ range: [previous.range[1], property.range[1]], text: '' });
    }
    return edits;
  }
}

const elementIndexes = new WeakMap<JSONArray, Map<JSONNode, number>>();

/** The index of an element, from a map built once per array (arrays of thousands of Binds are real). */
function elementIndex(array: JSONArray, element: JSONNode): number {
  let indexes = elementIndexes.get(array);
  if (!indexes) {
    indexes = new Map();
    array.elements.forEach((item, index) => {
      if (item) indexes!.set(item, index);
    });
    elementIndexes.set(array, indexes);
  }
  return indexes.get(element) ?? -1;
}

function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let index = 0;
  while (index < length && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/** Applies non-overlapping edits to a text. */
export function applyInnerEdits(text: string, edits: readonly InnerEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** `"createOptions": "...", "createOptions01": "..."` laid out like the property at `at`. */
export function renderChunkProperties(text: string, fileText: string, at: number, maxChunkLength: number, firstIndex = 0): string {
  const lineStart = fileText.lastIndexOf('\n', at - 1) + 1;
  const onOwnLine = /^[ \t]*$/u.test(fileText.slice(lineStart, at));
  const indent = onOwnLine ? fileText.slice(lineStart, at) : '';
  // Only the line ending: scanning the file's indentation for every re-chunked module was wasted work.
  const eol = detectEol(fileText);
  const separator = onOwnLine ? `,${eol}${indent}` : ', ';
  return splitIntoChunks(text, maxChunkLength)
    .map((piece, index) => `${JSON.stringify(chunkKey(firstIndex + index))}: ${JSON.stringify(piece)}`)
    .join(separator);
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\(\d+:\d+\)\s*$/u, '');
}

/**
 * Children are in text order and do not overlap, so the one holding an offset is found by binary search
 * (an array may hold 30,000 Binds). createOptions is strict JSON, so arrays have no holes; a null child
 * would only come from a JSONC hole, and then the children are scanned.
 */
function childHolding(children: readonly (JSONNode | null)[], offset: number): JSONNode | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid];
    if (!child) return children.find((candidate) => candidate && offset >= candidate.range[0] && offset < candidate.range[1]) ?? undefined;
    if (offset < child.range[0]) high = mid - 1;
    else if (offset >= child.range[1]) low = mid + 1;
    else return child;
  }
  return undefined;
}
