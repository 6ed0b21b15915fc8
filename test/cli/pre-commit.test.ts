import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it as baseIt } from 'vitest';
import { CLI, makeTree, manifest, REPO_ROOT } from './helpers.js';

const requireFromCosmiconfig = createRequire(join(REPO_ROOT, 'packages/core/node_modules/cosmiconfig/package.json'));
const yaml = requireFromCosmiconfig('js-yaml') as { load(text: string): unknown };

interface HookDefinition {
  id: string;
  additional_dependencies: string[];
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}

const hooks = yaml.load(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];

const FPGA_ERA = manifest({
  fpgainference: {
    createOptions: {
      HostConfig: { Binds: ['/home/hcsshares/models:/models'], Devices: [{ PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' }] },
      'k8s-experimental': { resources: { limits: { 'microsoft.com/fpga_catapult': 1 } } },
    },
  },
});
const GPU_READY = manifest({
  fpgainference: {
    image: 'contoso.azurecr.io/inference-gpu:2.0',
    createOptions: {
      'k8s-experimental': {
        resources: { limits: { 'nvidia.com/gpu': 1, memory: '2Gi', cpu: '2' } },
        strategy: { type: 'Recreate' },
        volumes: [{ volume: { name: 'models', persistentVolumeClaim: { claimName: 'models' } }, volumeMounts: [{ name: 'models', mountPath: '/models' }] }],
      },
    },
  },
});

/** Each test runs the CLI as a subprocess, some several times: give them room on a busy machine. */
const it = (name: string, fn: () => void) => baseIt(name, fn, 180_000);

const trees: { cleanup(): void }[] = [];
afterEach(() => {
  while (trees.length > 0) trees.pop()!.cleanup();
});

function git(cwd: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the pre-commit hook', () => {
  it('publishes one node hook that passes the staged JSON files', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'ase-gpu-lint', entry: 'ase-gpu-lint', language: 'node', pass_filenames: true });
    const files = new RegExp(hooks[0]!.files, 'u');
    expect(['deployment.template.json', 'config/deployment.amd64.json', 'layered.jsonc'].every((name) => files.test(name))).toBe(true);
    expect(['README.md', 'deployment.json.bak', 'module.py'].some((name) => files.test(name))).toBe(false);
  });

  it("can be installed: pre-commit's node hooks `npm pack` the repository root, which must have a name and version and stay small", () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const [tarball] = JSON.parse(packed.stdout) as { name: string; files: { path: string }[] }[];
    expect(tarball!.files.map((file) => file.path).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  });

  it('installs the version of ase-gpu-lint this repository builds', () => {
    const core = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/core/package.json'), 'utf8')) as { name: string; version: string };
    expect(hooks[0]!.additional_dependencies).toEqual([`${core.name}@${core.version}`]);
  });

  it('refuses a commit of an FPGA-era manifest with the findings printed, and lets the fixed one through', () => {
    const t = makeTree({});
    trees.push(t);
    git(t.root, ['init', '-q', '-b', 'main']);
    git(t.root, ['config', 'user.email', 'edge@contoso.example']);
    git(t.root, ['config', 'user.name', 'Edge Team']);
    // `entry` on PATH, as pre-commit's node environment provides it.
    mkdirSync(t.path('.tools'));
    writeFileSync(t.path('.tools/ase-gpu-lint'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(t.path('.tools/ase-gpu-lint'), 0o755);
    // The hook runs the published definition the way pre-commit does: staged files matching `files`, passed to `entry`.
    const [hook] = hooks;
    writeFileSync(
      t.path('.git/hooks/pre-commit'),
      `#!${process.execPath}
const { execFileSync, spawnSync } = require('node:child_process');
const staged = execFileSync('git', ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], { encoding: 'utf8' }).split('\\0').filter(Boolean);
const files = staged.filter((name) => new RegExp(${JSON.stringify(hook!.files)}, 'u').test(name));
if (files.length === 0) process.exit(0);
const result = spawnSync(${JSON.stringify(hook!.entry)}, ${hook!.pass_filenames ? 'files' : '[]'}, { stdio: 'inherit', env: { ...process.env, PATH: ${JSON.stringify(t.path('.tools'))} + ':' + process.env.PATH } });
process.exit(result.status ?? 1);
`,
    );
    chmodSync(t.path('.git/hooks/pre-commit'), 0o755);
    writeFileSync(t.path('.gitignore'), '.tools/\n');
    writeFileSync(t.path('package.json'), '{ "name": "edge-solution", "private": true }\n');
    git(t.root, ['add', '.gitignore', 'package.json']);
    expect(git(t.root, ['commit', '-q', '-m', 'Solution skeleton']).status).toBe(0);

    mkdirSync(t.path('config'));
    writeFileSync(t.path('config/deployment.json'), FPGA_ERA);
    git(t.root, ['add', 'config/deployment.json']);
    const refused = git(t.root, ['commit', '-q', '-m', 'Deploy the inference module']);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('config/deployment.json\n');
    expect(refused.output).toContain('Module "fpgainference" binds the FPGA share path "/home/hcsshares/models", an empty node directory');
    expect(refused.output).toContain('ase-gpu/no-fpga-resources');
    expect(refused.output).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/u);
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: t.root, encoding: 'utf8' })).toBe('Solution skeleton\n');

    writeFileSync(t.path('config/deployment.json'), GPU_READY);
    git(t.root, ['add', 'config/deployment.json']);
    const accepted = git(t.root, ['commit', '-q', '-m', 'Deploy the inference module on the GPU']);
    expect(accepted.output).toBe('');
    expect(accepted.status).toBe(0);
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: t.root, encoding: 'utf8' })).toBe('Deploy the inference module on the GPU\nSolution skeleton\n');
  });
});
