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

describe('GPU-ready manifests in fixtures/clean', () => {
  it('cover the three createOptions encodings', () => {
    const encodings = clean.map((file) => relative(join(repo, 'fixtures/clean'), file).split('/')[0]);
    expect(encodings.sort()).toEqual(['gpu-chunked', 'gpu-object', 'gpu-string']);
  });
  it.each(clean.map((file) => [relative(repo, file), file]))('%s: recommended reports nothing', (_, file) => {
    expect(lint(file, 'recommended')).toEqual([]);
  });
});

describe('FPGA-era manifests in fixtures/examples', () => {
  it.each(examples.map((file) => [relative(repo, file), file]))('%s: recommended reports errors', (_, file) => {
    const messages = lint(file, 'recommended');
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.filter((message) => message.severity === 2).length).toBeGreaterThan(0);
  });
});
