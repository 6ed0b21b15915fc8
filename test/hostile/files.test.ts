import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, linkSync, lstatSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it as baseIt } from 'vitest';
import { CLI, manifest, onlyRules, runCli, treesCleanedAfterEach, type CliRun } from '../cli/helpers.js';

/**
 * The files around a run, as an attacker or an unlucky machine lays them out: links, permissions,
 * encodings, FIFOs and devices where files should be, sizes, and places where nothing can be written.
 * Each case through the real CLI: one line saying what the path is, the exit code, nothing written.
 */

const it = (name: string, fn: () => void | Promise<void>, timeout = 180_000) => baseIt(name, fn, timeout);
const tree = treesCleanedAfterEach();

const BEFORE = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } });
const AFTER = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } } } });
const STRATEGY_ONLY = onlyRules({ 'ase-gpu/require-recreate-strategy': 'error' });
const STACK_FRAME = /^\s+at .+/mu;
/** Runs that could hang (a FIFO, a device) are given a short timeout: a hang ends with status null. */
const SHORT = 30_000;

function expectNoCrash(run: CliRun): void {
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toContain('internal error');
}

function only(file: string, line: string): string {
  return `\n${file}\n  ${line}  \n\n✖ 1 problem (1 error, 0 warnings)\n`;
}

function mkfifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.includes('.ase-gpu-lint.'));
}

/** The CLI with a preloaded module that wraps node:fs (see test/hostile/cli.test.ts). */
function runWithFsHook(root: string, hook: string, args: readonly string[]) {
  const hookFile = join(root, '.git', 'fs-hook.mjs');
  writeFileSync(hookFile, `import fs from 'node:fs';\nimport { syncBuiltinESMExports } from 'node:module';\n${hook}\nsyncBuiltinESMExports();\n`);
  return spawnSync(process.execPath, ['--import', pathToFileURL(hookFile).href, CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
}

describe('--fix keeps the identity of the file', () => {
  it('through a symbolic link: the target is fixed and the link stays a link', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'real/deployment.json': BEFORE });
    symlinkSync('real/deployment.json', t.path('link.json'));
    const run = runCli(['--fix', 'link.json'], { cwd: t.root });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(lstatSync(t.path('link.json')).isSymbolicLink()).toBe(true);
    expect(t.read('real/deployment.json')).toBe(AFTER);
    expect(leftovers(t.path('real'))).toEqual([]);
  });

  it('mode and owner are kept', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    chmodSync(t.path('deployment.json'), 0o640);
    // As root the file is given to another user first; otherwise it stays the runner's own.
    if (process.getuid?.() === 0) chownSync(t.path('deployment.json'), 4321, 4322);
    const before = statSync(t.path('deployment.json'));
    expect(runCli(['--fix', 'deployment.json'], { cwd: t.root }).status).toBe(0);
    const after = statSync(t.path('deployment.json'));
    expect(t.read('deployment.json')).toBe(AFTER);
    expect([after.mode & 0o7777, after.uid, after.gid]).toEqual([0o640, before.uid, before.gid]);
  });

  it('a read-only (0444) file is refused, also for root: one line, exit 2, nothing written', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    chmodSync(t.path('deployment.json'), 0o444);
    const run = runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(only('deployment.json', '0:0  error  Cannot write the fixes to deployment.json: it is read-only (mode 0444); the file is unchanged.'));
    expect(run.stderr).toBe('');
    expect(t.read('deployment.json')).toBe(BEFORE);
    expect(statSync(t.path('deployment.json')).mode & 0o7777).toBe(0o444);
    expect(leftovers(t.root)).toEqual([]);
  });

  it('hard links are kept: the file is rewritten in place, every link sees the fix, no backup is left', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    linkSync(t.path('deployment.json'), t.path('other-name.json'));
    const run = runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(t.read('other-name.json')).toBe(AFTER);
    expect(statSync(t.path('deployment.json')).ino).toBe(statSync(t.path('other-name.json')).ino);
    expect(statSync(t.path('deployment.json')).nlink).toBe(2);
    expect(leftovers(t.root)).toEqual([]);
  });

  it('hard links: a write that fails in place (a full disk) puts the original bytes back, exit 2, one line', () => {
    const original = `\uFEFF${BEFORE.replace(/\n/gu, '\r\n')}`;
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': original });
    linkSync(t.path('deployment.json'), t.path('other-name.json'));
    // The first truncate of the manifest (after its new bytes are written) fails as on a full disk.
    const run = runWithFsHook(
      t.root,
      `const truncate = fs.ftruncateSync; let failed = false;\nfs.ftruncateSync = (fd, length) => { if (!failed) { failed = true; throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }); } return truncate(fd, length); };`,
      ['--fix', 'deployment.json'],
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(only('deployment.json', '0:0  error  Cannot write the fixes to deployment.json (ENOSPC); the file is unchanged.'));
    expect(readFileSync(t.path('other-name.json')).equals(Buffer.from(original))).toBe(true);
    expect(leftovers(t.root)).toEqual([]);
  });

  it('hard links: a process killed during the in-place write leaves the original in a backup beside the file', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    linkSync(t.path('deployment.json'), t.path('other-name.json'));
    const run = runWithFsHook(t.root, `fs.ftruncateSync = () => process.kill(process.pid, 'SIGKILL');`, ['--fix', 'deployment.json']);
    expect(run.signal).toBe('SIGKILL');
    const [backup, ...more] = leftovers(t.root);
    expect(more).toEqual([]);
    expect(backup).toMatch(/^\.deployment\.json\.\d+-[0-9a-f]{12}\.ase-gpu-lint\.orig$/u);
    expect(t.read(backup!)).toBe(BEFORE);
    // A later run does not remove it: only a person knows whether the file or the backup is to be kept.
    runCli(['--fix', 'deployment.json'], { cwd: t.root });
    expect(leftovers(t.root)).toEqual([backup]);
  });
});

describe('encodings', () => {
  const SMALL = '{"modulesContent":{"$edgeAgent":{"properties.desired":{"modules":{}}}}}\n';
  const utf16 = (bigEndian: boolean) => {
    const body = Buffer.from(`\uFEFF${SMALL}`, 'utf16le');
    if (bigEndian) body.swap16();
    return body;
  };

  for (const [name, bigEndian] of [['little', false], ['big', true]] as const) {
    it(`a UTF-16 ${name}-endian manifest with a BOM is reported (named, found in a folder, on --stdin), and --fix leaves it alone`, () => {
      const t = tree({ '.aseGpurc': STRATEGY_ONLY });
      writeFileSync(t.path('deployment.json'), utf16(bigEndian));
      const line = `1:1  error  This file is UTF-16 (${name}-endian, with a byte-order mark); IoT Hub expects UTF-8: save the file as UTF-8.`;
      expect(runCli(['deployment.json'], { cwd: t.root })).toEqual({ status: 1, stdout: only('deployment.json', line), stderr: '' });
      expect(runCli([], { cwd: t.root })).toEqual({ status: 1, stdout: only('deployment.json', line), stderr: '' });
      expect(runCli(['--fix', 'deployment.json'], { cwd: t.root }).status).toBe(1);
      expect(readFileSync(t.path('deployment.json')).equals(utf16(bigEndian))).toBe(true);
      const stdin = spawnSync(process.execPath, [CLI, '--stdin', '--stdin-filename', 'x.json'], { cwd: t.root, input: utf16(bigEndian), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect([stdin.status, stdin.stdout]).toEqual([1, only('x.json', line)]);
    });
  }

  it('a Latin-1 byte is reported at its line and column, and --fix never rewrites the file', () => {
    const latin1 = Buffer.concat([Buffer.from(BEFORE.replace('"schemaVersion": "1.1"', '"schemaVersion": "1.1", "note": "caf'), 'utf8'), Buffer.from([0xe9]), Buffer.from(BEFORE.slice(BEFORE.indexOf('"schemaVersion": "1.1"') + 22).replace(/^/u, '"'), 'utf8')]);
    const t = tree({ '.aseGpurc': STRATEGY_ONLY });
    writeFileSync(t.path('deployment.json'), latin1);
    const before = latin1.subarray(0, latin1.indexOf(0xe9)).toString('utf8').split('\n');
    const position = `${before.length}:${before.at(-1)!.length + 1}`;
    const line = `${position}  error  Byte 0xE9 is not valid UTF-8 (Latin-1 or another 8-bit encoding?); IoT Hub expects UTF-8: save the file as UTF-8.`;
    expect(runCli(['--fix', 'deployment.json'], { cwd: t.root })).toEqual({ status: 1, stdout: only('deployment.json', line), stderr: '' });
    expect(readFileSync(t.path('deployment.json')).equals(latin1)).toBe(true);
    const stdin = spawnSync(process.execPath, [CLI, '--stdin'], { cwd: t.root, input: latin1, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([stdin.status, stdin.stdout]).toEqual([1, only('stdin.json', line)]);
  });
});

describe('special files', () => {
  it('a FIFO or a link to /dev/zero named on the command line: what it is, exit 2, no hang', () => {
    const t = tree({});
    mkfifo(t.path('fifo.json'));
    symlinkSync('/dev/zero', t.path('zero.json'));
    expect(runCli(['fifo.json'], { cwd: t.root, timeout: SHORT })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: "fifo.json" is a FIFO, not a regular file.\n' });
    expect(runCli(['zero.json'], { cwd: t.root, timeout: SHORT })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: "zero.json" is a character device, not a regular file.\n' });
  });

  it('FIFOs and devices found in a folder are skipped, the manifests beside them linted', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    mkfifo(t.path('fifo.json'));
    symlinkSync('/dev/urandom', t.path('random.json'));
    const run = runCli([], { cwd: t.root, timeout: SHORT });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^\ndeployment\.json\n {2}\d+:\d+ {2}error {2}Module "scorer"/u);
  });

  const configs: [string, (t: ReturnType<typeof tree>) => void, string][] = [
    ['.aseGpurc.json linked to /dev/zero', (t) => symlinkSync('/dev/zero', t.path('.aseGpurc.json')), '.aseGpurc.json: is a character device, not a regular file.'],
    ['a FIFO .aseGpurc', (t) => mkfifo(t.path('.aseGpurc')), '.aseGpurc: is a FIFO, not a regular file.'],
    ['a folder .aseGpurc.yaml', (t) => spawnSync('mkdir', [t.path('.aseGpurc.yaml')]), '.aseGpurc.yaml: is a folder, not a regular file.'],
    ['extends /dev/urandom', (t) => writeFileSync(t.path('.aseGpurc.json'), '{"extends": "/dev/urandom"}'), '../../dev/urandom: is a character device, not a regular file.'],
    ['extends a FIFO', (t) => (mkfifo(t.path('team.json')), writeFileSync(t.path('.aseGpurc.json'), '{"extends": "./team.json"}')), 'team.json: is a FIFO, not a regular file.'],
    ['a 2 MiB .aseGpurc.json', (t) => writeFileSync(t.path('.aseGpurc.json'), `{"rules": {}}${' '.repeat(2 * 1024 * 1024)}`), '.aseGpurc.json: is 2 MiB, over the limit of 1 MiB.'],
    ['the suppressions file linked to /dev/zero', (t) => symlinkSync('/dev/zero', t.path('ase-gpu-lint-suppressions.json')), 'ase-gpu-lint-suppressions.json: cannot read the suppressions file: it is a character device, not a regular file.'],
  ];
  for (const [name, lay, message] of configs) {
    it(`${name}: one line, exit 2, no hang`, () => {
      const t = tree({ 'deployment.json': BEFORE });
      lay(t);
      const run = runCli(['deployment.json'], { cwd: t.root, timeout: SHORT });
      expect(run).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: ${message}\n` });
    });
  }

  it('a cache file that is a FIFO: one line, exit 2, no hang', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': AFTER });
    mkfifo(t.path('.ase-gpu-lint-cache'));
    expect(runCli(['--cache', 'deployment.json'], { cwd: t.root, timeout: SHORT })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: the cache file .ase-gpu-lint-cache is a FIFO, not a regular file.\n' });
  });

  it('explain on a FIFO: one line, exit 2, no hang', () => {
    const t = tree({});
    mkfifo(t.path('fifo.json'));
    const run = runCli(['explain', 'fifo.json'], { cwd: t.root, timeout: SHORT });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('ase-gpu-lint explain: fifo.json is a FIFO, not a regular file.\n');
  });
});

describe('--max-file-size', () => {
  it('a manifest over the limit is refused unread with one line; 0 lifts the limit; a bad value is a usage error', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    const size = Buffer.byteLength(BEFORE);
    const refused = runCli(['--max-file-size', '1K', 'deployment.json'], { cwd: t.root });
    const kib = Number((size / 1024).toFixed(1));
    expect(refused).toEqual({
      status: 1,
      stdout: only('deployment.json', `0:0  error  deployment.json is ${kib} KiB, over the limit of 1 KiB (--max-file-size): it was not linted. Raise the limit with --max-file-size (0: no limit) if this really is a manifest.`),
      stderr: '',
    });
    // Found in a folder, it is reported too (its first bytes show it is a manifest).
    expect(runCli(['--max-file-size', '1024'], { cwd: t.root }).stdout).toBe(refused.stdout);
    expect(runCli(['--max-file-size', '0', 'deployment.json'], { cwd: t.root }).status).toBe(1);
    expect(runCli(['--max-file-size', `${size}`, '--fix', 'deployment.json'], { cwd: t.root }).status).toBe(0);
    expect(t.read('deployment.json')).toBe(AFTER);
    expect(runCli(['--stdin', '--max-file-size', '1K'], { cwd: t.root, input: BEFORE })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: standard input is over the limit of 1 KiB (--max-file-size).\n' });
    expect(runCli(['--max-file-size', 'lots'], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: 'ase-gpu-lint: --max-file-size must be a size in bytes, or with K, M or G (e.g. 64M), or 0 for no limit, got "lots".\n' });
  });
});

describe('every write failure is one line', () => {
  const cases: [string, string[], (t: ReturnType<typeof tree>) => void, string][] = [
    ['-o naming a folder', ['-o', 'reports'], (t) => spawnSync('mkdir', [t.path('reports')]), 'cannot write the report to reports: it is a folder (EISDIR).'],
    ['-o under a file', ['-o', 'deployment.json/report.txt'], () => undefined, 'cannot write the report to deployment.json/report.txt: a part of its path is a file, not a folder (ENOTDIR).'],
    ['-o /dev/full', ['-o', '/dev/full'], () => undefined, 'cannot write the report to /dev/full: the disk is full (ENOSPC).'],
    ['--cache-location under a file', ['--cache', '--cache-location', 'deployment.json/cache'], () => undefined, 'cannot use deployment.json/cache as the cache file: a part of its path is a file, not a folder (ENOTDIR).'],
    ['--cache-location /dev/full', ['--cache', '--cache-location', '/dev/full'], () => undefined, 'the cache file /dev/full is a character device, not a regular file.'],
  ];
  for (const [name, args, lay, message] of cases) {
    it(`${name}: exit 2`, () => {
      const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
      lay(t);
      const run = runCli([...args, 'deployment.json'], { cwd: t.root });
      expect(run).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: ${message}\n` });
    });
  }

  it('an unwritable cache folder: one line, exit 2', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    const run = runCli(['--cache', '--cache-location', '/proc/ase-gpu-lint/cache', 'deployment.json'], { cwd: t.root });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ase-gpu-lint: cannot write the cache to \/proc\/ase-gpu-lint\/cache: [^\n]+\.\n$/u);
    expectNoCrash(run);
  });

  it('standard output on a full disk (/dev/full): one line, exit 2', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [CLI, 'deployment.json'], { cwd: t.root, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([2, 'ase-gpu-lint: cannot write the report to standard output (ENOSPC).\n']);
    } finally {
      closeSync(full);
    }
  });

  it('standard output closed early (| head -1): quiet, with the lint exit code', () => {
    const modules = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`scorer${i}`, { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } }]));
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': manifest(modules) });
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" deployment.json | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: t.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout).toBe('exit=1\n');
    expect(run.stderr).toBe('');
  });
});

describe('damaged state files', () => {
  it('a cache entry of any wrong shape is a cold cache for that file: the same report as without a cache', () => {
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE });
    const cold = runCli(['deployment.json'], { cwd: t.root });
    expect(cold.status).toBe(1);
    expect(runCli(['--cache', 'deployment.json'], { cwd: t.root })).toEqual(cold);
    const data = JSON.parse(t.read('.ase-gpu-lint-cache')) as { entries: Record<string, Record<string, unknown>> };
    const [file] = Object.keys(data.entries);
    const damage: [string, unknown][] = [['messages', null], ['messages', 'x'], ['messages', [null]], ['messages', [{ message: 1 }]], ['suppressedMessages', {}], ['usage', null], ['content', 5]];
    for (const [key, value] of damage) {
      writeFileSync(t.path('.ase-gpu-lint-cache'), JSON.stringify({ ...data, entries: { [file!]: { ...data.entries[file!], [key]: value } } }));
      const run = runCli(['--cache', 'deployment.json'], { cwd: t.root });
      expect({ key, value, run }).toEqual({ key, value, run: cold });
    }
    for (const whole of ['null', '[]', '{"version": 1, "entries": null}', '{']) {
      writeFileSync(t.path('.ase-gpu-lint-cache'), whole);
      expect(runCli(['--cache', 'deployment.json'], { cwd: t.root })).toEqual(cold);
    }
  });

  it('a --cache run reports new findings when only a setting changes (gpuCount)', () => {
    const twoGpus = manifest({ scorer: { createOptions: { 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 2 } }, strategy: { type: 'Recreate' } } } } });
    const config = (gpuCount: number) => onlyRules({ 'ase-gpu/gpu-count': 'error' }, { settings: { gpuCount } });
    const t = tree({ '.aseGpurc': config(2), 'deployment.json': twoGpus });
    expect(runCli(['--cache', 'deployment.json'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
    writeFileSync(t.path('.aseGpurc'), config(1));
    const run = runCli(['--cache', 'deployment.json'], { cwd: t.root });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Module "scorer" asks for 2 nvidia.com/gpu in k8s-experimental.resources.limits, but the GPU device has 1, so the pod stays Pending.');
    writeFileSync(t.path('.aseGpurc'), config(2));
    expect(runCli(['--cache', 'deployment.json'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  const suppressions: [string, string][] = [
    ['{"deployment.json": null}', 'ase-gpu-lint-suppressions.json: "deployment.json" must be an object of rules.'],
    ['{"deployment.json": {"ase-gpu/require-recreate-strategy": null}}', 'ase-gpu-lint-suppressions.json: "deployment.json"["ase-gpu/require-recreate-strategy"] must be { "count": n } with a positive whole number n.'],
    ['{"deployment.json": {"ase-gpu/require-recreate-strategy": {"count": "1"}}}', 'ase-gpu-lint-suppressions.json: "deployment.json"["ase-gpu/require-recreate-strategy"] must be { "count": n } with a positive whole number n.'],
    ['[]', 'ase-gpu-lint-suppressions.json: the suppressions file must be an object of files.'],
    ['{"a": ', 'ase-gpu-lint-suppressions.json: the suppressions file is not valid JSON.'],
  ];
  for (const [content, message] of suppressions) {
    it(`a suppressions file ${content}: one line naming the entry, exit 2`, () => {
      const t = tree({ '.aseGpurc': STRATEGY_ONLY, 'deployment.json': BEFORE, 'ase-gpu-lint-suppressions.json': content });
      expect(runCli(['deployment.json'], { cwd: t.root })).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: ${message}\n` });
    });
  }

  it('--suppress-all with a manifest named __proto__ records it like any other file', () => {
    // A computed key: `'__proto__': x` in a literal would set the prototype, not name a file.
    const t = tree({ '.aseGpurc': STRATEGY_ONLY, ['__proto__']: BEFORE });
    expect(runCli(['--suppress-all', '__proto__'], { cwd: t.root }).status).toBe(0);
    expect(t.read('ase-gpu-lint-suppressions.json')).toBe('{\n  "__proto__": {\n    "ase-gpu/require-recreate-strategy": {\n      "count": 1\n    }\n  }\n}\n');
    expect(runCli(['__proto__'], { cwd: t.root })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('a configuration that extends a host file', () => {
  const SECRET = 'root:$6$s3cretHash:19000:0:99999:7:::\n';
  const cases: [string, string, string][] = [
    ['a file without an extension (/etc/shadow)', 'shadow', 'shadow: is not a configuration file ase-gpu-lint reads (use .aseGpurc, or a .json, .yaml, .yml, .js, .cjs or .mjs file); its content is not shown.'],
    ['a .json file that is not JSON', 'shadow.json', 'shadow.json: cannot be parsed as JSON; its content is not shown.'],
    ['a .yaml file that is not YAML', 'shadow.yaml', 'shadow.yaml: cannot be parsed as YAML at line 2, column 1 (end of the stream or a document separator is expected); its content is not shown.'],
    ['a .yaml file whose keys are no configuration keys', 'passwd.yaml', 'passwd.yaml: is not an ase-gpu-lint configuration (it has top-level keys ase-gpu-lint does not know, not shown here).'],
  ];
  for (const [name, file, message] of cases) {
    it(`${name}: names the file and why, never its content`, () => {
      const t = tree({ 'deployment.json': BEFORE, [file]: file === 'shadow.yaml' ? `s3cret: 1\n- s3cret\n` : file === 'passwd.yaml' ? 's3cret: x\n' : SECRET, '.aseGpurc.json': JSON.stringify({ extends: `./${file}` }) });
      const run = runCli(['deployment.json'], { cwd: t.root });
      expect(run).toEqual({ status: 2, stdout: '', stderr: `ase-gpu-lint: ${message}\n` });
      expect(run.stderr).not.toContain('s3cret');
    });
  }
});
