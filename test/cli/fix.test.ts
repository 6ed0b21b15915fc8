import { chmodSync, readdirSync, statSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { manifest, onlyRules, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const GPU_WITH_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });
const SHM = manifest({ scorer: { createOptions: { HostConfig: { ShmSize: 1073741824 } } } });
const BOM = '\uFEFF';

const it = slowIt();
const tree = treesCleanedAfterEach();

const STRATEGY_ONLY = onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' });

describe('--fix', () => {
  it('writes the fix atomically, keeping the byte-order mark, CRLF line endings, the missing final newline and the mode', () => {
    const crlf = (text: string) => BOM + text.replace(/\n/gu, '\r\n').replace(/\r\n$/u, '');
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': crlf(GPU_WITHOUT_STRATEGY) });
    chmodSync(t.path('deployment.json'), 0o640);
    const inode = statSync(t.path('deployment.json')).ino;
    const run = runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(t.read('deployment.json')).toBe(crlf(GPU_WITH_STRATEGY));
    const after = statSync(t.path('deployment.json'));
    expect(after.mode & 0o777).toBe(0o640);
    // A rename, not an in-place write: the file is a new inode and no temporary file is left.
    expect(after.ino).not.toBe(inode);
    expect(readdirSync(t.root).sort()).toEqual(['.aseGpurc', '.git', 'deployment.json']);
    expect(runCli(['--fix', 'deployment.json'], { cwd: t.root }).status).toBe(0);
    expect(t.read('deployment.json')).toBe(crlf(GPU_WITH_STRATEGY));
  });

  it('shows the fix as a unified diff with --fix-dry-run and writes nothing', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    const run = runCli(['--fix-dry-run', 'deployment.json'], { cwd: t.root });
    expect(run.status).toBe(0);
    const before = GPU_WITHOUT_STRATEGY.split('\n').find((line) => line.includes('nvidia.com/gpu'))!;
    const after = GPU_WITH_STRATEGY.split('\n').find((line) => line.includes('nvidia.com/gpu'))!;
    expect(run.stdout.startsWith('--- a/deployment.json\n+++ b/deployment.json\n@@ ')).toBe(true);
    expect(run.stdout).toContain(`\n-${before}\n+${after}\n`);
    expect(t.read('deployment.json')).toBe(GPU_WITHOUT_STRATEGY);
  });

  it('applies only fixes of the rule types given to --fix-type', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    const layout = runCli(['--fix', '--fix-type', 'layout', 'deployment.json'], { cwd: t.root });
    expect(layout.status).toBe(1);
    expect(t.read('deployment.json')).toBe(GPU_WITHOUT_STRATEGY);
    const problem = runCli(['--fix', '--fix-type', 'problem,layout', 'deployment.json'], { cwd: t.root });
    expect(problem.status).toBe(0);
    expect(t.read('deployment.json')).toBe(GPU_WITH_STRATEGY);
  });

  it('applies suggestions with --apply-suggestions, then lints again', () => {
    const t = tree({ '.aseGpurc': onlyRules({ 'ase-gpu/no-shm-size': 'error' }), 'deployment.json': SHM });
    const plain = runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(plain.status).toBe(1);
    expect(t.read('deployment.json')).toBe(SHM);
    const applied = runCli(['--apply-suggestions', 'deployment.json'], { cwd: t.root });
    expect(applied).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(t.read('deployment.json')).not.toBe(SHM);
    expect(() => JSON.parse(t.read('deployment.json'))).not.toThrow();
  });

  it('never writes a file whose fixed text would not parse', () => {
    const t = tree({
      '.aseGpurc': onlyRules({ 'breaker/truncate': 'error' }, { plugins: ['eslint-plugin-breaker'] }),
      'node_modules/eslint-plugin-breaker/package.json': JSON.stringify({ name: 'eslint-plugin-breaker', version: '1.0.0', type: 'module', main: 'index.js' }),
      'node_modules/eslint-plugin-breaker/index.js': `export default {
  rules: {
    truncate: {
      meta: { type: 'problem', fixable: 'code', schema: [], messages: { cut: 'Cut the file.' }, languages: ['ase-gpu/manifest'] },
      create(context) {
        return { Program(node) { context.report({ node, messageId: 'cut', fix: (fixer) => fixer.removeRange([node.range[1] - 2, node.range[1]]) }); } };
      },
    },
  },
};
`,
      'deployment.json': GPU_WITHOUT_STRATEGY,
    });
    const run = runCli(['--fix', 'deployment.json', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(t.read('deployment.json')).toBe(GPU_WITHOUT_STRATEGY);
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['breaker/truncate', null]);
    expect(result!.messages[1]!.message).toMatch(/^ase-gpu-lint did not apply the fixes to this file: the fixed text would not be valid JSON\./u);
  });
});

