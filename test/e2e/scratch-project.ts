import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repo = join(import.meta.dirname, '../..');
export const eslintBin = join(repo, 'node_modules/eslint/bin/eslint.js');

/**
 * A throwaway project that uses the built plugin the way a user's project would: its own
 * eslint.config.js importing `eslint-plugin-ase-gpu` from its node_modules.
 */
export function createScratchProject(eslintConfig: string): { dir: string; write(path: string, text: string): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ase-gpu-scratch-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repo, 'packages/eslint-plugin-ase-gpu'), join(dir, 'node_modules/eslint-plugin-ase-gpu'), 'dir');
  symlinkSync(join(repo, 'node_modules/eslint'), join(dir, 'node_modules/eslint'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "name": "scratch", "private": true, "type": "module" }\n');
  writeFileSync(join(dir, 'eslint.config.js'), eslintConfig);
  return {
    dir,
    write(path, text) {
      const file = join(dir, path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
