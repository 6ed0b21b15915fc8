import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../config/errors.js';
import { readRegularFile, UnreadableFileError } from '../files/read.js';
import { writeFailureReason, writeUserFile } from './write-errors.js';
import type { FileConfig } from '../config/resolve.js';
import type { LintMessage } from './types.js';

export const DEFAULT_CACHE_FILE = '.ase-gpu-lint-cache';

/** A cache larger than this is not read (it holds every finding of every file: far more than configs). */
export const CACHE_SIZE_LIMIT = 256 * 1024 * 1024;

interface CacheEntry {
  readonly content: string;
  /** Size and modification and change times when the content was read (see `fileStamp`). */
  readonly stamp?: string | undefined;
  readonly config: string;
  readonly messages: LintMessage[];
  readonly suppressedMessages: LintMessage[];
  readonly usage: Record<string, number>;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * A file's size and modification and change times. Taken before the file is read, so that a write
 * after the read changes it and the next run compares content instead.
 */
export function fileStamp(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  } catch {
    return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isOptionalNumber = (value: unknown) => value === undefined || typeof value === 'number';

/** A message as the formatters and the suppressions read it; anything else in a cache entry makes the entry unusable. */
function isMessage(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.message === 'string' &&
    (value.severity === 1 || value.severity === 2) &&
    (value.ruleId === null || typeof value.ruleId === 'string') &&
    typeof value.line === 'number' &&
    typeof value.column === 'number' &&
    isOptionalNumber(value.endLine) &&
    isOptionalNumber(value.endColumn) &&
    (value.suggestions === undefined || Array.isArray(value.suggestions)) &&
    (value.module === undefined || typeof value.module === 'string') &&
    (value.createOptionsPath === undefined || typeof value.createOptionsPath === 'string')
  );
}

function isEntry(value: unknown): value is CacheEntry {
  return (
    isRecord(value) &&
    typeof value.content === 'string' &&
    typeof value.config === 'string' &&
    (value.stamp === undefined || typeof value.stamp === 'string') &&
    Array.isArray(value.messages) &&
    value.messages.every(isMessage) &&
    Array.isArray(value.suppressedMessages) &&
    value.suppressedMessages.every(isMessage) &&
    isRecord(value.usage) &&
    Object.values(value.usage).every((count) => typeof count === 'number')
  );
}

/**
 * The entries of a cache file that can be trusted: the file's version must be this one, and an entry
 * of any other shape (hand-edited, truncated, from a bug) is dropped, so that its file is linted again.
 */
function soundEntries(data: unknown, version: string): Record<string, CacheEntry> {
  const entries: Record<string, CacheEntry> = Object.create(null) as Record<string, CacheEntry>;
  if (!isRecord(data) || data.version !== version || !isRecord(data.entries)) return entries;
  for (const [file, entry] of Object.entries(data.entries)) if (isEntry(entry)) entries[file] = entry;
  return entries;
}

/**
 * A content-based result cache, like ESLint's `--cache --cache-strategy content`: an entry holds
 * when the file's text and its configuration are the same. Keyed by the core and plugin versions,
 * so an upgrade re-lints everything. A file whose size and times are those recorded with its entry is
 * taken as unchanged without being read (ESLint's default strategy); any other file is read and its
 * content compared, so a `git checkout` that rewrites files still hits.
 */
export class ResultCache {
  readonly #path: string;
  readonly #version: string;
  readonly #entries: Record<string, CacheEntry>;
  readonly #configHashes = new Map<string, string>();
  #dirty = false;

  readonly #shown: string;

  /** `shown`: the location as the user gave it, for messages. A folder holds the cache file, as in ESLint. */
  constructor(path: string, version: string, shown = path) {
    this.#path = isFolder(path) ? join(path, DEFAULT_CACHE_FILE) : path;
    this.#version = version;
    this.#shown = shown;
    this.#entries = soundEntries(this.#read(), version);
  }

  #read(): unknown {
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(this.#path, { maxBytes: CACHE_SIZE_LIMIT, limitName: 'delete it to start a new cache' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return undefined;
      if (error instanceof UnreadableFileError && (code === 'ENOTREG' || code === 'ENXIO' || code === 'EFBIG')) throw new UserError(`the cache file ${this.#shown} ${error.message}`);
      throw new UserError(`cannot use ${this.#shown} as the cache file: ${writeFailureReason(error)}.`);
    }
    try {
      return JSON.parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)) as unknown;
    } catch {
      // A damaged cache is a cold cache.
      return undefined;
    }
  }

  #configHash(config: FileConfig): string {
    let hash = this.#configHashes.get(config.key);
    if (!hash) {
      const plugins = Object.entries(config.plugins).map(([namespace, plugin]) => [namespace, plugin.meta?.name, plugin.meta?.version]);
      hash = sha(JSON.stringify({ rules: config.rules, settings: config.settings, plugins }));
      this.#configHashes.set(config.key, hash);
    }
    return hash;
  }

  /** True when a file has an entry (so it was linted as a manifest) and its size and times have not changed. */
  isUnchanged(file: string): boolean {
    const stamp = this.#entries[file]?.stamp;
    return stamp !== undefined && stamp === fileStamp(file);
  }

  /** The entry of a file unchanged since it was cached, found without reading the file. */
  getUnchanged(file: string, config: FileConfig): CacheEntry | undefined {
    const entry = this.#entries[file];
    if (!entry || entry.config !== this.#configHash(config) || !this.isUnchanged(file)) return undefined;
    return entry;
  }

  get(file: string, text: string, config: FileConfig): CacheEntry | undefined {
    const entry = this.#entries[file];
    if (!entry || entry.content !== sha(text) || entry.config !== this.#configHash(config)) return undefined;
    return entry;
  }

  /** Records a result; `stamp` is the file's stamp from before `text` was read (undefined: compare content next time). */
  set(file: string, text: string, stamp: string | undefined, config: FileConfig, value: Pick<CacheEntry, 'messages' | 'suppressedMessages' | 'usage'>): void {
    this.#entries[file] = { content: sha(text), stamp, config: this.#configHash(config), ...value };
    this.#dirty = true;
  }

  save(): void {
    if (!this.#dirty) return;
    writeUserFile(this.#path, JSON.stringify({ version: this.#version, entries: this.#entries }), 'the cache', this.#shown);
  }
}
