import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, it } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(REPO_ROOT, 'packages/core/bin/ase-gpu-lint.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a subprocess (the way users and hooks run it). */
export function runCli(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string> } & Pick<SpawnSyncOptions, 'timeout'>): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv,
    timeout: options.timeout ?? 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder tree; paths are relative to its root. `.git` makes the root a repository root. */
export function makeTree(files: Record<string, string>): { root: string; path(relative: string): string; read(relative: string): string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'ase-gpu-cli-'));
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return {
    root,
    path: (relative) => join(root, relative),
    read: (relative) => readFileSync(join(root, relative), 'utf8'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface ModuleSpec {
  image?: string;
  createOptions?: unknown;
  env?: Record<string, string>;
}

/**
 * A deployment manifest in the shape IoT Hub takes (createOptions as JSON strings), laid out with
 * two-space indentation, so tests can locate snippets in it.
 */
export function manifest(modules: Record<string, ModuleSpec>, options: { eol?: string; edgeHubPorts?: boolean } = {}): string {
  const edgeHubOptions = options.edgeHubPorts === false ? {} : { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } } };
  const moduleEntries = Object.fromEntries(
    Object.entries(modules).map(([name, spec]) => [
      name,
      {
        version: '1.0',
        type: 'docker',
        status: 'running',
        restartPolicy: 'always',
        settings: { image: spec.image ?? `contoso.azurecr.io/${name}:1.0`, ...(spec.createOptions !== undefined ? { createOptions: JSON.stringify(spec.createOptions) } : {}) },
        ...(spec.env ? { env: Object.fromEntries(Object.entries(spec.env).map(([key, value]) => [key, { value }])) } : {}),
      },
    ]),
  );
  const document = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1',
          runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', loggingOptions: '' } },
          systemModules: {
            edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.1', createOptions: '{}' } },
            edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.1', createOptions: JSON.stringify(edgeHubOptions) } },
          },
          modules: moduleEntries,
        },
      },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: { up: 'FROM /messages/* INTO $upstream' }, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  return options.eol && options.eol !== '\n' ? text.replace(/\n/gu, options.eol) : text;
}

/** 1-based line and column of the n-th occurrence of a snippet in a text. */
export function locate(text: string, snippet: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  const before = text.slice(0, index);
  const line = before.split(/\r\n|\r|\n/u).length;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, column: index - lineStart + 1 };
}

/** The JSON snippet as it appears inside a string-encoded createOptions. */
export function escaped(snippet: string): string {
  return JSON.stringify(snippet).slice(1, -1);
}

export function rc(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Only the named rules, so that a test's findings do not depend on the rest of the catalogue. */
export function onlyRules(rules: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return rc({ root: true, extends: [], rules, ...extra });
}

/** `it` with room for tests that run the CLI as a subprocess, some several times, on a busy machine. */
export function slowIt(timeout = 180_000): (name: string, fn: () => void) => void {
  return (name, fn) => it(name, fn, timeout);
}

/**
 * `tree(files)`: a temporary repository (a `.git` marks its root) with those files, removed after each
 * test of the file that calls this.
 */
export function treesCleanedAfterEach(): (files: Record<string, string>) => ReturnType<typeof makeTree> {
  const trees: { cleanup(): void }[] = [];
  afterEach(() => {
    while (trees.length > 0) trees.pop()!.cleanup();
  });
  return (files) => {
    const created = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
    trees.push(created);
    return created;
  };
}
