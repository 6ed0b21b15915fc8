import { findManifestContent, hasManifestContent } from 'eslint-plugin-ase-gpu/manifest';
import { parseManifestText } from 'eslint-plugin-ase-gpu';
import { minimatch } from 'minimatch';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UserError } from '../config/errors.js';
import { fileStamp } from '../lint/cache.js';
import type { ConfigResolver } from '../config/resolve.js';

/** Folders a walk never enters. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.cache']);
const JSON_NAME = /\.jsonc?$/iu;
/** Cheap test before parsing: the keys that make a file a deployment manifest (rules.md). */
const MANIFEST_KEY = /"(?:\$edgeAgent|modulesContent|moduleContent)"\s*:/u;
const GLOB_CHARS = /[*?[\]{}!]/u;

export interface Target {
  readonly path: string;
  /** Named on the command line (linted whatever it holds), rather than found in a folder. */
  readonly explicit: boolean;
  /** The text, when discovery already read it. */
  readonly text?: string;
  /** The file's stamp from just before `text` was read (see the result cache). */
  readonly stamp?: string | undefined;
}

/**
 * True when a JSON text is a deployment manifest by content; a text with manifest keys that does
 * not parse counts too, so that its syntax error is reported rather than the file skipped.
 */
export function looksLikeManifest(text: string, path: string): boolean {
  if (!MANIFEST_KEY.test(text)) return false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Most files are plain JSON: the native parser answers in a fraction of the time of the positional one,
  // which the linter runs anyway. JSONC templates and broken files take the positional road.
  const plain = parsePlainJson(body);
  if (plain !== NOT_JSON) return hasManifestContent(plain);
  const parsed = parseManifestText(body, path);
  if (!parsed.ok) return true;
  return findManifestContent(parsed.ast.body[0]?.expression) !== undefined;
}

const NOT_JSON = Symbol('not JSON');

function parsePlainJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A file's text and its stamp from just before the read; undefined when it cannot be read. */
export function readStamped(path: string): { text: string; stamp: string | undefined } | undefined {
  const stamp = fileStamp(path);
  try {
    return { text: readFileSync(path, 'utf8'), stamp };
  } catch {
    return undefined;
  }
}

interface WalkContext {
  readonly resolver: ConfigResolver;
  readonly found: Map<string, Target>;
  /** Only files whose path (relative to cwd) matches, for glob arguments. */
  readonly glob?: string | undefined;
  readonly cwd: string;
  /** A manifest the result cache knows unchanged: found without reading it. */
  readonly isKnownManifest?: ((path: string) => boolean) | undefined;
}

async function walk(folder: string, context: WalkContext): Promise<void> {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  const config = await context.resolver.forFolder(folder);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || context.resolver.isIgnored(config, path)) continue;
      await walk(path, context);
      continue;
    }
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        isFile = statSync(path).isFile();
      } catch {
        isFile = false;
      }
    }
    if (!isFile || !JSON_NAME.test(entry.name) || context.found.has(path)) continue;
    if (context.glob && !minimatch(toPosix(relative(context.cwd, path)), context.glob, { dot: true })) continue;
    if (context.resolver.isIgnored(config, path)) continue;
    const limited = context.resolver.matchesFiles(config, path);
    if (limited === false) continue;
    if (context.isKnownManifest?.(path)) {
      context.found.set(path, { path, explicit: false });
      continue;
    }
    const read = readStamped(path);
    if (read === undefined || !looksLikeManifest(read.text, path)) continue;
    context.found.set(path, { path, explicit: false, text: read.text, stamp: read.stamp });
  }
}

/** The folder a glob starts from: its segments before the first one with glob characters. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const index = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  return segments.slice(0, index < 0 ? segments.length : index).join('/') || '.';
}

/**
 * The manifests to lint: files named on the command line as they are, folders and globs walked for
 * files that are manifests by content, the working directory when nothing is named.
 */
export async function findTargets(
  patterns: readonly string[],
  cwd: string,
  resolver: ConfigResolver,
  isKnownManifest?: (path: string) => boolean,
): Promise<Target[]> {
  const found = new Map<string, Target>();
  const list = patterns.length === 0 ? ['.'] : patterns;
  for (const pattern of list) {
    const absolute = resolve(cwd, pattern);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      stats = undefined;
    }
    if (stats?.isFile()) {
      if (!found.has(absolute)) found.set(absolute, { path: absolute, explicit: true });
    } else if (stats?.isDirectory()) {
      await walk(absolute, { resolver, found, cwd, isKnownManifest });
    } else if (GLOB_CHARS.test(pattern)) {
      const normalized = toPosix(pattern).replace(/^\.\//u, '');
      const base = resolve(cwd, globBase(normalized));
      const glob = toPosix(relative(cwd, resolve(cwd, normalized))) || normalized;
      const before = found.size;
      await walk(base, { resolver, found, cwd, glob, isKnownManifest });
      if (found.size === before) throw new UserError(`No manifests match the pattern "${pattern}".`);
    } else {
      throw new UserError(`No such file or folder: "${pattern}".`);
    }
  }
  return [...found.values()];
}
