import { renderChunkProperties, type CreateOptions, type TextEdit } from '../manifest/create-options.js';
import { isChunkKey } from '../manifest/chunks.js';
import { keyName, type JSONProperty } from '../manifest/json-ast.js';

/**
 * File edits that replace every createOptions property of a module's settings (duplicates included)
 * with `text` split into chunks of at most `maxChunkLength`, named `createOptions`, `createOptions01`...
 *
 * Chunk properties that stand together are replaced in place. When other settings stand between them,
 * the new chunks take the place of the first one and the others are removed: the agent collects chunks
 * by name, so where they stand in `settings` means nothing. Null when a removal would also take text
 * other than a comma and whitespace (a comment in a template), since that is not ours to drop.
 */
export function rechunkEdits(createOptions: CreateOptions, text: string, fileText: string, maxChunkLength: number): TextEdit[] | null {
  const all = createOptions.settings.properties;
  const chunkIndexes = all.map((property, index) => (isChunkKey(keyName(property)) ? index : -1)).filter((index) => index >= 0);
  if (chunkIndexes.length === 0) return null;
  const first = all[chunkIndexes[0]!]!;
  const lastIndex = chunkIndexes[chunkIndexes.length - 1]!;
  const rendered = renderChunkProperties(text, fileText, first.range[0], maxChunkLength);
  if (lastIndex - chunkIndexes[0]! + 1 === chunkIndexes.length) {
    return [{ range: [first.range[0], all[lastIndex]!.range[1]], text: rendered }];
  }
  const edits: TextEdit[] = [{ range: [first.range[0], first.range[1]], text: rendered }];
  for (const index of chunkIndexes.slice(1)) {
    const previous: JSONProperty = all[index - 1]!;
    const property = all[index]!;
    if (!/^\s*,\s*$/u.test(fileText.slice(previous.range[1], property.range[0]))) return null;
    edits.push({ range: [previous.range[1], property.range[1]], text: '' });
  }
  return edits;
}
