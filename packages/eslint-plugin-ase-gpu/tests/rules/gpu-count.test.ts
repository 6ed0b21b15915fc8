import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { span } from '../helpers/locate.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const gpus = (limits: unknown, requests?: unknown) => ({
  HostConfig: { Privileged: true },
  'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': limits }, ...(requests === undefined ? {} : { requests: { 'nvidia.com/gpu': requests } }) }, strategy: { type: 'Recreate' } },
});

/**
 * Where a scalar value stands: the end of its `"nvidia.com/gpu": value` member (laid out in the object
 * encoding, compact inside strings), which keeps a short value such as `0` apart from other zeros.
 */
function valueAt(built: ReturnType<typeof buildManifest>, encoding: Encoding, module: string, value: string, occurrence = 1) {
  const member = encoding === 'object' ? `"nvidia.com/gpu": ${value}` : `"nvidia.com/gpu":${value}`;
  const whole = built.at(module, member, occurrence);
  return { line: whole.endLine, column: whole.endColumn - (encoding === 'object' ? value.length : JSON.stringify(value).length - 2), endLine: whole.endLine, endColumn: whole.endColumn };
}

function badValues(encoding: Encoding) {
  const built = buildManifest({ modules: { half: { createOptions: gpus('500m') }, none: { createOptions: gpus(0, 0) } } }, encoding);
  return {
    name: `fractions and zero (${encoding})`,
    ...codeOf(built),
    errors: [
      { messageId: 'notPositiveInteger', data: { module: 'half', kind: 'limits', value: '"500m"' }, ...built.at('half', '"500m"') },
      { messageId: 'notPositiveInteger', data: { module: 'none', kind: 'limits', value: '0' }, ...valueAt(built, encoding, 'none', '0', 1) },
      { messageId: 'notPositiveInteger', data: { module: 'none', kind: 'requests', value: '0' }, ...valueAt(built, encoding, 'none', '0', 2) },
    ],
  };
}

function aboveDevice(encoding: Encoding) {
  const built = buildManifest({ modules: { trainer: { createOptions: gpus(2, '2') } } }, encoding);
  return {
    name: `more GPUs than the device has, in limits and requests (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 1 } },
    errors: [
      { messageId: 'aboveDevice', data: { module: 'trainer', kind: 'limits', value: '2', gpuCount: '1' }, ...valueAt(built, encoding, 'trainer', '2') },
      { messageId: 'aboveDevice', data: { module: 'trainer', kind: 'requests', value: '"2"', gpuCount: '1' }, ...built.at('trainer', '"2"') },
    ],
  };
}

function aboveLargestModel(encoding: Encoding) {
  const built = buildManifest({ modules: { trainer: { createOptions: gpus(4) } } }, encoding);
  return {
    name: `no gpuCount: more GPUs than the largest model has (${encoding})`,
    ...codeOf(built),
    errors: [{ messageId: 'aboveLargestModel', data: { module: 'trainer', kind: 'limits', value: '4', largest: '2' }, ...valueAt(built, encoding, 'trainer', '4') }],
  };
}

function overLargestModel(encoding: Encoding) {
  const built = buildManifest({ modules: { detector: { createOptions: gpus(2) }, tracker: { createOptions: gpus(1) } } }, encoding);
  return {
    name: `no gpuCount: a sum above the largest model (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'overLargestModel',
        data: { module: 'tracker', value: '1', total: '3', holders: 'detector, tracker', largest: '2' },
        ...valueAt(built, encoding, 'tracker', '1'),
      },
    ],
  };
}

function overCommitted(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        detector: { createOptions: gpus(1) },
        viewer: { createOptions: { HostConfig: { Privileged: true } }, env: { NVIDIA_VISIBLE_DEVICES: { value: '0' } } },
        paused: { createOptions: gpus(1), status: 'stopped' },
        trainer: { createOptions: gpus(1) },
        tracker: { createOptions: gpus(1) },
      },
    },
    encoding,
  );
  return {
    name: `the sum of exclusive GPUs, reported once at the module that goes over (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 1 } },
    errors: [
      {
        messageId: 'overCommitted',
        data: { module: 'trainer', value: '1', total: '2', holders: 'detector, trainer', gpuCount: '1' },
        ...valueAt(built, encoding, 'trainer', '1'),
      },
    ],
  };
}

const layered = (settings: Record<string, unknown>) => {
  const module = (name: string) =>
    `"properties.desired.modules.${name}": {"type": "docker", "status": "running", "restartPolicy": "always", "version": "1.0", "settings": {"image": "contoso.azurecr.io/${name}:1", "createOptions": "{\\"k8s-experimental\\":{\\"resources\\":{\\"limits\\":{\\"nvidia.com/gpu\\":1}}}}"}}`;
  return {
    code: `{\n  "content": {\n    "modulesContent": {\n      "$edgeAgent": {\n        ${module('detector')},\n        ${module('trainer')}\n      }\n    }\n  }\n}\n`,
    filename: 'layered.deployment.json',
    settings: { 'ase-gpu': settings },
  };
};

function layeredTrainerLimit() {
  const { code } = layered({});
  const member = 'nvidia.com/gpu\\":';
  const index = code.indexOf(member, code.indexOf('modules.trainer')) + member.length;
  return span(code, index, index + 1);
}

runRuleTests('gpu-count', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      { name: `one GPU on a one-GPU device (${encoding})`, ...codeOf(buildManifest({ modules: { trainer: { createOptions: gpus(1, 1) } } }, encoding)), settings: { 'ase-gpu': { gpuCount: 1 } } },
      { name: `no gpuCount: the seed's two GPUs are not judged (${encoding})`, ...codeOf(buildManifest({ modules: { trainer: { createOptions: gpus(2, 2) } } }, encoding)) },
      {
        name: `no gpuCount: two modules of one GPU each (${encoding})`,
        ...codeOf(buildManifest({ modules: { a: { createOptions: gpus(1) }, b: { createOptions: gpus(1) } } }, encoding)),
      },
      {
        name: `two modules on a two-GPU device (${encoding})`,
        ...codeOf(buildManifest({ modules: { a: { createOptions: gpus(1) }, b: { createOptions: gpus('1') } } }, encoding)),
        settings: { 'ase-gpu': { gpuCount: 2 } },
      },
      { name: `placeholders and text that is no quantity belong elsewhere (${encoding})`, ...codeOf(buildManifest({ modules: { a: { createOptions: gpus('${GPUS}', 'two') } } }, encoding)) },
    ]),
    { name: 'a layered fragment alone is not summed', ...layered({ gpuCount: 1 }) },
  ],
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [badValues(encoding), aboveDevice(encoding), aboveLargestModel(encoding), overLargestModel(encoding), overCommitted(encoding)]),
    {
      name: 'a layered fragment is summed when a base deployment is named',
      ...layered({ baseDeployment: 'base.deployment.json', gpuCount: 1 }),
      errors: [
        {
          messageId: 'overCommitted',
          data: { module: 'trainer', value: '1', total: '2', holders: 'detector, trainer', gpuCount: '1' },
          ...layeredTrainerLimit(),
        },
      ],
    },
  ],
});
