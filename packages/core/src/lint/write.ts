import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces a file's content atomically: writes a temporary file beside it with the same mode, then
 * renames it over the original, so that an interrupted run never leaves half a manifest. The text
 * already carries the file's byte-order mark, line endings and final newline (fixes are edits).
 */
export function writeFileAtomically(path: string, text: string): void {
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
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
