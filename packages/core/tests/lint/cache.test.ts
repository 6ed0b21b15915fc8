import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileConfig } from '../../src/config/resolve.js';
import { DEFAULT_CACHE_FILE, fileStamp, ResultCache } from '../../src/lint/cache.js';
import type { LintMessage } from '../../src/lint/types.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'ase-gpu-cache-'));
  folders.push(made);
  return made;
}

function config(key: string, rules: Record<string, unknown> = { 'ase-gpu/no-binds': 'error' }, settings: Record<string, unknown> = {}, version = '1.0.0'): FileConfig {
  return { key, rules, settings, plugins: { 'ase-gpu': { meta: { name: 'eslint-plugin-ase-gpu', version } } } } as unknown as FileConfig;
}

const MESSAGE = { ruleId: 'ase-gpu/no-binds', severity: 2, message: 'm', line: 3, column: 4, endLine: 3, endColumn: 9, module: 'a', createOptionsPath: 'HostConfig.Binds[0]', suggestions: [] } as unknown as LintMessage;
const VALUE = { messages: [MESSAGE], suppressedMessages: [], usage: { x: 1 } };

describe('ResultCache', () => {
  it('hits on the same text and configuration, misses on other text, rules, settings, plugin versions', () => {
    const root = folder();
    const file = join(root, 'a.json');
    writeFileSync(file, 'text');
    const cache = new ResultCache(join(root, 'cache'), 'v1');
    const base = config('k1');
    expect(cache.get(file, 'text', base)).toBeUndefined();
    cache.set(file, 'text', fileStamp(file), base, VALUE);
    expect(cache.get(file, 'text', base)).toEqual(expect.objectContaining(VALUE));
    expect(cache.get(file, 'other', base)).toBeUndefined();
    expect(cache.get(join(root, 'b.json'), 'text', base)).toBeUndefined();
    expect(cache.get(file, 'text', config('k2', { 'ase-gpu/no-binds': 'warn' }))).toBeUndefined();
    expect(cache.get(file, 'text', config('k3', undefined, { gpuCount: 2 }))).toBeUndefined();
    expect(cache.get(file, 'text', config('k4', undefined, {}, '2.0.0'))).toBeUndefined();
    // The same content under another key: same hash, a hit.
    expect(cache.get(file, 'text', config('k5'))).toEqual(expect.objectContaining(VALUE));
  });

  it('getUnchanged trusts size and times; a changed stamp or configuration is a miss', () => {
    const root = folder();
    const file = join(root, 'a.json');
    writeFileSync(file, 'text');
    const cache = new ResultCache(join(root, 'cache'), 'v1');
    expect(cache.isUnchanged(file)).toBe(false);
    cache.set(file, 'text', fileStamp(file), config('k'), VALUE);
    expect(cache.isUnchanged(file)).toBe(true);
    expect(cache.getUnchanged(file, config('k'))).toEqual(expect.objectContaining(VALUE));
    expect(cache.getUnchanged(file, config('k-other', {}))).toBeUndefined();
    utimesSync(file, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(cache.isUnchanged(file)).toBe(false);
    expect(cache.getUnchanged(file, config('k'))).toBeUndefined();
    cache.set(file, 'text', undefined, config('k'), VALUE);
    expect(cache.isUnchanged(file)).toBe(false);
    expect(fileStamp(join(root, 'missing'))).toBeUndefined();
  });

  it('saves only when something was recorded, and reads back what it saved, for its version only', () => {
    const root = folder();
    const path = join(root, 'deep', 'cache');
    const file = join(root, 'a.json');
    const unused = new ResultCache(path, 'v1');
    unused.save();
    expect(() => readFileSync(path)).toThrow();
    const cache = new ResultCache(path, 'v1');
    cache.set(file, 'text', 's', config('k'), VALUE);
    cache.save();
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { version: string; entries: Record<string, { stamp: string }> };
    expect(saved.version).toBe('v1');
    expect(saved.entries[file]!.stamp).toBe('s');
    expect(new ResultCache(path, 'v1').get(file, 'text', config('k'))).toEqual(expect.objectContaining(VALUE));
    expect(new ResultCache(path, 'v2').get(file, 'text', config('k'))).toBeUndefined();
  });

  it('drops entries of any other shape and keeps the sound ones', () => {
    const root = folder();
    const path = join(root, 'cache');
    const file = join(root, 'a.json');
    const sound = new ResultCache(path, 'v1');
    sound.set(file, 'text', undefined, config('k'), VALUE);
    sound.save();
    const data = JSON.parse(readFileSync(path, 'utf8')) as { version: string; entries: Record<string, Record<string, unknown>> };
    const entry = data.entries[file]!;
    const damaged: Record<string, unknown>[] = [
      { ...entry, messages: null },
      { ...entry, messages: {} },
      { ...entry, messages: [null] },
      { ...entry, messages: [{ ...MESSAGE, message: 1 }] },
      { ...entry, messages: [{ ...MESSAGE, severity: 3 }] },
      { ...entry, messages: [{ ...MESSAGE, severity: 0 }] },
      { ...entry, messages: [{ ...MESSAGE, ruleId: 5 }] },
      { ...entry, messages: [{ ...MESSAGE, line: '3' }] },
      { ...entry, messages: [{ ...MESSAGE, column: null }] },
      { ...entry, messages: [{ ...MESSAGE, endLine: '3' }] },
      { ...entry, messages: [{ ...MESSAGE, endColumn: '3' }] },
      { ...entry, messages: [{ ...MESSAGE, suggestions: {} }] },
      { ...entry, messages: [{ ...MESSAGE, module: 1 }] },
      { ...entry, messages: [{ ...MESSAGE, createOptionsPath: 1 }] },
      { ...entry, messages: [[]] },
      { ...entry, suppressedMessages: null },
      { ...entry, suppressedMessages: [1] },
      { ...entry, usage: null },
      { ...entry, usage: [] },
      { ...entry, usage: { a: '1' } },
      { ...entry, content: 1 },
      { ...entry, config: null },
      { ...entry, stamp: 1 },
      [],
      null,
      'x',
    ];
    for (const bad of damaged) {
      writeFileSync(path, JSON.stringify({ ...data, entries: { [file]: bad, [join(root, 'b.json')]: entry } }));
      const cache = new ResultCache(path, 'v1');
      expect(cache.get(file, 'text', config('k'))).toBeUndefined();
      expect(cache.get(join(root, 'b.json'), 'text', config('k'))).toEqual(expect.objectContaining(VALUE));
    }
    // Sound variants: no stamp, a null rule id (a fatal message), warnings.
    writeFileSync(path, JSON.stringify({ ...data, entries: { [file]: { ...entry, stamp: undefined, messages: [{ ...MESSAGE, ruleId: null, severity: 1, endLine: undefined, endColumn: undefined, suggestions: undefined, module: undefined, createOptionsPath: undefined }] } } }));
    expect(new ResultCache(path, 'v1').get(file, 'text', config('k'))).toBeDefined();
    for (const whole of ['null', '[]', '{"version":"v1","entries":null}', '{"version":"v1","entries":[]}', '{', '"v1"']) {
      writeFileSync(path, whole);
      expect(new ResultCache(path, 'v1').get(file, 'text', config('k'))).toBeUndefined();
    }
  });

  it('a folder holds the cache file; a FIFO, a device, a path under a file are one-line errors', () => {
    const root = folder();
    const inFolder = new ResultCache(root, 'v1', 'shown');
    inFolder.set(join(root, 'a.json'), 't', undefined, config('k'), VALUE);
    inFolder.save();
    expect(JSON.parse(readFileSync(join(root, DEFAULT_CACHE_FILE), 'utf8'))).toEqual(expect.objectContaining({ version: 'v1' }));
    expect(spawnSync('mkfifo', [join(root, 'fifo')]).status).toBe(0);
    expect(() => new ResultCache(join(root, 'fifo'), 'v1', 'f')).toThrow('the cache file f is a FIFO, not a regular file.');
    symlinkSync('/dev/zero', join(root, 'zero'));
    expect(() => new ResultCache(join(root, 'zero'), 'v1', 'z')).toThrow('the cache file z is a character device, not a regular file.');
    writeFileSync(join(root, 'file'), '');
    expect(() => new ResultCache(join(root, 'file', 'cache'), 'v1', 'u')).toThrow('cannot use u as the cache file: a part of its path is a file, not a folder (ENOTDIR).');
    mkdirSync(join(root, 'sub', DEFAULT_CACHE_FILE), { recursive: true });
    expect(() => new ResultCache(join(root, 'sub'), 'v1', 'sub')).toThrow('the cache file sub is a folder, not a regular file.');
    const blocked = new ResultCache(join(root, 'later', 'cache'), 'v1', 'later/cache');
    writeFileSync(join(root, 'later'), '');
    blocked.set('x', 't', undefined, config('k'), VALUE);
    expect(() => blocked.save()).toThrow('cannot write the cache to later/cache: a part of its path is a file, not a folder (ENOTDIR).');
  });
});
