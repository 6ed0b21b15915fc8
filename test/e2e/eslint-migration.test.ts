import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchProject, eslintBin, repo } from './scratch-project.js';

// The FPGA module of the migration article, in a full deployment manifest, becomes its GPU form with
// one `eslint --fix` in a user's project whose config is `[aseGpu.configs.migration]`.
const project = createScratchProject("import aseGpu from 'eslint-plugin-ase-gpu';\n\nexport default [aseGpu.configs.migration];\n");
afterAll(() => project.dispose());

const original = readFileSync(join(repo, 'fixtures/migration/seed-fpga.deployment.json'), 'utf8');
const expected = readFileSync(join(repo, 'fixtures/migration/seed-fpga.expected.json'), 'utf8');
const manifest = project.write('deploy/deployment.json', original);

function eslint(...args: string[]) {
  return spawnSync(process.execPath, [eslintBin, ...args], { cwd: project.dir, encoding: 'utf8' });
}

describe('eslint --fix with the migration preset on the FPGA sample', () => {
  it('rewrites the manifest into its GPU form', () => {
    const run = eslint('--fix', 'deploy/deployment.json');
    expect(run.stderr).toBe('');
    expect(readFileSync(manifest, 'utf8')).toBe(expected);
  });

  it('has produced the GPU form the migration article describes', () => {
    const fixed = JSON.parse(readFileSync(manifest, 'utf8'));
    const settings = fixed.modulesContent.$edgeAgent['properties.desired'].modules.fpgainference.settings;
    expect(typeof settings.createOptions).toBe('string');
    const options = JSON.parse(settings.createOptions);
    expect(options.HostConfig.Binds).toBeUndefined();
    expect(options.HostConfig.Mounts).toEqual([{ Type: 'volume', Source: 'fpgainput', Target: '/home/input' }]);
    expect(options['k8s-experimental'].resources).toEqual({ limits: { 'nvidia.com/gpu': 2 }, requests: { 'nvidia.com/gpu': 2 } });
    expect(options['k8s-experimental'].strategy).toEqual({ type: 'Recreate' });
    expect(JSON.stringify(options)).not.toContain('WIRESERVER_ADDRESS');
    expect(options.HostConfig.Privileged).toBe(true);
    expect(options.HostConfig.PortBindings).toEqual({ '50051/tcp': [{ HostPort: '50051' }] });
  });

  it('leaves nothing to fix on a second run', () => {
    const before = readFileSync(manifest, 'utf8');
    const run = eslint('--fix', '--format', 'json', 'deploy/deployment.json');
    expect(readFileSync(manifest, 'utf8')).toBe(before);
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; fix?: unknown }[] }[];
    expect(result!.messages.filter((message) => message.fix)).toEqual([]);
  });
});
