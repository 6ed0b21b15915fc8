import { PassThrough } from 'node:stream';
import { describe, expect, it as baseIt } from 'vitest';
import { REPO_ROOT, rc, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const it = slowIt();
const tree = treesCleanedAfterEach();

const ORGANISATION = {
  'node_modules/ase-gpu-lint/schema/aseGpurc.schema.json': '{}',
  '.aseGpurc': rc({ extends: ['ase-gpu:strict'], settings: { aseVersion: '2309', gpuCount: 2 } }),
  'teams/vision/.keep': '',
};

interface Main {
  run(argv: readonly string[], io: unknown): Promise<number>;
}

/** The CLI's entry in this process, with a terminal on stdin that types `answers` as the questions come. */
async function interactiveInit(cwd: string, answers: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { run } = (await import(`${REPO_ROOT}/packages/core/dist/cli/main.js`)) as Main;
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  let next = 0;
  stderr.on('data', (chunk) => {
    err += String(chunk);
    // Each prompt ends with ": "; answer it.
    if (String(chunk).endsWith(': ') && next < answers.length) stdin.write(`${answers[next++]}\n`);
  });
  const code = await run(['--init'], { stdin, stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

describe('--init', () => {
  it('in a team folder, refers to the schema from that folder and keeps the organisation\'s rules and profile', () => {
    const t = tree(ORGANISATION);
    const run = runCli(['--init', '--shares', 'models'], { cwd: t.path('teams/vision') });
    expect(run).toEqual({ status: 0, stdout: 'Wrote .aseGpurc (the rules of ../../.aseGpurc, ASE 2309). Run "ase-gpu-lint" to lint the manifests under this folder.\n', stderr: '' });
    expect(JSON.parse(t.read('teams/vision/.aseGpurc'))).toEqual({
      $schema: '../../node_modules/ase-gpu-lint/schema/aseGpurc.schema.json',
      settings: { aseVersion: '2309', gpuCount: 2, shares: ['models'], exemptions: [] },
      rules: {},
    });
    // The organisation's strict severities still apply in the team folder.
    const printed = JSON.parse(runCli(['--print-config', 'deployment.json'], { cwd: t.path('teams/vision') }).stdout) as { rules: Record<string, { severity: string; from: string }> };
    expect(new Set(Object.values(printed.rules).map((rule) => rule.from))).toEqual(new Set(['ase-gpu:strict']));
  });

  it('writes the preset a team asks for, and says that it sets every rule again', () => {
    const t = tree(ORGANISATION);
    const run = runCli(['--init', '--preset', 'recommended'], { cwd: t.path('teams/vision') });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('Note: "extends": ["ase-gpu:recommended"] sets every rule again in this folder, over the severities of ../../.aseGpurc; remove it to keep them.\n');
    expect(JSON.parse(t.read('teams/vision/.aseGpurc')).extends).toEqual(['ase-gpu:recommended']);
  });

  it('outside any installation, refers to the published schema of this version', () => {
    const t = tree({});
    expect(runCli(['--init', '--yes'], { cwd: t.root }).status).toBe(0);
    expect(JSON.parse(t.read('.aseGpurc')).$schema).toMatch(/^https:\/\/unpkg\.com\/ase-gpu-lint@\d+\.\d+\.\d+\/schema\/aseGpurc\.schema\.json$/u);
  });

  baseIt('asks again after an invalid answer instead of dropping every answer', { timeout: 60_000 }, async () => {
    const t = tree({});
    const result = await interactiveInit(t.root, ['2404', '2403', 'two', '2', 'models', 'strictest', 'strict']);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      'Device software update, YYMM (2403): "2404" is not an Azure Stack Edge update (did you mean "2403"?); known updates: 2008, 2010, 2011, 2101, 2103, 2105, 2106, 2110, 2111, 2202, 2203, 2205, 2207, 2209, 2210, 2301, 2303, 2304, 2309, 2312, 2403, 2607. Try again.',
      'Device software update, YYMM (2403): GPUs on the device (empty if unknown): "two" is not a whole number. Try again.',
      'GPUs on the device (empty if unknown): Shares with "Use the share with Edge compute", comma-separated (empty if unknown): Preset: recommended, strict, migration, all (recommended): "strictest" is not one of recommended, strict, migration, all. Try again.',
      'Preset: recommended, strict, migration, all (recommended): ',
    ]);
    expect(JSON.parse(t.read('.aseGpurc'))).toMatchObject({ extends: ['ase-gpu:strict'], settings: { aseVersion: '2403', gpuCount: 2, shares: ['models'] } });
  });
});
