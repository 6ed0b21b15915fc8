/**
 * `node:path` in the browser: path-browserify (POSIX), with the named exports ESM importers such as the
 * plugin ask for (path-browserify is CommonJS, which the dev server serves as a default export only).
 */
import path from 'path-browserify';

export const { basename, dirname, extname, isAbsolute, join, normalize, relative, resolve, sep } = path;
export default path;
