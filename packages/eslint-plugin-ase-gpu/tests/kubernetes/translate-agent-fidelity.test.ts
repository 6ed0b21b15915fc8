import { describe, expect, it } from 'vitest';
import { toKubernetesObjects } from '../../src/kubernetes/objects.js';
import { agentImage } from '../../src/kubernetes/translate.js';
import { DOCKER_HUB_ADDRESS, credentialMatchesImage, imageRegistryDomain, sanitizeDnsLabel } from '../../src/kubernetes/names.js';
import { ENCODINGS } from '../helpers/manifest-builder.js';
import { codes, translate } from './translate-helper.js';

const hostConfig = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ createOptions: { ...extra, HostConfig: config } });

describe('the Service type follows the presence of PortBindings (KubernetesServiceMapper, onlyExposedPorts)', () => {
  it.each(ENCODINGS)('makes a LoadBalancer of ExposedPorts when PortBindings is {} (%s)', (encoding) => {
    const t = translate({ modules: { api: hostConfig({ PortBindings: {} }, { ExposedPorts: { '8080/tcp': {} } }) } }, encoding);
    const service = t.module('api').service!;
    expect(service.type).toBe('LoadBalancer');
    expect(service.typeSource).toBe('device-default');
    expect(service.ports.map((port) => port.name)).toEqual(['exposedport-8080-tcp']);
    expect(t.where(service.portBindings!)).toEqual(t.built.at('api', '"PortBindings"'));
    const note = t.module('api').notes.find((issue) => issue.code === 'external-ip')!;
    expect(t.where(note.origin)).toEqual(t.built.at('api', '"PortBindings"'));
  });

  it('makes a LoadBalancer when every binding lacks a usable HostPort, and sees the TCP+UDP mix of ExposedPorts', () => {
    const t = translate({ modules: { dns: hostConfig({ PortBindings: { '53/udp': [{ HostPort: '' }] } }, { ExposedPorts: { '53/udp': {}, '80/tcp': {} } }) } });
    const dns = t.module('dns');
    expect(dns.service?.type).toBe('LoadBalancer');
    expect(codes(dns.dropped)).toEqual(['binding-without-host-port']);
    expect(codes(dns.failures)).toEqual(['mixed-protocol-load-balancer']);
  });

  it('keeps ClusterIP when PortBindings is null or absent', () => {
    const t = translate({ modules: { a: hostConfig({ PortBindings: null }, { ExposedPorts: { '80/tcp': {} } }), b: { createOptions: { ExposedPorts: { '80/tcp': {} } } } } });
    expect(t.module('a').service?.type).toBe('ClusterIP');
    expect(t.module('b').service?.typeSource).toBe('no-port-bindings');
  });

  it('renders the Service with the module and device labels, selecting by both', () => {
    const t = translate({ modules: { api: { createOptions: { ExposedPorts: { '80/tcp': {} } } } } });
    const service = toKubernetesObjects(t.module('api')).find((object) => object.kind === 'Service')!;
    const labels = { 'net.azure-devices.edge.module': 'api', 'net.azure-devices.edge.deviceid': '<device id>' };
    expect((service.body.metadata as Record<string, unknown>).labels).toEqual(labels);
    expect((service.body.spec as Record<string, unknown>).selector).toEqual(labels);
  });
});

describe('port keys as PortAndProtocol.Parse reads them', () => {
  it.each(ENCODINGS)('reads "80/" and "/81" as TCP ports (%s)', (encoding) => {
    const t = translate({ modules: { web: { createOptions: { ExposedPorts: { '80/': {}, '/81': {}, '82//udp': {} } } } } }, encoding);
    const web = t.module('web');
    expect(web.container.ports.map((port) => `${port.containerPort}/${port.protocol}`)).toEqual(['80/TCP', '81/TCP', '82/UDP']);
    expect(web.dropped).toEqual([]);
    expect(t.where(web.container.ports[0]!.origin)).toEqual(t.built.at('web', '"80/"'));
  });
});

describe('names trimmed to an alphanumeric end (KubeUtils.SanitizeDNSLabel)', () => {
  it('turns "/data-/" into "data", which collides with "/data": one volume is kept', () => {
    expect(sanitizeDnsLabel('/data-/').name).toBe('data');
    const t = translate({ modules: { a: hostConfig({ Binds: ['/data-/:/in', '/data:/out'] }) } });
    const a = t.module('a');
    expect(a.volumes.map((volume) => [volume.name, volume.hostPath?.path])).toEqual([['data', '/data-/']]);
    expect(a.volumeMounts.map((mount) => [mount.name, mount.mountPath])).toEqual([['data', '/in'], ['data', '/out']]);
    expect(codes(a.dropped)).toEqual(['volume-deduplicated']);
    expect(t.where(a.dropped[0]!.origin)).toEqual(t.built.at('a', '"/data:/out"'));
  });
});

describe("Newtonsoft's conversions", () => {
  it.each(ENCODINGS)('reads "true" as true for Privileged and Mounts ReadOnly (%s)', (encoding) => {
    const t = translate({ modules: { a: hostConfig({ Privileged: 'true', Mounts: [{ Type: 'volume', Source: 'share', Target: '/s', ReadOnly: 'True' }] }) } }, encoding);
    const a = t.module('a');
    expect(a.container.privileged?.value).toBe(true);
    expect(a.volumeMounts[0]!.readOnly).toBe(true);
    expect(a.persistentVolumeClaims[0]!.accessMode).toBe('ReadOnlyMany');
    expect(a.failures).toEqual([]);
  });

  it('reads nodeSelector, Labels and env values as strings, as .NET prints them', () => {
    const t = translate({
      modules: {
        a: {
          createOptions: { Labels: { tier: 2, debug: true }, 'k8s-experimental': { nodeSelector: { gpu: true, count: 2, zone: 'a' } } },
          env: { FLAG: { value: true }, COUNT: { value: 3 } },
        },
      },
    });
    const a = t.module('a');
    expect(a.deployment.pod.nodeSelector?.value).toEqual({ gpu: 'True', count: '2', zone: 'a' });
    expect(a.deployment.annotations.map((annotation) => [annotation.key, annotation.value])).toEqual([['tier', '2'], ['debug', 'True']]);
    expect(a.env.filter((variable) => variable.source === 'env-section').map((variable) => [variable.name, variable.value])).toEqual([['FLAG', 'True'], ['COUNT', '3']]);
  });

  it.each(ENCODINGS)('fails values the agent cannot convert: ReadOnly "yes", WorkingDir as an array, a nodeSelector object (%s)', (encoding) => {
    const t = translate(
      {
        modules: {
          a: { createOptions: { WorkingDir: ['/w'], HostConfig: { Mounts: [{ Type: 'bind', Source: '/x', Target: '/x', ReadOnly: 'yes' }] }, 'k8s-experimental': { nodeSelector: { zone: { a: 1 } } } } },
        },
      },
      encoding,
    );
    const a = t.module('a');
    expect(a.failures.map((issue) => [issue.code, issue.data.field])).toEqual([
      ['value-type-invalid', 'WorkingDir'],
      ['value-type-invalid', 'Mounts.ReadOnly'],
      ['value-type-invalid', 'nodeSelector.zone'],
    ]);
    expect(t.where(a.failures[1]!.origin)).toEqual(t.built.at('a', '"yes"'));
    expect(a.container.workingDir).toBeUndefined();
  });

  it('reads a numeric WorkingDir as its text', () => {
    const t = translate({ modules: { a: { createOptions: { WorkingDir: 5 } } } });
    expect(t.module('a').container.workingDir?.value).toBe('5');
  });

  it('coerces "true" in bool members of k8s-experimental volumes and mounts', () => {
    const t = translate({
      modules: {
        a: {
          createOptions: {
            'k8s-experimental': {
              volumes: [{ volume: { name: 'cfg', configMap: { name: 'c', optional: 'true' } }, volumeMounts: [{ name: 'cfg', mountPath: '/etc/c', readOnly: 'true' }] }],
            },
          },
        },
      },
    });
    const a = t.module('a');
    expect(a.volumes[0]!.spec).toEqual({ name: 'cfg', configMap: { name: 'c', optional: true } });
    expect(a.volumeMounts[0]!.readOnly).toBe(true);
  });
});

describe('Mounts as the agent checks them', () => {
  it.each(ENCODINGS)('skips Type "" without failing, fails an empty Source of a volume Mount (%s)', (encoding) => {
    const t = translate({ modules: { a: hostConfig({ Mounts: [{ Type: '', Source: 'x', Target: '/x' }, { Type: 'volume', Source: '', Target: '/y' }] }) } }, encoding);
    const a = t.module('a');
    expect(codes(a.dropped)).toEqual(['mount-type-ignored']);
    expect(a.dropped[0]!.data.type).toBe('');
    expect(codes(a.failures)).toEqual(['volume-name-invalid']);
    expect(a.volumes).toEqual([]);
  });

  it('fails the whole module when a Mount lacks Type', () => {
    const t = translate({ modules: { a: hostConfig({ Mounts: [{ Source: 'x', Target: '/x' }] }) } });
    expect(t.module('a').failures.map((issue) => [issue.code, issue.data.missing])).toEqual([['mount-incomplete', 'Type']]);
  });
});

describe('registry credentials matched against the raw address (DockerUtil.FirstAuthConfig)', () => {
  it('reads the registry of an image as the agent does', () => {
    expect(imageRegistryDomain('contoso.azurecr.io/app:1')).toBe('contoso.azurecr.io');
    expect(imageRegistryDomain('localhost:5000/app')).toBe('localhost:5000');
    expect(imageRegistryDomain('user/app:1')).toBe(DOCKER_HUB_ADDRESS);
    expect(imageRegistryDomain('localhost/app')).toBe(DOCKER_HUB_ADDRESS);
    expect(imageRegistryDomain('nginx:1')).toBeUndefined();
    expect(credentialMatchesImage('https://contoso.azurecr.io', 'contoso.azurecr.io/app:1')).toBe(false);
    expect(credentialMatchesImage('Contoso.AzureCR.io', 'contoso.azurecr.io/app:1')).toBe(true);
  });

  it('attaches no Secret for an https:// address, one for Docker Hub images under index.docker.io/v1/, the first match only', () => {
    const t = translate({
      modules: { acr: { image: 'contoso.azurecr.io/a:1' }, hub: { image: 'contoso/b:1' }, lib: { image: 'nginx:1' }, two: { image: 'fabrikam.azurecr.io/c:1' } },
      registryCredentials: {
        acr: { username: 'contoso', password: 'p', address: 'https://contoso.azurecr.io' },
        hub: { username: 'dockeruser', password: 'p', address: 'https://index.docker.io/v1/' },
        first: { username: 'first', password: 'p', address: 'fabrikam.azurecr.io' },
        second: { username: 'second', password: 'p', address: 'FABRIKAM.azurecr.io' },
      },
    });
    expect(t.module('acr').deployment.pod.imagePullSecrets).toEqual([]);
    expect(t.module('hub').deployment.pod.imagePullSecrets).toEqual(['dockeruser-index.docker.io']);
    expect(t.module('lib').deployment.pod.imagePullSecrets).toEqual([]);
    expect(t.module('two').deployment.pod.imagePullSecrets).toEqual(['first-fabrikam.azurecr.io']);
    expect(t.translation.imagePullSecrets.map((secret) => secret.credential.name)).toEqual(['hub', 'first']);
  });
});

describe('names and annotations of the system modules and the pod', () => {
  it('annotates the pod and the ServiceAccount with the module id, edgeHub without its $', () => {
    const t = translate({ modules: { Camera: { createOptions: { Labels: { team: 'vision' } } } } });
    const camera = t.module('Camera');
    expect(camera.deployment.podAnnotations).toEqual({ team: 'vision', 'net.azure-devices.edge.original-moduleid': 'Camera' });
    const hub = t.module('edgeHub');
    expect(hub.name).toBe('edgehub');
    expect(hub.serviceAccount.annotations).toEqual({ 'net.azure-devices.edge.original-moduleid': 'edgeHub' });
    const deployment = toKubernetesObjects(hub).find((object) => object.kind === 'Deployment')!;
    const template = (deployment.body.spec as { template: { metadata: { annotations: Record<string, string> } } }).template;
    expect(template.metadata.annotations).toEqual({ 'net.azure-devices.edge.original-moduleid': 'edgeHub' });
  });

  it('fails two Labels keys that give one annotation key', () => {
    const t = translate({ modules: { a: { createOptions: { Labels: { 'Contoso.com/tier': 'a', 'contoso.com/tier': 'b' } } } } });
    const a = t.module('a');
    expect(a.failures.map((issue) => [issue.code, issue.data.annotation])).toEqual([['annotation-key-collision', 'contoso.com/tier']]);
    expect(t.where(a.failures[0]!.origin)).toEqual(t.built.at('a', '"contoso.com/tier"'));
  });
});

describe("the modes as the agent's bool? (IsHostNetwork, IsHostIpc, IsHostPid)", () => {
  it('sets false for a mode other than host and leaves dnsPolicy unset', () => {
    const t = translate({ modules: { a: hostConfig({ NetworkMode: 'bridge', IpcMode: 'private', PidMode: 'HOST' }) } });
    const pod = t.module('a').deployment.pod;
    expect([pod.modes.hostNetwork?.value, pod.modes.hostIPC?.value, pod.modes.hostPID?.value]).toEqual([false, false, true]);
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.hostPID?.value).toBe(true);
    const deployment = toKubernetesObjects(t.module('a')).find((object) => object.kind === 'Deployment')!;
    const spec = (deployment.body.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect([spec.hostNetwork, spec.hostIPC, spec.hostPID, spec.dnsPolicy]).toEqual([false, false, true, undefined]);
  });
});

describe('the image as DockerConfig reads it', () => {
  it('adds :latest to an untagged image, keeps tags and digests, trims', () => {
    expect(agentImage('contoso.azurecr.io/app')).toBe('contoso.azurecr.io/app:latest');
    expect(agentImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(agentImage(' app:1 ')).toBe('app:1');
    expect(agentImage('app@sha256:abc')).toBe('app@sha256:abc');
    expect(agentImage('app:')).toBeUndefined();
    expect(agentImage('a:b:c')).toBeUndefined();
  });

  it.each(ENCODINGS)('puts the read image in the container and fails one the agent rejects, at settings.image (%s)', (encoding) => {
    const t = translate({ modules: { a: { image: 'contoso.azurecr.io/app' }, b: { image: 'contoso.azurecr.io/app:' } } }, encoding);
    expect(t.module('a').container.image?.value).toBe('contoso.azurecr.io/app:latest');
    const b = t.module('b');
    expect(codes(b.failures)).toEqual(['image-invalid']);
    expect(b.failures[0]!.origin.path).toBe('modules.b.settings.image');
  });

  it('reads serviceOptions.type with surrounding spaces, as Enum.TryParse does', () => {
    const t = translate({ modules: { a: { createOptions: { ExposedPorts: { '80/tcp': {} }, 'k8s-experimental': { serviceOptions: { type: ' NodePort ' } } } } } });
    expect(t.module('a').service?.type).toBe('NodePort');
  });
});

describe('untyped createOptions keys that differ only by case (CombinedKubernetesConfigProvider)', () => {
  it.each(ENCODINGS)('fails "Cmd" beside "cmd", not "Env" beside "env" (%s)', (encoding) => {
    const t = translate({ modules: { a: { createOptions: { Cmd: ['a'], cmd: ['b'], Env: ['A=1'], env: ['B=2'] } } } }, encoding);
    const a = t.module('a');
    expect(a.failures.map((issue) => [issue.code, issue.data.key, issue.data.other])).toEqual([['create-options-key-case-collision', 'cmd', 'Cmd']]);
    expect(t.where(a.failures[0]!.origin)).toEqual(t.built.at('a', '"cmd"'));
  });
});
