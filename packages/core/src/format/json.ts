import type { Formatter } from './context.js';

/** ESLint's `json` format (an array of results), with `module` and `createOptionsPath` on each message. */
export const formatJson: Formatter = (results) => JSON.stringify(results.map(({ source: _source, ...result }) => result));
