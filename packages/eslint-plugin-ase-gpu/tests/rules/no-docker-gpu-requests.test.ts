import { withChunks } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const node = (path: string) => ({ PathOnHost: path, PathInContainer: path, CgroupPermissions: 'rwm' });

function after(encoding: Encoding, code: string, name: string, createOptions: unknown, pieces: string[]): string {
  if (encoding === 'chunked') return withChunks(code, name, pieces);
  return buildManifest({ modules: { [name]: { createOptions } } }, encoding).code;
}

function allGpus(encoding: Encoding) {
  const options = { HostConfig: { Runtime: 'nvidia', DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }] } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const output = after(encoding, built.code, 'trainer', { ...options, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 2 } }, strategy: { type: 'Recreate' } } }, [
    '{"HostConfig":{"Runtime":"nvidia","Devic',
    'eRequests":[{"Driver":"","Count":-1,"Cap',
    'abilities":[["gpu"]]}]},"k8s-experimental":{"resources":{"limits":{"nvidia.com/gpu":2}},"strategy":{"type":"Recreate"}}}',
  ]);
  const suggestion = (data: Record<string, string>) => [{ messageId: 'addGpuLimitAndRecreate', data, output }];
  const runtime = { module: 'trainer', runtime: 'nvidia', count: '2' };
  const requests = { module: 'trainer', count: '2' };
  return {
    name: `Count -1 and the nvidia runtime mean every GPU of the device (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 2 } },
    output: null,
    errors: [
      { messageId: 'ignoredRuntime', data: runtime, ...built.at('trainer', '"nvidia"'), suggestions: suggestion(runtime) },
      { messageId: 'ignoredDeviceRequests', data: requests, ...built.at('trainer', '"DeviceRequests"'), suggestions: suggestion(requests) },
    ],
  };
}

function deviceNodes(encoding: Encoding) {
  const options = { HostConfig: { Devices: [node('/dev/nvidia0'), node('/dev/nvidiactl')] }, 'k8s-experimental': { strategy: { type: 'Recreate' } } };
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  const output = after(encoding, built.code, 'scorer', { ...options, 'k8s-experimental': { strategy: { type: 'Recreate' }, resources: { limits: { 'nvidia.com/gpu': 1 } } } }, [
    '{"HostConfig":{"Devices":[{"PathOnHost":',
    '"/dev/nvidia0","PathInContainer":"/dev/n',
    'vidia0","CgroupPermissions":"rwm"},{"Pat',
    'hOnHost":"/dev/nvidiactl","PathInContain',
    'er":"/dev/nvidiactl","CgroupPermissions"',
    ':"rwm"}]},"k8s-experimental":{"strategy"',
    ':{"type":"Recreate"},"resources":{"limits":{"nvidia.com/gpu":1}}}}',
  ]);
  const errorFor = (device: string) => {
    const data = { module: 'scorer', device, count: '1' };
    return { messageId: 'ignoredGpuDevice', data, ...built.at('scorer', `"${device}"`), suggestions: [{ messageId: 'addGpuLimit', data, output }] };
  };
  return {
    name: `GPU device nodes, with a strategy already there (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [errorFor('/dev/nvidia0'), errorFor('/dev/nvidiactl')],
  };
}

function cappedByDevice(encoding: Encoding) {
  const options = { HostConfig: { DeviceRequests: [{ Driver: 'nvidia', Count: 4, Capabilities: [['gpu', 'utility']] }] } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const data = { module: 'trainer', count: '1' };
  return {
    name: `a request for more GPUs than the device has is capped at gpuCount (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 1 } },
    output: null,
    errors: [
      {
        messageId: 'ignoredDeviceRequests',
        data,
        ...built.at('trainer', '"DeviceRequests"'),
        suggestions: [
          {
            messageId: 'addGpuLimitAndRecreate',
            data,
            output: after(encoding, built.code, 'trainer', { ...options, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } }, [
              '{"HostConfig":{"DeviceRequests":[{"Drive',
              'r":"nvidia","Count":4,"Capabilities":[["',
              'gpu","utility"]]}]},"k8s-experimental":{"resources":{"limits":{"nvidia.com/gpu":1}},"strategy":{"type":"Recreate"}}}',
            ]),
          },
        ],
      },
    ],
  };
}

function cappedByLargestModel(encoding: Encoding) {
  const options = { HostConfig: { DeviceRequests: [{ Driver: 'nvidia', Count: 4, Capabilities: [['gpu', 'utility']] }] } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const data = { module: 'trainer', count: '2' };
  return {
    name: `no gpuCount: a request for four GPUs is capped at the largest model's two (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'ignoredDeviceRequests',
        data,
        ...built.at('trainer', '"DeviceRequests"'),
        suggestions: [
          {
            messageId: 'addGpuLimitAndRecreate',
            data,
            output: after(encoding, built.code, 'trainer', { ...options, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 2 } }, strategy: { type: 'Recreate' } } }, [
              '{"HostConfig":{"DeviceRequests":[{"Drive',
              'r":"nvidia","Count":4,"Capabilities":[["',
              'gpu","utility"]]}]},"k8s-experimental":{"resources":{"limits":{"nvidia.com/gpu":2}},"strategy":{"type":"Recreate"}}}',
            ]),
          },
        ],
      },
    ],
  };
}

function noGpuForKubernetes(encoding: Encoding) {
  const options = { HostConfig: { Runtime: 'nvidia', Privileged: true } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  return {
    name: `no suggestion when the device gives Kubernetes no GPU (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 0 } },
    output: null,
    errors: [{ messageId: 'ignoredRuntime', data: { module: 'trainer', runtime: 'nvidia', count: '0' }, ...built.at('trainer', '"nvidia"'), suggestions: [] }],
  };
}

runRuleTests('no-docker-gpu-requests', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `an nvidia.com/gpu limit (${encoding})`,
      ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { Runtime: 'nvidia' }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } } } } }, encoding)),
    },
    {
      name: `GPU sharing through NVIDIA_VISIBLE_DEVICES in the env section (${encoding})`,
      ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { Runtime: 'nvidia' } }, env: { NVIDIA_VISIBLE_DEVICES: { value: '0' } } } } }, encoding)),
    },
    {
      name: `GPU sharing through NVIDIA_VISIBLE_DEVICES in createOptions.Env (${encoding})`,
      ...codeOf(buildManifest({ modules: { trainer: { createOptions: { Env: ['NVIDIA_VISIBLE_DEVICES=0,1'], HostConfig: { Devices: [node('/dev/nvidia0')] } } } } }, encoding)),
    },
    {
      name: `device requests for other capabilities, other runtimes (${encoding})`,
      ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { Runtime: 'runc', DeviceRequests: [{ Driver: 'cdi', DeviceIDs: ['vendor.com/fpga=0'], Capabilities: [['fpga']] }] } } } } }, encoding)),
    },
    { name: `edgeAgent is not applied (${encoding})`, ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { HostConfig: { Runtime: 'nvidia' } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [allGpus(encoding), deviceNodes(encoding), cappedByDevice(encoding), cappedByLargestModel(encoding), noGpuForKubernetes(encoding)]),
});
