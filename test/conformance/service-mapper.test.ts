/**
 * Counterparts of
 * edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/edgedeployment/service/KubernetesServiceMapperTest.cs:
 * the test's ExposedPorts (80/tcp, 5000/udp) and PortBindings (80/tcp → 8080, 5000/udp → 5050) in a
 * manifest, and the Service the translation gives. The mapper's default type is the device profile's
 * `defaultServiceType` (LoadBalancer on Azure Stack Edge).
 */
import { describe, expect } from 'vitest';
import type { ServiceType } from '../../packages/eslint-plugin-ase-gpu/src/settings/device-profile.js';
import { agentClass, translateAgent } from './agent.js';

const test = agentClass('KubernetesServiceMapperTest');

const EXPOSED_PORTS = { '80/tcp': {}, '5000/udp': {} };
const HOST_PORTS = { PortBindings: { '80/tcp': [{ HostPort: '8080' }], '5000/udp': [{ HostPort: '5050' }] } };

function serviceOf(createOptions: unknown, defaultServiceType: ServiceType = 'LoadBalancer') {
  const t = translateAgent({ modules: { module1: { createOptions } }, settings: { defaultServiceType } });
  const object = t.object('module1', 'Service');
  return { t, service: t.module('module1').service, body: object?.body as { metadata: Record<string, unknown>; spec: Record<string, unknown> } | undefined };
}

type Port = { name: string; port: number; targetPort: number; protocol: string };
const portsOf = (body: { spec: Record<string, unknown> } | undefined): Port[] => (body?.spec.ports ?? []) as Port[];

describe('KubernetesServiceMapperTest', () => {
  test('NoPortInOptionsCreatesNoService', () => {
    const { service, t } = serviceOf({});
    expect(service).toBeUndefined();
    expect(t.object('module1', 'Service')).toBeUndefined();
  });

  test('CreateServiceExposedPortsOnlyCreatesClusterIP', () => {
    const { body } = serviceOf({ ExposedPorts: EXPOSED_PORTS });
    expect(body?.spec.type).toBe('ClusterIP');
  });

  test('CreateServiceSetsServiceOptions', () => {
    const { body } = serviceOf({ ExposedPorts: EXPOSED_PORTS, 'k8s-experimental': { serviceOptions: { loadBalancerIP: 'loadBalancerIP', type: 'nodeport' } } }, 'ClusterIP');
    expect(body?.spec.type).toBe('NodePort');
    expect(body?.spec.loadBalancerIP).toBe('loadBalancerIP');
  });

  test('CreateServiceSetsServiceOptionsOverridesSetDefault', () => {
    const { body } = serviceOf({ HostConfig: HOST_PORTS, 'k8s-experimental': { serviceOptions: { loadBalancerIP: 'loadBalancerIP', type: 'clusterIP' } } });
    expect(body?.spec.type).toBe('ClusterIP');
    expect(body?.spec.loadBalancerIP).toBe('loadBalancerIP');
  });

  test('CreateServiceSetsServiceOptionsNoIPOnNullLoadBalancerIP', () => {
    const { body } = serviceOf({ ExposedPorts: EXPOSED_PORTS, 'k8s-experimental': { serviceOptions: { loadBalancerIP: null, type: 'loadBalancer' } } }, 'ClusterIP');
    expect(body?.spec.type).toBe('LoadBalancer');
    expect(body?.spec.loadBalancerIP).toBeUndefined();
  });

  test('CreateServiceSetsServiceOptionsSetDefaultOnNullType', () => {
    const { body } = serviceOf({ HostConfig: HOST_PORTS, 'k8s-experimental': { serviceOptions: { loadBalancerIP: 'loadBalancerIP', type: null } } });
    expect(body?.spec.type).toBe('LoadBalancer');
    expect(body?.spec.loadBalancerIP).toBe('loadBalancerIP');
  });

  test('CreateServiceExposedPortsOnlyCreatesExposedPortService', () => {
    const ports = portsOf(serviceOf({ ExposedPorts: EXPOSED_PORTS }).body);
    expect(ports.find((port) => port.port === 80)).toMatchObject({ name: 'exposedport-80-tcp', protocol: 'TCP' });
    expect(ports.find((port) => port.port === 5000)).toMatchObject({ name: 'exposedport-5000-udp', protocol: 'UDP' });
  });

  test('CreateServiceHostPortsCreatesDefaultServiceType', () => {
    expect(serviceOf({ HostConfig: HOST_PORTS }).body?.spec.type).toBe('LoadBalancer');
  });

  test('CreateServiceHostPortsCreatesHostportService', () => {
    const ports = portsOf(serviceOf({ HostConfig: HOST_PORTS }).body);
    expect(ports.find((port) => port.port === 8080)).toEqual({ name: 'hostport-80-tcp', port: 8080, targetPort: 80, protocol: 'TCP' });
    expect(ports.find((port) => port.port === 5050)).toEqual({ name: 'hostport-5000-udp', port: 5050, targetPort: 5000, protocol: 'UDP' });
  });

  test('CreateServiceExposedAndHostPortsCreatesHostportService', () => {
    const { body } = serviceOf({ ExposedPorts: EXPOSED_PORTS, HostConfig: HOST_PORTS });
    expect(body?.spec.type).toBe('LoadBalancer');
    const ports = portsOf(body);
    expect(ports.find((port) => port.port === 8080)).toEqual({ name: 'hostport-80-tcp', port: 8080, targetPort: 80, protocol: 'TCP' });
    expect(ports.find((port) => port.port === 5050)).toEqual({ name: 'hostport-5000-udp', port: 5050, targetPort: 5000, protocol: 'UDP' });
  });

  test('ServiceNameIsModuleName', () => {
    const { body, service } = serviceOf({ ExposedPorts: EXPOSED_PORTS, HostConfig: HOST_PORTS });
    expect(body?.metadata.name).toBe('module1');
    expect(service?.name).toBe('module1');
  });

  test('ServiceAnnotationsAreLabels', () => {
    const labels = {
      "Complicated Value that doesn't fit in k8s label name": "Complicated Value that doesn't fit in k8s label value",
      Label2: 'Value2',
    };
    const { body } = serviceOf({ ExposedPorts: EXPOSED_PORTS, HostConfig: HOST_PORTS, Labels: labels });
    expect(body?.metadata.annotations).toEqual({
      ComplicatedValuethatdoesntfitink8slabelname: "Complicated Value that doesn't fit in k8s label value",
      Label2: 'Value2',
    });
  });
});
