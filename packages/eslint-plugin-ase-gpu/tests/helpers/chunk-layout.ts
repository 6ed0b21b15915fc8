import { buildManifest, TEST_CHUNK_SIZE, type Encoding } from './manifest-builder.js';

/**
 * Test-only: a manifest built by `buildManifest` with one module's createOptions chunks replaced by
 * the given decoded pieces (`createOptions`, `createOptions01`, ...), for fixes that edit chunks in
 * place and so keep a chunk layout no builder call reproduces.
 */
export function withChunks(code: string, module: string, pieces: readonly string[]): string {
  const modulesAt = code.indexOf(module === 'edgeHub' || module === 'edgeAgent' ? '"systemModules"' : '"modules": {');
  const moduleAt = code.indexOf(`"${module}": {`, modulesAt);
  if (moduleAt < 0) throw new Error(`module ${module} is not in the fixture`);
  const firstKey = code.indexOf('"createOptions": ', moduleAt);
  const lineStart = code.lastIndexOf('\n', firstKey) + 1;
  const indent = code.slice(lineStart, firstKey);
  const lines = code.slice(lineStart).split('\n');
  let count = 0;
  while (count < lines.length && /^\s*"createOptions(?:\d\d)?": "(?:[^"\\]|\\.)*",?$/u.test(lines[count]!)) count++;
  const trailingComma = lines[count - 1]!.endsWith(',');
  const replaced = pieces
    .map((piece, index) => `${indent}"createOptions${index === 0 ? '' : String(index).padStart(2, '0')}": ${JSON.stringify(piece)}`)
    .join(',\n');
  return code.slice(0, lineStart) + replaced + (trailingComma ? ',' : '') + '\n' + lines.slice(count).join('\n');
}

/** The device profile's default maxChunkLength, at which fixes re-chunk. */
const REWRITE_CHUNK_LENGTH = 512;

export interface DecodedEdit {
  /** Text of the decoded createOptions to replace ('' for an insertion). */
  readonly from: string;
  readonly to: string;
  /** Where to start looking for `from` (just after this text); an insertion goes right after it. */
  readonly after?: string;
}

/**
 * The manifest after edits of `module`'s decoded createOptions that was chunked every `chunkSize`
 * characters: when every edit lies inside one chunk the boundaries are kept and each chunk is edited in
 * place (an insertion at a boundary joins the chunk before it); otherwise as `rewrittenFromFirstChange`.
 */
export function chunkedAfterEdits(code: string, module: string, text: string, chunkSize: number, edits: readonly DecodedEdit[]): string {
  const located = edits.map((edit) => {
    const anchor = edit.after === undefined ? 0 : text.indexOf(edit.after);
    if (anchor < 0) throw new Error(`"${edit.after}" is not in the createOptions`);
    const start = text.indexOf(edit.from, edit.after === undefined ? 0 : anchor + edit.after.length);
    if (start < 0) throw new Error(`"${edit.from}" is not in the createOptions`);
    return { start, end: start + edit.from.length, to: edit.to };
  });
  const pieceOf = (offset: number) => Math.floor(offset / chunkSize);
  const inPlace = located.every((edit) => (edit.end > edit.start ? pieceOf(edit.start) === pieceOf(edit.end - 1) : true));
  const apply = (source: string, base: number, list: typeof located) =>
    [...list].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start - base) + edit.to + result.slice(edit.end - base), source);
  if (!inPlace) {
    return rewrittenFromFirstChange(code, module, text, apply(text, 0, located), chunkSize);
  }
  const pieces: string[] = [];
  for (let start = 0, index = 0; start < text.length; start += chunkSize, index++) {
    const owned = located.filter((edit) => (edit.end > edit.start ? pieceOf(edit.start) : pieceOf(Math.max(0, edit.start - 1))) === index);
    pieces.push(apply(text.slice(start, start + chunkSize), start, owned));
  }
  return withChunks(code, module, pieces);
}

/**
 * The manifest after an edit that crossed a chunk boundary of `module`'s createOptions (chunked every
 * `chunkSize` from `before`): the chunks before the first one whose text changes are kept, the rest of
 * `after` is re-chunked at 512 characters.
 */
export function rewrittenFromFirstChange(code: string, module: string, before: string, after: string, chunkSize: number): string {
  let same = 0;
  while (same < Math.min(before.length, after.length) && before[same] === after[same]) same++;
  const first = Math.floor(Math.min(same, before.length - 1) / chunkSize);
  const kept: string[] = [];
  for (let index = 0; index < first; index++) kept.push(before.slice(index * chunkSize, (index + 1) * chunkSize));
  const tail = after.slice(first * chunkSize);
  const rechunked: string[] = [];
  for (let start = 0; start < tail.length; start += REWRITE_CHUNK_LENGTH) rechunked.push(tail.slice(start, start + REWRITE_CHUNK_LENGTH));
  return withChunks(code, module, [...kept, ...rechunked]);
}

/**
 * The manifest after a change to module `name` (built with `buildManifest` defaults): in the object
 * and string encodings the manifest built from the changed module; chunked, the original chunks edited
 * by `edits` as `chunkedAfterEdits` does (the env section is taken from `changed`).
 */
export function moduleAfterEdits(
  name: string,
  before: { readonly createOptions: unknown; readonly env?: Record<string, unknown> },
  changed: { readonly createOptions: unknown; readonly env?: Record<string, unknown> },
  edits: readonly DecodedEdit[],
  encoding: Encoding,
): string {
  if (encoding !== 'chunked') return buildManifest({ modules: { [name]: changed } }, encoding).code;
  const code = buildManifest({ modules: { [name]: { createOptions: before.createOptions, env: changed.env } } }, 'chunked').code;
  return edits.length === 0 ? code : chunkedAfterEdits(code, name, JSON.stringify(before.createOptions), TEST_CHUNK_SIZE, edits);
}
