import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, manifest, REPO_ROOT } from './helpers.js';

const PNPM = ['-y', 'pnpm@12.4.2'];
const pluginVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages/eslint-plugin-ase-gpu/package.json'), 'utf8')) as { version: string }).version;
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

const FPGA_ERA = manifest({
  fpgainference: {
    createOptions: {
      HostConfig: { Binds: ['/home/hcsshares/models:/models'] },
      'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } },
    },
  },
});

let work: ReturnType<typeof makeTree>;
let tarballs: { plugin: string; core: string };

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 480_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tarballEntries(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function packedPackageJson(tarball: string): { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; exports: Record<string, unknown> } {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as never;
}

function packWith(tool: 'npm' | 'pnpm', destination: string): { plugin: string; core: string } {
  mkdirSync(destination);
  for (const dir of ['packages/eslint-plugin-ase-gpu', 'packages/core']) {
    const packed = tool === 'npm' ? run('npm', ['pack', '--pack-destination', destination], join(REPO_ROOT, dir)) : run('npx', [...PNPM, 'pack', '--pack-destination', destination], join(REPO_ROOT, dir));
    if (packed.status !== 0) throw new Error(`${tool} pack failed in ${dir}: ${packed.stderr}`);
  }
  const names = readdirSync(destination);
  return {
    plugin: join(destination, names.find((name) => name.startsWith('eslint-plugin-ase-gpu-'))!),
    core: join(destination, names.find((name) => name.startsWith('ase-gpu-lint-'))!),
  };
}

let packedBy: Record<'npm' | 'pnpm', { plugin: string; core: string }>;

beforeAll(() => {
  work = makeTree({});
  packedBy = { npm: packWith('npm', work.path('npm')), pnpm: packWith('pnpm', work.path('pnpm')) };
  tarballs = packedBy.pnpm;
}, 300_000);

afterAll(() => work?.cleanup());

function packedText(tarball: string, file: string): string {
  return execFileSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8' });
}

describe('the packed packages', () => {
  for (const tool of ['npm', 'pnpm'] as const) {
    it(`${tool} pack: a README, the LICENSE, built code and types, nothing of the workspace`, () => {
      const { plugin, core } = packedBy[tool];
      const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
      for (const tarball of [plugin, core]) {
        const files = tarballEntries(tarball);
        expect(files).toContain('package/README.md');
        expect(packedText(tarball, 'LICENSE')).toBe(license);
        expect(files.filter((file) => /\.map$|tsbuildinfo|\/src\/|\/vendor\/|\/tests?\//u.test(file))).toEqual([]);
        expect(JSON.stringify(packedPackageJson(tarball))).not.toContain('workspace:');
      }
      expect(packedPackageJson(core).dependencies!['eslint-plugin-ase-gpu']).toBe(pluginVersion);
      expect(packedPackageJson(plugin).peerDependencies).toEqual({ eslint: '^9.15.0 || ^10.0.0' });
      // Every path of every exports entry is in the tarball.
      for (const tarball of [plugin, core]) {
        const files = new Set(tarballEntries(tarball));
        const targets = JSON.stringify(packedPackageJson(tarball).exports).match(/"\.\/[^"]+"/gu)!.map((target) => target.slice(3, -1));
        for (const target of targets.filter((target) => target.includes('.'))) expect(files, target).toContain(`package/${target}`);
      }
      expect(packedText(core, 'schema/aseGpurc.schema.json')).toBe(readFileSync(join(REPO_ROOT, 'packages/core/schema/aseGpurc.schema.json'), 'utf8'));
    });
  }

  it('refuses to pack a manifest with a workspace: range, or a package that is not built', () => {
    for (const dir of ['packages/eslint-plugin-ase-gpu', 'packages/core']) {
      const copy = work.path(`refuse-${dir.replace(/\W/gu, '-')}`);
      mkdirSync(copy, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; scripts: { prepack: string } };
      writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, 'eslint-plugin-ase-gpu': 'workspace:*' } }));
      // The package's own prepack, with the shared script where the scratch package can reach it.
      const [node, script, ...required] = manifest.scripts.prepack.split(' ');
      expect([node, script]).toEqual(['node', '../../tools/check-packable.mjs']);
      const refused = run(process.execPath, [join(REPO_ROOT, 'tools/check-packable.mjs'), ...required], copy);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`${manifest.name}: not packable:`);
      expect(refused.stderr).toContain('dependencies.eslint-plugin-ase-gpu is "workspace:*", which no registry resolves; write the version.');
      expect(refused.stderr).toContain('dist/index.js is missing (run `pnpm run build` at the repository root).');
      expect(refused.stderr).toContain('LICENSE is missing');
    }
  });

  it('publish what an installation needs: a bundled plugin that does not depend on @typescript-eslint/utils', () => {
    const plugin = packedPackageJson(tarballs.plugin);
    expect(Object.keys(plugin.dependencies ?? {})).not.toContain('@typescript-eslint/utils');
    expect(Object.keys(plugin.peerDependencies ?? {})).not.toContain('typescript');
    // The JavaScript is bundled: one file per public entry plus shared chunks, with RuleCreator bundled in.
    const pluginScripts = tarballEntries(tarballs.plugin).filter((file) => file.endsWith('.js'));
    for (const entry of ['package/dist/index.js', 'package/dist/manifest/index.js', 'package/dist/kubernetes/index.js']) expect(pluginScripts).toContain(entry);
    expect(pluginScripts.every((file) => file.startsWith('package/dist/chunks/') || file.endsWith('/index.js'))).toBe(true);
    const code = execFileSync('tar', ['-xzOf', tarballs.plugin, ...pluginScripts], { encoding: 'utf8' });
    expect(code).toContain('function RuleCreator(');
    expect(code).not.toMatch(/from ['"]@typescript-eslint/u);
    const core = packedPackageJson(tarballs.core);
    expect(core.dependencies!['eslint-plugin-ase-gpu']).toBe(JSON.parse(readFileSync(join(REPO_ROOT, 'packages/eslint-plugin-ase-gpu/package.json'), 'utf8')).version);
    const coreFiles = tarballEntries(tarballs.core);
    for (const file of ['package/bin/ase-gpu-lint.js', 'package/dist/cli/main.js', 'package/schema/aseGpurc.schema.json', 'package/rules-docs/no-binds.md']) expect(coreFiles).toContain(file);
  });

  for (const variant of ['plain', 'typescript@7'] as const) {
    it(`install with npm into a project (${variant}) and run both ase-gpu-lint and eslint --fix there`, () => {
      const project = work.path(`project-${variant.replace(/\W/gu, '-')}`);
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'edge-solution', private: true, type: 'module' }));
      writeFileSync(join(project, 'deployment.json'), FPGA_ERA);
      writeFileSync(join(project, 'eslint.config.js'), "import { aseGpuConfig } from 'ase-gpu-lint';\n\nexport default await aseGpuConfig({ cwd: import.meta.dirname });\n");
      // The tarballs of `pnpm run pack:all` (npm pack) and of pnpm pack install alike.
      const packed = variant === 'plain' ? packedBy.npm : packedBy.pnpm;
      const packages = [packed.plugin, packed.core, 'eslint@10.15.0', ...(variant === 'typescript@7' ? ['typescript@7'] : [])];
      const install = run('npm', ['install', ...NPM_FLAGS, ...packages], project);
      expect(install.stderr).not.toMatch(/ERESOLVE|peer dep/iu);
      expect(install.status).toBe(0);
      expect(existsSync(join(project, 'node_modules/@typescript-eslint/utils'))).toBe(false);

      const lint = run('npx', ['--no-install', 'ase-gpu-lint'], project);
      expect(lint.stderr).toBe('');
      expect(lint.status).toBe(1);
      expect(lint.stdout).toContain('Module "fpgainference" binds the FPGA share path "/home/hcsshares/models", an empty node directory');
      expect(lint.stdout).toContain('fpgainference › createOptions › HostConfig.Binds[0]');

      const doc = run('npx', ['--no-install', 'ase-gpu-lint', 'rules', 'no-binds'], project);
      expect(doc.status).toBe(0);
      expect(doc.stdout).toContain('no-binds');

      const before = readFileSync(join(project, 'deployment.json'), 'utf8');
      const eslint = run('npx', ['--no-install', 'eslint', '--fix', 'deployment.json'], project);
      expect(eslint.stderr).toBe('');
      const after = readFileSync(join(project, 'deployment.json'), 'utf8');
      expect(after).not.toBe(before);
      expect(after).toContain('strategy');
      // Both paths agree on what is left.
      const remainingCli = run('npx', ['--no-install', 'ase-gpu-lint', '-f', 'json', 'deployment.json'], project);
      const remainingEslint = run('npx', ['--no-install', 'eslint', '-f', 'json', 'deployment.json'], project);
      const ids = (text: string) => (JSON.parse(text) as { messages: { ruleId: string; line: number; column: number }[] }[]).flatMap((result) => result.messages.map((message) => `${message.ruleId}@${message.line}:${message.column}`)).sort();
      expect(ids(remainingEslint.stdout)).toEqual(ids(remainingCli.stdout));
      expect(eslint.status).toBe(remainingEslint.status);
    }, 600_000);
  }
});
