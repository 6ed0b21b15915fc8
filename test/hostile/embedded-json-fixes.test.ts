import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { manifest, onlyRules, REPO_ROOT, runCli, slowIt, treesCleanedAfterEach } from '../cli/helpers.js';

/**
 * A fix may leave the manifest valid JSON and still break the JSON inside a createOptions string: the
 * file parses, the agent cannot read the module. Neither the CLI nor `eslint --fix` may write that.
 */

const tree = treesCleanedAfterEach();
const cliIt = slowIt();

const TWO_BINDS_EMPTY_MOUNTS = manifest({ camera: { createOptions: { HostConfig: { Binds: ['/a:/a', '/b:/b'], Mounts: [] } } } });
const NO_BINDS = onlyRules({ 'ase-gpu/no-binds': 'error' });

function createOptionsAfterFix(text: string): unknown {
  const settings = JSON.parse(text).modulesContent.$edgeAgent['properties.desired'].modules.camera.settings as { createOptions: string };
  return JSON.parse(settings.createOptions);
}

const MOVED = { HostConfig: { Mounts: [{ Type: 'bind', Source: '/a', Target: '/a' }, { Type: 'bind', Source: '/b', Target: '/b' }] } };

describe('two Binds moved into an empty Mounts (the fix that wrote no comma between the Mounts)', () => {
  cliIt('ase-gpu-lint --fix writes createOptions that parse', () => {
    const t = tree({ '.aseGpurc': NO_BINDS, 'deployment.json': TWO_BINDS_EMPTY_MOUNTS });
    const run = runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(createOptionsAfterFix(t.read('deployment.json'))).toEqual(MOVED);
  });

  cliIt('eslint --fix writes createOptions that parse', () => {
    const t = tree({
      'package.json': '{ "name": "scratch", "private": true, "type": "module" }\n',
      'eslint.config.js': "import aseGpu from 'eslint-plugin-ase-gpu';\nexport default [{ ...aseGpu.configs.recommended, rules: { 'ase-gpu/no-binds': 'error' } }];\n",
      'deployment.json': TWO_BINDS_EMPTY_MOUNTS,
    });
    mkdirSync(t.path('node_modules'));
    symlinkSync(join(REPO_ROOT, 'packages/eslint-plugin-ase-gpu'), t.path('node_modules/eslint-plugin-ase-gpu'), 'dir');
    symlinkSync(join(REPO_ROOT, 'node_modules/eslint'), t.path('node_modules/eslint'), 'dir');
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js'), '--fix', 'deployment.json'], { cwd: t.root, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(createOptionsAfterFix(t.read('deployment.json'))).toEqual(MOVED);
  });
});

/** A team rule whose fix drops the comma after `"Privileged":true` inside a createOptions string. */
const BREAKER = `export default {
  rules: {
    'drop-comma': {
      meta: { type: 'problem', fixable: 'code', schema: [], messages: { drop: 'Drop a comma.' }, languages: ['ase-gpu/manifest'] },
      create(context) {
        return {
          Program() {
            const text = context.sourceCode.text;
            const found = text.indexOf('true,', text.indexOf('Privileged'));
            if (found < 0) return;
            const at = found + 4;
            context.report({ loc: context.sourceCode.getLocFromIndex(at), messageId: 'drop', fix: (fixer) => fixer.removeRange([at, at + 1]) });
          },
        };
      },
    },
  },
};
`;

function breakerTree(files: Record<string, string>) {
  return tree({
    '.aseGpurc': onlyRules({ 'breaker/drop-comma': 'error' }, { plugins: ['eslint-plugin-breaker'] }),
    'node_modules/eslint-plugin-breaker/package.json': JSON.stringify({ name: 'eslint-plugin-breaker', version: '1.0.0', type: 'module', main: 'index.js' }),
    'node_modules/eslint-plugin-breaker/index.js': BREAKER,
    ...files,
  });
}

describe('a fix that leaves the file valid JSON but breaks a createOptions string', () => {
  cliIt('is refused: nothing written, one line saying the fixes were not applied', () => {
    const original = manifest({ camera: { createOptions: { HostConfig: { Privileged: true, ShmSize: 1024 } } } });
    const t = breakerTree({ 'deployment.json': original });
    const run = runCli(['--fix', 'deployment.json', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(t.read('deployment.json')).toBe(original);
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['breaker/drop-comma', null]);
    const refusal = result!.messages[1]!.message;
    expect(refusal).not.toContain('\n');
    expect(refusal).toMatch(/^ase-gpu-lint did not apply the fixes to this file: the fixed text would not be valid JSON\./u);
  });

  cliIt('is refused in chunked createOptions too, where the chunks parse only joined', () => {
    const original = manifest({ camera: { createOptions: { HostConfig: { Privileged: true, ShmSize: 1024 } } } }).replace(
      '"createOptions": "{\\"HostConfig\\":{\\"Privileged\\":true,\\"ShmSize\\":1024}}"',
      '"createOptions": "{\\"HostConfig\\":{\\"Privileged\\":true,",\n          "createOptions01": "\\"ShmSize\\":1024}}"',
    );
    expect(original).toContain('"createOptions01"');
    const t = breakerTree({ 'deployment.json': original });
    const run = runCli(['--fix', 'deployment.json', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(t.read('deployment.json')).toBe(original);
  });
});
