import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExplain } from '../../src/explain/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../..');

async function explain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, callback) {
        append(String(chunk));
        callback();
      },
    });
  const code = await runExplain(args, { stdout: sink((text) => (stdout += text)), stderr: sink((text) => (stderr += text)), cwd: root });
  return { code, stdout, stderr };
}

/** The bundled example manifests, and this suite's own. */
function manifests(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) found.push(relative(root, path));
    }
  };
  for (const dir of ['fixtures/examples', 'fixtures/clean', 'fixtures/migration']) walk(join(root, dir));
  return [...found, ...['rejected.json', 'migrating.json'].map((name) => relative(root, join(here, 'fixtures', name)))];
}

const snapshotName = (file: string): string => file.replace(/^packages\/core\/tests\/explain\//u, '').replace(/[/\\]/gu, '__').replace(/\.json$/u, '');

describe('ase-gpu-lint explain', () => {
  it.each(manifests())('explains %s', async (file) => {
    const result = await explain(['explain', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`__snapshots__/${snapshotName(file)}.yaml`);
  });

  it('says which module breaks a deployment the agent rejects, and how', async () => {
    const { stdout, code } = await explain(['packages/core/tests/explain/fixtures/rejected.json']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '# The agent would reject this deployment. Module "dns_server" breaks it first: the agent refuses the whole deployment before it creates anything. Modules "dns_server", "dnsserver" all become "dnsserver" on Kubernetes; the agent rejects the whole deployment with a name collision.',
    );
    expect(stdout).toContain('# Modules that break it: "dns_server" (2), "dnsserver" (1), "analytics" (2).');
    expect(stdout).toContain('reported by ase-gpu/no-mixed-protocol-ports');
    expect(stdout).toContain('reported by ase-gpu/env-var-names');
    expect(stdout).toContain('reported by ase-gpu/valid-resource-quantities');
  });

  it('tells a migrating team what is not a lint finding', async () => {
    const { stdout } = await explain(['packages/core/tests/explain/fixtures/migrating.json']);
    const account = stdout.slice(stdout.indexOf('# Account of the deployment'));
    expect(account).toContain('Module "CameraCapture" becomes "cameracapture" on Kubernetes');
    expect(account).toContain('gets its own LoadBalancer Service with its own external IP');
    expect(account).toContain('Module "archiver" is stopped: its Deployment has 0 replicas');
    expect(account).toContain('Image "contoso.azurecr.io/camera-capture:latest" is tagged latest or untagged');
    expect(account).toContain('Image "contoso.azurecr.io/archiver" is tagged latest or untagged');
    expect(account).toMatch(/Tty is ignored by the agent on the GPU device\.\n# {5}at modules\.CameraCapture\.settings\.createOptions › Tty \(line \d+, column \d+\)\n/u);
    expect(account).toContain('reported by ase-gpu/no-shm-size');
    expect(account).toContain('reported by ase-gpu/valid-mounts');
    expect(account).toContain('reported by ase-gpu/valid-env');
    expect(account).toContain('reported by ase-gpu/no-ignored-settings');
  });

  it('limits the objects and findings to one module with --module, by manifest or Kubernetes name', async () => {
    const byId = await explain(['explain', 'packages/core/tests/explain/fixtures/migrating.json', '--module', 'CameraCapture']);
    const byName = await explain(['explain', 'packages/core/tests/explain/fixtures/migrating.json', '--module=cameracapture']);
    expect(byId.code).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    expect(byId.stdout.match(/^kind: /gmu)).toEqual(['kind: ', 'kind: ', 'kind: ', 'kind: ']);
    expect(byId.stdout).toContain('kind: PersistentVolumeClaim');
    expect(byId.stdout).not.toContain('archiver');
    expect(byId.stdout).not.toContain('name: edgehub');
  });

  it('prints JSON with the same objects and account', async () => {
    const { stdout, code } = await explain(['packages/core/tests/explain/fixtures/rejected.json', '--format', 'json', '--module', 'analytics']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      profile: { kubernetesVersion: string };
      modules: { name: string; objects: { kind: string; object: { spec?: { template?: { spec: { containers: { env: { name: string }[] }[] } } } } }[] }[];
      account: { rejected: boolean; breaking: { module: string; stage: string }; failures: { module: string; rule: string; line: number }[] };
    };
    expect(result.profile.kubernetesVersion).toBe('1.27');
    expect(result.modules.map((module) => module.name)).toEqual(['analytics']);
    expect(result.modules[0]!.objects.map((object) => object.kind)).toEqual(['ServiceAccount', 'Deployment']);
    expect(result.modules[0]!.objects[1]!.object.spec!.template!.spec.containers[1]!.env[0]!.name).toBe('Logging:LogLevel:Default');
    expect(result.account.rejected).toBe(true);
    expect(result.account.breaking).toMatchObject({ module: 'dns_server', stage: 'planner' });
    expect(result.account.failures.map((failure) => [failure.module, failure.rule])).toEqual([
      ['analytics', 'ase-gpu/env-var-names'],
      ['analytics', 'ase-gpu/valid-resource-quantities'],
    ]);
  });

  it('judges env names by the device software update', async () => {
    const { stdout } = await explain(['packages/core/tests/explain/fixtures/rejected.json', '--format=json', '--module=analytics', '--ase-version', '2607']);
    const result = JSON.parse(stdout) as { account: { failures: { rule: string }[] } };
    expect(result.account.failures.map((failure) => failure.rule)).toEqual(['ase-gpu/valid-resource-quantities']);
  });

  it('prints its usage with --help', async () => {
    const { stdout, code } = await explain(['explain', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ase-gpu-lint explain <manifest>/u);
  });

  it.each([
    [[], 'name the manifest to explain.'],
    [['a.json', 'b.json'], 'explain takes one manifest, got 2.'],
    [['a.json', '--format', 'xml'], '--format must be yaml or json, not "xml".'],
    [['a.json', '--module'], '--module needs a value.'],
    [['a.json', '--fix'], "Unknown option '--fix'."],
    [['a.json', '--modul', 'x'], 'Unknown option \'--modul\' (did you mean "--module"?).'],
    [['a.json', '--ase-version', '24.03'], '--ase-version: "24.03" is not an Azure Stack Edge update (did you mean "2403"?); known updates: 2008, 2010, 2011, 2101, 2103, 2105, 2106, 2110, 2111, 2202, 2203, 2205, 2207, 2209, 2210, 2301, 2303, 2304, 2309, 2312, 2403, 2607.'],
    [['packages/core/tests/explain/fixtures/missing.json'], 'cannot read packages/core/tests/explain/fixtures/missing.json: ENOENT.'],
    [['packages/core/tests/explain/fixtures/not-a-manifest.json'], 'packages/core/tests/explain/fixtures/not-a-manifest.json is not an IoT Edge deployment manifest'],
    [['packages/core/tests/explain/fixtures/broken.json'], "packages/core/tests/explain/fixtures/broken.json:4:3: Unexpected token '}'."],
    [['packages/core/tests/explain/fixtures/rejected.json', '--module', 'nope'], 'no module "nope" in packages/core/tests/explain/fixtures/rejected.json; its modules are edgeAgent, edgeHub, dns_server, dnsserver, analytics.'],
  ])('exits 2 on %j', async (args, message) => {
    const { stdout, stderr, code } = await explain(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`ase-gpu-lint explain: ${message}`);
  });
});
