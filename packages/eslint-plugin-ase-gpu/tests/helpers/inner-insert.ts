import { TEST_CHUNK_SIZE, type Encoding } from './manifest-builder.js';

/**
 * Test-only: the file after inserting `insertion` at `decodedOffset` of one module's createOptions,
 * as a fix that edits in place produces it: the string literal gets the new text; with chunks, the
 * chunk that holds the offset grows (an offset on a boundary extends the earlier chunk). Built from
 * the fixture's own createOptions, never from the code under test.
 */
export function insertIntoOptions(
  code: string,
  module: string,
  options: unknown,
  encoding: Exclude<Encoding, 'object'>,
  decodedOffset: number,
  insertion: string,
  chunkSize = TEST_CHUNK_SIZE,
): string {
  const text = typeof options === 'string' ? options : JSON.stringify(options);
  const moduleStart = code.indexOf(`"${module}": {`, code.indexOf(module === 'edgeHub' || module === 'edgeAgent' ? '"systemModules"' : '"modules": {'));
  if (moduleStart < 0) throw new Error(`module ${module} is not in the fixture`);
  const pieces = encoding === 'string' || text.length <= chunkSize ? [text] : Array.from({ length: Math.ceil(text.length / chunkSize) }, (_, n) => text.slice(n * chunkSize, (n + 1) * chunkSize));
  let start = 0;
  let index = 0;
  while (index < pieces.length - 1 && decodedOffset > start + pieces[index]!.length) start += pieces[index++]!.length;
  const piece = pieces[index]!;
  const literal = JSON.stringify(piece);
  const at = code.indexOf(literal, moduleStart);
  if (at < 0) throw new Error('chunk not found in the fixture');
  const within = decodedOffset - start;
  const replaced = JSON.stringify(piece.slice(0, within) + insertion + piece.slice(within));
  return code.slice(0, at) + replaced + code.slice(at + literal.length);
}
