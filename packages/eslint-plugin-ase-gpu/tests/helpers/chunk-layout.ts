/**
 * Test-only: a manifest built by `buildManifest` with one module's createOptions chunks replaced by
 * the given decoded pieces (`createOptions`, `createOptions01`, ...), for fixes that edit chunks in
 * place and so keep a chunk layout no builder call reproduces.
 */
export function withChunks(code: string, module: string, pieces: readonly string[]): string {
  const modulesAt = code.indexOf(module === 'edgeHub' || module === 'edgeAgent' ? '"systemModules"' : '"modules": {');
  const moduleAt = code.indexOf(`"${module}": {`, modulesAt);
  if (moduleAt < 0) throw new Error(`module ${module} is not in the fixture`);
  const firstKey = code.indexOf('"createOptions": ', moduleAt);
  const lineStart = code.lastIndexOf('\n', firstKey) + 1;
  const indent = code.slice(lineStart, firstKey);
  const lines = code.slice(lineStart).split('\n');
  let count = 0;
  while (count < lines.length && /^\s*"createOptions(?:\d\d)?": "(?:[^"\\]|\\.)*",?$/u.test(lines[count]!)) count++;
  const trailingComma = lines[count - 1]!.endsWith(',');
  const replaced = pieces
    .map((piece, index) => `${indent}"createOptions${index === 0 ? '' : String(index).padStart(2, '0')}": ${JSON.stringify(piece)}`)
    .join(',\n');
  return code.slice(0, lineStart) + replaced + (trailingComma ? ',' : '') + '\n' + lines.slice(count).join('\n');
}
