import { describe, expect } from 'vitest';
import { escaped, locate, manifest, onlyRules, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const MEMORY_AS_TEXT = manifest({ scorer: { createOptions: { HostConfig: { Memory: '1g' } } } });
const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const CLEAN = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });

const it = slowIt();
const tree = treesCleanedAfterEach();

const RULES = { 'ase-gpu/valid-create-options': 'error', 'ase-gpu/require-recreate-strategy': 'warn' };

describe('ase-gpu-lint <files>', () => {
  it('reports an error with its position, module and createOptions path, and exits 1', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': MEMORY_AS_TEXT });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run.status).toBe(1);
    const { line, column } = locate(MEMORY_AS_TEXT, escaped('"1g"'));
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe('deployment.json');
    expect(lines[2]).toMatch(new RegExp(`^  ${line}:${column}  error  Module "scorer": createOptions HostConfig\\.Memory is a string, .*  ase-gpu/valid-create-options$`, 'u'));
    expect(lines[3]!.trim()).toBe('scorer › createOptions › HostConfig.Memory');
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(run.stderr).toBe('');
  });

  it('counts what --fix would solve in the summary', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': GPU_WITHOUT_STRATEGY });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect(run.stdout).toContain('0 errors and 1 warning potentially fixable with the `--fix` option.');
  });

  it('prints nothing and exits 0 for a clean manifest', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': CLEAN });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('enforces --max-warnings and hides warnings with --quiet', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': GPU_WITHOUT_STRATEGY });
    const capped = runCli(['deployment.json', '--max-warnings', '0'], { cwd: t.root });
    expect(capped.status).toBe(1);
    expect(capped.stderr).toBe('ase-gpu-lint found too many warnings (maximum: 0).\n');
    const quiet = runCli(['deployment.json', '--quiet'], { cwd: t.root });
    expect(quiet).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reports a manifest that is not valid JSON as a lint error at its position, not a crash', () => {
    const broken = MEMORY_AS_TEXT.replace('"schemaVersion": "1.1",', '"schemaVersion": "1.1",,');
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': broken });
    const run = runCli(['deployment.json', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as { messages: { fatal?: boolean; line: number; column: number; severity: number }[] }[];
    const { line, column } = locate(broken, ',,');
    expect(result!.messages).toHaveLength(1);
    expect(result!.messages[0]).toMatchObject({ fatal: true, severity: 2, line, column: column + 1 });
  });

  it('exits 2 with one line for a path that does not exist', () => {
    const t = tree({ 'deployment.json': CLEAN });
    const run = runCli(['missing.json'], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: No such file or folder: "missing.json".\n' });
  });

  it('exits 2 with one line for an unknown option', () => {
    const t = tree({ 'deployment.json': CLEAN });
    const run = runCli(['--fixx'], { cwd: t.root });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toContain("Unknown option '--fixx'");
  });

  it('finds manifests by content when given no files, skipping other JSON and node_modules', () => {
    const t = tree({
      '.aseGpurc': onlyRules(RULES),
      'edge/solution/deployment.template.json': MEMORY_AS_TEXT,
      'edge/layers/gpu.json': MEMORY_AS_TEXT,
      'package.json': '{ "name": "edge-solution", "version": "1.0.0" }\n',
      'tsconfig.json': '{ // comments are fine here\n "compilerOptions": {} }\n',
      'docs/notes.json': '{ "text": "a note that mentions $edgeAgent" }\n',
      'node_modules/some-package/deployment.json': MEMORY_AS_TEXT,
    });
    const run = runCli(['--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    const files = (JSON.parse(run.stdout) as { filePath: string }[]).map((result) => result.filePath.slice(t.root.length + 1)).sort();
    expect(files).toEqual(['edge/layers/gpu.json', 'edge/solution/deployment.template.json']);
  });

  it('lints a folder argument and a glob argument', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'a/deployment.json': MEMORY_AS_TEXT, 'b/deployment.json': MEMORY_AS_TEXT, 'b/other.json': CLEAN });
    const folder = JSON.parse(runCli(['a', '-f', 'json'], { cwd: t.root }).stdout) as { filePath: string }[];
    expect(folder.map((result) => result.filePath)).toEqual([t.path('a/deployment.json')]);
    const glob = JSON.parse(runCli(['**/deployment.json', '-f', 'json'], { cwd: t.root }).stdout) as { filePath: string }[];
    expect(glob.map((result) => result.filePath).sort()).toEqual([t.path('a/deployment.json'), t.path('b/deployment.json')]);
  });
});
