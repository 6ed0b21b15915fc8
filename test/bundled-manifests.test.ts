import { Linter } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../packages/eslint-plugin-ase-gpu/src/index.js';

const repo = join(import.meta.dirname, '..');

function manifestsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? manifestsUnder(path) : name.endsWith('.json') ? [path] : [];
  });
}

function lint(file: string, preset: 'recommended' | 'strict' | 'all') {
  return new Linter().verify(readFileSync(file, 'utf8'), [plugin.configs[preset]], { filename: file });
}

const clean = manifestsUnder(join(repo, 'fixtures/clean'));
const examples = manifestsUnder(join(repo, 'fixtures/examples'));

const folderOf = (file: string) => relative(join(repo, 'fixtures/clean'), file).split('/')[0];

describe('GPU-ready manifests in fixtures/clean', () => {
  it('cover the three createOptions encodings, and samples shaped like Microsoft\'s for the GPU device', () => {
    expect([...new Set(clean.map(folderOf))].sort()).toEqual(['gpu-chunked', 'gpu-object', 'gpu-samples', 'gpu-string']);
  });
  it.each(clean.filter((file) => folderOf(file) !== 'gpu-samples').map((file) => [relative(repo, file), file]))('%s: recommended reports nothing', (_, file) => {
    expect(lint(file, 'recommended')).toEqual([]);
  });
  // Shaped like the vendor's samples that run on the device (X11 binds, NetworkMode bridge, my_module
  // names, two GPUs): no error, and only the warning that the agent ignores NetworkMode "bridge".
  it.each(clean.filter((file) => folderOf(file) === 'gpu-samples').map((file) => [relative(repo, file), file]))('%s: recommended reports no error', (_, file) => {
    const messages = lint(file, 'recommended');
    expect(messages.filter((message) => message.severity === 2 || message.fatal)).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.ruleId).toBe('ase-gpu/no-ignored-settings');
      expect(message.message).toContain('NetworkMode "bridge"');
    }
  });
});

describe('FPGA-era manifests in fixtures/examples', () => {
  it.each(examples.map((file) => [relative(repo, file), file]))('%s: recommended reports errors', (_, file) => {
    const messages = lint(file, 'recommended');
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.filter((message) => message.severity === 2).length).toBeGreaterThan(0);
  });
});
