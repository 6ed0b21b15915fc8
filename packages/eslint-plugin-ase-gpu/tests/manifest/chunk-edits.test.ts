import { parseJSON } from 'jsonc-eslint-parser';
import { describe, expect, it } from 'vitest';
import { buildManifestModel } from '../../src/manifest/build-model.js';
import type { CreateOptions, TextEdit } from '../../src/manifest/create-options.js';

/** A module whose createOptions are the given chunks, in a minimal manifest. */
function createOptionsOf(chunks: Record<string, string>): { text: string; createOptions: CreateOptions } {
  const settings = JSON.stringify({ image: 'x', ...chunks }, null, 2).replace(/\n/gu, '\n        ');
  const text = `{"modulesContent": {"$edgeAgent": {"properties.desired": {"modules": {"m": {"settings": ${settings}}}}}}}`;
  const model = buildManifestModel(parseJSON(text, { jsonSyntax: 'JSON' }), text, { filename: 'deployment.json' })!;
  return { text, createOptions: model.modules[0]!.createOptions! };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range[0] - a.range[0]).reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}

function chunksAfter(text: string, edits: readonly TextEdit[] | null): Record<string, string> {
  const settings = JSON.parse(apply(text, edits!)).modulesContent.$edgeAgent['properties.desired'].modules.m.settings as Record<string, string>;
  return Object.fromEntries(Object.entries(settings).filter(([key]) => key.startsWith('createOptions')));
}

const chunks = { createOptions: '{"HostConfig":{"Privileged":true,', createOptions01: '"ShmSize":1024},"Env":["A=1",', createOptions02: '"B=2"]}' };

describe('edits of chunked createOptions', () => {
  it('edits inside one chunk stay in place', () => {
    const { text, createOptions } = createOptionsOf(chunks);
    const at = createOptions.text.indexOf('1024');
    const edits = createOptions.toFileEdits([{ start: at, end: at + 4, text: '2048' }], { maxChunkLength: 512 });
    expect(edits).toHaveLength(1);
    expect(chunksAfter(text, edits)).toEqual({ ...chunks, createOptions01: '"ShmSize":2048},"Env":["A=1",' });
  });

  it('an edit across chunks rewrites only the chunks from the first one that changes', () => {
    const { text, createOptions } = createOptionsOf(chunks);
    const start = createOptions.text.indexOf('"Env"');
    const edits = createOptions.toFileEdits([{ start, end: createOptions.text.length - 1, text: '"Env":["C=3"]' }], { maxChunkLength: 512 });
    expect(chunksAfter(text, edits)).toEqual({ createOptions: chunks.createOptions, createOptions01: '"ShmSize":1024},"Env":["C=3"]}' });
  });

  it('an edit that would push a chunk over the tools limit re-chunks from that chunk in the same fix', () => {
    const { text, createOptions } = createOptionsOf(chunks);
    const at = createOptions.text.indexOf('"A=1"');
    const edits = createOptions.toFileEdits([{ start: at, end: at, text: '"LONG=xxxxxxxxxx",' }], { maxChunkLength: 40 });
    const after = chunksAfter(text, edits);
    expect(after.createOptions).toBe(chunks.createOptions);
    expect(Object.values(after).every((piece) => piece.length <= 40)).toBe(true);
    expect(Object.values(after).join('')).toBe('{"HostConfig":{"Privileged":true,"ShmSize":1024},"Env":["LONG=xxxxxxxxxx","A=1","B=2"]}');
    expect(Object.keys(after)).toEqual(['createOptions', 'createOptions01', 'createOptions02']);
  });

  it('a single string that grows stays one string', () => {
    const { text, createOptions } = createOptionsOf({ createOptions: '{"Env":["A=1"]}' });
    const at = createOptions.text.indexOf('"A=1"');
    const edits = createOptions.toFileEdits([{ start: at, end: at, text: '"B=2",' }], { maxChunkLength: 16 });
    expect(chunksAfter(text, edits)).toEqual({ createOptions: '{"Env":["B=2","A=1"]}' });
  });
});
