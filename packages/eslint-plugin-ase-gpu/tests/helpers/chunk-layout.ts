/**
 * Test-only: expected outputs of fixes that keep a chunked createOptions' boundaries.
 */

/**
 * The manifest with the user module's createOptions chunks replaced by `pieces`: for fixes whose edits
 * each stay inside one chunk, so that the chunk boundaries are kept and only the edited chunks change.
 */
export function withChunks(code: string, pieces: readonly string[]): string {
  const start = code.indexOf('"createOptions": ', code.indexOf('"modules": {'));
  const lineStart = code.lastIndexOf('\n', start) + 1;
  const indent = code.slice(lineStart, start);
  const chunkLines = /^(?:[ \t]*"createOptions(?:\d\d)?": "(?:[^"\\]|\\.)*",?\n)+/u.exec(code.slice(lineStart))![0];
  const rendered = pieces.map((piece, index) => `${indent}"createOptions${index === 0 ? '' : String(index).padStart(2, '0')}": ${JSON.stringify(piece)}`).join(',\n');
  return code.slice(0, lineStart) + rendered + '\n' + code.slice(lineStart + chunkLines.length);
}
