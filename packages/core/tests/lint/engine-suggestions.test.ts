import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResolver, type FileConfig } from '../../src/config/resolve.js';
import { lintText } from '../../src/lint/engine.js';
import { deployment } from '../helpers/deployment.js';

/** Modules `a` and `c` with createOptions (the team limits can be suggested there), `b` without. */
function manifest(options: { a?: string; c?: string } = {}): string {
  const module = (settings: Record<string, unknown>) => ({ type: 'docker', status: 'running', restartPolicy: 'always', settings });
  const document = deployment({ a: module({ image: 'x:1', createOptions: options.a ?? '{}' }), b: module({ image: 'y:1' }), c: module({ image: 'z:1', createOptions: options.c ?? '{}' }) });
  return JSON.stringify(document, null, 2);
}

const LIMITS = JSON.stringify({ 'k8s-experimental': { resources: { limits: { memory: '512Mi', cpu: '500m' } } } });

let root: string;
let config: FileConfig;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ase-gpu-suggestions-'));
  // A suggestion-only rule: the team limits are offered, not applied by --fix.
  writeFileSync(join(root, '.aseGpurc.json'), JSON.stringify({ root: true, extends: [], rules: { 'ase-gpu/require-resource-limits': ['error', { memory: '512Mi', cpu: '500m' }] } }));
  const resolver = new ConfigResolver({ cwd: root });
  config = resolver.effective(await resolver.forFolder(root), join(root, 'd.json'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lintText with applySuggestions (the migration run)', () => {
  it('applies the first suggestion of every finding, then lints the result again', () => {
    const linted = lintText(manifest(), join(root, 'd.json'), config, root, { applySuggestions: true });
    expect(linted.output).toBe(manifest({ a: LIMITS, c: LIMITS }));
    expect(linted.result.messages.map((message) => [message.module, message.line, message.column, message.suggestions])).toEqual([['b', 21, 11, undefined]]);
  });

  it('leaves a file without suggestions unchanged, and --fix alone does not apply them', () => {
    expect(lintText(manifest({ a: LIMITS, c: LIMITS }), join(root, 'd.json'), config, root, { applySuggestions: true }).output).toBeUndefined();
    const fixed = lintText(manifest(), join(root, 'd.json'), config, root, { fix: true });
    expect(fixed.output).toBeUndefined();
    expect(fixed.result.messages.filter((message) => message.suggestions?.length === 1).map((message) => message.module)).toEqual(['a', 'c']);
  });

  it('lints a file outside the working folder with the same rules', () => {
    const outside = lintText(manifest(), '/elsewhere/d.json', config, root);
    expect(outside.result.messages.map((message) => [message.ruleId, message.module, message.line])).toEqual([
      ['ase-gpu/require-resource-limits', 'a', 12],
      ['ase-gpu/require-resource-limits', 'b', 21],
      ['ase-gpu/require-resource-limits', 'c', 29],
    ]);
  });
});

describe('lintText hands the settings to the rules', () => {
  it('reports two GPUs on a device configured with one, and not on the default device', async () => {
    const text = manifest({ a: JSON.stringify({ 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 2 } } } }) });
    // A folder per configuration: the engine keeps one ESLint config per configuration's files.
    const lintWith = async (settings: Record<string, unknown>) => {
      const folder = mkdtempSync(join(tmpdir(), 'ase-gpu-settings-'));
      try {
        writeFileSync(join(folder, '.aseGpurc.json'), JSON.stringify({ root: true, extends: [], rules: { 'ase-gpu/gpu-count': 'error' }, settings }));
        const resolver = new ConfigResolver({ cwd: folder });
        const config = resolver.effective(await resolver.forFolder(folder), join(folder, 'd.json'));
        return lintText(text, join(folder, 'd.json'), config, folder).result.messages;
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    };
    expect((await lintWith({ gpuCount: 1 })).map((message) => [message.ruleId, message.module, message.line, message.message])).toEqual([
      ['ase-gpu/gpu-count', 'a', 18, 'Module "a" asks for 2 nvidia.com/gpu in k8s-experimental.resources.limits, but the GPU device has 1, so the pod stays Pending.'],
    ]);
    expect(await lintWith({})).toEqual([]);
  });
});
