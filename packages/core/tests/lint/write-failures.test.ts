import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomically } from '../../src/lint/write.js';

/** Failures a test cannot cause for real as root (permissions) or safely (a full disk), injected into node:fs. */
const faults = vi.hoisted(() => ({ open: undefined as string | undefined, truncate: 0, backup: undefined as string | undefined, chown: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fail = (code: string) => Object.assign(new Error(code), { code });
  return {
    ...real,
    openSync: (path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      const name = String(path);
      if (faults.open && name.endsWith('.ase-gpu-lint.tmp')) throw fail(faults.open);
      if (faults.backup && name.endsWith('.ase-gpu-lint.orig')) throw fail(faults.backup);
      return real.openSync(path, flags, mode);
    },
    ftruncateSync: (fd: number, length?: number) => {
      if (faults.truncate > 0) {
        faults.truncate--;
        throw fail('ENOSPC');
      }
      return real.ftruncateSync(fd, length);
    },
    fchownSync: (fd: number, uid: number, gid: number) => {
      if (faults.chown) throw fail('EPERM');
      return real.fchownSync(fd, uid, gid);
    },
  };
});

const folders: string[] = [];
afterEach(() => {
  Object.assign(faults, { open: undefined, truncate: 0, backup: undefined, chown: false });
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});
function file(text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'ase-gpu-faults-'));
  folders.push(root);
  const path = join(root, 'm.json');
  writeFileSync(path, text);
  return path;
}

describe('writeFileAtomically when the rename road is closed', () => {
  for (const code of ['EACCES', 'EPERM']) {
    it(`a folder that takes no new file (${code}): written in place, same inode`, () => {
      const path = file('old text');
      const inode = statSync(path).ino;
      faults.open = code;
      writeFileAtomically(path, 'new', 'old text');
      expect(readFileSync(path, 'utf8')).toBe('new');
      expect(statSync(path).ino).toBe(inode);
      expect(readdirSync(join(path, '..'))).toEqual(['m.json']);
    });
  }

  it('another error creating the temporary file is thrown, the file unchanged', () => {
    const path = file('old');
    faults.open = 'ENOSPC';
    expect(() => writeFileAtomically(path, 'new')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('an owner that cannot be given to a new file: written in place, no temporary file left', () => {
    const path = file('old');
    const real = statSync(path);
    // Make the stat of the target differ from what a new file gets: chown is then attempted and refused.
    fs.chownSync(path, real.uid + 1, real.gid);
    faults.chown = true;
    const inode = statSync(path).ino;
    writeFileAtomically(path, 'new');
    expect([readFileSync(path, 'utf8'), statSync(path).ino, statSync(path).uid]).toEqual(['new', inode, real.uid + 1]);
    expect(readdirSync(join(path, '..'))).toEqual(['m.json']);
  });

  it('in place, a failing write puts the original bytes back and leaves no backup', () => {
    const path = file('original, longer than the new text');
    faults.open = 'EACCES';
    faults.truncate = 1;
    expect(() => writeFileAtomically(path, 'new')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(readFileSync(path, 'utf8')).toBe('original, longer than the new text');
    expect(readdirSync(join(path, '..'))).toEqual(['m.json']);
  });

  it('in place without room for a backup: still written, and restored on failure', () => {
    const path = file('original');
    faults.open = 'EACCES';
    faults.backup = 'ENOSPC';
    writeFileAtomically(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    faults.truncate = 1;
    expect(() => writeFileAtomically(path, 'third, much longer')).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(path, '..'))).toEqual(['m.json']);
  });
});
