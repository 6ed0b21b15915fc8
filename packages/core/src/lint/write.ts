import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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

/**
 * Replaces a file's content atomically: writes a temporary file beside it with the same mode, then
 * renames it over the original, so that an interrupted run never leaves half a manifest. The text
 * already carries the file's byte-order mark, line endings and final newline (fixes are edits).
 * With `expected` (the text the fixes were computed from), a file edited meanwhile is left as it is
 * and FileChangedError is thrown, so a concurrent edit is never silently replaced.
 */
export function writeFileAtomically(path: string, text: string, expected?: string): void {
  const mode = statSync(path).mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.ase-gpu-lint.tmp`);
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
