import { findManifestContent, hasManifestContent } from 'eslint-plugin-ase-gpu/manifest';
import { parseManifestText } from 'eslint-plugin-ase-gpu';
import { minimatch } from 'minimatch';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UserError } from '../config/errors.js';
import { fileStamp } from '../lint/cache.js';
import { decodeManifest } from './decode.js';
import { notRegularFile, readRegularFile, UnreadableFileError } from './read.js';
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

/**
 * Manifests larger than this are refused before they are read (`--max-file-size`): linting takes about
 * 31 times a manifest's size in memory (measured at 5, 20 and 50 MB), so 32 MiB stays near 1 GB, and
 * no deployment IoT Hub accepts comes near it.
 */
export const DEFAULT_MAX_FILE_SIZE = 32 * 1024 * 1024;

/** A manifest that could not be linted, as the fatal finding that says why. */
export interface FileProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Whether the file looks like a manifest (false: not ours to judge; undefined: cannot tell). */
  readonly manifest: boolean | undefined;
}

export type ManifestRead = { readonly text: string; readonly stamp: string | undefined } | { readonly problem: FileProblem; readonly stamp: string | undefined };

/**
 * A file's text and its stamp from just before the read, or the problem that keeps it from being
 * linted: not a regular file, over the size limit, unreadable, or bytes that are not UTF-8.
 */
export function readManifest(path: string, maxBytes: number, shown: string): ManifestRead {
  const stamp = fileStamp(path);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, { maxBytes, limitName: '--max-file-size' });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.code === 'EFBIG') {
      const manifest = error.head ? MANIFEST_KEY.test(new TextDecoder().decode(error.head)) : undefined;
      return { problem: { message: `${shown} ${error.message.replace(/\.$/u, '')}: it was not linted. Raise the limit with --max-file-size (0: no limit) if this really is a manifest.`, line: 0, column: 0, manifest }, stamp };
    }
    const message = error.code === 'ENOTREG' || error.code === 'ENXIO' ? `${shown} ${error.message}` : `Cannot read ${shown} (${error.code}).`;
    return { problem: { message, line: 0, column: 0, manifest: undefined }, stamp };
  }
  const decoded = decodeManifest(bytes);
  if (decoded.ok) return { text: decoded.text, stamp };
  return { problem: { message: decoded.message, line: decoded.line, column: decoded.column, manifest: looksLikeManifest(decoded.lenient, path) }, stamp };
}

interface WalkContext {
  readonly resolver: ConfigResolver;
  readonly found: Map<string, Target>;
  /** Only files whose path (relative to cwd) matches, for glob arguments. */
  readonly glob?: string | undefined;
  readonly cwd: string;
  /** A manifest the result cache knows unchanged: found without reading it. */
  readonly isKnownManifest?: ((path: string) => boolean) | undefined;
  readonly maxFileSize: number;
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
    const read = readManifest(path, context.maxFileSize, relative(context.cwd, path));
    if ('problem' in read) {
      // Reported when it looks like a manifest (processFile reads it again and says why it cannot be linted).
      if (read.problem.manifest) context.found.set(path, { path, explicit: false });
      continue;
    }
    if (!looksLikeManifest(read.text, path)) continue;
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
  maxFileSize = DEFAULT_MAX_FILE_SIZE,
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
      await walk(absolute, { resolver, found, cwd, isKnownManifest, maxFileSize });
    } else if (GLOB_CHARS.test(pattern)) {
      const normalized = toPosix(pattern).replace(/^\.\//u, '');
      const base = resolve(cwd, globBase(normalized));
      const glob = toPosix(relative(cwd, resolve(cwd, normalized))) || normalized;
      const before = found.size;
      await walk(base, { resolver, found, cwd, glob, isKnownManifest, maxFileSize });
      if (found.size === before) throw new UserError(`No manifests match the pattern "${pattern}".`);
    } else if (stats) {
      // A FIFO, a device or a socket named on the command line (a symbolic link to one included).
      throw new UserError(`"${pattern}" ${notRegularFile(absolute) ?? 'is not a regular file.'}`);
    } else {
      throw new UserError(`No such file or folder: "${pattern}".`);
    }
  }
  return [...found.values()];
}
