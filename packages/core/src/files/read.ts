import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Reading user-named files safely. A path can be a FIFO (an open for reading blocks until a writer
 * comes; a read blocks until it writes), a character device such as /dev/zero or /dev/urandom (a read
 * never ends), a folder, or a file far larger than anything the linter can hold. Each file is opened
 * with O_NONBLOCK, so that a FIFO does not block the open, and judged by fstat on the open descriptor,
 * so that nothing can swap the file between the check and the read; only a regular file is read, and
 * only when its size is within the limit.
 */

/** Configuration files (`.aseGpurc*`, `extends` targets, the suppressions file, the cache): 1 MiB. */
export const CONFIG_SIZE_LIMIT = 1024 * 1024;

/** Why a path was not read. `message` completes "<path> ...". */
export class UnreadableFileError extends Error {
  readonly code: string;
  /** The first bytes of a file over the size limit: enough to tell what it is. */
  readonly head: Uint8Array | undefined;
  constructor(code: string, message: string, head?: Uint8Array) {
    super(message);
    this.name = 'UnreadableFileError';
    this.code = code;
    this.head = head;
  }
}

const HEAD_BYTES = 64 * 1024;

function head(descriptor: number): Buffer {
  const buffer = Buffer.alloc(HEAD_BYTES);
  try {
    return buffer.subarray(0, readSync(descriptor, buffer, 0, HEAD_BYTES, 0));
  } catch {
    return Buffer.alloc(0);
  }
}

/** What a non-regular file is, in words: "a FIFO", "a folder", "a character device". */
/** What kindOf asks of fs.Stats (declared here: the published declarations must not need @types/node). */
export interface FileKind {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isSymbolicLink(): boolean;
}

export function kindOf(stats: FileKind): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** "is a FIFO, not a regular file." for a path that exists and is not a regular file; undefined otherwise. */
export function notRegularFile(path: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  return stats.isFile() ? undefined : `is ${kindOf(stats)}, not a regular file.`;
}

/** "2.0 MiB", "276.3 MiB", "512 KiB": sizes as the limits are documented. */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

export interface ReadLimits {
  /** Refuse a file larger than this many bytes; 0 or undefined: no limit. */
  readonly maxBytes?: number | undefined;
  /** How to raise the limit, for the message ("--max-file-size"). */
  readonly limitName?: string | undefined;
}

function open(path: string): number {
  try {
    // O_NOCTTY: a terminal named as a file never becomes the controlling terminal.
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    // A socket cannot be opened (ENXIO): say what it is rather than the errno.
    const kind = code === 'ENXIO' ? notRegularFile(path) : undefined;
    throw new UnreadableFileError(code, kind ?? `cannot be read (${code}).`);
  }
}

/**
 * The bytes of a regular file, read through one descriptor: a FIFO, device, folder or socket (after
 * symbolic links are followed) and a file over the size limit throw UnreadableFileError, unread.
 */
export function readRegularFile(path: string, limits: ReadLimits = {}): Uint8Array {
  const descriptor = open(path);
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new UnreadableFileError('ENOTREG', `is ${kindOf(stats)}, not a regular file.`);
    const max = limits.maxBytes ?? 0;
    const over = (size: number) =>
      new UnreadableFileError('EFBIG', `is ${describeSize(size)}, over the limit of ${describeSize(max)}${limits.limitName ? ` (${limits.limitName})` : ''}.`, head(descriptor));
    if (max > 0 && stats.size > max) throw over(stats.size);
    // The size can change after fstat (a file being written): read to the end, never past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(Math.max(stats.size + 1, 64 * 1024));
    for (;;) {
      let read: number;
      try {
        read = readSync(descriptor, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
        throw new UnreadableFileError(code, `cannot be read (${code}).`);
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (max > 0 && total > max) throw over(total);
      chunk = Buffer.allocUnsafe(64 * 1024);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(descriptor);
  }
}

const SIZE = /^(\d+)([KMG]i?B?)?$/iu;
const UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-file-size`: bytes, or with K, M or G (KiB, MiB, GiB); 0 for no limit. Undefined when not a size. */
export function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] ? UNITS[match[2][0]!.toLowerCase()]! : 1;
  return Number(match[1]) * unit;
}

/** A regular file's text (UTF-8, a byte-order mark kept), read as readRegularFile reads it. */
export function readRegularText(path: string, limits: ReadLimits = {}): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(readRegularFile(path, limits));
}
