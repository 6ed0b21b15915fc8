/**
 * Counterparts of
 * edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/edgedeployment/pvc/KubernetesPvcMapperTest.cs:
 * volume Mounts in a manifest and the claims the translation says the pod needs, by name and access mode.
 * The storage class, size and volumeName of a created claim are device settings, not the manifest's: on
 * Azure Stack Edge a share provides the claim.
 */
import { describe, expect } from 'vitest';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('KubernetesPvcMapperTest');

const VOLUME_MOUNTS = [
  { Type: 'volume', ReadOnly: true, Source: 'a-volume', Target: '/tmp/volumea' },
  { Type: 'volume', ReadOnly: false, Source: 'b-volume', Target: '/tmp/volumeb' },
];

function claimsOf(hostConfig: unknown) {
  const t = translateAgent({ modules: { module1: { createOptions: hostConfig === undefined ? {} : { HostConfig: hostConfig } } } });
  const module = t.module('module1');
  return {
    module,
    claims: module.persistentVolumeClaims.map((claim) => [claim.name, claim.accessMode]),
    objects: t.objects('module1').filter((object) => object.kind === 'PersistentVolumeClaim'),
  };
}

/** The claims of the two-Mount configuration, as each storage-class test of the C# class expects them. */
function expectTwoClaims(): void {
  const { claims, objects } = claimsOf({ Mounts: VOLUME_MOUNTS });
  expect(claims).toEqual([
    ['a-volume', 'ReadOnlyMany'],
    ['b-volume', 'ReadWriteMany'],
  ]);
  expect(objects.map((object) => [object.name, (object.body.spec as { accessModes: string[] }).accessModes[0]])).toEqual(claims);
}

describe('KubernetesPvcMapperTest', () => {
  test('NullMountsNoClaims', () => {
    expect(claimsOf({ Mounts: null }).claims).toEqual([]);
  });

  test('NoMountsNoClaims', () => {
    expect(claimsOf(undefined).claims).toEqual([]);
  });

  test('IncompleteMountNoClaims', () => {
    const { claims, module } = claimsOf({ Mounts: [{ Source: 'a-volume', Target: '/tmp/volumea' }] });
    expect(claims).toEqual([]);
    // The deployment mapper throws on the same entry (KubernetesDeploymentMapperTest.FailMapWhenMountWhenMountTypeIsMissing).
    expect(codesOf(module.failures)).toEqual(['mount-incomplete']);
  });

  test('IncompleteMountSourceNoThrows', () => {
    const { claims, module } = claimsOf({ Mounts: [{ Type: 'volume', Target: '/tmp/volumea' }] });
    expect(claims).toEqual([]);
    expect(codesOf(module.failures)).toEqual(['mount-incomplete']);
  });

  test('DefaultStorageClassMappingForVolume', expectTwoClaims);

  test('StorageClassMappingForVolume', expectTwoClaims);

  test('VolumeNameMappingForVolume', expectTwoClaims);

  test('PreferVolumeNameMappingForVolume', () => {
    const { claims } = claimsOf({ Mounts: [VOLUME_MOUNTS[0]] });
    expect(claims).toEqual([['a-volume', 'ReadOnlyMany']]);
  });
});
