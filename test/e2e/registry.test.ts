// The packages as a user gets them: published to a registry (verdaccio on 127.0.0.1, everything else
// proxied from registry.npmjs.org), installed by name with plain npm into scratch projects, then used
// through every documented entry point: the CLI, ESLint with the README's eslint.config.js (ESLint 10,
// the latest 9.x and the 9.x floor of the peer range), TypeScript with skipLibCheck off, and the
// pre-commit framework running this repository's .pre-commit-hooks.yaml. Slow (installs from a
// registry): run with `pnpm test:registry`, which .ci/run calls.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, REPO_ROOT } from '../cli/helpers.js';
import { startRegistry, type LocalRegistry } from './verdaccio.js';

const ESLINT_10 = '10.15.0';
const ESLINT_9_LATEST = '9.39.5';
/** The floor of the plugin's peer range (`^9.15.0 || ^10.0.0`). */
const ESLINT_9_FLOOR = '9.15.0';
const TYPESCRIPT = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['typescript']!;

const FPGA_ERA = manifest({
  fpgainference: {
    createOptions: {
      HostConfig: { Binds: ['/home/hcsshares/models:/models'] },
      'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } },
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
/** What --fix makes of FPGA_ERA's createOptions (a JSON string): the bind becomes a volume mount, and Recreate comes with it. */
const FIXED_CREATE_OPTIONS = String.raw`\"HostConfig\":{\"Mounts\":[{\"Type\":\"volume\",\"Source\":\"models\",\"Target\":\"/models\"}]}`;
const FIXED_STRATEGY = String.raw`\"strategy\":{\"type\":\"Recreate\"}`;
const BIND_MESSAGE = 'Module "fpgainference" binds the FPGA share path "/home/hcsshares/models", an empty node directory';

/** The README's eslint.config.js, as a user copies it. */
function readmeEslintConfig(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/u.exec(readme);
  if (!block) throw new Error('README.md has no ```js block starting with // eslint.config.js');
  return block[1]!;
}

/** A team rule typed with ESLint's own types, on the plugin's manifest visitor. */
const TEAM_RULE = `import type { Rule } from 'eslint';
import { defineManifestVisitor } from 'eslint-plugin-ase-gpu';
import type { ModuleModel } from 'eslint-plugin-ase-gpu/manifest';

export const rule: Rule.RuleModule = {
  meta: { type: 'problem', messages: { named: 'Module "{{module}}" is here.' }, schema: [] },
  create(context) {
    return defineManifestVisitor(context, {
      module(module: ModuleModel, tools) {
        tools.report({ module, range: [0, 1], messageId: 'named', data: { module: module.name } });
      },
    });
  },
};
`;

/** Strict, no @types/node, no DOM, skipLibCheck off, and every declaration file of the packages named. */
function tsconfig(packages: readonly string[]): string {
  return JSON.stringify({
    compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: [] },
    include: ['*.ts', ...packages.map((name) => `node_modules/${name}/dist/**/*.d.ts`)],
  });
}

/** The README's `repo: local` pre-commit configuration. */
function readmeLocalHook(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(# \.pre-commit-config\.yaml\nrepos:\n {2}- repo: local\n[\s\S]*?)```/u.exec(readme);
  if (!block) throw new Error('README.md has no ```yaml block with the repo: local hook');
  return block[1]!;
}

const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Edge Team',
  GIT_AUTHOR_EMAIL: 'edge@contoso.example',
  GIT_COMMITTER_NAME: 'Edge Team',
  GIT_COMMITTER_EMAIL: 'edge@contoso.example',
};

function requirePreCommit(): void {
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) throw new Error('pre-commit is not installed: `apt-get install pre-commit` (.ci/run installs it).');
}

let registry: LocalRegistry;
let work: string;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    npm_config_userconfig: registry.npmrc,
    npm_config_registry: registry.url,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // A registry that went away fails the step at once instead of after minutes of retries.
    npm_config_fetch_retries: '1',
    // Package metadata fetched once per run (the registry's port, so the cache key, is new every run).
    npm_config_prefer_offline: 'true',
    ...extra,
  };
}

function run(command: string, args: readonly string[], cwd: string, extra: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: env(extra), timeout: 420_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

function scratchProject(name: string): { dir: string; write(path: string, text: string): void; read(path: string): string } {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  return {
    dir,
    write: (path, text) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
  };
}

/**
 * With the hook installed on a repository whose only commit is "Solution skeleton": the FPGA-era manifest
 * is refused (nothing committed), the GPU-ready one goes through.
 */
function expectHookBlocksThenPasses(project: { write(path: string, text: string): void }, git: (...args: string[]) => { status: number | null; stdout: string; output: string }): void {
  project.write('config/deployment.json', FPGA_ERA);
  git('add', 'config/deployment.json');
  const refused = git('commit', '-q', '-m', 'Deploy the inference module');
  expect(refused.output).toContain(BIND_MESSAGE);
  expect(refused.output).toMatch(/ase-gpu-lint\.+Failed/u);
  expect(refused.status).not.toBe(0);
  expect(git('log', '--format=%s').stdout).toBe('Solution skeleton\n');

  project.write('config/deployment.json', GPU_READY);
  git('add', 'config/deployment.json');
  const accepted = git('commit', '-q', '-m', 'Deploy the inference module on the GPU');
  expect(accepted.output).toMatch(/ase-gpu-lint\.+Passed/u);
  expect(accepted.status, accepted.output).toBe(0);
  expect(git('log', '--format=%s').stdout).toBe('Deploy the inference module on the GPU\nSolution skeleton\n');
}

function npmInstall(dir: string, packages: readonly string[]): void {
  const install = run('npm', ['install', '--save-dev', '--loglevel=error', ...packages], dir);
  if (install.status !== 0) throw new Error(`npm install ${packages.join(' ')} failed:\n${install.output}\n${registry.log()}`);
  expect(install.stderr).not.toMatch(/ERESOLVE|peer dep/iu);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ase-gpu-registry-test-'));
  registry = await startRegistry(['ase-gpu-lint', 'eslint-plugin-ase-gpu']);
  const tarballs = join(work, 'tarballs');
  execFileSync(process.execPath, [join(REPO_ROOT, 'tools/pack-all.mjs'), tarballs], { stdio: 'pipe' });
  // The plugin first: the registry must serve it before anything depends on it.
  for (const name of readdirSync(tarballs).sort((a, b) => Number(a.startsWith('ase-gpu-lint-')) - Number(b.startsWith('ase-gpu-lint-')))) {
    const published = run('npm', ['publish', '--loglevel=error', join(tarballs, name)], work);
    if (published.status !== 0) throw new Error(`npm publish ${name} failed:\n${published.output}\n${registry.log()}`);
  }
}, 420_000);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('installed by name from a registry', () => {
  it(`the CLI, ESLint ${ESLINT_10} with the README's config, and TypeScript with skipLibCheck off`, () => {
    const project = scratchProject('edge-solution');
    npmInstall(project.dir, ['ase-gpu-lint', 'eslint-plugin-ase-gpu', `eslint@${ESLINT_10}`, `typescript@${TYPESCRIPT}`]);
    project.write('deploy/deployment.json', FPGA_ERA);
    project.write('ready/deployment.json', GPU_READY);

    const bad = run('npx', ['--no-install', 'ase-gpu-lint', 'deploy/deployment.json'], project.dir);
    expect(bad.stderr).toBe('');
    expect(bad.stdout).toContain(BIND_MESSAGE);
    expect(bad.status).toBe(1);
    const good = run('npx', ['--no-install', 'ase-gpu-lint', 'ready/deployment.json'], project.dir);
    expect(good.output).toBe('');
    expect(good.status).toBe(0);
    const doc = run('npx', ['--no-install', 'ase-gpu-lint', 'rules', 'no-binds'], project.dir);
    expect(doc.status).toBe(0);
    expect(doc.stdout).toContain('no-binds');

    project.write('eslint.config.js', readmeEslintConfig());
    const fixed = run('npx', ['--no-install', 'eslint', '--fix', 'deploy/deployment.json'], project.dir);
    expect(fixed.stderr).toBe('');
    expect(project.read('deploy/deployment.json')).not.toContain('Binds');
    expect(project.read('deploy/deployment.json')).toContain(FIXED_CREATE_OPTIONS);
    expect(project.read('deploy/deployment.json')).toContain(FIXED_STRATEGY);
    expect(run('npx', ['--no-install', 'eslint', 'ready/deployment.json'], project.dir).status).toBe(0);

    // Every declaration file shipped, and a config and a team rule written against them and ESLint's own
    // types, in a project with neither @types/node nor our devDependencies.
    project.write(
      'eslint.config.ts',
      `import aseGpu from 'eslint-plugin-ase-gpu';
import { aseGpuConfig } from 'ase-gpu-lint';
import type { Linter } from 'eslint';

const config: Linter.Config[] = [aseGpu.configs.recommended, ...(await aseGpuConfig({ cwd: '.' }))];
export default config;
`,
    );
    project.write('team-rule.ts', TEAM_RULE);
    project.write('tsconfig.json', tsconfig(['ase-gpu-lint', 'eslint-plugin-ase-gpu']));
    const tsc = run('npx', ['--no-install', 'tsc', '-p', '.'], project.dir);
    expect(tsc.output).toBe('');
    expect(tsc.status).toBe(0);
  }, 600_000);

  for (const eslint of [ESLINT_9_LATEST, ESLINT_9_FLOOR]) {
    it(`ESLint ${eslint} with the README's config, and the CLI beside it`, () => {
      const project = scratchProject(`eslint-${eslint.replace(/\./gu, '-')}`);
      npmInstall(project.dir, ['ase-gpu-lint', 'eslint-plugin-ase-gpu', `eslint@${eslint}`, `typescript@${TYPESCRIPT}`]);
      const installed = JSON.parse(project.read('node_modules/eslint/package.json')) as { version: string };
      expect(installed.version).toBe(eslint);
      project.write('eslint.config.js', readmeEslintConfig());
      project.write('deployment.json', FPGA_ERA);
      project.write('ready/deployment.json', GPU_READY);

      const found = run('npx', ['--no-install', 'eslint', '-f', 'json', 'deployment.json'], project.dir);
      expect(found.status).toBe(1);
      const messages = (JSON.parse(found.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]!.messages;
      expect(messages.some((message) => message.ruleId === 'ase-gpu/no-binds' && message.message.startsWith(BIND_MESSAGE))).toBe(true);
      const fixed = run('npx', ['--no-install', 'eslint', '--fix', 'deployment.json'], project.dir);
      expect(fixed.stderr).toBe('');
      expect(project.read('deployment.json')).not.toContain('Binds');
      expect(project.read('deployment.json')).toContain(FIXED_CREATE_OPTIONS);
      expect(project.read('deployment.json')).toContain(FIXED_STRATEGY);
      expect(run('npx', ['--no-install', 'eslint', 'ready/deployment.json'], project.dir).status).toBe(0);
      // The CLI keeps its own ESLint 10; both live in one project.
      expect(run('npx', ['--no-install', 'ase-gpu-lint', 'ready/deployment.json'], project.dir).status).toBe(0);

      // The plugin's declarations against this ESLint's types. (aseGpuConfig() of ase-gpu-lint is typed
      // with the CLI's own ESLint 10: docs/cli.md says so.)
      project.write('eslint.config.ts', `import aseGpu from 'eslint-plugin-ase-gpu';\nimport type { Linter } from 'eslint';\n\nconst config: Linter.Config[] = [aseGpu.configs.recommended, { settings: { 'ase-gpu': { gpuCount: 2 } } }];\nexport default config;\n`);
      project.write('team-rule.ts', TEAM_RULE);
      project.write('tsconfig.json', tsconfig(['eslint-plugin-ase-gpu']));
      const tsc = run('npx', ['--no-install', 'tsc', '-p', '.'], project.dir);
      expect(tsc.output).toBe('');
      expect(tsc.status).toBe(0);
    }, 600_000);
  }

  it("pre-commit installs this repository's hook from the registry: a commit of an FPGA-era manifest is blocked, a GPU-ready one goes through", () => {
    requirePreCommit();
    const project = scratchProject('edge-repo');
    const gitEnv = { ...GIT_ENV, PRE_COMMIT_HOME: join(work, 'pre-commit-home') };
    const git = (...args: string[]) => run('git', args, project.dir, gitEnv);
    expect(git('init', '-q', '-b', 'main').status).toBe(0);
    // try-repo runs the hooks of .pre-commit-hooks.yaml on the staged files, as an installed hook would.
    writeFileSync(join(project.dir, '.git/hooks/pre-commit'), `#!/bin/sh\nexec pre-commit try-repo ${JSON.stringify(REPO_ROOT)} ase-gpu-lint\n`);
    chmodSync(join(project.dir, '.git/hooks/pre-commit'), 0o755);
    // try-repo installs the hook's environment afresh on every run (minutes): only the two commits that matter go through it.
    expect(git('add', 'package.json').status).toBe(0);
    const skeleton = git('commit', '-q', '--no-verify', '-m', 'Solution skeleton');
    expect(skeleton.status, skeleton.output).toBe(0);

    expectHookBlocksThenPasses(project, git);
  }, 900_000);

  it("the README's repo: local pre-commit hook runs the project's installed copy", () => {
    requirePreCommit();
    const project = scratchProject('edge-repo-local');
    npmInstall(project.dir, ['ase-gpu-lint']);
    const gitEnv = { ...GIT_ENV, PRE_COMMIT_HOME: join(work, 'pre-commit-home-local') };
    const git = (...args: string[]) => run('git', args, project.dir, gitEnv);
    expect(git('init', '-q', '-b', 'main').status).toBe(0);
    project.write('.gitignore', 'node_modules/\n');
    project.write('.pre-commit-config.yaml', readmeLocalHook());
    const installed = run('pre-commit', ['install'], project.dir, gitEnv);
    expect(installed.status, installed.output).toBe(0);
    git('add', '.gitignore', '.pre-commit-config.yaml', 'package.json', 'package-lock.json');
    const skeleton = git('commit', '-q', '-m', 'Solution skeleton');
    expect(skeleton.status, skeleton.output).toBe(0);

    expectHookBlocksThenPasses(project, git);
  }, 600_000);
});
