import { describe, expect, it } from 'vitest';
import { ENCODINGS } from '../helpers/manifest-builder.js';
import { codes, translate } from './translate-helper.js';

const ports = (t: ReturnType<typeof translate>, module: string) =>
  t.module(module).service?.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.targetPort, protocol: port.protocol }));

describe('ports and the Service (section 5)', () => {
  it.each(ENCODINGS)('names exposed ports exposedport-<port>-<proto> and makes a ClusterIP Service (%s)', (encoding) => {
    const t = translate({ modules: { api: { createOptions: { ExposedPorts: { '8080/tcp': {}, '5000/udp': {}, '9000': {} } } } } }, encoding);
    const api = t.module('api');
    // JavaScript lists the integer-like key "9000" first when the builder serialises the object.
    expect(ports(t, 'api')).toEqual([
      { name: 'exposedport-9000-tcp', port: 9000, targetPort: 9000, protocol: 'TCP' },
      { name: 'exposedport-8080-tcp', port: 8080, targetPort: 8080, protocol: 'TCP' },
      { name: 'exposedport-5000-udp', port: 5000, targetPort: 5000, protocol: 'UDP' },
    ]);
    expect(api.container.ports.map((port) => `${port.containerPort}/${port.protocol}`)).toEqual(['9000/TCP', '8080/TCP', '5000/UDP']);
    expect(api.service?.type).toBe('ClusterIP');
    expect(api.service?.typeSource).toBe('no-port-bindings');
    expect(t.where(api.service!.ports[1]!.origin)).toEqual(t.built.at('api', '"8080/tcp"'));
    expect(api.service!.ports[1]!.origin.path).toBe('modules.api.settings.createOptions › ExposedPorts["8080/tcp"]');
    expect(api.failures).toEqual([]);
    expect(codes(api.notes)).toEqual(['cluster-address']);
  });

  it.each(ENCODINGS)('names bindings hostport-<containerPort>-<proto>, port = HostPort, LoadBalancer by default (%s)', (encoding) => {
    const t = translate({ modules: { camera: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } } } } }, encoding);
    const camera = t.module('camera');
    expect(ports(t, 'camera')).toEqual([{ name: 'hostport-80-tcp', port: 8080, targetPort: 80, protocol: 'TCP' }]);
    expect(camera.service?.type).toBe('LoadBalancer');
    expect(camera.service?.typeSource).toBe('device-default');
    const origin = camera.service!.ports[0]!.origin;
    expect(origin.path).toBe('modules.camera.settings.createOptions › HostConfig.PortBindings["80/tcp"][0].HostPort');
    expect(t.where(origin)).toEqual(t.built.at('camera', '"8080"'));
    expect(codes(camera.notes)).toEqual(['external-ip', 'cluster-address']);
    expect(camera.notes[1]!.message).toBe('Other modules reach "camera" at camera:8080.');
  });

  it('merges 53/tcp and 53/udp into one port, keeping the last, and says what was lost', () => {
    const t = translate({ modules: { dns: { createOptions: { ExposedPorts: { '53/tcp': {}, '53/udp': {} } } } } });
    const dns = t.module('dns');
    expect(ports(t, 'dns')).toEqual([{ name: 'exposedport-53-udp', port: 53, targetPort: 53, protocol: 'UDP' }]);
    expect(dns.service?.candidatePorts).toHaveLength(2);
    expect(codes(dns.dropped)).toEqual(['port-merged']);
    expect(dns.dropped[0]!.data).toMatchObject({ name: 'exposedport-53-tcp', keptName: 'exposedport-53-udp' });
    expect(t.where(dns.dropped[0]!.origin)).toEqual(t.built.at('dns', '"53/tcp"'));
  });

  it('lets a binding replace an exposed port of the same number in its place', () => {
    const t = translate({ modules: { web: { createOptions: { ExposedPorts: { '8080/tcp': {}, '9090/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } } } } });
    expect(ports(t, 'web')).toEqual([
      { name: 'hostport-80-tcp', port: 8080, targetPort: 80, protocol: 'TCP' },
      { name: 'exposedport-9090-tcp', port: 9090, targetPort: 9090, protocol: 'TCP' },
    ]);
    expect(t.module('web').dropped.map((issue) => [issue.code, issue.data.name])).toEqual([['port-merged', 'exposedport-8080-tcp']]);
  });

  it('loses nothing when an exposed port and a binding listen alike', () => {
    const t = translate({ modules: { web: { createOptions: { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } } } } });
    expect(ports(t, 'web')).toEqual([{ name: 'hostport-80-tcp', port: 80, targetPort: 80, protocol: 'TCP' }]);
    expect(t.module('web').dropped).toEqual([]);
  });

  it('drops bindings without a usable HostPort, and creates no Service when nothing is left', () => {
    const t = translate({ modules: { a: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{}], '81/tcp': [{ HostPort: '' }], '82/tcp': [{ HostPort: '8000-8010' }] } } } } } });
    const a = t.module('a');
    expect(a.service).toBeUndefined();
    expect(codes(a.dropped)).toEqual(['binding-without-host-port', 'binding-without-host-port', 'binding-without-host-port']);
    expect(t.where(a.dropped[2]!.origin)).toEqual(t.built.at('a', '"8000-8010"'));
    expect(t.translation.services.map((service) => service.name)).toEqual(['edgehub']);
  });

  it('drops port keys that are ranges or unknown protocols, and notes HostIp as ignored', () => {
    const t = translate({ modules: { a: { createOptions: { ExposedPorts: { '8000-8010/tcp': {}, '80/http': {}, '1/tcp/x': {} }, HostConfig: { PortBindings: { '90/tcp': [{ HostIp: '127.0.0.1', HostPort: '90' }] } } } } } });
    const a = t.module('a');
    expect(codes(a.dropped)).toEqual(['port-key-invalid', 'port-key-invalid', 'port-key-invalid', 'host-ip-ignored']);
    expect(ports(t, 'a')).toEqual([{ name: 'hostport-90-tcp', port: 90, targetPort: 90, protocol: 'TCP' }]);
  });

  it('fails ports outside 1-65535', () => {
    const t = translate({ modules: { a: { createOptions: { ExposedPorts: { '70000/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '0' }] } } } } } });
    expect(codes(t.module('a').failures)).toEqual(['port-out-of-range', 'port-out-of-range']);
    expect(t.module('a').service).toBeUndefined();
  });

  it('fails duplicate port names: one container port bound to two HostPorts', () => {
    const t = translate({ modules: { a: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }, { HostPort: '8081' }] } } } } } });
    expect(ports(t, 'a')!.map((port) => port.name)).toEqual(['hostport-80-tcp', 'hostport-80-tcp']);
    expect(codes(t.module('a').failures)).toEqual(['duplicate-port-name']);
    expect(t.where(t.module('a').failures[0]!.origin)).toEqual(t.built.at('a', '"8081"'));
  });

  const mixed = { createOptions: { HostConfig: { PortBindings: { '5000/tcp': [{ HostPort: '5000' }], '5001/udp': [{ HostPort: '5001' }] } } } };

  it('fails TCP and UDP on one LoadBalancer Service unless the profile allows mixed protocols', () => {
    const t = translate({ modules: { a: mixed } });
    expect(codes(t.module('a').failures)).toEqual(['mixed-protocol-load-balancer']);
    expect(t.where(t.module('a').failures[0]!.origin)).toEqual(t.built.at('a', '"5001"'));
    expect(translate({ modules: { a: mixed } }, 'string', { mixedProtocolLoadBalancer: true }).module('a').failures).toEqual([]);
  });

  it('accepts mixed protocols on a ClusterIP Service', () => {
    const clusterIp = { createOptions: { ...mixed.createOptions, 'k8s-experimental': { serviceOptions: { type: 'clusterip' } } } };
    const t = translate({ modules: { a: clusterIp } });
    expect(t.module('a').service?.type).toBe('ClusterIP');
    expect(t.module('a').service?.typeSource).toBe('service-options');
    expect(t.module('a').failures).toEqual([]);
    expect(codes(t.module('a').notes)).toEqual(['cluster-address']);
  });

  it('takes the PortBindings type from the profile', () => {
    const t = translate({ modules: { a: mixed } }, 'string', { defaultServiceType: 'NodePort' });
    expect(t.module('a').service?.type).toBe('NodePort');
  });

  it('falls back to the default for an unknown serviceOptions.type, and reads loadBalancerIP', () => {
    const t = translate({ modules: { a: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } }, 'k8s-experimental': { serviceOptions: { type: 'External', loadBalancerIP: '10.0.0.9' } } } } } });
    const a = t.module('a');
    expect(a.service?.type).toBe('LoadBalancer');
    expect(a.service?.loadBalancerIP?.value).toBe('10.0.0.9');
    expect(codes(a.dropped)).toEqual(['service-type-unknown']);
  });

  it('fails a loadBalancerIP that is not IPv4, and drops one on a ClusterIP Service', () => {
    const bad = translate({ modules: { a: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } }, 'k8s-experimental': { serviceOptions: { loadBalancerIP: '10.0.0' } } } } } });
    expect(codes(bad.module('a').failures)).toEqual(['load-balancer-ip-invalid']);
    const unused = translate({ modules: { a: { createOptions: { ExposedPorts: { '80/tcp': {} }, 'k8s-experimental': { serviceOptions: { loadBalancerIP: '10.0.0.5' } } } } } });
    expect(codes(unused.module('a').dropped)).toEqual(['load-balancer-ip-unused']);
  });

  it('drops serviceOptions of a module without ports', () => {
    const t = translate({ modules: { a: { createOptions: { 'k8s-experimental': { serviceOptions: { type: 'LoadBalancer' } } } } } });
    expect(t.module('a').service).toBeUndefined();
    expect(codes(t.module('a').dropped)).toEqual(['service-options-unused']);
  });

  it('gives edgeHub its LoadBalancer Service on the HostPorts', () => {
    const t = translate({ modules: {} });
    const hub = t.module('edgeHub');
    expect(hub.service?.ports.map((port) => port.name)).toEqual(['hostport-5671-tcp', 'hostport-8883-tcp', 'hostport-443-tcp']);
    expect(hub.service?.type).toBe('LoadBalancer');
  });
});
