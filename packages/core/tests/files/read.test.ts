import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeManifest, firstInvalidUtf8 } from '../../src/files/decode.js';
import { describeSize, parseSize, readRegularFile } from '../../src/files/read.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads regular files within the limit; says what anything else is, without blocking', () => {
    const root = mkdtempSync(join(tmpdir(), 'ase-gpu-read-'));
    folders.push(root);
    writeFileSync(join(root, 'a.json'), 'abc');
    expect(readRegularFile(join(root, 'a.json')).toString()).toBe('abc');
    expect(readRegularFile(join(root, 'a.json'), { maxBytes: 3 }).toString()).toBe('abc');
    expect(() => readRegularFile(join(root, 'a.json'), { maxBytes: 2, limitName: '--max-file-size' })).toThrow('is 3 bytes, over the limit of 2 bytes (--max-file-size).');
    writeFileSync(join(root, 'empty.json'), '');
    expect(readRegularFile(join(root, 'empty.json')).length).toBe(0);
    const big = Buffer.alloc(200 * 1024, 0x61);
    writeFileSync(join(root, 'big.json'), big);
    expect(readRegularFile(join(root, 'big.json')).equals(big)).toBe(true);
    expect(spawnSync('mkfifo', [join(root, 'fifo')]).status).toBe(0);
    expect(() => readRegularFile(join(root, 'fifo'))).toThrow('is a FIFO, not a regular file.');
    symlinkSync('/dev/zero', join(root, 'zero'));
    expect(() => readRegularFile(join(root, 'zero'))).toThrow('is a character device, not a regular file.');
    expect(() => readRegularFile(root)).toThrow('is a folder, not a regular file.');
    expect(() => readRegularFile(join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT', message: 'cannot be read (ENOENT).' }));
  });

  it('sizes: parsed with K, M, G; described in KiB and MiB', () => {
    expect([parseSize('0'), parseSize('512'), parseSize('1K'), parseSize('2m'), parseSize('1G'), parseSize('3MiB'), parseSize(' 4KB ')]).toEqual([0, 512, 1024, 2 * 1024 ** 2, 1024 ** 3, 3 * 1024 ** 2, 4096]);
    for (const bad of ['', '-1', '1.5M', 'M', '1T', 'lots']) expect(parseSize(bad)).toBeUndefined();
    expect([describeSize(1023), describeSize(1024), describeSize(1536), describeSize(1024 ** 2), describeSize(276.34 * 1024 ** 2)]).toEqual(['1023 bytes', '1 KiB', '1.5 KiB', '1 MiB', '276.3 MiB']);
  });
});

describe('decodeManifest', () => {
  it('UTF-8 (with or without a BOM) is text; UTF-16 with a BOM is reported at 1:1', () => {
    expect(decodeManifest(Buffer.from('\uFEFF{"é": 1}'))).toEqual({ ok: true, text: '\uFEFF{"é": 1}' });
    const le = Buffer.from('\uFEFF{}', 'utf16le');
    expect(decodeManifest(le)).toEqual({ ok: false, message: 'This file is UTF-16 (little-endian, with a byte-order mark); IoT Hub expects UTF-8: save the file as UTF-8.', line: 1, column: 1, lenient: '{}' });
    const be = Buffer.from(le).swap16();
    expect(decodeManifest(be)).toEqual(expect.objectContaining({ ok: false, message: 'This file is UTF-16 (big-endian, with a byte-order mark); IoT Hub expects UTF-8: save the file as UTF-8.', lenient: '{}' }));
  });

  it('a byte that is not UTF-8 is reported at its line and column (CRLF, CR and LF lines; columns in characters)', () => {
    const bytes = Buffer.concat([Buffer.from('a\r\nb\rc\nd€é'), Buffer.from([0xe9, 0x41])]);
    expect(decodeManifest(bytes)).toEqual(expect.objectContaining({ ok: false, message: 'Byte 0xE9 is not valid UTF-8 (Latin-1 or another 8-bit encoding?); IoT Hub expects UTF-8: save the file as UTF-8.', line: 4, column: 4 }));
  });

  it('firstInvalidUtf8 follows the Unicode well-formed table', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)).toBe(-1);
    expect(at(0xc0, 0x80)).toBe(0);
    expect(at(0xc1, 0xbf)).toBe(0);
    expect(at(0x41, 0xc2)).toBe(1);
    expect(at(0xc2, 0x41)).toBe(0);
    expect(at(0xe0, 0x9f, 0x80)).toBe(0);
    expect(at(0xe0, 0xa0, 0x80)).toBe(-1);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0xed, 0x9f, 0xbf)).toBe(-1);
    expect(at(0xef, 0xbf, 0xc0)).toBe(0);
    expect(at(0xf0, 0x8f, 0x80, 0x80)).toBe(0);
    expect(at(0xf0, 0x90, 0x80, 0x80)).toBe(-1);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0xf4, 0x8f, 0xbf, 0xbf)).toBe(-1);
    expect(at(0xf5, 0x80, 0x80, 0x80)).toBe(0);
    expect(at(0x80)).toBe(0);
    expect(at(0xff)).toBe(0);
  });
});
