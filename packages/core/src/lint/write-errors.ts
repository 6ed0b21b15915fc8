import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../config/errors.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder does not exist',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a part of its path is a file, not a folder',
};

/** "the disk is full (ENOSPC)": why a write failed, for a one-line message. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error instanceof Error ? error.message : String(error);
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/**
 * mkdir -p without `recursive: true`, which loops forever under /proc on Node 20: the missing
 * folders are made one by one from the deepest existing one, so the first refusal is an error.
 */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let current = folder; !existsSync(current); current = dirname(current)) {
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) mkdirSync(path);
}

/**
 * Writes a file the user named (`-o`, `--cache-location`, the suppressions file), creating its folder;
 * any failure becomes a UserError of one line: "cannot write the report to out/: it is a folder (EISDIR)."
 */
export function writeUserFile(path: string, text: string, what: string, shown: string): void {
  try {
    makeFolders(dirname(path));
    writeFileSync(path, text);
  } catch (error) {
    throw new UserError(`cannot write ${what} to ${shown}: ${writeFailureReason(error)}.`);
  }
}
