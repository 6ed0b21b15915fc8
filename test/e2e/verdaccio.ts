import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Node 20 runs 6.8.0; later 6.x want Node 22. */
export const VERDACCIO_VERSION = '6.8.0';
/** The registry never outlives the test run by more than this, even when vitest is killed. */
const MAX_LIFETIME_MS = 20 * 60_000;

export interface LocalRegistry {
  readonly url: string;
  /** An npm user config with the registry and a publish token: pass it as `npm_config_userconfig`. */
  readonly npmrc: string;
  /** The registry's own output, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** verdaccio, installed once per machine into the temporary folder (npm, exact version). */
function verdaccioBin(): string {
  const dir = join(tmpdir(), `ase-gpu-lint-verdaccio-${VERDACCIO_VERSION}`);
  const bin = join(dir, 'node_modules/verdaccio/bin/verdaccio');
  const done = join(dir, '.installed');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `verdaccio@${VERDACCIO_VERSION}`], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    if (install.status !== 0) throw new Error(`npm install verdaccio@${VERDACCIO_VERSION} failed:\n${install.stderr}`);
    writeFileSync(done, '');
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${output()}`);
}

/**
 * A private registry on 127.0.0.1 (a free port, storage in a temporary folder) that serves the packages
 * published to it and takes everything else from registry.npmjs.org. It stops when stop() is called, when
 * the test process goes away, or after MAX_LIFETIME_MS.
 */
export async function startRegistry(ownPackages: readonly string[]): Promise<LocalRegistry> {
  const bin = verdaccioBin();
  const dir = mkdtempSync(join(tmpdir(), 'ase-gpu-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // Our packages are never looked up upstream: what the test installs is what it published.
  const own = ownPackages.map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`).join('');
  writeFileSync(
    join(dir, 'config.yaml'),
    `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    max_fails: 5
    maxage: 30m
packages:
${own}  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
listen: 127.0.0.1:${port}
log: { type: stdout, format: pretty, level: warn }
`,
  );
  writeFileSync(
    join(dir, 'watchdog.cjs'),
    // verdaccio closes its stdin when it creates a user, so the test process is watched by its pid.
    `const parent = ${process.pid};\nsetInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000).unref();\nsetTimeout(() => process.exit(0), ${MAX_LIFETIME_MS}).unref();\n`,
  );
  // Output goes to a file, not a pipe: the tests block in spawnSync while npm talks to the registry, and
  // a full pipe would stall it.
  const logFile = join(dir, 'verdaccio.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--require', join(dir, 'watchdog.cjs'), bin, '--config', join(dir, 'config.yaml')], { cwd: dir, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const output = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, output);
    // A throwaway user: verdaccio answers npm's adduser call with a token.
    const response = await fetch(`${url}-/user/org.couchdb.user:ci`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', password: 'throwaway-password', email: 'ci@example.invalid', type: 'user' }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!token) throw new Error(`verdaccio gave no token (HTTP ${response.status}):\n${output()}`);
    const npmrc = join(dir, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, log: output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
