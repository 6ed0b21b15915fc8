/**
 * Counterparts of
 * edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/KubernetesExperimentalPodParametersTest.cs:
 * each `k8s-experimental` section written in a module's createOptions, and what the translation takes
 * from it. Service options need a Service, so those modules also expose a port.
 */
import { describe, expect } from 'vitest';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('KubernetesExperimentalPodParametersTest');

function withSection(section: unknown, extra: Record<string, unknown> = {}) {
  const createOptions = section === undefined ? extra : { ...extra, 'k8s-experimental': section };
  const t = translateAgent({ modules: { m: { createOptions } } });
  const m = t.module('m');
  return { t, m, pod: m.deployment.pod, container: m.container, deployment: m.deployment };
}

/** Nothing of the section reaches the pod. */
function expectNothingApplied(m: ReturnType<typeof withSection>): void {
  expect(m.pod.nodeSelector).toBeUndefined();
  expect(m.container.resources).toBeUndefined();
  expect(m.pod.volumes).toEqual([]);
  expect(m.pod.securityContext).toBeUndefined();
  expect(m.deployment.strategy).toBeUndefined();
  expect(m.m.service).toBeUndefined();
}

describe('KubernetesExperimentalPodParametersTest', () => {
  test('ReturnsNoneWhenParseMissedOptions', () => {
    // The C# cases are no dictionary and an empty one: createOptions without the section, and none at all.
    const empty = withSection(undefined);
    expectNothingApplied(empty);
    expect(empty.m.dropped).toEqual([]);
    const none = translateAgent({ modules: { m: {} } }).module('m');
    expect(none.deployment.pod.nodeSelector).toBeUndefined();
    expect(none.dropped).toEqual([]);
  });

  test('ReturnsEmptySectionsWhenNoSectionsProvided', () => {
    const m = withSection({});
    expect(m.pod.nodeSelector).toBeUndefined();
    expect(m.m.dropped).toEqual([]);
  });

  test('ReturnsEmptySectionsWhenWrongOptionsProvided', () => {
    const m = withSection('');
    expectNothingApplied(m);
    expect(codesOf(m.m.dropped)).toEqual(['k8s-section-not-object']);
  });

  test('IgnoresUnsupportedOptions', () => {
    const m = withSection({ a: { a: 'b' } });
    expectNothingApplied(m);
    expect(m.m.dropped.map((issue) => [issue.code, issue.data.key])).toEqual([['k8s-unknown-key', 'a']]);
  });

  test('ParsesNoneNodeSelectorExperimentalOptions', () => {
    expect(withSection({ nodeSelector: null }).pod.nodeSelector).toBeUndefined();
  });

  test('ParsesEmptyNodeSelectorExperimentalOptions', () => {
    expect(withSection({ nodeSelector: {} }).pod.nodeSelector?.value).toEqual({});
  });

  test('ParsesSomeNodeSelectorExperimentalOptions', () => {
    expect(withSection({ nodeSelector: { disktype: 'ssd', gpu: 'true' } }).pod.nodeSelector?.value).toEqual({ disktype: 'ssd', gpu: 'true' });
  });

  test('ParsesNoneResourcesExperimentalOptions', () => {
    expect(withSection({ resources: null }).container.resources).toBeUndefined();
  });

  test('ParsesEmptyResourcesExperimentalOptions', () => {
    const m = withSection({ resources: {} });
    expect(m.container.resources).toMatchObject({ limits: [], requests: [] });
    expect(m.t.container('m').resources).toEqual({});
  });

  test('ParsesEmptyRequirementsResourcesExperimentalOptions', () => {
    const m = withSection({ resources: { limits: {}, requests: {} } });
    expect(m.container.resources).toMatchObject({ limits: [], requests: [] });
  });

  test('ParsesSomeResourcesExperimentalOptions', () => {
    const m = withSection({ resources: { limits: { memory: '128Mi' }, requests: { cpu: '250m' } } });
    expect(m.t.container('m').resources).toEqual({ limits: { memory: '128Mi' }, requests: { cpu: '250m' } });
    expect(m.m.failures).toEqual([]);
  });

  test('ParsesNoneVolumesExperimentalOptions', () => {
    expect(withSection({ volumes: null }).pod.volumes).toEqual([]);
  });

  test('ParsesEmptyVolumesExperimentalOptions', () => {
    const m = withSection({ volumes: [] });
    expect(m.pod.volumes).toEqual([]);
    expect(m.container.volumeMounts).toEqual([]);
  });

  test('ParsesVolumesExperimentalOptions', () => {
    const m = withSection({
      volumes: [
        {
          volume: { name: 'ModuleA', configMap: { optional: 'true', defaultMode: 420, items: [{ key: 'config-file', path: 'config.yaml', mode: 420 }], name: 'module-config' } },
          volumeMounts: [{ name: 'module-config', mountPath: '/etc/module/config.yaml', mountPropagation: 'None', readOnly: 'true', subPath: '' }],
        },
      ],
    });
    expect(m.pod.volumes.map((volume) => volume.spec)).toEqual([
      { name: 'ModuleA', configMap: { optional: true, defaultMode: 420, items: [{ key: 'config-file', path: 'config.yaml', mode: 420 }], name: 'module-config' } },
    ]);
    expect(m.container.volumeMounts.map((mount) => mount.spec)).toEqual([
      { name: 'module-config', mountPath: '/etc/module/config.yaml', mountPropagation: 'None', readOnly: true, subPath: '' },
    ]);
    // The agent passes these on as read; the API server then rejects the upper-case volume name and the
    // mount of a volume the pod does not have.
    expect(codesOf(m.m.failures)).toEqual(['volume-name-invalid', 'volume-mount-unknown-volume']);
  });

  test('ParsesNoneSecurityContextExperimentalOptions', () => {
    expect(withSection({ securityContext: null }).pod.securityContext).toBeUndefined();
  });

  test('ParsesEmptySecurityContextExperimentalOptions', () => {
    expect(withSection({ securityContext: {} }).pod.securityContext?.value).toEqual({});
  });

  test('ParsesSomeSecurityContextExperimentalOptions', () => {
    const m = withSection({ securityContext: { runAsGroup: 1001, runAsUser: 1000, runAsNonRoot: true } });
    expect(m.pod.securityContext?.value).toEqual({ runAsGroup: 1001, runAsUser: 1000, runAsNonRoot: true });
  });

  test('ParsesEmptyDeploymentStrategyExperimentalOptions', () => {
    expect(withSection({ strategy: {} }).deployment.strategy?.value).toEqual({});
  });

  test('ParsesSomeDeploymentStrategyExperimentalOptions', () => {
    const m = withSection({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } });
    expect(m.deployment.strategy?.value).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(m.m.failures).toEqual([]);
  });

  const exposed = { ExposedPorts: { '80/tcp': {} } };

  test('ParsesEmptyServiceOptions', () => {
    const service = withSection({ serviceOptions: {} }, exposed).m.service!;
    expect(service.typeSource).toBe('no-port-bindings');
    expect(service.typeOrigin).toBeUndefined();
    expect(service.loadBalancerIP).toBeUndefined();
  });

  test('ParsesServiceOptions', () => {
    const service = withSection({ serviceOptions: { type: 'nodeport', loadbalancerip: '100.1.2.3' } }, exposed).m.service!;
    expect([service.type, service.typeSource]).toEqual(['NodePort', 'service-options']);
    expect(service.loadBalancerIP?.value).toBe('100.1.2.3');
  });

  test('ParsesServiceOptionsTypeOnly', () => {
    const service = withSection({ serviceOptions: { type: 'LoadBalancer' } }, exposed).m.service!;
    expect([service.type, service.typeSource]).toEqual(['LoadBalancer', 'service-options']);
    expect(service.loadBalancerIP).toBeUndefined();
  });

  test('ParsesServiceOptionsLBIPOnly', () => {
    const m = withSection({ serviceOptions: { loadbalancerip: 'any old string' } }, exposed);
    expect(m.m.service!.typeSource).toBe('no-port-bindings');
    expect(m.m.service!.loadBalancerIP?.value).toBe('any old string');
    // Read as written; the API server rejects it.
    expect(codesOf(m.m.failures)).toEqual(['load-balancer-ip-invalid']);
  });
});
