import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileConfig } from '../../src/config/resolve.js';
import { CACHE_SIZE_LIMIT, fileStamp, ResultCache } from '../../src/lint/cache.js';
import type { LintMessage } from '../../src/lint/types.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'ase-gpu-cache-entries-'));
  folders.push(made);
  return made;
}

const CONFIG = { key: 'k', rules: { 'ase-gpu/no-binds': 'error' }, settings: {}, plugins: { 'ase-gpu': { meta: { name: 'eslint-plugin-ase-gpu', version: '1.0.0' } } } } as unknown as FileConfig;
const MESSAGE = { ruleId: 'ase-gpu/no-binds', severity: 2, message: 'm', line: 3, column: 4 } as unknown as LintMessage;
const VALUE = { messages: [MESSAGE], suppressedMessages: [], usage: { x: 1 } };

describe('ResultCache entries read back', () => {
  // Entries whose file is unchanged: only dropping the entry makes isUnchanged false, whatever the
  // damaged member (a content or config that no longer compares equal would hide a kept entry).
  it('drops an entry with any damaged member, even for a file whose stamp still matches', () => {
    const root = folder();
    const path = join(root, 'cache');
    const file = join(root, 'a.json');
    writeFileSync(file, 'text');
    const sound = new ResultCache(path, 'v1');
    sound.set(file, 'text', fileStamp(file), CONFIG, VALUE);
    sound.save();
    const data = JSON.parse(readFileSync(path, 'utf8')) as { version: string; entries: Record<string, Record<string, unknown>> };
    const entry = data.entries[file]!;
    expect(new ResultCache(path, 'v1').isUnchanged(file)).toBe(true);
    expect(new ResultCache(path, 'v1').getUnchanged(file, CONFIG)).toEqual(expect.objectContaining(VALUE));
    for (const damaged of [
      { ...entry, content: 1 },
      { ...entry, config: null },
      { ...entry, messages: [MESSAGE, { ...MESSAGE, line: '3' }] },
      { ...entry, suppressedMessages: [MESSAGE, 1] },
      { ...entry, usage: { a: 1, b: '1' } },
    ]) {
      writeFileSync(path, JSON.stringify({ ...data, entries: { [file]: damaged } }));
      expect(new ResultCache(path, 'v1').isUnchanged(file), JSON.stringify(damaged).slice(0, 60)).toBe(false);
    }
  });

  it('takes a file without a stamp, or one that is gone, as changed', () => {
    const root = folder();
    const cache = new ResultCache(join(root, 'cache'), 'v1');
    cache.set(join(root, 'gone.json'), 'text', undefined, CONFIG, VALUE);
    expect(cache.isUnchanged(join(root, 'gone.json'))).toBe(false);
    expect(fileStamp(join(root, 'gone.json'))).toBeUndefined();
    expect(cache.getUnchanged(join(root, 'gone.json'), CONFIG)).toBeUndefined();
  });

  it('hashes a configuration whose plugin has no meta', () => {
    const root = folder();
    const bare = { ...CONFIG, key: 'bare', plugins: { local: {} } } as unknown as FileConfig;
    const cache = new ResultCache(join(root, 'cache'), 'v1');
    cache.set('/f.json', 'text', undefined, bare, VALUE);
    expect(cache.get('/f.json', 'text', bare)).toEqual(expect.objectContaining(VALUE));
    expect(cache.get('/f.json', 'text', CONFIG)).toBeUndefined();
  });

  it('refuses a cache file over the size limit, naming how to start again', () => {
    const root = folder();
    const path = join(root, 'cache');
    writeFileSync(path, '');
    truncateSync(path, CACHE_SIZE_LIMIT + 1);
    expect(() => new ResultCache(path, 'v1', 'big')).toThrow('the cache file big is 256 MiB, over the limit of 256 MiB (delete it to start a new cache).');
  });
});
