import { describe, expect, it } from 'vitest';
import { ENCODINGS } from '../helpers/manifest-builder.js';
import { codes, translate } from './translate-helper.js';

const hostConfig = (config: Record<string, unknown>) => ({ createOptions: { HostConfig: config } });

describe('volumes from Binds, Mounts and k8s-experimental (section 6)', () => {
  it.each(ENCODINGS)('turns "/home/blah" into the hostPath volume "homeblah" (%s)', (encoding) => {
    const t = translate({ modules: { a: hostConfig({ Binds: ['/home/blah:/data', '/Var/Log:/logs:ro', 'nocolon'] }) } }, encoding);
    const a = t.module('a');
    expect(a.volumes.map((volume) => [volume.name, volume.source, volume.hostPath, volume.readOnly])).toEqual([
      ['homeblah', 'binds', { path: '/home/blah', type: 'DirectoryOrCreate' }, false],
      ['varlog', 'binds', { path: '/Var/Log', type: 'DirectoryOrCreate' }, true],
    ]);
    expect(a.volumeMounts.map((mount) => [mount.name, mount.mountPath, mount.readOnly])).toEqual([
      ['homeblah', '/data', false],
      ['varlog', '/logs', true],
    ]);
    expect(t.where(a.volumes[0]!.origin)).toEqual(t.built.at('a', '"/home/blah:/data"'));
    expect(a.volumes[0]!.origin.path).toBe('modules.a.settings.createOptions › HostConfig.Binds[0]');
    expect(codes(a.dropped)).toEqual(['bind-unparsable']);
  });

  it('turns volume Mounts into claims (read-only → ReadOnlyMany) and bind Mounts into hostPaths, bind Mounts first', () => {
    const t = translate({
      modules: {
        a: hostConfig({ Mounts: [
          { Type: 'volume', Source: 'MyShare', Target: '/in' },
          { type: 'Volume', source: 'archive', target: '/archive', ReadOnly: true },
          { Type: 'bind', Source: '/opt/models', Target: '/models', ReadOnly: true },
          { Type: 'tmpfs', Target: '/tmp', Source: 'x' },
        ] }),
      },
    });
    const a = t.module('a');
    // KubernetesDeploymentMapper.CollectModuleVolumes takes every bind Mount before the volume Mounts.
    expect(a.volumes.map((volume) => [volume.name, volume.source, volume.persistentVolumeClaim ?? volume.hostPath])).toEqual([
      ['optmodels', 'mount-bind', { path: '/opt/models', type: 'DirectoryOrCreate' }],
      ['myshare', 'mount-volume', { claimName: 'myshare', readOnly: false }],
      ['archive', 'mount-volume', { claimName: 'archive', readOnly: true }],
    ]);
    expect(a.volumeMounts.map((mount) => mount.mountPath)).toEqual(['/models', '/in', '/archive']);
    expect(a.persistentVolumeClaims.map((claim) => [claim.name, claim.accessMode])).toEqual([
      ['myshare', 'ReadWriteMany'],
      ['archive', 'ReadOnlyMany'],
    ]);
    expect(t.translation.persistentVolumeClaims).toHaveLength(2);
    expect(codes(a.dropped)).toEqual(['mount-type-ignored']);
    expect(codes(a.notes)).toEqual(['claim-required', 'claim-required']);
  });

  it.each(ENCODINGS)('fails a Mount without Type, Source or Target (%s)', (encoding) => {
    const t = translate({ modules: { a: hostConfig({ Mounts: [{ Type: 'bind', Source: '/data', Destination: '/data' }] }) } }, encoding);
    expect(t.module('a').failures.map((issue) => [issue.code, issue.data.missing])).toEqual([['mount-incomplete', 'Target']]);
    expect(t.module('a').volumes).toEqual([]);
  });

  it('keeps the first of two volumes with one sanitised name, preferring a read-write claim', () => {
    const t = translate({ modules: { a: hostConfig({ Binds: ['/Data/x:/one', '/data/x:/two', '/share:/s'], Mounts: [{ Type: 'volume', Source: 'share', Target: '/claim' }] }) } });
    const a = t.module('a');
    expect(a.volumes.map((volume) => [volume.name, volume.source])).toEqual([
      ['datax', 'binds'],
      ['share', 'mount-volume'],
    ]);
    expect(a.dropped.map((issue) => [issue.code, issue.data.name])).toEqual([
      ['volume-deduplicated', 'datax'],
      ['volume-deduplicated', 'share'],
    ]);
    expect(a.volumeMounts.map((mount) => `${mount.name}:${mount.mountPath}`)).toEqual(['datax:/one', 'datax:/two', 'share:/s', 'share:/claim']);
  });

  it('fails host paths that give no usable volume name', () => {
    const t = translate({ modules: { a: hostConfig({ Binds: ['/:/host', `/${'x'.repeat(64)}:/long`] }) } });
    expect(codes(t.module('a').failures)).toEqual(['volume-name-invalid', 'volume-name-invalid']);
  });

  it('puts k8s-experimental volumes first, as written, and checks their names and mounts', () => {
    const t = translate({
      modules: {
        a: {
          createOptions: {
            HostConfig: { Binds: ['/config:/config'] },
            'k8s-experimental': {
              volumes: [
                { volume: { name: 'cache', emptyDir: { medium: 'Memory' } }, volumeMounts: [{ name: 'cache', mountPath: '/dev/shm' }] },
                { volume: { name: 'config', configMap: { name: 'cfg' } }, volumeMounts: [{ name: 'module-config', mountPath: '/config' }] },
                { volume: { name: 'ModuleA', emptyDir: {} } },
              ],
            },
          },
        },
      },
    });
    const a = t.module('a');
    expect(a.volumes.map((volume) => volume.name)).toEqual(['cache', 'config', 'ModuleA', 'config']);
    expect(a.volumes[0]!.spec).toEqual({ name: 'cache', emptyDir: { medium: 'Memory' } });
    expect(a.volumeMounts[1]!.spec).toEqual({ name: 'cache', mountPath: '/dev/shm' });
    expect(a.failures.map((issue) => [issue.code, issue.data.name ?? issue.data.mountPath])).toEqual([
      ['volume-name-collision', 'config'],
      ['volume-name-invalid', 'ModuleA'],
      ['volume-mount-unknown-volume', 'module-config'],
      ['mount-path-duplicate', '/config'],
    ]);
  });

  it('fails the same Binds entry written twice: one volume, two mounts at one path', () => {
    const t = translate({ modules: { a: hostConfig({ Binds: ['/data:/data', '/data:/data'] }) } });
    const a = t.module('a');
    expect(a.volumes.map((volume) => volume.name)).toEqual(['data']);
    expect(a.volumeMounts.map((mount) => mount.mountPath)).toEqual(['/data', '/data']);
    expect(a.failures.map((issue) => [issue.code, issue.data.mountPath])).toEqual([['mount-path-duplicate', '/data']]);
    expect(t.where(a.failures[0]!.origin)).toEqual(t.built.at('a', '"/data:/data"', 2));
  });
});

describe('image pull Secrets (section 9)', () => {
  it('names the Secret after the username and registry host, for credentials an image uses', () => {
    const t = translate({
      modules: { a: { image: 'contoso.azurecr.io/a:1' }, b: { image: 'docker.io/library/b:1' } },
      registryCredentials: {
        acr: { username: 'Contoso', password: 'p', address: 'contoso.azurecr.io' },
        unused: { username: 'other', password: 'p', address: 'other.azurecr.io' },
      },
    });
    expect(t.translation.imagePullSecrets.map((secret) => [secret.name, secret.valid, secret.host, secret.modules.map((module) => module.name)])).toEqual([
      ['contoso-contoso.azurecr.io', true, 'contoso.azurecr.io', ['a']],
    ]);
    expect(t.module('a').deployment.pod.imagePullSecrets).toEqual(['contoso-contoso.azurecr.io']);
    expect(t.module('b').deployment.pod.imagePullSecrets).toEqual([]);
    expect(t.translation.failures).toEqual([]);
  });

  it('fails the Secret name of a 32-character ACR registry, and accepts 31 characters', () => {
    const name32 = 'a'.repeat(32);
    const name31 = 'a'.repeat(31);
    const t = translate({
      modules: { big: { image: `${name32}.azurecr.io/m:1` }, ok: { image: `${name31}.azurecr.io/m:1` } },
      registryCredentials: {
        big: { username: name32, password: 'p', address: `${name32}.azurecr.io` },
        ok: { username: name31, password: 'p', address: `${name31}.azurecr.io` },
      },
    });
    expect(t.translation.imagePullSecrets.map((secret) => secret.valid)).toEqual([false, true]);
    expect(t.translation.failures.map((issue) => [issue.code, issue.module?.name, issue.data.credential])).toEqual([['secret-name-invalid', 'big', 'big']]);
    expect(t.translation.failures[0]!.origin.path).toBe('$edgeAgent.runtime.settings.registryCredentials.big.address');
    expect(t.translation.failures[0]!.message).toContain('longer than 63 characters');
  });

  it('fails the Secret name of an IP-addressed registry', () => {
    const t = translate({
      modules: { a: { image: '10.0.0.5:5000/a:1' } },
      registryCredentials: { local: { username: 'user', password: 'p', address: '10.0.0.5:5000' } },
    });
    // The segments "0", "0" and "5-5000" keep no letter to start with.
    expect(t.translation.imagePullSecrets[0]!.name).toBe('user-10...');
    expect(codes(t.translation.failures)).toEqual(['secret-name-invalid']);
    expect(t.translation.failures[0]!.message).toContain('keeps no letter');
  });

  it('leaves placeholder credentials alone', () => {
    const t = translate({
      modules: { a: { image: 'contoso.azurecr.io/a:1' } },
      registryCredentials: { acr: { username: '$CONTAINER_REGISTRY_USERNAME', password: 'p', address: 'contoso.azurecr.io' } },
    });
    expect(t.translation.imagePullSecrets).toEqual([]);
  });
});
