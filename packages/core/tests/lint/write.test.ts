import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileChangedError, removeStaleTemporaryFiles, UnwritableFileError, writeFileAtomically } from '../../src/lint/write.js';
import { writeFailureReason, writeUserFile } from '../../src/lint/write-errors.js';
import { AUTO_CONCURRENCY_MIN_FILES, workerCount } from '../../src/lint/workers.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'ase-gpu-write-'));
  folders.push(made);
  return made;
}

describe('writeFileAtomically', () => {
  it('replaces the content, keeps the mode, leaves no temporary file', () => {
    const root = folder();
    const path = join(root, 'm.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    const inode = statSync(path).ino;
    writeFileAtomically(path, 'new é', 'old');
    expect(readFileSync(path, 'utf8')).toBe('new é');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    // One link: replaced by a rename (a new inode).
    expect(statSync(path).ino).not.toBe(inode);
    expect(readdirSync(root)).toEqual(['m.json']);
  });

  it('keeps the owner and group of a file that belongs to someone else (as root), on both roads', () => {
    const root = folder();
    const path = join(root, 'm.json');
    writeFileSync(path, 'old');
    const owner = process.getuid?.() === 0 ? [4321, 4322] : [statSync(path).uid, statSync(path).gid];
    if (process.getuid?.() === 0) chownSync(path, owner[0]!, owner[1]!);
    writeFileAtomically(path, 'new');
    expect([statSync(path).uid, statSync(path).gid, readFileSync(path, 'utf8')]).toEqual([...owner, 'new']);
    linkSync(path, join(root, 'other.json'));
    writeFileAtomically(path, 'newer');
    expect([statSync(path).uid, statSync(path).gid, readFileSync(join(root, 'other.json'), 'utf8')]).toEqual([...owner, 'newer']);
    if (process.getuid?.() === 0) {
      // Only the group differs: still given back.
      chownSync(path, 0, 4322);
      rmSync(join(root, 'other.json'));
      writeFileAtomically(path, 'newest');
      expect([statSync(path).uid, statSync(path).gid]).toEqual([0, 4322]);
      chownSync(path, 4321, 0);
      writeFileAtomically(path, 'last');
      expect([statSync(path).uid, statSync(path).gid]).toEqual([4321, 0]);
    }
  });

  it('through a symbolic link: writes the target, the link stays', () => {
    const root = folder();
    mkdirSync(join(root, 'real'));
    writeFileSync(join(root, 'real', 'm.json'), 'old');
    symlinkSync('real/m.json', join(root, 'link.json'));
    writeFileAtomically(join(root, 'link.json'), 'new');
    expect(lstatSync(join(root, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'real', 'm.json'), 'utf8')).toBe('new');
    expect(readdirSync(join(root, 'real'))).toEqual(['m.json']);
  });

  it('hard links: in place, same inode, both names see the text, shorter and longer texts', () => {
    const root = folder();
    const path = join(root, 'm.json');
    writeFileSync(path, 'original text');
    linkSync(path, join(root, 'other.json'));
    const inode = statSync(path).ino;
    writeFileAtomically(path, 'short', 'original text');
    expect(readFileSync(join(root, 'other.json'), 'utf8')).toBe('short');
    writeFileAtomically(path, 'a much longer text than before');
    expect(readFileSync(join(root, 'other.json'), 'utf8')).toBe('a much longer text than before');
    expect(statSync(path).ino).toBe(inode);
    expect(readdirSync(root).sort()).toEqual(['m.json', 'other.json']);
    expect(() => writeFileAtomically(path, 'x', 'not what is there')).toThrow(FileChangedError);
    expect(readFileSync(path, 'utf8')).toBe('a much longer text than before');
  });

  it('refuses what a plain write would refuse, and unpaired surrogates, writing nothing', () => {
    const root = folder();
    const path = join(root, 'm.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o444);
    expect(() => writeFileAtomically(path, 'new')).toThrow(new UnwritableFileError('EACCES', 'it is read-only (mode 0444)'));
    chmodSync(path, 0o644);
    expect(() => writeFileAtomically(path, 'a\uD800b')).toThrow(expect.objectContaining({ name: 'UnwritableFileError', code: 'EILSEQ', message: 'the fixed text holds characters UTF-8 cannot encode (unpaired surrogates)' }));
    expect(() => writeFileAtomically(root, 'x')).toThrow(expect.objectContaining({ code: 'ENOTREG', message: 'it is not a regular file' }));
    expect(() => writeFileAtomically(path, 'x', 'other')).toThrow(expect.objectContaining({ name: 'FileChangedError', code: 'ECHANGED', message: `${path} changed while it was being fixed` }));
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['m.json']);
  });

  it('removes temporary files of writers that are gone, not those of live writers or other files', () => {
    const root = folder();
    const path = join(root, 'm.json');
    writeFileSync(path, 'old');
    const dead = '.m.json.999999999-0123456789ab.ase-gpu-lint.tmp';
    // The parent of this test process: another writer that is still running.
    const live = `.m.json.${process.ppid}-0123456789ab.ase-gpu-lint.tmp`;
    const other = '.n.json.999999999-0123456789ab.ase-gpu-lint.tmp';
    const odd = '.m.json.x.ase-gpu-lint.tmp';
    // This process's own leftover (a failed earlier write of the same run) is removed too.
    const own = `.m.json.${process.pid}-0123456789ab.ase-gpu-lint.tmp`;
    const unrelated = 'm.json.bak';
    for (const name of [dead, live, other, odd, own, unrelated]) writeFileSync(join(root, name), '');
    removeStaleTemporaryFiles(path);
    expect(readdirSync(root).sort()).toEqual([live, odd, 'm.json', other, unrelated].sort());
    removeStaleTemporaryFiles(join(root, 'missing', 'm.json'));
  });
});

describe('one-line write failures', () => {
  it('names the reason of each errno, the code alone when it has none', () => {
    const reasons: [string, string][] = [
      ['EISDIR', 'it is a folder (EISDIR)'],
      ['ENOTDIR', 'a part of its path is a file, not a folder (ENOTDIR)'],
      ['ENOSPC', 'the disk is full (ENOSPC)'],
      ['EDQUOT', 'the disk quota is exceeded (EDQUOT)'],
      ['EACCES', 'permission denied (EACCES)'],
      ['EPERM', 'permission denied (EPERM)'],
      ['EROFS', 'the file system is read-only (EROFS)'],
      ['ENOENT', 'its folder does not exist (ENOENT)'],
      ['ENAMETOOLONG', 'the name is too long (ENAMETOOLONG)'],
      ['EEXIST', 'a part of its path is a file, not a folder (EEXIST)'],
      ['EIO', 'EIO'],
    ];
    for (const [code, reason] of reasons) expect(writeFailureReason(Object.assign(new Error('x'), { code }))).toBe(reason);
    expect(writeFailureReason(new Error('plain'))).toBe('plain');
    expect(writeFailureReason('text')).toBe('text');
  });

  it('writeUserFile makes the missing folders, and fails in one line', () => {
    const root = folder();
    writeUserFile(join(root, 'a', 'b', 'r.txt'), 'report', 'the report', 'r');
    expect(readFileSync(join(root, 'a', 'b', 'r.txt'), 'utf8')).toBe('report');
    expect(() => writeUserFile(join(root, 'a'), 'x', 'the report', 'a')).toThrow('cannot write the report to a: it is a folder (EISDIR).');
    expect(() => writeUserFile('/dev/full', 'x', 'the report', '/dev/full')).toThrow('cannot write the report to /dev/full: the disk is full (ENOSPC).');
  });
});

describe('workerCount', () => {
  it('never more workers than files or cores', () => {
    const cores = availableParallelism();
    expect(workerCount('off', 500)).toBe(1);
    expect(workerCount(1000, 290)).toBe(Math.min(290, cores));
    expect(workerCount(1000, 1)).toBe(1);
    expect(workerCount(2, 0)).toBe(1);
    expect(workerCount(1, 100)).toBe(1);
    expect(workerCount('auto', AUTO_CONCURRENCY_MIN_FILES - 1)).toBe(1);
    expect(workerCount('auto', AUTO_CONCURRENCY_MIN_FILES * 100)).toBe(Math.max(1, Math.floor(cores / 2)));
    expect(workerCount('auto', AUTO_CONCURRENCY_MIN_FILES)).toBe(1);
  });
});
