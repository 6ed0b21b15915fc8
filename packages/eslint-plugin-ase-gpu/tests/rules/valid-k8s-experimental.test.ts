import { locateValueAfter } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

type At = (snippet: string, occurrence?: number) => ReturnType<ReturnType<typeof buildManifest>['at']>;

interface Case {
  name: string;
  options: Record<string, unknown>;
  errors: (at: At, valueAfter: (anchor: string, compact: string) => ReturnType<At>) => Record<string, unknown>[];
}

/** One invalid case of module "camera" in one encoding; the rule has no fix, so output is null. */
function invalid(test: Case, encoding: Encoding) {
  const built = buildManifest({ modules: { camera: { createOptions: test.options } } }, encoding);
  const at: At = (snippet, occurrence) => built.at('camera', snippet, occurrence);
  // Objects are laid out in the object encoding: find them after their key there.
  const valueAfter = (anchor: string, compact: string) => (encoding === 'object' ? locateValueAfter(built.code, anchor) : at(compact));
  return {
    name: `${test.name} (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: test.errors(at, valueAfter).map((error) => ({ ...error, data: { module: 'camera', ...(error.data as object) } })),
  };
}

const cases: Case[] = [
  {
    name: 'a section that is not an object',
    options: { 'k8s-experimental': true },
    errors: (at) => [{ messageId: 'sectionNotObject', data: { actual: 'a boolean' }, ...at('true') }],
  },
  {
    name: 'members of the wrong type',
    options: { 'k8s-experimental': { strategy: 'Recreate', Volumes: {} } },
    errors: (at) => [
      { messageId: 'memberType', data: { key: 'strategy', actual: 'a string', expected: 'an object' }, ...at('"Recreate"') },
      { messageId: 'memberType', data: { key: 'Volumes', actual: 'an object', expected: 'an array' }, ...at('{}') },
    ],
  },
  {
    name: 'a strategy type Kubernetes does not know (enum names are case-sensitive)',
    options: { 'k8s-experimental': { strategy: { type: 'recreate' } } },
    errors: (at) => [{ messageId: 'strategyType', data: { value: '"recreate"' }, ...at('"recreate"') }],
  },
  {
    name: 'rollingUpdate settings with Recreate',
    options: { 'k8s-experimental': { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } },
    errors: (at) => [{ messageId: 'rollingUpdateWithRecreate', ...at('"rollingUpdate"') }],
  },
  {
    name: 'an unknown Service type on a module with PortBindings',
    options: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } }, 'k8s-experimental': { serviceOptions: { type: 'External' } } },
    errors: (at) => [{ messageId: 'serviceType', data: { value: '"External"', defaultType: 'LoadBalancer' }, ...at('"External"') }],
  },
  {
    name: 'an unknown Service type on a module without PortBindings, and an invalid loadBalancerIP',
    options: { ExposedPorts: { '80/tcp': {} }, 'k8s-experimental': { serviceOptions: { Type: 'Internal', loadBalancerIP: '10.0.0.256' } } },
    errors: (at) => [
      { messageId: 'serviceType', data: { value: '"Internal"', defaultType: 'ClusterIP' }, ...at('"Internal"') },
      { messageId: 'loadBalancerIP', data: { value: '"10.0.0.256"' }, ...at('"10.0.0.256"') },
    ],
  },
  {
    name: 'a loadBalancerIP written as a number',
    options: { 'k8s-experimental': { serviceOptions: { loadBalancerIP: 10 } } },
    errors: (at) => [{ messageId: 'loadBalancerIP', data: { value: '10' }, ...at('10') }],
  },
  {
    name: 'nodeSelector values that are not strings',
    options: { 'k8s-experimental': { nodeSelector: { gpu: true, rack: 4, zone: { name: 'a' }, site: 'north' } } },
    errors: (at, valueAfter) => [
      { messageId: 'nodeSelectorScalar', data: { key: 'gpu', actual: 'a boolean', text: 'True' }, ...at('true') },
      { messageId: 'nodeSelectorScalar', data: { key: 'rack', actual: 'a number', text: '4' }, ...at('4') },
      { messageId: 'nodeSelectorNotString', data: { key: 'zone', actual: 'an object' }, ...valueAfter('"zone": ', '{"name":"a"}') },
    ],
  },
  {
    name: 'resources with a misspelt key and requests that are not an object',
    options: { 'k8s-experimental': { resources: { limit: { memory: '1Gi' }, requests: 'small' } } },
    errors: (at) => [
      { messageId: 'resourcesKey', data: { key: 'limit' }, ...at('"limit"') },
      { messageId: 'memberType', data: { key: 'resources.requests', actual: 'a string', expected: 'an object' }, ...at('"small"') },
    ],
  },
  {
    name: 'volume names: invalid, colliding with a Binds volume, declared twice, missing',
    options: {
      HostConfig: { Binds: ['/home/data:/data'] },
      'k8s-experimental': {
        volumes: [
          { volume: { name: 'Config', emptyDir: {} } },
          { volume: { name: 'homedata', emptyDir: {} } },
          { volume: { name: 'scratch', emptyDir: {} } },
          { volume: { name: 'scratch', emptyDir: {} } },
          { volume: { name: 7 } },
        ],
      },
    },
    errors: (at) => [
      { messageId: 'volumeName', data: { name: 'Config' }, ...at('"Config"') },
      { messageId: 'volumeNameCollision', data: { name: 'homedata', other: 'HostConfig.Binds[0]' }, ...at('"homedata"') },
      { messageId: 'duplicateVolumeName', data: { name: 'scratch' }, ...at('"scratch"', 2) },
      { messageId: 'volumeWithoutName', data: { index: 4 }, ...at('7') },
    ],
  },
  {
    name: 'volume mounts: relative, unbound, at a path already mounted, without a mountPath string',
    options: {
      HostConfig: { Mounts: [{ Type: 'volume', Source: 'Models', Target: '/models' }] },
      'k8s-experimental': {
        volumes: [
          {
            volume: { name: 'cache', emptyDir: {} },
            volumeMounts: [
              { name: 'cache', mountPath: 'cache' },
              { name: 'cahce', mountPath: '/cache' },
              { name: 'cache', mountPath: '/models' },
              { name: 'models', mountPath: '/cache' },
              { name: 'cache', mountPath: 42 },
            ],
          },
        ],
      },
    },
    errors: (at) => [
      { messageId: 'relativeMountPath', data: { path: 'cache' }, ...at('"cache"', 3) },
      { messageId: 'unboundMount', data: { name: 'cahce', available: '"cache", "models"' }, ...at('"cahce"') },
      { messageId: 'duplicateMountPath', data: { path: '/models', other: 'HostConfig.Mounts[0]' }, ...at('"/models"', 2) },
      { messageId: 'duplicateMountPath', data: { path: '/cache', other: 'k8s-experimental.volumes[0].volumeMounts[1]' }, ...at('"/cache"', 2) },
      { messageId: 'mountField', data: { where: 'k8s-experimental.volumes[0].volumeMounts[4]', field: 'mountPath' }, ...at('42') },
    ],
  },
  {
    name: 'volume entries the agent cannot read',
    options: { 'k8s-experimental': { volumes: ['scratch', { volume: 'tmp' }, { volume: { name: 'ok', emptyDir: {} }, volumeMounts: 'ok' }] } },
    errors: (at) => [
      { messageId: 'volumeEntry', data: { index: 0, problem: 'is a string, not an object' }, ...at('"scratch"') },
      { messageId: 'volumeEntry', data: { index: 1, problem: 'has a volume that is a string' }, ...at('"tmp"') },
      { messageId: 'volumeEntry', data: { index: 2, problem: 'has volumeMounts that is a string, not an array' }, ...at('"ok"', 2) },
    ],
  },
];

const good = {
  HostConfig: { Mounts: [{ Type: 'volume', Source: 'models', Target: '/models' }], PortBindings: { '80/tcp': [{ HostPort: '80' }] } },
  'k8s-experimental': {
    volumes: [
      {
        volume: { name: 'app-config', configMap: { name: 'app' } },
        volumeMounts: [
          { name: 'app-config', mountPath: '/etc/app' },
          // A mount may name a volume the agent makes from Mounts.
          { name: 'models', mountPath: '/srv/models', readOnly: true },
        ],
      },
    ],
    strategy: { type: 'Recreate' },
    serviceOptions: { type: 'clusterIP', loadBalancerIP: '10.1.2.3' },
    nodeSelector: { zone: 'a' },
    resources: { limits: { 'nvidia.com/gpu': 1, memory: '2Gi' }, requests: { memory: '1Gi' } },
    securityContext: { runAsUser: 1000, privileged: true },
  },
};

runRuleTests('valid-k8s-experimental', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      { name: `a complete, valid section (${encoding})`, ...codeOf(buildManifest({ modules: { camera: { createOptions: good } } }, encoding)) },
      {
        name: `RollingUpdate with rollingUpdate settings, default strategy type with rollingUpdate (${encoding})`,
        ...codeOf(
          buildManifest(
            {
              modules: {
                camera: { createOptions: { 'k8s-experimental': { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } } } },
                other: { createOptions: { 'k8s-experimental': { strategy: { rollingUpdate: { maxSurge: 1 } } } } },
              },
            },
            encoding,
          ),
        ),
      },
      {
        name: `a mis-spelt section is another rule's finding (${encoding})`,
        ...codeOf(buildManifest({ modules: { camera: { createOptions: { 'K8s-Experimental': true, HostConfig: { 'k8s-experimental': 'x' } } } } }, encoding)),
      },
    ]),
    {
      name: 'placeholders are not judged',
      ...codeOf(
        buildManifest(
          {
            modules: {
              camera: {
                createOptions: {
                  'k8s-experimental': {
                    serviceOptions: { loadBalancerIP: '${LB_IP}', type: '${SERVICE_TYPE}' },
                    strategy: { type: '$STRATEGY_TYPE' },
                    volumes: [{ volume: { name: '${VOLUME}' }, volumeMounts: [{ name: '${VOLUME}', mountPath: '${MOUNT_PATH}' }] }],
                  },
                },
              },
            },
          },
          'object',
        ),
      ),
    },
  ],
  invalid: ENCODINGS.flatMap((encoding) => cases.map((test) => invalid(test, encoding))),
});

const placement = { 'k8s-experimental': { nodeSelector: { 'kubernetes.io/os': 'linux', accelerator: 'tesla-t4', zone: 'a' }, resources: { limits: { 'nvidia.com/gpu': 1, 'xilinx.com/fpga': 1 }, requests: { 'intel.com/vpu': 1 } } } };
const PROFILE = { nodeLabels: { 'kubernetes.io/os': 'linux', accelerator: 'nvidia' }, extendedResources: ['intel.com/vpu'] };

runRuleTests(
  'valid-k8s-experimental',
  {
    valid: ENCODINGS.map((encoding) => ({
      name: `node labels and resources the profile lists (${encoding})`,
      ...codeOf(buildManifest({ modules: { camera: { createOptions: { 'k8s-experimental': { nodeSelector: { accelerator: 'nvidia' }, resources: { limits: { 'nvidia.com/gpu': 1, 'intel.com/vpu': 1 } } } } } } }, encoding)),
    })),
    invalid: ENCODINGS.map((encoding) => {
      const built = buildManifest({ modules: { camera: { createOptions: placement } } }, encoding);
      return {
        name: `a node selector no node label matches, an extended resource the node does not offer (${encoding})`,
        ...codeOf(built),
        output: null,
        errors: [
          { messageId: 'nodeSelectorUnmatched', data: { module: 'camera', key: 'accelerator', value: 'tesla-t4', actual: '"nvidia"' }, ...built.at('camera', '"accelerator"') },
          { messageId: 'nodeSelectorUnmatched', data: { module: 'camera', key: 'zone', value: 'a', actual: 'not set' }, ...built.at('camera', '"zone"') },
          { messageId: 'unknownExtendedResource', data: { module: 'camera', resource: 'xilinx.com/fpga', kind: 'limits' }, ...built.at('camera', '"xilinx.com/fpga"') },
        ],
      };
    }),
  },
  PROFILE,
);

// Without nodeLabels and extendedResources in the profile, neither is judged.
runRuleTests('valid-k8s-experimental', {
  valid: ENCODINGS.map((encoding) => ({ name: `no profile lists (${encoding})`, ...codeOf(buildManifest({ modules: { camera: { createOptions: placement } } }, encoding)) })),
  invalid: [],
});
