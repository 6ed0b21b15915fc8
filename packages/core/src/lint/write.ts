import { chmodSync, closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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

const TEMPORARY_SUFFIX = '.ase-gpu-lint.tmp';
/** `.<manifest name>.<pid of the writer>-<random>.ase-gpu-lint.tmp` */
const TEMPORARY_NAME = /^\.(.+)\.(\d+)-[0-9a-f]{12}\.ase-gpu-lint\.tmp$/u;

function temporaryName(path: string): string {
  return `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
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

/**
 * Replaces a file's content atomically: writes a temporary file beside it with the same mode, then
 * renames it over the original, so that an interrupted run never leaves half a manifest. The text
 * already carries the file's byte-order mark, line endings and final newline (fixes are edits).
 * With `expected` (the text the fixes were computed from), a file edited meanwhile is left as it is
 * and FileChangedError is thrown, so a concurrent edit is never silently replaced.
 */
export function writeFileAtomically(path: string, text: string, expected?: string): void {
  const mode = statSync(path).mode & 0o7777;
  removeStaleTemporaryFiles(path);
  const temporary = join(dirname(path), temporaryName(path));
  const descriptor = openSync(temporary, 'wx', mode);
  try {
    writeSync(descriptor, text, null, 'utf8');
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
    if (expected !== undefined && readFileSync(path, 'utf8') !== expected) throw new FileChangedError(path);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
