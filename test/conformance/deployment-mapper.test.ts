/**
 * Counterparts of edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/KubernetesDeploymentMapperTest.cs:
 * the test's createOptions written in a manifest, and the Deployment the translation renders. The proxy
 * container's volumes, resources and pull secret are device settings: the assertions here are on the
 * module's part of the pod.
 */
import { describe, expect } from 'vitest';
import { agentClass, codesOf, translateAgent, type AgentManifest } from './agent.js';

const test = agentClass('KubernetesDeploymentMapperTest');

const VOLUME_MOUNT = { Mounts: [{ Type: 'volume', ReadOnly: true, Source: 'a-volume', Target: '/tmp/volume' }] };

function deploymentOf(createOptions: unknown, extra: Partial<AgentManifest> & { status?: string } = {}) {
  const { status, ...rest } = extra;
  const t = translateAgent({ modules: { module1: { createOptions, ...(status ? { status } : {}) } }, ...rest });
  const module1 = t.module('module1');
  const deployment = t.object('module1', 'Deployment')!.body as { spec: { replicas: number; strategy?: unknown; template: { metadata: Record<string, unknown>; spec: Record<string, unknown> } } };
  const pod = deployment.spec.template.spec;
  const containers = pod.containers as Record<string, unknown>[];
  return { t, module1, deployment, pod, container: containers.find((container) => container.name !== 'proxy')!, containers };
}

type Mount = { name: string; mountPath: string; readOnly?: boolean };
type PodVolume = { name: string; persistentVolumeClaim?: { claimName: string; readOnly?: boolean }; hostPath?: { path: string } };
const mountsOf = (container: Record<string, unknown>): Mount[] => (container.volumeMounts ?? []) as Mount[];
const volumesOf = (pod: Record<string, unknown>): PodVolume[] => (pod.volumes ?? []) as PodVolume[];

/** PvcMappingByDefault and its variants: the volume Mount becomes a read-only claim volume and mount. */
function expectReadOnlyClaimVolume(createOptions: unknown = { HostConfig: VOLUME_MOUNT }): void {
  const { pod, container } = deploymentOf(createOptions);
  const volume = volumesOf(pod).find((candidate) => candidate.name === 'a-volume')!;
  expect(volume.persistentVolumeClaim).toEqual({ claimName: 'a-volume', readOnly: true });
  expect(mountsOf(container).filter((mount) => mount.name === 'a-volume')).toEqual([{ name: 'a-volume', mountPath: '/tmp/volume', readOnly: true }]);
}

const CONFIG_MAP_VOLUME = { volume: { name: 'additional-volume', configMap: { name: 'additional-config-map' } }, volumeMounts: [{ name: 'additional-volume', mountPath: '/etc' }] };

describe('KubernetesDeploymentMapperTest', () => {
  test('EmptyIsNotAllowedAsPodAnnotation', () => {
    const { module1 } = deploymentOf({ Labels: { '': 'test' } });
    expect(codesOf(module1.failures)).toEqual(['annotation-key-invalid']);
  });

  test('SimpleDeploymentCreationHappyPath', () => {
    expect(deploymentOf({}).deployment.spec.replicas).toBe(1);
  });

  test('SimpleDeploymentStoppedHasZeroReplicas', () => {
    expect(deploymentOf({}, { status: 'stopped' }).deployment.spec.replicas).toBe(0);
  });

  test('ValidatePodPropertyTranslation', () => {
    const { deployment, pod, containers, container } = deploymentOf({ Labels: { demo: 'test' }, HostConfig: { Privileged: true, Binds: ['/home/blah:/home/blah2:ro'] } });
    expect(deployment.spec.template.metadata.annotations).toHaveProperty('demo', 'test');
    expect(containers.map((candidate) => candidate.name)).toEqual(['proxy', 'module1']);
    expect(container.securityContext).toEqual({ privileged: true });
    expect(mountsOf(container)).toEqual([{ name: 'homeblah', mountPath: '/home/blah2', readOnly: true }]);
    expect(volumesOf(pod).map((volume) => volume.name)).toEqual(['homeblah']);
    expect(pod.imagePullSecrets).toBeUndefined();
    expect(pod.securityContext).toBeUndefined();
  });

  test('PvcMappingByDefault', () => expectReadOnlyClaimVolume());

  test('PvcMappingForVolumeNameVolume', () => expectReadOnlyClaimVolume());

  test('VolumeMountEliminateDuplicates', () => {
    const hostConfig = {
      Binds: ['/home/bind:/home/bind1', '/home/bind:/home/bind2:ro'],
      Mounts: [
        { Type: 'volume', ReadOnly: true, Source: 'a-volume', Target: '/tmp/volume1' },
        { Type: 'volume', ReadOnly: false, Source: 'a-volume', Target: '/tmp/volume2' },
        { Type: 'volume', ReadOnly: true, Source: 'b-volume', Target: '/tmp/volume3' },
        { Type: 'volume', ReadOnly: true, Source: 'b-volume', Target: '/tmp/volume4' },
        { Type: 'Bind', ReadOnly: true, Source: '/home/data/test', Target: '/home/test1' },
        { Type: 'Bind', ReadOnly: false, Source: '/home/data/test', Target: '/home/test2' },
      ],
    };
    const { pod, container, module1 } = deploymentOf({ HostConfig: hostConfig });
    const volumes = volumesOf(pod);
    expect(volumes.map((volume) => volume.name)).toEqual(['homebind', 'homedatatest', 'a-volume', 'b-volume']);
    expect(volumes.find((volume) => volume.name === 'a-volume')!.persistentVolumeClaim).toEqual({ claimName: 'a-volume' });
    expect(volumes.find((volume) => volume.name === 'b-volume')!.persistentVolumeClaim).toEqual({ claimName: 'b-volume', readOnly: true });
    expect(volumes.find((volume) => volume.name === 'homedatatest')!.hostPath?.path).toBe('/home/data/test');
    expect(volumes.find((volume) => volume.name === 'homebind')!.hostPath?.path).toBe('/home/bind');
    const readOnly = (name: string, mountPath: string) => mountsOf(container).filter((mount) => mount.name === name && mount.mountPath === mountPath).map((mount) => mount.readOnly === true);
    expect(readOnly('a-volume', '/tmp/volume1')).toEqual([true]);
    expect(readOnly('a-volume', '/tmp/volume2')).toEqual([false]);
    expect(readOnly('b-volume', '/tmp/volume3')).toEqual([true]);
    expect(readOnly('b-volume', '/tmp/volume4')).toEqual([true]);
    expect(readOnly('homedatatest', '/home/test1')).toEqual([true]);
    expect(readOnly('homedatatest', '/home/test2')).toEqual([false]);
    expect(readOnly('homebind', '/home/bind1')).toEqual([false]);
    expect(readOnly('homebind', '/home/bind2')).toEqual([true]);
    expect(mountsOf(container)).toHaveLength(8);
    expect(module1.failures).toEqual([]);
  });

  test('PvcMappingForStorageClassVolume', () => expectReadOnlyClaimVolume());

  test('PvcMappingForDefaultStorageClassVolume', () => expectReadOnlyClaimVolume());

  test('PvcMappingForPVVolumeExtended', () => {
    const section = { volumes: [{ volume: { name: 'module-config' }, volumeMounts: [{ name: 'module-config', mountPath: '/etc/module', mountPropagation: 'None', readOnly: 'true', subPath: '' }] }] };
    const { pod, container } = deploymentOf({ HostConfig: VOLUME_MOUNT, 'k8s-experimental': section });
    expect(volumesOf(pod).map((volume) => volume.name)).toContain('module-config');
    expect(mountsOf(container).filter((mount) => mount.name === 'module-config').map((mount) => mount.mountPath)).toEqual(['/etc/module']);
  });

  test('AppliesNodeSelectorFromCreateOptionsToPodSpec', () => {
    expect(deploymentOf({ 'k8s-experimental': { nodeSelector: { disktype: 'ssd' } } }).pod.nodeSelector).toEqual({ disktype: 'ssd' });
  });

  test('LeaveNodeSelectorEmptyWhenNothingProvidedInCreateOptions', () => {
    expect(deploymentOf({}).pod).not.toHaveProperty('nodeSelector');
  });

  test('AppliesResourcesFromCreateOptionsToContainerSpec', () => {
    const resources = {
      limits: { memory: '128Mi', cpu: '500M', 'hardware-vendor.example/foo': 2 },
      requests: { memory: '64Mi', cpu: '250M', 'hardware-vendor.example/foo': 1 },
    };
    const { container, module1 } = deploymentOf({ 'k8s-experimental': { resources } });
    expect(container.resources).toEqual(resources);
    // The agent passes them on; the API server then requires an extended resource's request to equal its limit.
    expect(module1.failures.map((issue) => [issue.code, issue.data.resource])).toEqual([['extended-resource-invalid', 'hardware-vendor.example/foo']]);
  });

  test('LeaveResourcesEmptyWhenNothingProvidedInCreateOptions', () => {
    expect(deploymentOf({}).container).not.toHaveProperty('resources');
  });

  test('AppliesVolumesFromCreateOptionsToContainerSpec', () => {
    const { pod, container } = deploymentOf({ 'k8s-experimental': { volumes: [CONFIG_MAP_VOLUME] } });
    expect(mountsOf(container)).toEqual([{ name: 'additional-volume', mountPath: '/etc' }]);
    expect(volumesOf(pod)).toEqual([{ name: 'additional-volume', configMap: { name: 'additional-config-map' } }]);
  });

  test('AddsVolumesFromCreateOptionsToContainerSpecEvenIfTheyOverrideExistingOnes', () => {
    const section = { volumes: [{ volume: { name: 'homeblah', configMap: { name: 'additional-config-map' } }, volumeMounts: [{ name: 'homeblah', mountPath: '/home/blah' }] }] };
    const { pod, container, module1 } = deploymentOf({ HostConfig: { Binds: ['/home/blah:/home/blah2:ro'] }, 'k8s-experimental': section });
    expect(mountsOf(container).filter((mount) => mount.name === 'homeblah')).toHaveLength(2);
    expect(volumesOf(pod).filter((volume) => volume.name === 'homeblah')).toHaveLength(2);
    // Two volumes of one name: the API server rejects the Deployment.
    expect(codesOf(module1.failures)).toEqual(['volume-name-collision']);
  });

  test('LeaveVolumesIntactWhenNothingProvidedInCreateOptions', () => {
    const { pod, container } = deploymentOf({});
    expect(pod).not.toHaveProperty('volumes');
    expect(mountsOf(container)).toEqual([]);
  });

  const REGISTRY: Partial<AgentManifest> = { registryCredentials: { registry1: { username: 'user', password: 'p', address: 'registry1.io' } } };

  test('PassImagePullSecretsInPodSpecForProxyAndModuleContainers', () => {
    const t = translateAgent({ modules: { module1: { image: 'registry1.io/module:1' } }, ...REGISTRY });
    const pod = ((t.object('module1', 'Deployment')!.body.spec as Record<string, unknown>).template as { spec: Record<string, unknown> }).spec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'user-registry1.io' }]);
  });

  test('FailMapWhenMountWhenMountTypeIsMissing', () => {
    const { module1 } = deploymentOf({ HostConfig: { Mounts: [{ ReadOnly: true, Source: 'a-volume', Target: '/tmp/volume' }] } });
    expect(module1.failures.map((issue) => [issue.code, issue.data.missing])).toEqual([['mount-incomplete', 'Type']]);
  });

  test('FailMapWhenMountWhenMountSourceIsMissing', () => {
    const { module1 } = deploymentOf({ HostConfig: { Mounts: [{ Type: 'volume', ReadOnly: true, Target: '/tmp/volume' }] } });
    expect(module1.failures.map((issue) => [issue.code, issue.data.missing])).toEqual([['mount-incomplete', 'Source']]);
  });

  test('FailMapWhenMountWhenMountTargetIsMissing', () => {
    const { module1 } = deploymentOf({ HostConfig: { Mounts: [{ Type: 'volume', ReadOnly: true, Source: 'a-volume' }] } });
    expect(module1.failures.map((issue) => [issue.code, issue.data.missing])).toEqual([['mount-incomplete', 'Target']]);
  });

  test('PassOnlyOneImagePullSecretInPodSpecIfProxyAndModuleContainersHasTheSameImagePullSecrets', () => {
    // Two credentials for one registry: the agent takes the first that matches, once.
    const t = translateAgent({
      modules: { module1: { image: 'registry1.io/module:1' } },
      registryCredentials: { first: { username: 'user', password: 'p', address: 'registry1.io' }, second: { username: 'user', password: 'p', address: 'REGISTRY1.io' } },
    });
    expect(t.module('module1').deployment.pod.imagePullSecrets).toEqual(['user-registry1.io']);
  });

  test('PodSecurityContextFromCreateOptionsOverridesDefaultRunAsNonRootOptionsWhenProvided', () => {
    expect(deploymentOf({ 'k8s-experimental': { securityContext: { runAsNonRoot: true, runAsUser: 0 } } }).pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 0 });
  });

  test('ApplyPodSecurityContextFromCreateOptionsWhenProvided', () => {
    expect(deploymentOf({ 'k8s-experimental': { securityContext: { runAsNonRoot: true, runAsUser: 20001 } } }).pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 20001 });
  });

  test('LeavesStrategyEmptyWhenNotProvided', () => {
    expect(deploymentOf({}).deployment.spec).not.toHaveProperty('strategy');
  });

  test('ApplyDeploymentStrategyWhenProvided', () => {
    expect(deploymentOf({ 'k8s-experimental': { strategy: { type: 'Recreate' } } }).deployment.spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('NoCmdOptionsNoContainerArgs', () => {
    const { container } = deploymentOf({});
    expect(['args', 'command', 'workingDir'].filter((key) => key in container)).toEqual([]);
  });

  test('CmdOptionsContainerArgs', () => {
    expect(deploymentOf({ Cmd: ['argument1', 'argument2'] }).container.args).toEqual(['argument1', 'argument2']);
  });

  test('EntrypointOptionsContainerCommands', () => {
    expect(deploymentOf({ Entrypoint: ['command', 'argument-a'] }).container.command).toEqual(['command', 'argument-a']);
  });

  test('WorkingDirOptionsContainerWorkingDir', () => {
    expect(deploymentOf({ WorkingDir: '/tmp/working' }).container.workingDir).toBe('/tmp/working');
  });

  test('EnvModuleSettingsParseCorrectly', () => {
    const env = ['a=b', 'ALL_EQUALS=====', 'HAS_SPACES=this variable has spaces', 'B=b=c', 'BASE64_TEXT=YmFzZTY0Cg==', '==not a valid env var'];
    const { container, module1 } = deploymentOf({ Env: env });
    const values = container.env as { name: string; value: string }[];
    const valueOf = (name: string) => values.filter((variable) => variable.name === name).map((variable) => variable.value);
    expect(valueOf('a')).toEqual(['b']);
    expect(valueOf('ALL_EQUALS')).toEqual(['====']);
    expect(valueOf('HAS_SPACES')).toEqual(['this variable has spaces']);
    expect(valueOf('B')).toEqual(['b=c']);
    expect(valueOf('BASE64_TEXT')).toEqual(['YmFzZTY0Cg==']);
    expect(values.filter((variable) => variable.value.endsWith('valid env var'))).toEqual([]);
    expect(module1.dropped.map((issue) => [issue.code, issue.data.entry])).toEqual([['env-without-equals', '==not a valid env var']]);
  });

  test('NoIpcNetworkPidDeploymentCreation', () => {
    const { pod } = deploymentOf({});
    expect(['hostIPC', 'hostNetwork', 'dnsPolicy', 'hostPID'].filter((key) => key in pod)).toEqual([]);
  });

  test('HostIpcModeDeploymentCreation', () => {
    expect(deploymentOf({ HostConfig: { IpcMode: 'host' } }).pod.hostIPC).toBe(true);
  });

  test('PrivateIpcModeDeploymentCreation', () => {
    expect(deploymentOf({ HostConfig: { IpcMode: 'private' } }).pod.hostIPC).toBe(false);
  });

  test('HostNetworkModeDeploymentCreation', () => {
    const { pod } = deploymentOf({ HostConfig: { NetworkMode: 'host' } });
    expect([pod.hostNetwork, pod.dnsPolicy]).toEqual([true, 'ClusterFirstWithHostNet']);
  });

  test('BridgeNetworkModeDeploymentCreation', () => {
    const { pod } = deploymentOf({ HostConfig: { NetworkMode: 'bridge' } });
    expect(pod.hostNetwork).toBe(false);
    expect(pod).not.toHaveProperty('dnsPolicy');
  });

  test('HostPidModeDeploymentCreation', () => {
    expect(deploymentOf({ HostConfig: { PidMode: 'host' } }).pod.hostPID).toBe(true);
  });

  test('ContainerPidModeDeploymentCreation', () => {
    expect(deploymentOf({ HostConfig: { PidMode: 'container:module-a' } }).pod.hostPID).toBe(false);
  });
});
