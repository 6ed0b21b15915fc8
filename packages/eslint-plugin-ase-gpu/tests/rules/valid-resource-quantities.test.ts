import { moduleAfterEdits, type DecodedEdit } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const GPU = 'nvidia.com/gpu';

/** The one-character value that ends a located `"key": value` snippet. */
const lastCharacter = (location: { endLine: number; endColumn: number }) => ({ line: location.endLine, column: location.endColumn - 1, endLine: location.endLine, endColumn: location.endColumn });

const withResources = (resources: unknown) => ({ HostConfig: { Privileged: true }, 'k8s-experimental': { resources } });

/** A case for module `detector` whose resources are `before`; `changedTo` gives a suggestion's output. */
function setup(before: unknown, encoding: Encoding) {
  const createOptions = withResources(before);
  const built = buildManifest({ modules: { detector: { createOptions } } }, encoding);
  const changedTo = (resources: unknown, edits: DecodedEdit[]) => moduleAfterEdits('detector', { createOptions }, { createOptions: withResources(resources) }, edits, encoding);
  return { built, changedTo, at: (snippet: string, occurrence = 1) => built.at('detector', snippet, occurrence) };
}

function invalidQuantitiesCase(encoding: Encoding) {
  const before = { limits: { memory: '1.5GB', cpu: 'two' }, requests: { memory: '512mb', 'ephemeral-storage': '2GiB', cpu: '250 m' } };
  const { built, changedTo, at } = setup(before, encoding);
  const replaced = (kind: 'limits' | 'requests', resource: string, from: string, to: string) => {
    const resources = { limits: { ...before.limits }, requests: { ...before.requests } } as Record<string, Record<string, string>>;
    resources[kind]![resource] = to;
    return changedTo(resources, [{ from: `"${from}"`, to: `"${to}"` }]);
  };
  const error = (kind: string, resource: string, value: string) => ({
    messageId: 'invalidQuantity',
    data: { module: 'detector', resource, kind, value: `"${value}"` },
    ...at(`"${value}"`),
  });
  return {
    name: `quantities Kubernetes cannot parse, with the repairs whose reading is clear (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { ...error('limits', 'memory', '1.5GB'), suggestions: [{ messageId: 'useQuantity', data: { replacement: '1.5G', meaning: 'decimal: 1G is 10^9' }, output: replaced('limits', 'memory', '1.5GB', '1.5G') }] },
      { ...error('limits', 'cpu', 'two'), suggestions: [] },
      {
        ...error('requests', 'memory', '512mb'),
        suggestions: [
          { messageId: 'useQuantity', data: { replacement: '512Mi', meaning: 'binary, as Docker reads "mb": 1Mi is 2^20' }, output: replaced('requests', 'memory', '512mb', '512Mi') },
          { messageId: 'useQuantity', data: { replacement: '512M', meaning: 'decimal: 1M is 10^6' }, output: replaced('requests', 'memory', '512mb', '512M') },
        ],
      },
      {
        ...error('requests', 'ephemeral-storage', '2GiB'),
        suggestions: [{ messageId: 'useQuantity', data: { replacement: '2Gi', meaning: 'binary: 1Gi is 2^30' }, output: replaced('requests', 'ephemeral-storage', '2GiB', '2Gi') }],
      },
      {
        ...error('requests', 'cpu', '250 m'),
        suggestions: [{ messageId: 'useQuantity', data: { replacement: '250m', meaning: 'without the space' }, output: replaced('requests', 'cpu', '250 m', '250m') }],
      },
    ],
  };
}

function notIntegerCase(encoding: Encoding) {
  const { built, at } = setup({ limits: { 'example.com/accelerator': '1.5', 'example.com/vpu': 0.5 } }, encoding);
  return {
    name: `extended resources that are not whole numbers (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'notInteger', data: { module: 'detector', resource: 'example.com/accelerator', kind: 'limits', value: '"1.5"' }, ...at('"1.5"') },
      { messageId: 'notInteger', data: { module: 'detector', resource: 'example.com/vpu', kind: 'limits', value: '0.5' }, ...at('0.5') },
    ],
  };
}

function requestWithoutLimitCase(encoding: Encoding) {
  const before = { requests: { [GPU]: 1 } };
  const { built, changedTo, at } = setup(before, encoding);
  return {
    name: `an extended resource requested without a limit, no limits at all (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'requestWithoutLimit',
        data: { module: 'detector', resource: GPU },
        ...at(`"${GPU}"`),
        suggestions: [
          { messageId: 'addLimit', data: { resource: GPU, value: '1' }, output: changedTo({ requests: { [GPU]: 1 }, limits: { [GPU]: 1 } }, [{ after: `"${GPU}":1}`, from: '', to: `,"limits":{"${GPU}":1}` }]) },
        ],
      },
    ],
  };
}

function requestWithoutLimitBesideMemoryCase(encoding: Encoding) {
  const before = { limits: { memory: '2Gi' }, requests: { [GPU]: '1' } };
  const { built, changedTo, at } = setup(before, encoding);
  return {
    name: `an extended resource requested without a limit, limits hold memory (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'requestWithoutLimit',
        data: { module: 'detector', resource: GPU },
        ...at(`"${GPU}"`),
        suggestions: [
          { messageId: 'addLimit', data: { resource: GPU, value: '"1"' }, output: changedTo({ limits: { memory: '2Gi', [GPU]: '1' }, requests: { [GPU]: '1' } }, [{ after: '"2Gi"', from: '', to: `,"${GPU}":"1"` }]) },
        ],
      },
    ],
  };
}

function extendedMismatchCase(encoding: Encoding) {
  const before = { limits: { [GPU]: 1 }, requests: { [GPU]: 2 } };
  const { built, changedTo, at } = setup(before, encoding);
  return {
    name: `requests and limits of an extended resource differ (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'extendedMismatch',
        data: { module: 'detector', resource: GPU, request: '2', limit: '1' },
        ...lastCharacter(at(encoding === 'object' ? `"${GPU}": 2` : `"${GPU}":2`)),
        suggestions: [{ messageId: 'matchLimit', data: { limit: '1' }, output: changedTo({ limits: { [GPU]: 1 }, requests: { [GPU]: 1 } }, [{ after: `"requests":{"${GPU}":`, from: '2', to: '1' }]) }],
      },
    ],
  };
}

function requestAboveLimitCase(encoding: Encoding) {
  const before = { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: 1, memory: '512Mi' } };
  const { built, changedTo, at } = setup(before, encoding);
  const cpuRequest = encoding === 'object' ? at('"cpu": 1') : at('"cpu":1');
  return {
    name: `a CPU request above its limit (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'requestAboveLimit',
        data: { module: 'detector', resource: 'cpu', request: '1', limit: '"500m"' },
        ...lastCharacter(cpuRequest),
        suggestions: [
          {
            messageId: 'matchLimit',
            data: { limit: '"500m"' },
            output: changedTo({ limits: before.limits, requests: { cpu: '500m', memory: '512Mi' } }, [{ after: '"requests":{"cpu":', from: '1', to: '"500m"' }]),
          },
        ],
      },
    ],
  };
}

runRuleTests('valid-resource-quantities', {
  valid: ENCODINGS.flatMap((encoding) =>
    [
      { limits: { cpu: 2, memory: '4Gi', [GPU]: 1 }, requests: { cpu: '1500m', memory: '4096Mi', [GPU]: '1' } },
      { limits: { memory: '${MODEL_MEMORY}', cpu: '$CPU_LIMIT' }, requests: { memory: '1Gi' } },
      { limits: { 'microsoft.com/fpga_catapult': 2.5 }, requests: { 'microsoft.com/fpga_catapult': 2 } },
      { limits: { [GPU]: 'one' } },
      { limits: { memory: '1e9', cpu: '.5', 'ephemeral-storage': '10G' } },
    ].map((resources, index) => ({
      name: `accepted resources #${index + 1} (${encoding})`,
      ...codeOf(buildManifest({ modules: { detector: { createOptions: withResources(resources) } } }, encoding)),
    })),
  ),
  invalid: ENCODINGS.flatMap((encoding) => [
    invalidQuantitiesCase(encoding),
    notIntegerCase(encoding),
    requestWithoutLimitCase(encoding),
    requestWithoutLimitBesideMemoryCase(encoding),
    extendedMismatchCase(encoding),
    requestAboveLimitCase(encoding),
  ]),
});
