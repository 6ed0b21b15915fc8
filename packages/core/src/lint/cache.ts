import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileConfig } from '../config/resolve.js';
import type { LintMessage } from './types.js';

export const DEFAULT_CACHE_FILE = '.ase-gpu-lint-cache';

interface CacheEntry {
  readonly content: string;
  /** Size and modification and change times when the content was read (see `fileStamp`). */
  readonly stamp?: string | undefined;
  readonly config: string;
  readonly messages: LintMessage[];
  readonly suppressedMessages: LintMessage[];
  readonly usage: Record<string, number>;
}

interface CacheData {
  readonly version: string;
  readonly entries: Record<string, CacheEntry>;
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

  constructor(path: string, version: string) {
    this.#path = path;
    this.#version = version;
    let entries: Record<string, CacheEntry> = {};
    if (existsSync(path)) {
      try {
        const data = JSON.parse(readFileSync(path, 'utf8')) as CacheData;
        if (data.version === version && data.entries && typeof data.entries === 'object') entries = data.entries;
      } catch {
        // A damaged cache is a cold cache.
      }
    }
    this.#entries = entries;
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
    mkdirSync(dirname(this.#path), { recursive: true });
    writeFileSync(this.#path, JSON.stringify({ version: this.#version, entries: this.#entries }));
  }
}
