import { describe, expect, it } from 'vitest';
import plugin from '../packages/eslint-plugin-ase-gpu/src/index.js';

// A message leads with what is wrong and what happens on the GPU device; the how-to lives on the rule
// page that docs.url, SARIF helpUri and `ase-gpu-lint rules <id>` all lead to. These limits keep it so.
const TEMPLATE_LIMIT = 160;
const RENDERED_LIMIT = 200;

// Typical values, as the rules fill them in on an ordinary manifest: a module name of average length,
// ports, paths and the phrases the rules compute.
const SAMPLE: Readonly<Record<string, string>> = {
  module: 'objectDetector',
  other: 'videoCapture',
  target: 'videoCapture',
  first: 'videoCapture',
  owner: 'the IoT Edge runtime',
  modules: 'objectDetector, videoCapture, uploader',
  holders: 'objectDetector, trainer',
  name: 'video-capture',
  service: 'videocapture',
  host: 'VideoCapture',
  key: '8080/tcp',
  keys: '"5671/tcp", "8883/tcp"',
  field: 'ExposedPorts',
  path: 'HostConfig.k8s-experimental',
  member: 'resources',
  members: 'runAsUser 1000 and runAsGroup 1000',
  value: '"2g"',
  values: 'memory "512Mi" and cpu "500m"',
  quantity: '2Gi',
  existing: '1Gi',
  size: '2147483648',
  count: '12',
  total: '3',
  gpuCount: '2',
  position: '4',
  needed: '6',
  available: '5',
  index: '0',
  line: '42',
  length: '8640',
  limit: '8000',
  maxChunks: '20',
  maxChunkLength: '512',
  expected: 'createOptions02',
  port: '8080',
  ports: '80 and 443',
  hostPort: '8081',
  hostPorts: '"8081", "8082"',
  containerPort: '8080',
  example: '8080',
  protocol: 'Amqp',
  protocols: 'TCP and UDP',
  otherProtocol: 'UDP',
  typeReason: 'the device default',
  ip: '10.57.48.80',
  range: '10.57.48.80-10.57.48.84',
  type: 'ClusterIP',
  purpose: 'the IoT Edge workload API',
    proxy: 'https_proxy',
  current: 'Amqp',
  request: '2',
  resource: 'nvidia.com/gpu',
  kind: 'limits',
  meaning: 'memory limit',
  why: 'the value is not a plain number',
  replacement: '512Mi',
  variable: 'env DETECTOR_URL',
  reference: 'http://videocapture:8080',
  source: '/etc/app/appsettings.json',
  hostParent: '/etc/app',
  containerParent: '/app/config',
  configMap: 'appsettings-json',
  tz: 'Europe/Berlin',
  claim: 'inputshare',
  share: 'inputshare',
  shares: '"inputshare", "outputshare"',
  hostPath: '/home/hcsshares/inputshare',
  containerPath: '/data/input',
  subPath: 'images',
  volume: 'detector-data',
  device: '/dev/nvidia0',
  runtime: 'nvidia',
  route: 'detectorToHub',
  hint: '',
  version: '1.1',
  kubernetesVersion: '1.27',
  aseVersion: '2403',
  secret: 'myregistry-azurecr-io',
  credential: 'myregistry',
  actual: 'a string',
  where: 'HostConfig.Mounts[0]',
  detail: 'Unexpected token } at line 3',
  text: '"gpu"',
  problem: 'has no volume',
  entry: '"DEBUG"',
  agentValue: '"Amqp"',
  aliases: '"detector"',
  networks: '"azure-iot-edge"',
  defaultType: 'LoadBalancer',
  characters: '"_"',
  places: 'modules and 2 routes',
  serviceState: 'lacks them',
  docker: 'HostConfig.Memory',
  missing: 'memory and CPU limits',
  what: 'env section',
  lost: 'the container does not run privileged',
  kept: 'ExposedPorts "8080/tcp"',
  reason: 'the module has no PortBindings',
  advice: 'give one of them another port number',
  remedy: 'set HostConfig.Privileged to true instead',
  consequence: 'the container runs as the image\'s user',
  exposure: "with PortBindings they also appear on the module's external IP",
  reach: 'other modules reach it only as "videocapture" on port 8080',
  canonical: 'nodeSelector',
  largest: '2',
  image: 'myregistry.azurecr.io/detector:1.0-arm32v7',
  word: 'arm32v7',
  address: '172.17.0.1',
  fixed: 'myregistry.azurecr.io',
  annotation: 'com.example_owner',
};

// Placeholders whose meaning differs from rule to rule, with the phrase that rule computes.
const SAMPLE_FOR: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'no-docker-resource-limits': { field: 'Memory', value: '2147483648', target: 'limits.memory' },
  'no-ignored-settings': { field: 'Volumes', consequence: 'no volume is created and the data is lost with the pod', advice: 'mount a volume with HostConfig.Mounts', value: '"private"', key: 'com.example/owner' },
  'no-mixed-protocol-ports': { port: 'ExposedPorts "53/udp"', typeReason: 'the device default' },
  'no-reserved-ports': { port: '35001', key: '35001/tcp', purpose: 'the IoT Edge workload API', where: ' and, with NetworkMode "host", on the node' },
  'valid-port-bindings': { lost: 'ExposedPorts "8080/udp"', kept: 'PortBindings "8080/tcp" (HostPort 8080)', advice: 'give the UDP one another port number', where: 'PortBindings "8080/tcp" HostPort', reason: 'to a HostPort range "8080-8090"' },
  'known-share-volumes': { source: 'input', reason: 'leaves no letter or digit' },
  'external-service-ips': { reason: 'serviceOptions.type says so', purpose: 'the cluster DNS' },
  'k8s-experimental-placement': { key: 'k8s_experimental', path: 'HostConfig.k8s-experimental' },
  'create-options-chunks': { key: 'createOptions21' },
  'cmd-entrypoint-array': { key: 'Cmd' },
  'no-duplicate-keys': { key: 'Binds', path: 'HostConfig' },
  'pod-security-context': { key: 'capabilities', lost: 'it gets no added capabilities', remedy: 'use HostConfig.Privileged if it needs them, or remove the key' },
  'registry-secret-names': { reason: 'it is longer than 253 characters', advice: 'Shorten the username or the registry address', modules: 'objectDetector' },
  'valid-mounts': { advice: 'use a bind or volume Mount, or a k8s-experimental.volumes entry', missing: 'Target', what: 'bind Mount', type: 'tmpfs', target: '/cache', source: '/data/In', other: '/data/in', name: 'data-in' },
  'edgehub-ports': { module: 'edgeHub', ports: '8883, 443', keys: '"8883/tcp", "443/tcp"', port: '5671', hostPort: '15671', key: '5671/tcp' },
  'module-names': { name: 'object.detector', reason: 'it contains "."' },
  'valid-create-options': { path: 'HostConfig.Binds', expected: 'an array' },
  'valid-k8s-experimental': { path: '/data', other: 'the Binds entry "/srv/data:/data"', key: 'resources', expected: 'an object' },
  'route-module-refs': { hint: ' (ids are case-sensitive; it deploys "ObjectDetector")' },
};

function render(rule: string, template: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (_, name: string) => {
    const value = SAMPLE_FOR[rule]?.[name] ?? SAMPLE[name];
    if (value === undefined) throw new Error(`no sample value for {{${name}}}: add a typical one to SAMPLE`);
    return value;
  });
}

const messages = Object.entries(plugin.rules).flatMap(([rule, definition]) =>
  Object.entries((definition as { meta: { messages: Record<string, string> } }).meta.messages).map(([id, text]) => ({ id: `${rule}/${id}`, rule, text })),
);

describe.each(messages)('message $id', ({ rule, text }) => {
  it(`is a template of at most ${TEMPLATE_LIMIT} characters`, () => {
    expect(text.length).toBeLessThanOrEqual(TEMPLATE_LIMIT);
  });
  it(`prints at most ${RENDERED_LIMIT} characters with typical data`, () => {
    expect(render(rule, text).length).toBeLessThanOrEqual(RENDERED_LIMIT);
  });
  it('starts with a capital letter and ends with a period', () => {
    expect(render(rule, text)).toMatch(/^[A-Z].*\.$/su);
  });
});

it('covers every rule', () => {
  expect(new Set(messages.map(({ id }) => id.split('/')[0]))).toEqual(new Set(Object.keys(plugin.rules)));
});
