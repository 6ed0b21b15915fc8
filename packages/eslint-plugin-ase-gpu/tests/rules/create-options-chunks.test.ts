import { buildManifest, type Encoding } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { runRuleTests } from '../helpers/rule-tester.js';

// 84 characters of compact JSON: three chunks of 40 in the builder's chunked encoding.
const options = { Env: ['MODEL=/models/yolo.onnx', 'THRESHOLD=0.5'], HostConfig: { Privileged: true } };
const TEXT = JSON.stringify(options);

/**
 * A manifest whose module `camera` holds `options` in the given encoding. edgeHub's options are kept
 * short and in one string, within every limit the tests set, so that only camera is judged.
 */
function manifest(encoding: Encoding, chunkSize = 40, moduleOptions: unknown = options) {
  return buildManifest({ modules: { camera: { createOptions: moduleOptions } }, edgeHub: { encoding: 'string', createOptions: {} } }, encoding, chunkSize);
}

/** Renames chunk keys of camera's settings. */
function renameKeys(code: string, renames: readonly [string, string][]): string {
  const at = code.indexOf('"camera": {');
  return code.slice(0, at) + renames.reduce((text, [from, to]) => text.replace(`"${from}": `, `"${to}": `), code.slice(at));
}

const asOneString = manifest('string').code;
const inChunksOf40 = manifest('chunked').code;

const missingBase = (() => {
  const code = renameKeys(inChunksOf40, [['createOptions02', 'createOptions03'], ['createOptions01', 'createOptions02'], ['createOptions', 'createOptions01']]);
  return {
    name: 'chunks numbered from 01, without the bare createOptions',
    code,
    filename: 'deployment.json',
    // Renumbered and re-chunked at the default 512 characters: one string.
    output: asOneString,
    errors: [{ messageId: 'missingBase', data: { module: 'camera', key: 'createOptions01' }, ...locate(code, '"createOptions01"') }],
  };
})();

const gap = (() => {
  const code = renameKeys(inChunksOf40, [['createOptions02', 'createOptions03']]);
  return {
    name: 'a gap: createOptions01 then createOptions03',
    code,
    filename: 'deployment.json',
    output: asOneString,
    errors: [{ messageId: 'outOfSequence', data: { module: 'camera', key: 'createOptions03', expected: 'createOptions02' }, ...locate(code, '"createOptions03"') }],
  };
})();

const lostChunk = (() => {
  // createOptions01 is gone: the numeric order does not give JSON, so re-chunking would guess.
  const code = inChunksOf40.replace(/\n\s*"createOptions01": "[^\n]*",/u, '');
  return {
    name: 'a gap where a chunk is missing: no fix',
    code,
    filename: 'deployment.json',
    output: null,
    errors: [{ messageId: 'outOfSequence', data: { module: 'camera', key: 'createOptions02', expected: 'createOptions01' }, ...locate(code, '"createOptions02"') }],
  };
})();

/** createOptions1 added after the last chunk, holding `value`. */
function withChunk1(value: string): string {
  const last = /("createOptions02": "[^\n]*")/u.exec(inChunksOf40)![1]!;
  return inChunksOf40.replace(last, `${last},\n              "createOptions1": ${JSON.stringify(value)}`);
}

const sameDuplicate = (() => {
  const code = withChunk1(TEXT.slice(40, 80));
  return {
    name: 'createOptions1 beside createOptions01 with the same text: the copy goes',
    code,
    filename: 'deployment.json',
    output: asOneString,
    errors: [{ messageId: 'duplicateNumber', data: { module: 'camera', key: 'createOptions1', first: 'createOptions01' }, ...locate(code, '"createOptions1"') }],
  };
})();

const differentDuplicate = (() => {
  const code = withChunk1('something else');
  return {
    name: 'createOptions1 beside createOptions01 with other text: no fix',
    code,
    filename: 'deployment.json',
    output: null,
    errors: [{ messageId: 'duplicateNumber', data: { module: 'camera', key: 'createOptions1', first: 'createOptions01' }, ...locate(code, '"createOptions1"') }],
  };
})();

const notTogether = (() => {
  // image stands between the chunks; chunks of 50 against a limit of 40.
  const built = manifest('chunked', 50).code;
  const image = '"image": "contoso.azurecr.io/module:1.0",\n              ';
  const first = /"createOptions": "[^\n]*",\n\s*/u.exec(built)![0];
  const code = built.replace(image + first, first + image);
  const expected = inChunksOf40.replace(image, '').replace(/("createOptions02": "[^\n]*")/u, `$1,\n              ${image.trimEnd().replace(/,$/u, '')}`);
  return {
    name: 'chunks with another setting between them are gathered at the first one',
    code,
    filename: 'deployment.json',
    settings: { 'ase-gpu': { maxChunkLength: 40 } },
    output: expected,
    errors: [
      { messageId: 'chunkTooLong', data: { module: 'camera', key: 'createOptions', length: 50, maxChunkLength: 40 }, ...locate(code, '"createOptions"', 2) },
    ],
  };
})();

function chunkTooLong(encoding: 'string' | 'chunked') {
  const code = manifest(encoding, 60).code;
  const errors =
    encoding === 'string'
      ? [{ messageId: 'chunkTooLong', data: { module: 'camera', key: 'createOptions', length: 84, maxChunkLength: 40 }, ...locate(code, '"createOptions"', 2) }]
      : [{ messageId: 'chunkTooLong', data: { module: 'camera', key: 'createOptions', length: 60, maxChunkLength: 40 }, ...locate(code, '"createOptions"', 2) }];
  return {
    name: `a chunk over maxChunkLength is split (${encoding})`,
    code,
    filename: 'deployment.json',
    settings: { 'ase-gpu': { maxChunkLength: 40 } },
    output: inChunksOf40,
    errors,
  };
}

const tooManyChunks = (() => {
  const code = manifest('chunked', 20).code;
  return {
    name: 'five chunks where the tools take three',
    code,
    filename: 'deployment.json',
    settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 3 } },
    output: inChunksOf40,
    errors: [{ messageId: 'tooManyChunks', data: { module: 'camera', key: 'createOptions03', count: 5, maxChunks: 3, maxChunkLength: 40 }, ...locate(code, '"createOptions03"') }],
  };
})();

const tooLongTemplateString = (() => {
  const code = asOneString;
  return {
    name: 'a string in a template longer than the tools take: no fix',
    code,
    filename: 'deployment.template.json',
    settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 2 } },
    output: null,
    errors: [{ messageId: 'tooLong', data: { module: 'camera', length: 84, limit: 80, maxChunks: 2, maxChunkLength: 40 }, ...locate(code, '"createOptions"', 2) }],
  };
})();

function tooLong(encoding: Encoding) {
  const built = manifest(encoding);
  const code = built.code;
  const at = locate(code, '"createOptions"', 2);
  const tooLongError = { messageId: 'tooLong', data: { module: 'camera', length: 84, limit: 80, maxChunks: 2, maxChunkLength: 40 }, ...at };
  return {
    name: `84 characters where the tools take 2 chunks of 40 (${encoding})`,
    code,
    filename: built.filename,
    settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 2 } },
    // A string is still split into chunks of 40; what is too long stays too long.
    output: encoding === 'string' ? inChunksOf40 : null,
    errors: encoding === 'string' ? [tooLongError, { messageId: 'chunkTooLong', data: { module: 'camera', key: 'createOptions', length: 84, maxChunkLength: 40 }, ...at }] : [tooLongError],
  };
}

const overAgentLimit = (() => {
  // 84 one-character chunks... plus 26 more characters of whitespace: 110 chunks, the last ones
  // named createOptions100 to createOptions109.
  const text = `${TEXT}${' '.repeat(26)}`;
  const code = manifest('chunked', 1, text).code;
  return {
    name: 'more chunks than the agent reads',
    code,
    filename: 'deployment.json',
    settings: { 'ase-gpu': { maxChunkLength: 1000 } },
    output: manifest('string', 40, text).code,
    errors: [
      { messageId: 'tooManyChunks', data: { module: 'camera', key: 'createOptions08', count: 110, maxChunks: 8, maxChunkLength: 1000 }, ...locate(code, '"createOptions08"') },
      // Sorted as text, createOptions100...109 come right after createOptions10: the 101st is createOptions90.
      { messageId: 'overAgentLimit', data: { module: 'camera', key: 'createOptions90', count: 110 }, ...locate(code, '"createOptions90"') },
      { messageId: 'outOfSequence', data: { module: 'camera', key: 'createOptions100', expected: 'createOptions11' }, ...locate(code, '"createOptions100"') },
    ],
  };
})();

runRuleTests('create-options-chunks', {
  valid: [
    { name: 'chunks of 40 within a limit of 40', code: inChunksOf40, filename: 'deployment.json', settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 3 } } },
    { name: 'one string within the default limits', code: asOneString, filename: 'deployment.json' },
    { name: 'an object in a template: the tools chunk it', ...(({ code, filename }) => ({ code, filename }))(manifest('object')), settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 3 } } },
    { name: 'one long string in a template: the tools chunk it', code: asOneString, filename: 'deployment.template.json', settings: { 'ase-gpu': { maxChunkLength: 40, maxChunks: 3 } } },
    { name: 'createOptions1, createOptions2: the agent accepts numbers without a leading zero', code: renameKeys(inChunksOf40, [['createOptions01', 'createOptions1'], ['createOptions02', 'createOptions2']]), filename: 'deployment.json' },
  ],
  invalid: [missingBase, gap, lostChunk, sameDuplicate, differentDuplicate, notTogether, chunkTooLong('string'), chunkTooLong('chunked'), tooManyChunks, tooLong('object'), tooLong('string'), tooLong('chunked'), tooLongTemplateString, overAgentLimit],
});
