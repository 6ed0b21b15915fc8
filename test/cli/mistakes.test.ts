import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it as baseIt } from 'vitest';
import { manifest, onlyRules, rc, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const MEMORY_AS_TEXT = manifest({ scorer: { createOptions: { HostConfig: { Memory: '1g' } } } });
const RULES = { 'ase-gpu/require-recreate-strategy': 'error', 'ase-gpu/valid-create-options': 'error' };
const KNOWN_UPDATES = 'known updates: 2008, 2010, 2011, 2101, 2103, 2105, 2106, 2110, 2111, 2202, 2203, 2205, 2207, 2209, 2210, 2301, 2303, 2304, 2309, 2312, 2403, 2607.';

const it = slowIt();
const tree = treesCleanedAfterEach();

function stylishLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.trim() !== '').map((line) => line.trimEnd());
}

describe('files named on the command line', () => {
  baseIt.each([
    ['empty', '', '1:1  error  Parsing error: Expected to be an expression, but got empty.'],
    ['plain text', 'image: contoso.azurecr.io/scorer:1.0\n', "1:1  error  Parsing error: Unexpected identifier 'image'."],
    ['JSON without a deployment', '{ "name": "scorer" }\n', '1:1  error  deployment.json is named like a deployment manifest but holds none (no modulesContent, $edgeAgent or content.modulesContent), so nothing in it was checked.'],
  ])('reports a deployment.json that is %s, with its position, and exits 1', (_kind, content, finding) => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': content });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(stylishLines(run.stdout)).toEqual(['deployment.json', `  ${finding}`, '✖ 1 problem (1 error, 0 warnings)']);
    // The same from a warm cache.
    expect(runCli(['deployment.json', '--cache'], { cwd: t.root })).toEqual(run);
    expect(runCli(['deployment.json', '--cache'], { cwd: t.root })).toEqual(run);
  }, 180_000);

  it('says the same of text on stdin linted as a deployment.json', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES) });
    const run = runCli(['--stdin', '--stdin-filename', 'edge/deployment.json'], { cwd: t.root, input: '{ "name": "scorer" }\n' });
    expect(run.status).toBe(1);
    expect(stylishLines(run.stdout)).toEqual([
      'edge/deployment.json',
      '  1:1  error  edge/deployment.json is named like a deployment manifest but holds none (no modulesContent, $edgeAgent or content.modulesContent), so nothing in it was checked.',
      '✖ 1 problem (1 error, 0 warnings)',
    ]);
    expect(runCli(['--stdin', '--stdin-filename', 'edge/settings.json'], { cwd: t.root, input: '{ "name": "scorer" }\n' })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reports a binary deployment.json at its first byte that is not UTF-8', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'config/deployment.amd64.json': '' });
    writeFileSync(t.path('config/deployment.amd64.json'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x7f]));
    const run = runCli(['config/deployment.amd64.json', '-f', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout) as { messages: { fatal: boolean; line: number; column: number; message: string }[] }[];
    expect(result!.messages).toHaveLength(1);
    // The bytes are read before they are parsed: 0xff, the fourth byte, is where the file stops being UTF-8.
    expect(result!.messages[0]).toMatchObject({ fatal: true, line: 1, column: 4 });
    expect(result!.messages[0]!.message).toBe('Byte 0xFF is not valid UTF-8 (Latin-1 or another 8-bit encoding?); IoT Hub expects UTF-8: save the file as UTF-8.');
  });

  it('passes quietly over other JSON a hook names (not named like a manifest)', () => {
    const clean = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'package.json': '{ "name": "edge" }\n', 'tsconfig.json': '{ // comments\n}\n', 'notes.json': '', 'deployment.json': clean });
    expect(runCli(['package.json', 'tsconfig.json', 'notes.json', 'deployment.json'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('says so, in one line with exit 2, when a folder or the current folder holds no manifest', () => {
    const t = tree({ 'config/package.json': '{ "name": "edge" }\n', 'config/settings.json': '{ "a": 1 }\n' });
    expect(runCli(['config'], { cwd: t.root })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'ase-gpu-lint: No deployment manifests found in "config" (a manifest is a .json or .jsonc file with modulesContent or $edgeAgent; files and folders that ignores exclude are skipped).\n',
    });
    expect(runCli([], { cwd: t.root }).stderr).toBe(
      'ase-gpu-lint: No deployment manifests found in the current folder (a manifest is a .json or .jsonc file with modulesContent or $edgeAgent; files and folders that ignores exclude are skipped).\n',
    );
    expect(runCli(['config/*.template.json'], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: No manifests match the pattern "config/*.template.json".\n' });
  });
});

describe('options', () => {
  it('puts the cache file inside the folder --cache-location names (trailing slash, or an existing folder)', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': MEMORY_AS_TEXT, 'existing/.keep': '' });
    expect(runCli(['--cache', '--cache-location', 'cache/'], { cwd: t.root }).status).toBe(1);
    expect(readdirSync(t.path('cache'))).toEqual(['.ase-gpu-lint-cache']);
    expect(runCli(['--cache', '--cache-location', 'existing'], { cwd: t.root }).status).toBe(1);
    expect(readdirSync(t.path('existing')).sort()).toEqual(['.ase-gpu-lint-cache', '.keep']);
    expect(runCli(['--cache', '--cache-location', 'lint.cache'], { cwd: t.root }).status).toBe(1);
    expect(existsSync(t.path('lint.cache'))).toBe(true);
  });

  it('accepts short rule ids in --rule, as in rules and exemptions, and suggests the closest for a typo', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': MEMORY_AS_TEXT });
    expect(runCli(['--rule', 'valid-create-options: off'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(runCli(['--rule', 'valid-create-option: off'], { cwd: t.root })).toEqual({
      status: 2,
      stdout: '',
      stderr: 'ase-gpu-lint: --rule: "valid-create-option": no loaded plugin provides this rule (did you mean "ase-gpu/valid-create-options"?).\n',
    });
    const shortInConfig = tree({ '.aseGpurc': rc({ root: true, extends: [], rules: { 'valid-create-options': 'warn' } }), 'deployment.json': MEMORY_AS_TEXT });
    expect(runCli([], { cwd: shortInConfig.root }).status).toBe(0);
  });

  it('suggests the closest option for an unknown flag', () => {
    const t = tree({ 'deployment.json': MEMORY_AS_TEXT });
    expect(runCli(['--fix-dryrun'], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: Unknown option \'--fix-dryrun\' (did you mean "--fix-dry-run"?). Run "ase-gpu-lint --help" for the options.\n' });
    expect(runCli(['--cache-locaton=x'], { cwd: t.root }).stderr).toBe('ase-gpu-lint: Unknown option \'--cache-locaton\' (did you mean "--cache-location"?). Run "ase-gpu-lint --help" for the options.\n');
  });

  it('--fix-dry-run does not fail over suppressions that only the unwritten fix would clear', () => {
    const t = tree({ '.aseGpurc': onlyRules(RULES), 'deployment.json': GPU_WITHOUT_STRATEGY });
    expect(runCli(['--suppress-all'], { cwd: t.root }).status).toBe(0);
    const before = t.read('ase-gpu-lint-suppressions.json');
    const dry = runCli(['--fix-dry-run'], { cwd: t.root });
    expect(dry.status).toBe(0);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('+');
    expect(t.read('deployment.json')).toBe(GPU_WITHOUT_STRATEGY);
    expect(t.read('ase-gpu-lint-suppressions.json')).toBe(before);
    expect(runCli([], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('configuration mistakes', () => {
  const check = (config: Record<string, string>, stderr: string) => {
    const t = tree({ ...config, 'deployment.json': MEMORY_AS_TEXT });
    expect(runCli([], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: ${stderr}\n` });
  };

  it('refuses an exemption of an unknown rule, with the closest rule', () => {
    check({ '.aseGpurc': rc({ settings: { exemptions: [{ rule: 'no-bind', reason: 'legacy' }] } }) }, '.aseGpurc: settings.exemptions[0].rule: unknown rule "no-bind" (did you mean "ase-gpu/no-binds"?); exemptions name rules of ase-gpu (ase-gpu/<name> or <name>).');
    check(
      { '.aseGpurc': rc({ overrides: [{ files: '*.json', settings: { exemptions: [{ rule: 'ase-gpu/constructor' }] } }] }) },
      '.aseGpurc: overrides[0].settings.exemptions[0].rule: unknown rule "ase-gpu/constructor"; exemptions name rules of ase-gpu (ase-gpu/<name> or <name>).',
    );
  });

  it('accepts a YAML number for a known update and refuses an update that does not exist, with the list', () => {
    const t = tree({ '.aseGpurc.yaml': 'settings:\n  aseVersion: 2309\n', 'deployment.json': MEMORY_AS_TEXT });
    const printed = JSON.parse(runCli(['--print-config', 'deployment.json'], { cwd: t.root }).stdout) as { settings: { aseVersion: unknown } };
    expect(printed.settings.aseVersion).toEqual({ value: '2309', from: '.aseGpurc.yaml' });
    check({ '.aseGpurc.yaml': 'settings:\n  aseVersion: 2404\n' }, `.aseGpurc.yaml: settings.aseVersion: "2404" is not an Azure Stack Edge update (did you mean "2403"?); ${KNOWN_UPDATES}`);
    check({ '.aseGpurc': rc({ settings: { aseVersion: '2404' } }) }, `.aseGpurc: settings.aseVersion: "2404" is not an Azure Stack Edge update (did you mean "2403"?); ${KNOWN_UPDATES}`);
  });

  baseIt.each(['2027-02-30', '2027-13-45', '2027-00-10'])('refuses the exemption date %s', (date) => {
    check({ '.aseGpurc': rc({ settings: { exemptions: [{ rule: 'no-binds', expires: date }] } }) }, `.aseGpurc: settings.exemptions[0].expires: "${date}" is not a date of the calendar (YYYY-MM-DD).`);
  }, 180_000);

  it('accepts a real date, 29 February of a leap year', () => {
    const t = tree({ '.aseGpurc': rc({ settings: { exemptions: [{ rule: 'valid-create-options', expires: '2028-02-29' }] } }), 'deployment.json': MEMORY_AS_TEXT });
    expect(runCli(['deployment.json'], { cwd: t.root }).status).toBe(0);
  });
});

describe('rules <id>', () => {
  baseIt.each(['constructor', '__proto__', 'toString', 'ase-gpu/hasOwnProperty'])('refuses %s as an unknown rule', (name) => {
    const t = tree({});
    const run = runCli(['rules', name], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: unknown rule "${name}". Run "ase-gpu-lint rules" for the list.\n` });
  }, 180_000);
});

describe('--suppress-all', () => {
  it('records a file named __proto__ like any other, and applies it', () => {
    // A computed key: a literal `__proto__:` would set the object's prototype instead of naming a file.
    const t = tree({ '.aseGpurc': onlyRules(RULES), ['__proto__']: GPU_WITHOUT_STRATEGY, 'constructor.json': GPU_WITHOUT_STRATEGY });
    expect(runCli(['--suppress-all', '__proto__', 'constructor.json'], { cwd: t.root }).status).toBe(0);
    expect(t.read('ase-gpu-lint-suppressions.json')).toBe(
      '{\n  "__proto__": {\n    "ase-gpu/require-recreate-strategy": {\n      "count": 1\n    }\n  },\n  "constructor.json": {\n    "ase-gpu/require-recreate-strategy": {\n      "count": 1\n    }\n  }\n}\n',
    );
    expect(({} as Record<string, unknown>)['ase-gpu/require-recreate-strategy']).toBeUndefined();
    expect(runCli(['__proto__', 'constructor.json'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
