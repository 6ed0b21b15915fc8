import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it as baseIt } from 'vitest';
import { makeTree, manifest, onlyRules, runCli, treesCleanedAfterEach } from './helpers.js';

const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const GPU_WITH_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });
const MEMORY_AS_TEXT = manifest({ scorer: { createOptions: { HostConfig: { Memory: '1g' } } } });
const STRATEGY_ONLY = onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' });

/** These tests run the CLI several times each: give them room on a busy machine. */
const it = (name: string, fn: () => void) => baseIt(name, fn, 240_000);

const tree = treesCleanedAfterEach();

/** A team rule that logs every file it lints, so tests can see which files were really linted. */
const COUNTING_PLUGIN = {
  'node_modules/eslint-plugin-counter/package.json': JSON.stringify({ name: 'eslint-plugin-counter', version: '1.0.0', type: 'module', main: 'index.js' }),
  'node_modules/eslint-plugin-counter/index.js': `import { appendFileSync } from 'node:fs';
export default {
  meta: { name: 'eslint-plugin-counter', version: '1.0.0' },
  rules: {
    count: {
      meta: { type: 'problem', schema: [], messages: { seen: 'Seen.' }, languages: ['ase-gpu/manifest'] },
      create(context) {
        return { Program() { appendFileSync(process.env.COUNTER_LOG, context.filename + '\\n'); } };
      },
    },
  },
};
`,
};

describe('output formats', () => {
  it('writes SARIF 2.1.0 with the rule\'s description, its documentation as help, and the createOptions path', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    const run = runCli(['-f', 'sarif', '-o', 'reports/lint.sarif'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(t.read('reports/lint.sarif')) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { markdown: string }; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [rule] = sarif.runs[0]!.tool.driver.rules;
    expect(rule!.id).toBe('ase-gpu/require-recreate-strategy');
    expect(rule!.shortDescription.text).toMatch(/^Require /u);
    expect(rule!.fullDescription.text.length).toBeGreaterThan(rule!.shortDescription.text.length);
    expect(rule!.help.markdown).toContain('## ');
    expect(rule!.helpUri).toMatch(/rules-docs\/require-recreate-strategy\.md$/u);
    const [result] = sarif.runs[0]!.results;
    expect(result).toMatchObject({ ruleId: 'ase-gpu/require-recreate-strategy', level: 'error' });
    expect(result!.locations[0]!.physicalLocation.artifactLocation).toMatchObject({ uri: 'deployment.json', uriBaseId: '%SRCROOT%' });
    expect(result!.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toMatch(/^scorer\.createOptions/u);
  });

  it('prints GitHub annotations and says how many the per-step cap hides', () => {
    const files: Record<string, string> = { '.aseGpurc': STRATEGY_ONLY };
    for (let i = 0; i < 12; i++) files[`site-${i}/deployment.json`] = GPU_WITHOUT_STRATEGY;
    const t = tree(files);
    const run = runCli(['-f', 'github'], { cwd: t.root });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('::error file=site-'))).toHaveLength(12);
    expect(lines[0]).toMatch(/^::error file=site-0\/deployment\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ase-gpu\/require-recreate-strategy::Module "scorer" /u);
    expect(lines.at(-1)).toMatch(/^ase-gpu-lint: GitHub shows at most 10 error and 10 warning annotations per step, so 2 error\(s\) and 0 warning\(s\) are not annotated/u);
  });

  it('writes JUnit XML with a failing test case per problem', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY, 'clean.json': GPU_WITH_STRATEGY });
    const run = runCli(['-f', 'junit'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<testsuites>\n/u);
    expect(run.stdout).toContain('<testsuite package="org.ase-gpu-lint" time="0" tests="1" errors="1" name="deployment.json">');
    expect(run.stdout).toContain('<testcase time="0" name="org.ase-gpu-lint.ase-gpu/require-recreate-strategy" classname="deployment"><error message="Module &quot;scorer&quot;');
    expect(run.stdout).toContain('<testsuite package="org.ase-gpu-lint" time="0" tests="1" errors="0" name="clean.json">');
  });
});

describe('--stdin', () => {
  it('lints standard input with the configuration of --stdin-filename\'s folder', () => {
    const t = tree({ 'team/.aseGpurc': STRATEGY_ONLY, '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'off' }) });
    const team = runCli(['--stdin', '--stdin-filename', 'team/deployment.json'], { cwd: t.root, input: GPU_WITHOUT_STRATEGY });
    expect(team.status).toBe(1);
    expect(team.stdout).toContain('team/deployment.json\n');
    const elsewhere = runCli(['--stdin', '--stdin-filename', 'deployment.json'], { cwd: t.root, input: GPU_WITHOUT_STRATEGY });
    expect(elsewhere).toEqual({ status: 0, stdout: '', stderr: '' });
    const refused = runCli(['--stdin', '--fix'], { cwd: t.root, input: GPU_WITHOUT_STRATEGY });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('ase-gpu-lint: --fix cannot write to standard input: use --fix-dry-run to see the fixed text as a diff.\n');
    const diff = runCli(['--stdin', '--stdin-filename', 'team/deployment.json', '--fix-dry-run'], { cwd: t.root, input: GPU_WITHOUT_STRATEGY });
    expect(diff.status).toBe(0);
    expect(diff.stdout.startsWith('--- a/team/deployment.json\n+++ b/team/deployment.json\n')).toBe(true);
  });
});

/** A tree whose configuration runs the counting rule; `linted()` lists the files linted since the log was cleared. */
function countingTree(files: Record<string, string>) {
  const t = tree({ '.aseGpurc': onlyRules({ 'counter/count': 'error' }, { plugins: ['eslint-plugin-counter'] }), ...COUNTING_PLUGIN, ...files });
  const log = t.path('lint.log');
  writeFileSync(log, '');
  const env = { COUNTER_LOG: log };
  const linted = () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((path) => path.slice(t.root.length + 1)).sort();
  return { t, log, env, linted };
}

describe('--cache', () => {
  it('lints again only files whose content or configuration changed', () => {
    const { t, log, env, linted } = countingTree({ 'a.json': GPU_WITHOUT_STRATEGY, 'b.json': GPU_WITH_STRATEGY });
    expect(runCli(['--cache', 'a.json', 'b.json'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual(['a.json', 'b.json']);
    expect(existsSync(t.path('.ase-gpu-lint-cache'))).toBe(true);
    writeFileSync(log, '');
    expect(runCli(['--cache', 'a.json', 'b.json'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual([]);
    writeFileSync(t.path('b.json'), GPU_WITHOUT_STRATEGY);
    expect(runCli(['--cache', 'a.json', 'b.json'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual(['b.json']);
    writeFileSync(log, '');
    writeFileSync(t.path('.aseGpurc'), onlyRules({ 'counter/count': 'warn' }, { plugins: ['eslint-plugin-counter'] }));
    expect(runCli(['--cache', 'a.json', 'b.json'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual(['a.json', 'b.json']);
  });

  it('in a folder, trusts unchanged size and times, and compares content when the times changed', () => {
    const { t, log, env, linted } = countingTree({ 'sites/a.json': GPU_WITHOUT_STRATEGY, 'sites/b.json': GPU_WITH_STRATEGY });
    expect(runCli(['--cache', 'sites'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual(['sites/a.json', 'sites/b.json']);
    // The same text written again (a checkout): new times, same content, still a hit.
    writeFileSync(t.path('sites/a.json'), GPU_WITHOUT_STRATEGY);
    writeFileSync(log, '');
    expect(runCli(['--cache', 'sites'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual([]);
    // Same size and the old modification time put back, different content: the change time gives it away.
    const before = statSync(t.path('sites/b.json'));
    const edited = GPU_WITH_STRATEGY.replace('"1.0"', '"2.0"');
    expect(edited.length).toBe(GPU_WITH_STRATEGY.length);
    expect(edited).not.toBe(GPU_WITH_STRATEGY);
    writeFileSync(t.path('sites/b.json'), edited);
    utimesSync(t.path('sites/b.json'), before.atime, before.mtime);
    writeFileSync(log, '');
    expect(runCli(['--cache', 'sites'], { cwd: t.root, env }).status).toBe(0);
    expect(linted()).toEqual(['sites/b.json']);
  });

  it('reports the same findings from the cache', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    const first = runCli(['--cache', '-f', 'json'], { cwd: t.root });
    const second = runCli(['--cache', '-f', 'json'], { cwd: t.root });
    expect(first.status).toBe(1);
    expect(second).toEqual(first);
  });
});

describe('--concurrency', () => {
  it('reports what a single thread reports', () => {
    const files: Record<string, string> = { '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'error', 'ase-gpu/valid-create-options': 'warn' }) };
    for (let i = 0; i < 6; i++) files[`site-${i}/deployment.json`] = i % 2 === 0 ? GPU_WITHOUT_STRATEGY : MEMORY_AS_TEXT;
    const t = tree(files);
    const single = runCli(['-f', 'json'], { cwd: t.root });
    const threaded = runCli(['-f', 'json', '--concurrency', '3'], { cwd: t.root });
    expect(single.status).toBe(1);
    expect(threaded).toEqual(single);
    expect(runCli(['--concurrency', 'lots'], { cwd: t.root }).stderr).toBe('ase-gpu-lint: --concurrency must be "off", "auto" or a positive whole number, got "lots".\n');
  });
});

describe('baselines (ESLint suppressions format)', () => {
  it('records errors with --suppress-all, reports only new ones, and asks to prune the ones that no longer occur', () => {
    const t = tree({ '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'error', 'ase-gpu/valid-create-options': 'error' }), 'legacy/deployment.json': GPU_WITHOUT_STRATEGY });
    const recorded = runCli(['--suppress-all'], { cwd: t.root });
    expect(recorded).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(JSON.parse(t.read('ase-gpu-lint-suppressions.json'))).toEqual({ 'legacy/deployment.json': { 'ase-gpu/require-recreate-strategy': { count: 1 } } });
    expect(runCli([], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });

    writeFileSync(t.path('legacy/deployment.json'), manifest({
      scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } },
      parser: { createOptions: { HostConfig: { Memory: '1g' } } },
    }));
    const newError = runCli(['-f', 'json'], { cwd: t.root });
    expect(newError.status).toBe(1);
    const [result] = JSON.parse(newError.stdout) as { messages: { ruleId: string }[]; suppressedMessages: { ruleId: string }[] }[];
    expect(result!.messages.map((message) => message.ruleId)).toEqual(['ase-gpu/valid-create-options']);
    expect(result!.suppressedMessages.map((message) => message.ruleId)).toEqual(['ase-gpu/require-recreate-strategy']);

    writeFileSync(t.path('legacy/deployment.json'), GPU_WITH_STRATEGY);
    const stale = runCli([], { cwd: t.root });
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/^ase-gpu-lint: 1 suppression\(s\) in ase-gpu-lint-suppressions\.json no longer occur \(legacy\/deployment\.json: ase-gpu\/require-recreate-strategy\)\. Run again with --prune-suppressions/u);
    expect(runCli(['--pass-on-unpruned-suppressions'], { cwd: t.root }).status).toBe(0);
    expect(runCli(['--prune-suppressions'], { cwd: t.root }).status).toBe(0);
    expect(JSON.parse(t.read('ase-gpu-lint-suppressions.json'))).toEqual({});
  });

  it('records one rule with --suppress-rule at --suppressions-location', () => {
    const t = tree({ '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'error', 'ase-gpu/valid-create-options': 'error' }), 'a.json': GPU_WITHOUT_STRATEGY, 'b.json': MEMORY_AS_TEXT });
    const run = runCli(['--suppress-rule', 'ase-gpu/require-recreate-strategy', '--suppressions-location', 'eslint-suppressions.json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('ase-gpu/valid-create-options');
    expect(run.stdout).not.toContain('ase-gpu/require-recreate-strategy');
    expect(JSON.parse(t.read('eslint-suppressions.json'))).toEqual({ 'a.json': { 'ase-gpu/require-recreate-strategy': { count: 1 } } });
  });
});

describe('rules, --list-rules, --print-config, --init, --version, --help', () => {
  it('lists the rules and prints one rule\'s documentation offline', () => {
    const t = tree({});
    const list = runCli(['rules'], { cwd: t.root });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^rule\s+recommended\s+strict\s+fix\s+description$/u);
    expect(list.stdout).toMatch(/\nase-gpu\/require-recreate-strategy\s+warn\s+error\s+fix\s+Require /u);
    const doc = runCli(['rules', 'require-recreate-strategy'], { cwd: t.root });
    expect(doc.status).toBe(0);
    expect(doc.stdout.split('\n').slice(0, 3)).toEqual(['ase-gpu/require-recreate-strategy', '=================================', '']);
    const unknown = runCli(['rules', 'require-recreate-stratgy'], { cwd: t.root });
    expect(unknown).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: unknown rule "require-recreate-stratgy" (did you mean "require-recreate-strategy"?). Run "ase-gpu-lint rules" for the list.\n' });
  });

  it('lists the rules in force for the current folder with --list-rules', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY });
    const run = runCli(['--list-rules'], { cwd: t.root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nase-gpu\/require-recreate-strategy\s+error\s+\.aseGpurc\n/u);
    expect(run.stdout).toMatch(/\nase-gpu\/valid-create-options\s+off\s*\n/u);
  });

  it('writes a starter .aseGpurc from flags with --init, and refuses to overwrite one', () => {
    const t = tree({ 'deployment.json': GPU_WITHOUT_STRATEGY, 'node_modules/ase-gpu-lint/schema/aseGpurc.schema.json': '{}' });
    const run = runCli(['--init', '--ase-version', '2309', '--gpu-count', '2', '--shares', 'models, data', '--preset', 'strict'], { cwd: t.root });
    expect(run.status).toBe(0);
    expect(JSON.parse(t.read('.aseGpurc'))).toEqual({
      $schema: './node_modules/ase-gpu-lint/schema/aseGpurc.schema.json',
      extends: ['ase-gpu:strict'],
      settings: { aseVersion: '2309', gpuCount: 2, shares: ['models', 'data'], exemptions: [] },
      rules: {},
    });
    const printed = JSON.parse(runCli(['--print-config', 'deployment.json'], { cwd: t.root }).stdout) as { settings: Record<string, { value: unknown; from: string }> };
    expect(printed.settings.gpuCount).toEqual({ value: 2, from: '.aseGpurc' });
    const again = runCli(['--init', '--yes'], { cwd: t.root });
    expect(again).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: .aseGpurc already exists; edit it instead of running --init.\n' });
    const bad = runCli(['--init', '--ase-version', '24.03'], { cwd: bareFolder() });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('ase-gpu-lint: --ase-version: "24.03" is not an Azure Stack Edge update (did you mean "2403"?); known updates: 2008, 2010, 2011, 2101, 2103, 2105, 2106, 2110, 2111, 2202, 2203, 2205, 2207, 2209, 2210, 2301, 2303, 2304, 2309, 2312, 2403, 2607.\n');
  });

  it('prints the versions and the help', () => {
    const t = tree({});
    expect(runCli(['--version'], { cwd: t.root }).stdout).toMatch(/^ase-gpu-lint \d+\.\d+\.\d+ \(eslint-plugin-ase-gpu \d+\.\d+\.\d+\)\n$/u);
    const help = runCli(['--help'], { cwd: t.root });
    expect(help.status).toBe(0);
    for (const option of ['--fix-dry-run', '--apply-suggestions', '--print-config', '--suppress-all', '--stdin-filename', '--concurrency']) expect(help.stdout).toContain(option);
  });
});

/** A folder without a repository marker, removed after each test. */
const bareFolders: { cleanup(): void }[] = [];
afterEach(() => {
  while (bareFolders.length > 0) bareFolders.pop()!.cleanup();
});
function bareFolder(): string {
  const created = makeTree({});
  bareFolders.push(created);
  return created.root;
}

