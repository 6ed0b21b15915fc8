import { describe, expect, it } from 'vitest';
import { getTranslation, translateManifest } from '../../src/kubernetes/translate.js';
import { toKubernetesObjects } from '../../src/kubernetes/objects.js';
import { resolveDeviceProfile } from '../../src/settings/device-profile.js';
import { ENCODINGS } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { codes, translate } from './translate-helper.js';

describe('the Deployment (sections 1, 2)', () => {
  it.each(ENCODINGS)('translates the container fields the agent honours (%s)', (encoding) => {
    const t = translate(
      {
        modules: {
          worker: {
            image: 'contoso.azurecr.io/worker:2.1',
            createOptions: {
              Entrypoint: ['/bin/sh', '-c'],
              Cmd: ['run', '--fast'],
              WorkingDir: '/app',
              HostConfig: { Privileged: true, NetworkMode: 'HOST', IpcMode: 'host', PidMode: 'host' },
              'k8s-experimental': { nodeSelector: { gpu: 'true' }, strategy: { type: 'Recreate' }, securityContext: { runAsUser: 1000 } },
            },
          },
        },
      },
      encoding,
    );
    const worker = t.module('worker');
    const pod = worker.deployment.pod;
    expect(pod.containers.map((container) => container.name)).toEqual(['proxy', 'worker']);
    expect(worker.container.image?.value).toBe('contoso.azurecr.io/worker:2.1');
    expect(worker.container.image?.origin.path).toBe('modules.worker.settings.image');
    expect(worker.container.command?.value).toEqual(['/bin/sh', '-c']);
    expect(worker.container.args?.value).toEqual(['run', '--fast']);
    expect(worker.container.workingDir?.value).toBe('/app');
    expect(worker.container.privileged?.value).toBe(true);
    expect(t.where(worker.container.privileged!.origin)).toEqual(t.built.at('worker', 'true'));
    expect(pod.hostNetwork?.value).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.hostIPC?.value).toBe(true);
    expect(pod.hostPID?.value).toBe(true);
    expect(pod.nodeSelector?.value).toEqual({ gpu: 'true' });
    expect(pod.securityContext?.value).toEqual({ runAsUser: 1000 });
    expect(worker.deployment.strategy?.value).toEqual({ type: 'Recreate' });
    expect(worker.deployment.replicas.value).toBe(1);
    expect(worker.deployment.labels).toEqual({ 'net.azure-devices.edge.module': 'worker', 'net.azure-devices.edge.deviceid': '<device id>' });
    expect(worker.serviceAccount.annotations).toEqual({ 'net.azure-devices.edge.original-moduleid': 'worker' });
    expect(worker.failures).toEqual([]);
    expect(worker.dropped).toEqual([]);
  });

  it('gives a stopped module zero replicas, with a note', () => {
    const t = translate({ modules: { idle: { status: 'stopped' } } });
    const idle = t.module('idle');
    expect(idle.deployment.replicas.value).toBe(0);
    expect(idle.deployment.replicas.origin.path).toBe('modules.idle.status');
    expect(codes(idle.notes)).toEqual(['stopped']);
  });

  it('fails Cmd or Entrypoint given as a string', () => {
    const t = translate({ modules: { a: { createOptions: { Cmd: 'python app.py' } } } });
    expect(codes(t.module('a').failures)).toEqual(['command-not-array']);
    expect(t.where(t.module('a').failures[0]!.origin)).toEqual(t.built.at('a', '"python app.py"'));
    expect(t.module('a').container.args).toBeUndefined();
  });

  it('keeps the default network and drops other modes', () => {
    const t = translate({ modules: { a: { createOptions: { HostConfig: { NetworkMode: 'azure-iot-edge', IpcMode: 'shareable' } } } } });
    const a = t.module('a');
    expect(a.deployment.pod.hostNetwork).toBeUndefined();
    expect(a.deployment.pod.dnsPolicy).toBe('ClusterFirst');
    expect(a.dropped.map((issue) => [issue.code, issue.data.field])).toEqual([
      ['ignored-mode', 'HostConfig.NetworkMode'],
      ['ignored-mode', 'HostConfig.IpcMode'],
    ]);
  });

  it('turns Labels into annotations of the pod and the Service, and fails keys it cannot sanitise', () => {
    const t = translate({ modules: { a: { createOptions: { ExposedPorts: { '80/tcp': {} }, Labels: { 'com.contoso/Team': 'vision', '---': 'x' } } } } });
    const a = t.module('a');
    expect(a.deployment.annotations.map((annotation) => [annotation.key, annotation.value])).toEqual([['com.contoso/Team', 'vision']]);
    expect(a.service?.annotations).toBe(a.deployment.annotations);
    expect(codes(a.failures)).toEqual(['annotation-key-invalid']);
  });

  it('notes images Kubernetes always pulls', () => {
    const t = translate({ modules: { a: { image: 'contoso.azurecr.io/a:latest' }, b: { image: 'contoso.azurecr.io/b' }, c: { image: 'localhost:5000/c:1.0' }, d: { image: 'contoso.azurecr.io/d@sha256:abc' } } });
    expect(['a', 'b', 'c', 'd'].map((name) => codes(t.module(name).notes))).toEqual([['image-always-pulled'], ['image-always-pulled'], [], []]);
  });
});

describe('environment (section 7)', () => {
  it.each(ENCODINGS)('orders env section, createOptions.Env, then the agent variables (%s)', (encoding) => {
    const t = translate({ modules: { a: { env: { LOG: { value: 'debug' }, RETRIES: { value: 3 } }, createOptions: { Env: ['MODE=fast', 'EMPTY=', 'NOEQUALS', '=x'] } } } }, encoding);
    const a = t.module('a');
    expect(a.env.map((variable) => `${variable.name}=${variable.value}`)).toEqual([
      'LOG=debug',
      'RETRIES=3',
      'MODE=fast',
      'EMPTY=',
      'IOTEDGE_IOTHUBHOSTNAME=<IoT Hub host name>',
      'IOTEDGE_AUTHSCHEME=sasToken',
      'RuntimeLogLevel=<agent log level>',
      'IOTEDGE_WORKLOADURI=http://localhost:35001',
      'IOTEDGE_MODULEGENERATIONID=<module generation id>',
      'IOTEDGE_DEVICEID=<device id>',
      'IOTEDGE_MODULEID=a',
      'IOTEDGE_APIVERSION=<workload API version>',
      'EdgeDeviceHostName=<device host name>',
      'IOTEDGE_GATEWAYHOSTNAME=edgehub',
    ]);
    expect(a.env.map((variable) => variable.source)).toEqual(['env-section', 'env-section', 'create-options', 'create-options', ...Array(10).fill('agent')]);
    expect(a.env[0]!.origin.path).toBe('modules.a.env.LOG');
    expect(t.where(a.env[0]!.origin)).toEqual(locate(t.built.code, '"LOG"'));
    expect(t.where(a.env[2]!.origin)).toEqual(t.built.at('a', '"MODE=fast"'));
    expect(codes(a.dropped)).toEqual(['env-without-equals', 'env-without-equals']);
  });

  it('lets the module set RuntimeLogLevel, says which user variables the agent overrides, and gives system modules no gateway', () => {
    const t = translate({ modules: { a: { env: { RuntimeLogLevel: { value: 'debug' }, IOTEDGE_DEVICEID: { value: 'x' } } } } });
    const a = t.module('a');
    expect(a.env.filter((variable) => variable.name === 'RuntimeLogLevel').map((variable) => variable.source)).toEqual(['env-section']);
    expect(a.dropped.map((issue) => [issue.code, issue.data.name])).toEqual([['env-overridden', 'IOTEDGE_DEVICEID']]);
    const hub = t.module('edgeHub');
    expect(hub.env.find((variable) => variable.name === 'IOTEDGE_MODULEID')?.value).toBe('$edgeHub');
    expect(hub.env.some((variable) => variable.name === 'IOTEDGE_GATEWAYHOSTNAME')).toBe(false);
  });

  it('fails env names with ":" before Kubernetes 1.32 and accepts them on 2607 (1.35)', () => {
    const spec = { modules: { a: { env: { 'Logging:LogLevel': { value: 'x' } }, createOptions: { Env: ['1BAD=y'] } } } };
    const old = translate(spec);
    expect(old.module('a').failures.map((issue) => [issue.code, issue.data.name, issue.data.kubernetesVersion])).toEqual([
      ['env-name-invalid', 'Logging:LogLevel', '1.27'],
      ['env-name-invalid', '1BAD', '1.27'],
    ]);
    expect(translate(spec, 'string', { aseVersion: '2607' }).module('a').failures).toEqual([]);
  });
});

describe('what the agent drops', () => {
  it.each(ENCODINGS)('drops ignored createOptions fields, unknown k8s keys and misspelled sections (%s)', (encoding) => {
    const t = translate(
      {
        modules: {
          a: {
            createOptions: {
              Tty: true,
              Image: 'ignored-on-both',
              HostConfig: { Memory: 536870912, LogConfig: { Type: 'json-file' }, 'k8s-experimental': {} },
              K8s_Experimental: { resources: {} },
              'k8s-experimental': { deploymentStrategy: {}, securityContext: { privileged: true, runAsUser: 1 } },
            },
          },
        },
      },
      encoding,
    );
    const a = t.module('a');
    expect(a.dropped.map((issue) => [issue.code, issue.data.field ?? issue.data.key])).toEqual([
      ['ignored-field', 'Tty'],
      ['k8s-section-ignored', 'K8s_Experimental'],
      ['ignored-field', 'HostConfig.Memory'],
      ['ignored-field', 'HostConfig.LogConfig'],
      ['k8s-section-ignored', 'HostConfig.k8s-experimental'],
      ['k8s-unknown-key', 'deploymentStrategy'],
      ['security-context-container-key', 'privileged'],
    ]);
    expect(t.where(a.dropped[0]!.origin)).toEqual(t.built.at('a', '"Tty"'));
    expect(a.dropped[2]!.origin.path).toBe('modules.a.settings.createOptions › HostConfig.Memory');
    expect(a.deployment.pod.securityContext?.value).toEqual({ runAsUser: 1 });
  });

  it('drops module settings Kubernetes ignores', () => {
    const t = translate({ modules: { a: { restartPolicy: 'on-failure', extra: { imagePullPolicy: 'never', startupOrder: 2 } }, b: { extra: { imagePullPolicy: 'on-create' } } } });
    expect(t.module('a').dropped.map((issue) => issue.data.field)).toEqual(['restartPolicy', 'imagePullPolicy', 'startupOrder']);
    expect(t.module('b').dropped).toEqual([]);
  });

  it("does not apply edgeAgent's createOptions or env", () => {
    const t = translate({ modules: {}, edgeAgent: { createOptions: { Cmd: 'bad', HostConfig: { Memory: 1 } }, env: { X: { value: '1' } } } });
    const agent = t.module('edgeAgent');
    expect(agent.dropped.map((issue) => [issue.code, issue.data.field])).toEqual([
      ['edge-agent-settings', 'createOptions'],
      ['edge-agent-settings', 'env'],
    ]);
    expect(agent.failures).toEqual([]);
    expect(agent.env.some((variable) => variable.name === 'X')).toBe(false);
    expect(translate({ modules: {}, edgeAgent: { createOptions: {} } }).module('edgeAgent').dropped).toEqual([]);
  });

  it('fails unparsable createOptions', () => {
    const t = translate({ modules: { a: { createOptions: '{"HostConfig":' } } });
    expect(codes(t.module('a').failures)).toEqual(['create-options-invalid']);
  });
});

describe('resources and strategy (section 3)', () => {
  it('reads quantities and fails what Kubernetes cannot parse or accept', () => {
    const t = translate({
      modules: {
        a: { createOptions: { 'k8s-experimental': { resources: { limits: { memory: '512MB', cpu: '500m', 'nvidia.com/gpu': 1 }, requests: { cpu: '1', 'nvidia.com/gpu': 2 } } } } },
        b: { createOptions: { 'k8s-experimental': { resources: { requests: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate', rollingUpdate: {} } } } },
      },
    });
    const a = t.module('a');
    expect(a.container.resources?.limits.map((entry) => [entry.resource, entry.quantity, entry.valid])).toEqual([
      ['memory', '512MB', false],
      ['cpu', '500m', true],
      ['nvidia.com/gpu', 1, true],
    ]);
    expect(a.failures.map((issue) => [issue.code, issue.data.resource])).toEqual([
      ['quantity-invalid', 'memory'],
      ['requests-exceed-limits', 'cpu'],
      ['extended-resource-invalid', 'nvidia.com/gpu'],
    ]);
    expect(t.where(a.failures[0]!.origin)).toEqual(t.built.at('a', '"512MB"'));
    expect(codes(t.module('b').failures)).toEqual(['extended-resource-invalid', 'strategy-invalid']);
  });
});

describe('caching and objects', () => {
  it('computes the translation once per model and profile', () => {
    const t = translate({ modules: { a: {} } });
    const profile = resolveDeviceProfile({});
    const first = getTranslation(t.translation.model, profile);
    expect(getTranslation(t.translation.model, profile)).toBe(first);
    expect(translateManifest(t.translation.model, profile)).not.toBe(first);
  });

  it('says what a hostPath volume is on the node', () => {
    const t = translate({ modules: { a: { createOptions: { HostConfig: { Binds: ['/etc/hosts:/etc/hosts', '/data:/data'] } } } } });
    const deployment = toKubernetesObjects(t.module('a')).find((object) => object.kind === 'Deployment')!;
    const texts = deployment.fields.filter((field) => field.path.includes('volumes')).map((field) => field.text);
    expect(texts).toEqual([
      'a file, socket or device on the node VM: the DirectoryOrCreate check fails and the pod never starts',
      'a directory on the Kubernetes node VM, created empty if missing; not a device share',
    ]);
  });

  it('renders the objects in the order the agent reconciles them', () => {
    const t = translate({ modules: { a: { createOptions: { ExposedPorts: { '80/tcp': {} }, HostConfig: { Mounts: [{ Type: 'volume', Source: 'share1', Target: '/data' }] } } } } });
    const objects = toKubernetesObjects(t.module('a'));
    expect(objects.map((object) => `${object.kind}/${object.name}`)).toEqual(['ServiceAccount/a', 'Service/a', 'Deployment/a', 'PersistentVolumeClaim/share1']);
    const deployment = objects[2]!.body as { spec: { template: { spec: { containers: { name: string }[]; volumes: unknown[] } } } };
    expect(deployment.spec.template.spec.containers.map((container) => container.name)).toEqual(['proxy', 'a']);
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'share1', persistentVolumeClaim: { claimName: 'share1' } }]);
    expect(objects[2]!.fields.find((field) => field.path.join('.') === 'spec.template.spec.volumes.0')?.text).toBe('needs the claim "share1": a device share with Edge compute');
    expect(objects[1]!.body).toMatchObject({ spec: { type: 'ClusterIP', ports: [{ name: 'exposedport-80-tcp', port: 80, targetPort: 80, protocol: 'TCP' }] } });
  });
});
