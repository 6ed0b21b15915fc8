import { keyName, type JSONObject, type JSONProperty } from './json-ast.js';

/** `createOptions`, `createOptions01`, `createoptions7`...: the keys the agent collects, case-insensitively. */
const CHUNK_KEY = /^createoptions(\d*)$/iu;

/** The agent reads `createOptions` to `createOptions99` (Docker's TwinValueMaxChunks = 100). */
export const AGENT_MAX_CHUNKS = 100;

export interface ChunkEntry {
  readonly property: JSONProperty;
  readonly key: string;
  /** The number after `createOptions`, or undefined for the bare key. */
  readonly number: number | undefined;
}

export type ChunkIssue =
  | { readonly kind: 'missing-base'; readonly entry: ChunkEntry }
  | { readonly kind: 'unexpected'; readonly entry: ChunkEntry; readonly expected: number }
  | { readonly kind: 'duplicate'; readonly entry: ChunkEntry; readonly first: ChunkEntry }
  | { readonly kind: 'too-many'; readonly entry: ChunkEntry };

export interface ChunkLayout {
  /** Chunk properties in the order the agent concatenates them. */
  readonly ordered: readonly ChunkEntry[];
  /** What the agent rejects, in the order it would find it. */
  readonly issues: readonly ChunkIssue[];
}

export function isChunkKey(key: string): boolean {
  return CHUNK_KEY.test(key);
}

/**
 * Collects the createOptions keys of a module's `settings` as the agent does (Docker
 * `DockerConfigJsonConverter` / `JsonEx.ChunkedValue`, section 10): keys sorted as strings, the first
 * must be the bare key, the k-th must parse to k. Where the agent would throw, the problem is recorded
 * and the layout falls back to numeric order so that the other rules can still read the options.
 */
export function collectChunks(settings: JSONObject): ChunkLayout | undefined {
  const entries: ChunkEntry[] = [];
  for (const property of settings.properties) {
    const key = keyName(property);
    const match = CHUNK_KEY.exec(key);
    if (!match) continue;
    entries.push({ property, key, number: match[1] ? Number.parseInt(match[1], 10) : undefined });
  }
  if (entries.length === 0) return undefined;

  const issues: ChunkIssue[] = [];
  const agentOrder = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  agentOrder.forEach((entry, index) => {
    if (index === 0) {
      if (entry.number !== undefined) issues.push({ kind: 'missing-base', entry });
      return;
    }
    if (index >= AGENT_MAX_CHUNKS) {
      issues.push({ kind: 'too-many', entry });
      return;
    }
    if (entry.number === index) return;
    const first = agentOrder.find((other) => other !== entry && other.number === entry.number);
    if (first && agentOrder.indexOf(first) < index) issues.push({ kind: 'duplicate', entry, first });
    else issues.push({ kind: 'unexpected', entry, expected: index });
  });

  // Best effort for everything else: base first, then by number, the first of each number kept.
  const seen = new Set<number | undefined>();
  const ordered = [...entries]
    .sort((a, b) => (a.number ?? -1) - (b.number ?? -1))
    .filter((entry) => {
      if (seen.has(entry.number)) return false;
      seen.add(entry.number);
      return true;
    });
  return { ordered, issues };
}

/** Chunk key for the n-th piece, as the tools write them: `createOptions`, `createOptions01`, ... */
export function chunkKey(index: number): string {
  return index === 0 ? 'createOptions' : `createOptions${String(index).padStart(2, '0')}`;
}

/**
 * Splits decoded createOptions text into pieces of at most `maxLength` UTF-16 units, never between
 * the two halves of a surrogate pair.
 */
export function splitIntoChunks(text: string, maxLength: number): string[] {
  const size = Math.max(2, Math.floor(maxLength));
  if (text.length <= size) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
