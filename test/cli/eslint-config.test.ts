import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it as baseIt } from 'vitest';
import { makeTree, manifest, rc, REPO_ROOT, runCli } from './helpers.js';

/** Each test runs the CLI as a subprocess, some several times: give them room on a busy machine. */
const it = (name: string, fn: () => void) => baseIt(name, fn, 180_000);

const trees: { cleanup(): void }[] = [];
afterEach(() => {
  while (trees.length > 0) trees.pop()!.cleanup();
});

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
}

function flatten(results: { filePath: string; messages: Message[] }[], root: string): string[] {
  return results
    .flatMap((result) => result.messages.map((message) => `${result.filePath.slice(root.length + 1)}:${message.line}:${message.column} ${message.severity} ${message.ruleId} ${message.message}`))
    .sort();
}

const FPGA_ERA = manifest({
  scorer: { createOptions: { HostConfig: { Binds: ['/home/hcsshares/models:/models'], Memory: 1073741824 }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } },
  camera: { createOptions: { HostConfig: { ShmSize: 536870912, PortBindings: { '8080/tcp': [{ HostPort: '80' }] } } } },
});

describe('aseGpuConfig() for eslint.config.js', () => {
  it('makes ESLint report exactly what the CLI reports on the same tree, per folder', () => {
    const t = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'org/ase-gpu.json': rc({ extends: ['ase-gpu:strict'], settings: { gpuCount: 1 } }),
      '.aseGpurc': rc({ extends: ['./org/ase-gpu.json'], rules: { 'ase-gpu/no-shm-size': 'error' } }),
      'deployment.json': FPGA_ERA,
      'team-a/.aseGpurc.yaml': [
        'rules:',
        '  ase-gpu/no-binds: warn',
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules:',
        '      ase-gpu/require-recreate-strategy: "off"',
        'settings:',
        '  exemptions:',
        '    - rule: no-shm-size',
        '      module: camera',
        '      reason: The camera module moves to a memory emptyDir in the next release.',
        '',
      ].join('\n'),
      'team-a/deployment.json': FPGA_ERA,
      'team-a/legacy/deployment.json': FPGA_ERA,
      'team-b/package.json': JSON.stringify({ name: 'team-b', aseGpu: { root: true, extends: ['ase-gpu:recommended'], ignores: ['generated'] } }),
      'team-b/site/deployment.json': FPGA_ERA,
      'team-b/generated/deployment.json': FPGA_ERA,
      'eslint.config.js': "import { aseGpuConfig } from 'ase-gpu-lint';\n\nexport default await aseGpuConfig({ cwd: import.meta.dirname });\n",
      'package.json': JSON.stringify({ name: 'edge', type: 'module' }),
    });
    trees.push(t);
    mkdirSync(t.path('node_modules'));
    symlinkSync(join(REPO_ROOT, 'packages/core'), t.path('node_modules/ase-gpu-lint'), 'dir');
    symlinkSync(join(REPO_ROOT, 'packages/core/node_modules/eslint'), t.path('node_modules/eslint'), 'dir');

    const cli = runCli(['-f', 'json'], { cwd: t.root });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    const eslint = spawnSync(process.execPath, [t.path('node_modules/eslint/bin/eslint.js'), '-f', 'json', '.'], { cwd: t.root, encoding: 'utf8' });
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(1);

    const fromCli = flatten(JSON.parse(cli.stdout), t.root);
    const fromEslint = flatten(JSON.parse(eslint.stdout), t.root);
    expect(fromEslint).toEqual(fromCli);
    // The policy really differs per folder: otherwise this test would prove little.
    const rulesIn = (prefix: string) => new Set(fromCli.filter((line) => line.startsWith(prefix)).map((line) => line.split(' ').slice(1, 3).join(' ')));
    expect(rulesIn('deployment.json').has('2 ase-gpu/no-shm-size')).toBe(true);
    expect(rulesIn('team-a/deployment.json').has('1 ase-gpu/no-binds')).toBe(true);
    expect(rulesIn('team-a/deployment.json').has('2 ase-gpu/no-shm-size')).toBe(false);
    expect(rulesIn('team-a/deployment.json').has('2 ase-gpu/require-recreate-strategy')).toBe(true);
    expect(rulesIn('team-a/legacy/deployment.json').has('2 ase-gpu/require-recreate-strategy')).toBe(false);
    expect(rulesIn('team-b/site/deployment.json').has('1 ase-gpu/require-recreate-strategy')).toBe(true);
    expect(fromCli.some((line) => line.startsWith('team-b/generated/'))).toBe(false);
  });
});
