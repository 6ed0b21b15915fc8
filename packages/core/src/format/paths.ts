import { isAbsolute, relative, sep } from 'node:path';

/** A path as users read it: relative to the working directory when inside it, with forward slashes. */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
