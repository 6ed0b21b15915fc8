import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect } from 'vitest';
import { manifest, onlyRules, rc, REPO_ROOT, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const MEMORY_AS_TEXT = manifest({ scorer: { createOptions: { HostConfig: { Memory: '1g' } } } });
const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });

const it = slowIt();
const tree = treesCleanedAfterEach();

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; column: number }[];
}

function lintJson(cwd: string, args: string[] = []): { status: number | null; results: JsonResult[]; stderr: string } {
  const run = runCli(['--format', 'json', ...args], { cwd });
  return { status: run.status, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr };
}

function findings(results: JsonResult[], root: string, onlyRule?: string): Record<string, string[]> {
  const byFile: Record<string, string[]> = {};
  for (const result of results) {
    const messages = result.messages.filter((message) => !onlyRule || message.ruleId === onlyRule);
    byFile[result.filePath.slice(root.length + 1)] = messages.map((message) => `${message.ruleId}:${message.severity}`).sort();
  }
  return byFile;
}

describe('configuration lookup', () => {
  it('applies the nearest configuration per team folder, cascading up to the repository root', () => {
    const t = tree({
      '.aseGpurc.json': onlyRules({ 'ase-gpu/valid-create-options': 'error', 'ase-gpu/require-recreate-strategy': 'error' }),
      'team-a/.aseGpurc.yaml': 'rules:\n  ase-gpu/require-recreate-strategy: warn\n',
      'team-a/deployment.json': GPU_WITHOUT_STRATEGY,
      'team-b/package.json': JSON.stringify({ name: 'team-b', aseGpu: { rules: { 'ase-gpu/require-recreate-strategy': 'off' } } }),
      'team-b/deployment.json': GPU_WITHOUT_STRATEGY,
      'team-c/deployment.json': GPU_WITHOUT_STRATEGY,
    });
    const { status, results } = lintJson(t.root);
    expect(status).toBe(1);
    expect(findings(results, t.root)).toEqual({
      'team-a/deployment.json': ['ase-gpu/require-recreate-strategy:1'],
      'team-b/deployment.json': [],
      'team-c/deployment.json': ['ase-gpu/require-recreate-strategy:2'],
    });
  });

  it('walks past package.json files without an aseGpu key (unlike cosmiconfig\'s project strategy)', () => {
    const t = tree({
      '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' }),
      'packages/edge/package.json': '{ "name": "edge" }\n',
      'packages/edge/modules/package.json': '{ "name": "modules" }\n',
      'packages/edge/modules/deployment.json': GPU_WITHOUT_STRATEGY,
    });
    const { results } = lintJson(t.root);
    expect(findings(results, t.root)).toEqual({ 'packages/edge/modules/deployment.json': ['ase-gpu/require-recreate-strategy:2'] });
  });

  it('stops at root: true and at the repository root, never reading a configuration above it', () => {
    const outer = tree({ '.aseGpurc': rc({ rules: { 'ase-gpu/no-such-rule-above-the-repository': 'error' } }) });
    const repo = join(outer.root, 'repo');
    const inner = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' }),
      'standalone/.aseGpurc': onlyRules({ 'ase-gpu/valid-create-options': 'error' }),
      'standalone/deployment.json': GPU_WITHOUT_STRATEGY,
      'deployment.json': GPU_WITHOUT_STRATEGY,
    };
    for (const [path, content] of Object.entries(inner)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), content);
    }
    const { status, results, stderr } = lintJson(repo);
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(findings(results, repo)).toEqual({ 'deployment.json': ['ase-gpu/require-recreate-strategy:2'], 'standalone/deployment.json': [] });
  });

  it('resolves extends: built-in presets, relative files and npm packages from the configuration\'s own folder', () => {
    const t = tree({
      'org/base.json': rc({ extends: ['ase-gpu:recommended'], rules: { 'ase-gpu/require-recreate-strategy': 'error' }, settings: { gpuCount: 2 } }),
      'teams/node_modules/@contoso/ase-gpu-config/package.json': JSON.stringify({ name: '@contoso/ase-gpu-config', version: '1.0.0', main: 'aseGpurc.json' }),
      'teams/node_modules/@contoso/ase-gpu-config/aseGpurc.json': rc({ extends: [], rules: { 'ase-gpu/valid-create-options': 'warn' } }),
      'teams/vision/.aseGpurc': rc({ root: true, extends: ['../../org/base.json', '@contoso/ase-gpu-config'] }),
      'teams/vision/deployment.json': MEMORY_AS_TEXT,
    });
    const printed = runCli(['--print-config', 'teams/vision/deployment.json'], { cwd: t.root });
    expect(printed.status).toBe(0);
    const config = JSON.parse(printed.stdout) as { configFiles: string[]; rules: Record<string, { severity: string; from: string }>; settings: Record<string, { value: unknown; from: string }> };
    expect(config.configFiles).toEqual(['teams/vision/.aseGpurc']);
    expect(config.rules['ase-gpu/valid-create-options']).toEqual({ severity: 'warn', from: 'teams/node_modules/@contoso/ase-gpu-config/aseGpurc.json' });
    expect(config.rules['ase-gpu/require-recreate-strategy']).toEqual({ severity: 'error', from: 'org/base.json' });
    expect(config.rules['ase-gpu/no-binds']).toEqual({ severity: 'error', options: [{ reportHostDirectories: false }], from: 'ase-gpu:recommended' });
    expect(config.settings.gpuCount).toEqual({ value: 2, from: 'org/base.json' });
    expect(config.settings.aseVersion).toEqual({ value: '2403', from: 'default' });
  });

  it('applies overrides to the files their globs match, and skips ignored folders', () => {
    const t = tree({
      '.aseGpurc': onlyRules(
        { 'ase-gpu/require-recreate-strategy': 'error' },
        { overrides: [{ files: ['legacy/**'], rules: { 'ase-gpu/require-recreate-strategy': 'warn' } }], ignores: ['generated'] },
      ),
      'current/deployment.json': GPU_WITHOUT_STRATEGY,
      'legacy/deployment.json': GPU_WITHOUT_STRATEGY,
      'generated/deployment.json': GPU_WITHOUT_STRATEGY,
    });
    const { results } = lintJson(t.root);
    expect(findings(results, t.root)).toEqual({
      'current/deployment.json': ['ase-gpu/require-recreate-strategy:2'],
      'legacy/deployment.json': ['ase-gpu/require-recreate-strategy:1'],
    });
    const named = lintJson(t.root, ['generated/deployment.json']);
    expect(named.status).toBe(0);
    expect(named.results[0]!.messages[0]!.message).toMatch(/^File ignored because of a matching pattern in "ignores" of \.aseGpurc\./u);
  });

  it('loads team rule plugins named in plugins, resolved from the configuration\'s folder', () => {
    const t = tree({
      '.aseGpurc': onlyRules({ 'contoso/approved-registry': 'error' }, { plugins: ['eslint-plugin-contoso'] }),
      'node_modules/eslint-plugin-contoso/package.json': JSON.stringify({ name: 'eslint-plugin-contoso', version: '1.0.0', type: 'module', main: 'index.js' }),
      'node_modules/eslint-plugin-contoso/index.js': `import { defineManifestVisitor } from 'eslint-plugin-ase-gpu';
export default {
  meta: { name: 'eslint-plugin-contoso', version: '1.0.0' },
  rules: {
    'approved-registry': {
      meta: { type: 'problem', schema: [], messages: { registry: 'Module "{{module}}" pulls from {{image}}: use contoso.azurecr.io.' }, languages: ['ase-gpu/manifest'] },
      create(context) {
        return defineManifestVisitor(context, {
          module(module, tools) {
            if (module.system || !module.image || module.image.value.startsWith('contoso.azurecr.io/')) return;
            tools.report({ module, range: module.image.range, messageId: 'registry', data: { module: module.name, image: module.image.value } });
          },
        });
      },
    },
  },
};
`,
      'deployment.json': manifest({ good: {}, bad: { image: 'docker.io/library/nginx:1.27' } }),
    });
    symlinkSync(join(REPO_ROOT, 'packages/eslint-plugin-ase-gpu'), t.path('node_modules/eslint-plugin-ase-gpu'), 'dir');
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error  Module "bad" pulls from docker.io/library/nginx:1.27: use contoso.azurecr.io.  contoso/approved-registry');
  });
});

describe('configuration errors stop the run with exit 2 and one line naming the file and the key', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['an unknown key', { '.aseGpurc': rc({ rulez: {} }) }, '.aseGpurc: unknown key "rulez" (did you mean "rules"?); known keys: $schema, root, extends, plugins, rules, settings, overrides, files, ignores.'],
    ['a misspelled severity', { '.aseGpurc': rc({ rules: { 'ase-gpu/no-binds': 'eror' } }) }, '.aseGpurc: rules["ase-gpu/no-binds"]: severity "eror" is not one of "off", "warn", "error", 0, 1, 2 (did you mean "error"?).'],
    ['a rule no plugin provides', { '.aseGpurc': rc({ rules: { 'ase-gpu/no-bind': 'error' } }) }, '.aseGpurc: rules["ase-gpu/no-bind"]: no loaded plugin provides this rule (did you mean "ase-gpu/no-binds"?).'],
    ['a rule of a plugin that is not loaded', { '.aseGpurc': rc({ rules: { 'contoso/approved-registry': 'error' } }) }, '.aseGpurc: rules["contoso/approved-registry"]: no plugin "contoso" is loaded (add its package to "plugins").'],
    ['bad rule options', { '.aseGpurc': rc({ rules: { 'ase-gpu/no-fpga-resources': ['error', { autofix: 'yes' }] } }) }, '.aseGpurc: rules["ase-gpu/no-fpga-resources"][1].autofix: invalid option: must be boolean.'],
    ['an unknown rule option', { '.aseGpurc': rc({ rules: { 'ase-gpu/no-fpga-resources': ['error', { autoFix: true }] } }) }, '.aseGpurc: rules["ase-gpu/no-fpga-resources"][1]: invalid option: unknown key "autoFix" (did you mean "autofix"?); known keys: autofix.'],
    ['a device profile value out of range', { '.aseGpurc.json': rc({ settings: { gpuCount: -1 } }) }, '.aseGpurc.json: settings.gpuCount: must be >= 0.'],
    ['a misspelled device profile key', { '.aseGpurc.json': rc({ settings: { gpucount: 2 } }) }, '.aseGpurc.json: settings: unknown key "gpucount" (did you mean "gpuCount"?)'],
    ['an exemption date that is not a date', { '.aseGpurc': rc({ settings: { exemptions: [{ rule: 'no-binds', reason: 'x', expires: 'next year' }] } }) }, '.aseGpurc: settings.exemptions[0].expires: must match the pattern ^\\d{4}-\\d{2}-\\d{2}$.'],
    ['an npm package that cannot be resolved', { '.aseGpurc': rc({ extends: ['@contoso/ase-gpu-config'] }) }, '.aseGpurc: extends[0]: cannot find the package "@contoso/ase-gpu-config" from'],
    ['a missing relative file', { '.aseGpurc': rc({ extends: ['./org.json'] }) }, '.aseGpurc: extends[0]: cannot find "./org.json"'],
    ['an unknown built-in', { '.aseGpurc': rc({ extends: ['ase-gpu:recomended'] }) }, '.aseGpurc: extends[0]: unknown built-in configuration "ase-gpu:recomended" (did you mean "ase-gpu:recommended"?)'],
    ['a cycle', { '.aseGpurc': rc({ extends: ['./a.json'] }), 'a.json': rc({ extends: ['./b.json'] }), 'b.json': rc({ extends: ['./a.json'] }) }, 'b.json: extends: extends itself through a cycle: a.json → b.json → a.json.'],
    ['YAML that does not parse', { '.aseGpurc.yaml': 'rules:\n  ase-gpu/no-binds: [error\n' }, '.aseGpurc.yaml: cannot be parsed as YAML at line 3, column 1 (unexpected end of the stream within a flow collection); its content is not shown.'],
    ['JSON that does not parse', { '.aseGpurc.json': '{ "rules": { } ' }, '.aseGpurc.json: cannot be parsed as JSON at line 1, column 16; its content is not shown.'],
  ];
  for (const [name, files, expected] of cases) {
    it(name, () => {
      const t = tree({ ...files, 'deployment.json': GPU_WITHOUT_STRATEGY });
      const run = runCli([], { cwd: t.root });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`ase-gpu-lint: ${expected}`)).toBe(true);
      expect(run.stderr).not.toMatch(/\n\s+at /u);
    });
  }
});

describe('exemptions', () => {
  it('silence the findings they cover and report unused, expired and reason-less ones', () => {
    const t = tree({
      '.aseGpurc': onlyRules(
        { 'ase-gpu/require-recreate-strategy': 'error', 'ase-gpu/valid-create-options': 'error' },
        {
          settings: {
            exemptions: [
              { rule: 'require-recreate-strategy', module: 'scorer', reason: 'The scorer runs one replica; rollout is handled by the pipeline.' },
              { rule: 'ase-gpu/valid-create-options', module: 'gone' , reason: 'Module was retired.' },
              { rule: 'ase-gpu/valid-create-options', module: 'scorer', expires: '2020-01-31', reason: 'Temporary.' },
              { rule: 'ase-gpu/require-recreate-strategy', file: 'other/**' },
            ],
          },
        },
      ),
      'deployment.json': GPU_WITHOUT_STRATEGY,
    });
    const { status, results } = lintJson(t.root);
    expect(status).toBe(0);
    const manifestResult = results.find((result) => result.filePath.endsWith('deployment.json'))!;
    expect(manifestResult.messages).toEqual([]);
    const configResult = results.find((result) => result.filePath === t.path('.aseGpurc'))!;
    expect(configResult.messages.map((message) => message.message)).toEqual([
      'Unused exemption for ase-gpu/valid-create-options (module "gone"): no finding in the files linted needed it; remove it from the configuration.',
      'Exemption for ase-gpu/valid-create-options (module "scorer") expired on 2020-01-31 and no longer silences findings: fix the findings, or renew it with a new "expires" date.',
      'Exemption for ase-gpu/require-recreate-strategy (files "other/**") has no reason: add "reason" saying why the finding is accepted, so that reviewers and auditors can judge it.',
      'Unused exemption for ase-gpu/require-recreate-strategy (files "other/**"): no finding in the files linted needed it; remove it from the configuration.',
    ]);
    const withoutExemptions = lintJson(t.root, ['--no-exemptions']);
    expect(withoutExemptions.status).toBe(1);
    expect(findings(withoutExemptions.results, t.root)).toEqual({ 'deployment.json': ['ase-gpu/require-recreate-strategy:2'] });
  });
});

describe('--config, --no-config-lookup and --rule', () => {
  it('uses one configuration for every file with --config, the defaults with --no-config-lookup, and --rule over both', () => {
    const t = tree({
      '.aseGpurc': onlyRules({ 'ase-gpu/require-recreate-strategy': 'off' }),
      'ci/strict.json': rc({ extends: ['ase-gpu:strict'] }),
      'deployment.json': GPU_WITHOUT_STRATEGY,
    });
    expect(findings(lintJson(t.root).results, t.root)).toEqual({ 'deployment.json': [] });
    // The presets hold every rule of the catalogue: look at the one this manifest is about.
    const rule = 'ase-gpu/require-recreate-strategy';
    expect(findings(lintJson(t.root, ['--config', 'ci/strict.json']).results, t.root, rule)).toEqual({ 'deployment.json': [`${rule}:2`] });
    expect(findings(lintJson(t.root, ['--no-config-lookup']).results, t.root, rule)).toEqual({ 'deployment.json': [`${rule}:1`] });
    expect(findings(lintJson(t.root, ['--rule', 'ase-gpu/require-recreate-strategy: error']).results, t.root)).toEqual({ 'deployment.json': ['ase-gpu/require-recreate-strategy:2'] });
    const bad = runCli(['--rule', 'ase-gpu/require-recreate-strategy: eror'], { cwd: t.root });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^ase-gpu-lint: --rule: the value of "ase-gpu\/require-recreate-strategy" must be a severity/u);
  });
});

