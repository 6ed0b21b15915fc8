import { accessSync, chmodSync, closeSync, constants, fchownSync, fstatSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file no longer holds the text the fixes were computed from: someone edited it meanwhile. */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
  constructor(path: string) {
    super(`${path} changed while it was being fixed`);
    this.name = 'FileChangedError';
  }
}

/** A file that a plain write would refuse: no write permission at all (root included), or not a regular file. */
export class UnwritableFileError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UnwritableFileError';
    this.code = code;
  }
}

const TEMPORARY_SUFFIX = '.ase-gpu-lint.tmp';
/** The original bytes of a file rewritten in place, kept until the rewrite is complete (see writeInPlace). */
const BACKUP_SUFFIX = '.ase-gpu-lint.orig';
/** `.<manifest name>.<pid of the writer>-<random>.ase-gpu-lint.tmp` */
const TEMPORARY_NAME = /^\.(.+)\.(\d+)-[0-9a-f]{12}\.ase-gpu-lint\.tmp$/u;

function temporaryName(path: string, suffix = TEMPORARY_SUFFIX): string {
  return `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}${suffix}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A writer killed between writing its temporary file and the rename (SIGKILL, power loss) cannot clean
 * up after itself. The next write of the same manifest removes such leftovers of writers that are no
 * longer running; a live writer's file (another ase-gpu-lint fixing the same file now) is left alone.
 */
export function removeStaleTemporaryFiles(path: string): void {
  const folder = dirname(path);
  const name = basename(path);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.endsWith(TEMPORARY_SUFFIX)) continue;
    const match = TEMPORARY_NAME.exec(entry);
    if (!match || match[1] !== name) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && isRunning(pid)) continue;
    rmSync(join(folder, entry), { force: true });
  }
}

/** Whether a plain write would be allowed: root may write a 0444 file, but read-only is meant as read-only. */
function checkWritable(target: Stats, path: string): void {
  if (!target.isFile()) throw new UnwritableFileError('ENOTREG', 'it is not a regular file');
  if ((target.mode & 0o222) === 0) throw new UnwritableFileError('EACCES', `it is read-only (mode ${(target.mode & 0o777).toString(8).padStart(4, '0')})`);
  accessSync(path, constants.W_OK);
}

function changed(path: string, expected: string | undefined): boolean {
  return expected !== undefined && readFileSync(path, 'utf8') !== expected;
}

function writeAll(descriptor: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written, written);
}

/**
 * The rename road: a temporary file beside the target with its mode and owner, renamed over it, so an
 * interrupted run never leaves half a manifest. Returns false (nothing changed) when the folder takes no
 * new file or the owner cannot be kept: the caller then writes in place.
 */
function replaceByRename(target: string, stats: Stats, bytes: Buffer, expected: string | undefined): boolean {
  const mode = stats.mode & 0o7777;
  removeStaleTemporaryFiles(target);
  const temporary = join(dirname(target), temporaryName(target));
  let descriptor: number;
  try {
    descriptor = openSync(temporary, 'wx', mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return false;
    throw error;
  }
  try {
    const created = fstatSync(descriptor);
    if (created.uid !== stats.uid || created.gid !== stats.gid) {
      try {
        fchownSync(descriptor, stats.uid, stats.gid);
      } catch {
        closeSync(descriptor);
        rmSync(temporary, { force: true });
        return false;
      }
    }
    writeAll(descriptor, bytes);
    fsyncSync(descriptor);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  try {
    // The umask may have narrowed the mode given to open().
    chmodSync(temporary, mode);
    // Checked as late as possible, right before the rename, to keep the window for a lost edit small.
    if (changed(target, expected)) throw new FileChangedError(target);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return true;
}

/**
 * The in-place road, for a file with several hard links (a rename would split them) or whose owner a
 * new file could not keep. The original bytes are first written to a backup beside the file and
 * synced; then the file is overwritten and truncated through one descriptor and synced, and the backup
 * removed. A failed write (a full disk, an I/O error) puts the original bytes back and removes the
 * backup; a process killed during the overwrite leaves the backup (`.<name>.<pid>-<random>.ase-gpu-lint.orig`),
 * which no later run removes, so the original is never lost.
 */
function writeInPlace(target: string, bytes: Buffer, expected: string | undefined): void {
  const descriptor = openSync(target, constants.O_RDWR);
  try {
    const original = readFileSync(descriptor);
    if (expected !== undefined && original.toString('utf8') !== expected) throw new FileChangedError(target);
    const backup = join(dirname(target), temporaryName(target, BACKUP_SUFFIX));
    let backupDescriptor: number | undefined;
    try {
      backupDescriptor = openSync(backup, 'wx', 0o600);
      writeAll(backupDescriptor, original);
      fsyncSync(backupDescriptor);
    } catch {
      // A folder that takes no new file: the original stays in memory only, and is written back on failure.
      rmSync(backup, { force: true });
    } finally {
      if (backupDescriptor !== undefined) closeSync(backupDescriptor);
    }
    try {
      writeAll(descriptor, bytes);
      ftruncateSync(descriptor, bytes.length);
      fsyncSync(descriptor);
    } catch (error) {
      writeAll(descriptor, original);
      ftruncateSync(descriptor, original.length);
      fsyncSync(descriptor);
      rmSync(backup, { force: true });
      throw error;
    }
    rmSync(backup, { force: true });
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes a manifest's fixes. The text already carries the file's byte-order mark, line endings and
 * final newline (fixes are edits). Through a symbolic link the link's target is written (the link
 * stays a link); the file keeps its mode and owner; a file without write permission is refused
 * (UnwritableFileError) even for root, as a plain write would refuse it. A file with one link is
 * replaced atomically (replaceByRename); one with several hard links, or whose owner only an in-place
 * write keeps, is rewritten in place (writeInPlace), so that every link sees the fix.
 * With `expected` (the text the fixes were computed from), a file edited meanwhile is left as it is
 * and FileChangedError is thrown, so a concurrent edit is never silently replaced.
 */
export function writeFileAtomically(path: string, text: string, expected?: string): void {
  const target = realpathSync(path);
  const stats = statSync(target);
  checkWritable(stats, target);
  const bytes = Buffer.from(text, 'utf8');
  // Unpaired surrogates become U+FFFD in UTF-8: such a text would not be what the fixes produced.
  if (bytes.toString('utf8') !== text) throw new UnwritableFileError('EILSEQ', 'the fixed text holds characters UTF-8 cannot encode (unpaired surrogates)');
  if (stats.nlink > 1 || !replaceByRename(target, stats, bytes, expected)) writeInPlace(target, bytes, expected);
}
