import { spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it as baseIt } from 'vitest';
import { FileChangedError, writeFileAtomically } from '../../packages/core/src/lint/write.js';
import { CLI, manifest, onlyRules, rc, REPO_ROOT, runCli, treesCleanedAfterEach, type CliRun } from '../cli/helpers.js';

/**
 * Hostile conditions around the real CLI (built `packages/core/bin/ase-gpu-lint.js`, run as a
 * subprocess): poisoned and cyclic configuration, files that cannot be read, change under the linter,
 * fail to be written or whose writer is killed, and inputs too big or too deep. Each must end with a
 * clear message and an exit code, never a stack trace, a lost edit or half a manifest.
 */

const it = (name: string, fn: () => void | Promise<void>, timeout = 180_000) => baseIt(name, fn, timeout);

const tree = treesCleanedAfterEach();

const GPU_WITHOUT_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const GPU_WITH_STRATEGY = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });
const MEMORY_AS_TEXT = manifest({ scorer: { createOptions: { HostConfig: { Memory: '1g' } } } });
const STRATEGY_ONLY = onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' });
const TEMPORARY = /^\.deployment\.json\.\d+-[0-9a-f]{12}\.ase-gpu-lint\.tmp$/u;

/** A stack frame line: what a crash prints and a handled failure never does. */
const STACK_FRAME = /^\s+at .+/mu;

function expectNoCrash(run: CliRun): void {
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toContain('internal error');
}

/**
 * Runs the CLI with a module preloaded by `--import` that wraps a `node:fs` function and re-syncs the
 * ESM named exports, so the CLI's own `import { renameSync } from 'node:fs'` sees the wrapper: the way
 * to act at an exact point of a real run (between its read and its write) without a hook in the CLI.
 */
function runCliWithFsHook(root: string, hook: string, args: readonly string[]): ReturnType<typeof spawnSync> {
  // Inside .git so that listings of the tree's root do not see it; removed with the tree.
  const hookFile = join(root, '.git', 'fs-hook.mjs');
  writeFileSync(
    hookFile,
    `import fs from 'node:fs';\nimport { syncBuiltinESMExports } from 'node:module';\nconst isTemporary = (path) => String(path).endsWith('.ase-gpu-lint.tmp');\n${hook}\nsyncBuiltinESMExports();\n`,
  );
  return spawnSync(process.execPath, ['--import', pathToFileURL(hookFile).href, CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
    timeout: 120_000,
  });
}

describe('__proto__ and constructor in .aseGpurc', () => {
  const poisoned: [string, string, string, string][] = [
    ['top-level __proto__ (JSON)', '.aseGpurc', '{"__proto__": {"polluted": "yes"}, "rules": {}}\n', 'unknown key "__proto__"'],
    ['top-level constructor (JSON)', '.aseGpurc.json', '{"constructor": {"prototype": {"polluted": "yes"}}}\n', 'unknown key "constructor"'],
    ['__proto__ as a rule id (JSON)', '.aseGpurc', '{"rules": {"__proto__": "error"}}\n', 'rules["__proto__"]: no loaded plugin provides this rule.'],
    ['constructor as a rule id (JSON)', '.aseGpurc', '{"rules": {"constructor": "error"}}\n', 'rules["constructor"]: no loaded plugin provides this rule.'],
    ['__proto__ in settings (JSON)', '.aseGpurc', '{"settings": {"__proto__": {"polluted": "yes"}}}\n', 'settings: unknown key "__proto__"'],
    ['__proto__ in an override (JSON)', '.aseGpurc', '{"overrides": [{"files": "*.json", "__proto__": {"polluted": "yes"}}]}\n', 'overrides[0]: unknown key "__proto__"'],
    ['top-level __proto__ (YAML)', '.aseGpurc.yaml', '__proto__:\n  polluted: yes\n', 'unknown key "__proto__"'],
    ['top-level constructor (YAML)', '.aseGpurc', 'constructor:\n  prototype:\n    polluted: yes\n', 'unknown key "constructor"'],
    ['__proto__ as a rule id (YAML)', '.aseGpurc.yml', 'rules:\n  __proto__: error\n', 'rules["__proto__"]: no loaded plugin provides this rule.'],
    ['constructor in settings (YAML)', '.aseGpurc', 'settings:\n  constructor:\n    polluted: yes\n', 'settings: unknown key "constructor"'],
  ];

  for (const [name, file, content, expected] of poisoned) {
    it(`${name}: one line naming the file and the key, exit 2`, () => {
      const t = tree({ [file]: content, 'deployment.json': GPU_WITH_STRATEGY });
      const run = runCli(['deployment.json'], { cwd: t.root });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
      expect(run.stderr.startsWith(`ase-gpu-lint: ${file}: ${expected}`)).toBe(true);
      expectNoCrash(run);
    });
  }

  it('loading every poisoned file through the exported ConfigResolver leaves Object.prototype untouched', () => {
    const t = tree({});
    poisoned.forEach(([, file, content], index) => {
      mkdirSync(t.path(`case${index}/.git`), { recursive: true });
      writeFileSync(t.path(`case${index}/${file}`), content);
      writeFileSync(t.path(`case${index}/deployment.json`), GPU_WITH_STRATEGY);
    });
    const script = `
      const { ConfigResolver } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'packages/core/dist/index.js')).href)});
      const before = Object.getOwnPropertyNames(Object.prototype).sort().join();
      const errors = [];
      for (let i = 0; i < ${poisoned.length}; i++) {
        const folder = ${JSON.stringify(t.root)} + '/case' + i;
        try { await new ConfigResolver({ cwd: folder }).forFile(folder + '/deployment.json'); errors.push('no error'); }
        catch (error) { errors.push(error.name); }
      }
      const after = Object.getOwnPropertyNames(Object.prototype).sort().join();
      console.log(JSON.stringify({ errors, same: before === after, polluted: ({}).polluted ?? null, prototypeOfPlain: Object.getPrototypeOf({}) === Object.prototype }));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ errors: poisoned.map(() => 'ConfigError'), same: true, polluted: null, prototypeOfPlain: true });
  });
});

describe('extends cycles', () => {
  it('a file that extends itself: exit 2, one line naming it', () => {
    const t = tree({ '.aseGpurc': rc({ extends: './.aseGpurc' }), 'deployment.json': GPU_WITH_STRATEGY });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: .aseGpurc: extends: extends itself through a cycle: .aseGpurc → .aseGpurc.\n' });
  });

  it('a cycle through JSON and YAML files in other folders: exit 2, one line naming every file of the cycle', () => {
    const t = tree({
      '.aseGpurc': rc({ extends: ['ase-gpu:recommended', './shared/base.yaml'] }),
      'shared/base.yaml': 'extends: ../team/policy.json\n',
      'team/policy.json': rc({ extends: '../shared/base.yaml' }),
      'deployment.json': GPU_WITH_STRATEGY,
    });
    const run = runCli(['deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: team/policy.json: extends: extends itself through a cycle: shared/base.yaml → team/policy.json → shared/base.yaml.\n' });
  });
});

describe('manifests that cannot be read', () => {
  it('an unreadable manifest named on the command line is an error finding (exit 1) and the other files are still linted', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY, 'other.json': GPU_WITHOUT_STRATEGY });
    chmodSync(t.path('deployment.json'), 0o000);
    let deniedByMode = true;
    try {
      accessSync(t.path('deployment.json'), constants.R_OK);
      deniedByMode = false;
    } catch {
      // Not root: the mode stops reading, which is the case under test.
    }
    let code = 'EACCES';
    if (!deniedByMode) {
      // As root the mode does not stop reading: a regular file whose read fails (EIO) takes its place.
      code = 'EIO';
      chmodSync(t.path('deployment.json'), 0o644);
      writeFileSync(t.path('deployment.json'), '');
      symlinkSync('/proc/self/mem', t.path('unreadable.json'));
    }
    const unreadable = deniedByMode ? 'deployment.json' : 'unreadable.json';
    const run = runCli([unreadable, 'other.json', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expectNoCrash(run);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean; message: string }[] }[];
    expect(results.map((result) => result.filePath)).toEqual([t.path(unreadable), t.path('other.json')]);
    expect(results[0]!.messages).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: `Cannot read ${unreadable} (${code}).` })]);
    expect(results[1]!.messages.map((message) => message.ruleId)).toEqual(['ase-gpu/require-recreate-strategy']);
  });

  it('a dangling symlink named on the command line stops the run with exit 2 and one line, as a missing file does', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'other.json': GPU_WITHOUT_STRATEGY });
    symlinkSync('nowhere.json', t.path('deployment.json'));
    const run = runCli(['deployment.json', 'other.json'], { cwd: t.root });
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: No such file or folder: "deployment.json".\n' });
  });

  it('a folder walk passes over a dangling symlink and a folder named like a manifest, and lints the rest', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'other.json': GPU_WITHOUT_STRATEGY, 'deployment.json/inner.json': MEMORY_AS_TEXT });
    symlinkSync('nowhere.json', t.path('dangling.json'));
    const run = runCli(['.', '--format', 'json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expectNoCrash(run);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    expect(results.map((result) => result.filePath)).toEqual([t.path('deployment.json/inner.json'), t.path('other.json')]);
    expect(results[1]!.messages.map((message) => message.ruleId)).toEqual(['ase-gpu/require-recreate-strategy']);
  });
});

describe('a file that changes while it is fixed', () => {
  const EDITED = GPU_WITHOUT_STRATEGY.replace('"schemaVersion": "1.1"', '"schemaVersion": "1.2"');

  it('the CLI does not overwrite an edit made between its read and its write: exit 2 (a fix not written), one message, the edit kept', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    // The edit lands when the CLI opens its temporary file: after the read and the lint, before the rename.
    const run = runCliWithFsHook(
      t.root,
      `const open = fs.openSync;\nfs.openSync = (path, ...rest) => { if (isTemporary(path)) fs.writeFileSync(${JSON.stringify(t.path('deployment.json'))}, ${JSON.stringify(EDITED)}); return open(path, ...rest); };`,
      ['--fix', 'deployment.json'],
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('  0:0  error  deployment.json changed while ase-gpu-lint was fixing it, so the fixes were not written. Run ase-gpu-lint again.');
    expect(t.read('deployment.json')).toBe(EDITED);
    expect(readdirSync(t.root).filter((name) => TEMPORARY.test(name))).toEqual([]);
  });

  it('writeFileAtomically refuses a file whose content is no longer the expected one and leaves no temporary file', () => {
    const t = tree({ 'deployment.json': EDITED });
    expect(() => writeFileAtomically(t.path('deployment.json'), GPU_WITH_STRATEGY, GPU_WITHOUT_STRATEGY)).toThrow(FileChangedError);
    expect(t.read('deployment.json')).toBe(EDITED);
    writeFileAtomically(t.path('deployment.json'), GPU_WITH_STRATEGY, EDITED);
    expect(t.read('deployment.json')).toBe(GPU_WITH_STRATEGY);
    expect(readdirSync(t.root).sort()).toEqual(['.git', 'deployment.json']);
  });
});

describe('an interrupted --fix write', () => {
  it('a rename that fails: the original is byte-for-byte intact, no temporary file, an error finding and exit 2, no stack trace', () => {
    const original = `\uFEFF${GPU_WITHOUT_STRATEGY.replace(/\n/gu, '\r\n')}`;
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': original, 'other.json': GPU_WITHOUT_STRATEGY });
    const run = runCliWithFsHook(
      t.root,
      `const rename = fs.renameSync;\nfs.renameSync = (from, to) => { if (isTemporary(from) && String(to).endsWith('/deployment.json')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO', syscall: 'rename' }); return rename(from, to); };`,
      ['--fix', 'deployment.json', 'other.json'],
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('\ndeployment.json\n  0:0  error  Cannot write the fixes to deployment.json (EIO); the file is unchanged.  \n\n✖ 1 problem (1 error, 0 warnings)\n');
    expect(readFileSync(t.path('deployment.json'), 'latin1')).toBe(Buffer.from(original, 'utf8').toString('latin1'));
    // The failure of one file does not stop the others from being fixed.
    expect(t.read('other.json')).toBe(GPU_WITH_STRATEGY);
    expect(readdirSync(t.root).sort()).toEqual(['.aseGpurc', '.git', 'deployment.json', 'other.json']);
  });

  it('writeFileAtomically over a path that is no regular file (a non-empty folder) throws, writes no temporary file and changes nothing', () => {
    const t = tree({ 'deployment.json/inner.json': GPU_WITHOUT_STRATEGY });
    expect(() => writeFileAtomically(t.path('deployment.json'), GPU_WITH_STRATEGY)).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
    expect(readdirSync(t.root).sort()).toEqual(['.git', 'deployment.json']);
    expect(readdirSync(t.path('deployment.json'))).toEqual(['inner.json']);
    expect(t.read('deployment.json/inner.json')).toBe(GPU_WITHOUT_STRATEGY);
  });

  it('a process killed between writing the temporary file and the rename leaves the original intact and the fixed text in one temporary file, which the next --fix removes', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': GPU_WITHOUT_STRATEGY });
    const run = runCliWithFsHook(t.root, `const rename = fs.renameSync;\nfs.renameSync = (from, to) => { if (isTemporary(from)) process.kill(process.pid, 'SIGKILL'); return rename(from, to); };`, ['--fix', 'deployment.json']);
    expect(run.signal).toBe('SIGKILL');
    expect(t.read('deployment.json')).toBe(GPU_WITHOUT_STRATEGY);
    // SIGKILL cannot be cleaned up after: the temporary file stays (hidden, named after the manifest).
    const left = readdirSync(t.root).filter((name) => TEMPORARY.test(name));
    expect(left).toHaveLength(1);
    expect(t.read(left[0]!)).toBe(GPU_WITH_STRATEGY);
    // A temporary file of another manifest, and one of a writer that is still running, are not the next run's to remove.
    const other = `.other.json.${process.pid}-0123456789ab.ase-gpu-lint.tmp`;
    const live = `.deployment.json.${process.pid}-0123456789ab.ase-gpu-lint.tmp`;
    writeFileSync(t.path(other), 'x');
    writeFileSync(t.path(live), 'x');
    // The next run fixes the manifest and removes the dead writer's leftover.
    expect(runCli(['--fix', 'deployment.json'], { cwd: t.root }).status).toBe(0);
    expect(t.read('deployment.json')).toBe(GPU_WITH_STRATEGY);
    expect(readdirSync(t.root).filter((name) => name.endsWith('.ase-gpu-lint.tmp')).sort()).toEqual([live, other].sort());
  });

  it('SIGKILL at any moment of a long --fix run leaves each manifest either untouched or fully fixed, never partial', async () => {
    const modules = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`scorer${i}`, { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } }]));
    const before = manifest(modules);
    const reference = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': before });
    const started = Date.now();
    expect(runCli(['--fix', 'deployment.json'], { cwd: reference.root, timeout: 600_000 }).status).toBe(0);
    const duration = Date.now() - started;
    const fixed = reference.read('deployment.json');
    expect(fixed).not.toBe(before);

    const outcomes = new Set<string>();
    for (const fraction of [0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 1.05]) {
      const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': before });
      const child = spawn(process.execPath, [CLI, '--fix', 'deployment.json'], { cwd: t.root, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.round(duration * fraction));
      await new Promise((resolve) => child.on('exit', resolve));
      clearTimeout(timer);
      const after = t.read('deployment.json');
      expect([before, fixed].includes(after), `killed at ${Math.round(fraction * 100)}% of the run: the manifest is neither the original nor the fixed text`).toBe(true);
      outcomes.add(after === before ? 'original' : 'fixed');
      // Only the hidden temporary file of the write the kill interrupted may remain.
      expect(readdirSync(t.root).filter((name) => !['.aseGpurc', '.git', 'deployment.json'].includes(name)).every((name) => TEMPORARY.test(name))).toBe(true);
    }
    expect(outcomes.has('original')).toBe(true);
  }, 900_000);
});

describe('inputs too big or too deep, through the CLI', () => {
  const PREFIX =
    '{"modulesContent": {"$edgeAgent": {"properties.desired": {"schemaVersion": "1.1", "runtime": {"type": "docker", "settings": {}}, "systemModules": {"edgeAgent": {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.1"}}, "edgeHub": {"type": "docker", "status": "running", "restartPolicy": "always", "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.1", "createOptions": "{\\"ExposedPorts\\":{\\"5671/tcp\\":{},\\"8883/tcp\\":{},\\"443/tcp\\":{}}}"}}}, "modules": {';
  const SUFFIX = '}}}, "$edgeHub": {"properties.desired": {"schemaVersion": "1.1", "routes": {}, "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}}}}\n';
  const moduleEntry = (name: string, settings: string, extra = '') =>
    `${JSON.stringify(name)}: {"version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always", "settings": {"image": "contoso.azurecr.io/${name}:1.0"${settings}}${extra}}`;
  const DEEP = `${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}`;

  it('a 50 MB manifest: exit 1 with the one finding it holds, no crash', () => {
    const clean = JSON.stringify(JSON.stringify({ Env: [`NOTE=${'x'.repeat(200)}`], HostConfig: { Memory: 536870912 }, Labels: { note: 'y'.repeat(300) } }));
    const entries: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const entry = moduleEntry(`m${i}`, `, "createOptions": ${clean}`);
      entries.push(entry);
      size += entry.length + 2;
    }
    entries.push(moduleEntry('last', `, "createOptions": ${JSON.stringify(JSON.stringify({ HostConfig: { Memory: '1g' } }))}`));
    // One rule: this proves the CLI reads, parses and reports a 50 MB file; the speed of the whole rule set on it is the benchmark's job.
    const t = tree({ '.aseGpurc': onlyRules({ 'ase-gpu/valid-create-options': 'error' }), 'deployment.json': PREFIX + entries.join(', ') + SUFFIX });
    // Over the default --max-file-size (32 MiB, chosen for --fix, which takes about 80 times the file): raised.
    const run = spawnSync('timeout', ['600', process.execPath, CLI, '--max-file-size', '64M', 'deployment.json'], { cwd: t.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 660_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ {2}1:\d+ {2}error {2}Module "last": createOptions HostConfig\.Memory is a string, /mu);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  }, 900_000);

  it('nesting 10,000 levels deep in the file: a parse error finding, exit 1, with every rule of the default preset', () => {
    const t = tree({ 'deployment.json': PREFIX + moduleEntry('deep', '', `, "extra": ${DEEP}`) + SUFFIX });
    const run = spawnSync('timeout', ['120', process.execPath, CLI, 'deployment.json'], { cwd: t.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 150_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ {2}1:\d+ {2}error {2}Parsing error: Not enough stack space to parse input {2}$/mu);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('nesting 10,000 levels deep inside a createOptions string: valid-create-options reports it, exit 1, no crash', () => {
    const t = tree({ 'deployment.json': PREFIX + moduleEntry('deep', `, "createOptions": ${JSON.stringify(DEEP)}`) + SUFFIX });
    const run = spawnSync('timeout', ['120', process.execPath, CLI, 'deployment.json', '--format', 'json'], { cwd: t.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 150_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string; fatal?: boolean }[] }[];
    expect(result!.messages.some((message) => message.fatal)).toBe(false);
    expect(result!.messages).toContainEqual(
      expect.objectContaining({ ruleId: 'ase-gpu/valid-create-options', message: expect.stringMatching(/^Module "deep": createOptions is not valid JSON \(Not enough stack space to parse input\), so /u) }),
    );
  });
});
