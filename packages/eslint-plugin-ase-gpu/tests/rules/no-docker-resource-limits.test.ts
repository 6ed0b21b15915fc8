import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { withChunks } from '../helpers/chunk-layout.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

/**
 * The manifest after a fix, built from the expected createOptions. Chunks: edits that stay inside one
 * chunk are made in place (`chunks` gives the decoded chunks after the fix); when an edit crosses a
 * chunk boundary the chunk set is rewritten, here into one string (it fits in 512 characters).
 */
function after(encoding: Encoding, name: string, createOptions: unknown, chunks?: { code: string; pieces: string[] }): string {
  if (encoding === 'chunked' && chunks) return withChunks(chunks.code, name, chunks.pieces);
  return buildManifest({ modules: { [name]: { createOptions, encoding: encoding === 'chunked' ? 'string' : encoding } } }, encoding).code;
}

function one(spec: ManifestSpec, encoding: Encoding) {
  const built = buildManifest(spec, encoding);
  return { built, ...codeOf(built) };
}

function memoryMoved(encoding: Encoding) {
  const { built, code, filename } = one({ modules: { scorer: { createOptions: { HostConfig: { Privileged: true, Memory: 536870912 } } } } }, encoding);
  return {
    name: `Memory moves to limits.memory (${encoding})`,
    code,
    filename,
    output: after(encoding, 'scorer', { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '512Mi' } } } }),
    errors: [
      {
        messageId: 'ignoredExact',
        data: { module: 'scorer', field: 'Memory', value: '536870912', meaning: 'memory limit', target: 'limits.memory', quantity: '512Mi' },
        ...built.at('scorer', '"Memory"'),
      },
    ],
  };
}

function nanoCpusMerged(encoding: Encoding) {
  const options = { HostConfig: { NanoCpus: 2000000000 }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } };
  const { built, code, filename } = one({ modules: { scorer: { createOptions: options } } }, encoding);
  return {
    name: `NanoCpus merges into an existing limits section (${encoding})`,
    code,
    filename,
    output: after(encoding, 'scorer', { HostConfig: {}, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1, cpu: '2' } }, strategy: { type: 'Recreate' } } }, {
      code,
      pieces: ['{"HostConfig":{},"k', '8s-experimental":{"resources":{"limits":', '{"nvidia.com/gpu":1,"cpu":"2"}},"strategy":{"type"', ':"Recreate"}}}'],
    }),
    errors: [
      {
        messageId: 'ignoredExact',
        data: { module: 'scorer', field: 'NanoCpus', value: '2000000000', meaning: 'CPU limit', target: 'limits.cpu', quantity: '2' },
        ...built.at('scorer', '"NanoCpus"'),
      },
    ],
  };
}

function quotaAndPeriod(encoding: Encoding) {
  const options = { HostConfig: { CpuPeriod: 100000, Privileged: true, CpuQuota: 150000 }, Env: ['MODE=fast'] };
  const { built, code, filename } = one({ modules: { encoder: { createOptions: options } } }, encoding);
  return {
    name: `CpuQuota and CpuPeriod move together to limits.cpu (${encoding})`,
    code,
    filename,
    output: after(encoding, 'encoder', { HostConfig: { Privileged: true }, Env: ['MODE=fast'], 'k8s-experimental': { resources: { limits: { cpu: '1500m' } } } }, {
      code,
      pieces: ['{"HostConfig":{"Privi', 'leged":true},"Env":["M', 'ODE=fast"],"k8s-experimental":{"resources":{"limits":{"cpu":"1500m"}}}}'],
    }),
    errors: [
      {
        messageId: 'ignoredExact',
        data: { module: 'encoder', field: 'CpuQuota', value: '150000 (CpuPeriod 100000)', meaning: 'CPU limit', target: 'limits.cpu', quantity: '1500m' },
        ...built.at('encoder', '"CpuQuota"'),
      },
    ],
  };
}

function alreadyEqual(encoding: Encoding) {
  const options = { HostConfig: { Memory: 1073741824, Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '1024Mi' } } } };
  const { built, code, filename } = one({ modules: { scorer: { createOptions: options } } }, encoding);
  return {
    name: `the same limit already in limits.memory: the Docker field goes (${encoding})`,
    code,
    filename,
    output: after(encoding, 'scorer', { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '1024Mi' } } } }, {
      code,
      pieces: ['{"HostConfig":{"Priv', 'ileged":true},"k8s-experimental":{"resou', 'rces":{"limits":{"memory":"1024Mi"}}}}'],
    }),
    errors: [
      {
        messageId: 'ignoredAlreadySet',
        data: { module: 'scorer', field: 'Memory', value: '1073741824', meaning: 'memory limit', target: 'limits.memory', quantity: '1Gi', existing: '1024Mi' },
        ...built.at('scorer', '"Memory"'),
      },
    ],
  };
}

function alreadyDifferent(encoding: Encoding) {
  const options = { HostConfig: { Memory: 2147483648, Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '1Gi' } } } };
  const { built, code, filename } = one({ modules: { scorer: { createOptions: options } } }, encoding);
  const data = { module: 'scorer', field: 'Memory', value: '2147483648', meaning: 'memory limit', target: 'limits.memory', quantity: '2Gi', existing: '1Gi' };
  return {
    name: `a different limit already in limits.memory is never overwritten by a fix (${encoding})`,
    code,
    filename,
    output: null,
    errors: [
      {
        messageId: 'ignoredAlreadySet',
        data,
        ...built.at('scorer', '"Memory"'),
        suggestions: [
          {
            messageId: 'keepKubernetesValue',
            data,
            output: after(encoding, 'scorer', { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '1Gi' } } } }, {
              code,
              pieces: ['{"HostConfig":{"Priv', 'ileged":true},"k8s-experimental":{"resou', 'rces":{"limits":{"memory":"1Gi"}}}}'],
            }),
          },
          {
            messageId: 'useDockerValue',
            data,
            output: after(encoding, 'scorer', { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '2Gi' } } } }, {
              code,
              pieces: ['{"HostConfig":{"Priv', 'ileged":true},"k8s-experimental":{"resou', 'rces":{"limits":{"memory":"2Gi"}}}}'],
            }),
          },
        ],
      },
    ],
  };
}

function limitBelowRequest(encoding: Encoding) {
  const options = { HostConfig: { Memory: 536870912 }, 'k8s-experimental': { resources: { requests: { memory: '1Gi' } } } };
  const { built, code, filename } = one({ modules: { scorer: { createOptions: options } } }, encoding);
  const data = { module: 'scorer', field: 'Memory', value: '536870912', meaning: 'memory limit', target: 'limits.memory', quantity: '512Mi' };
  return {
    name: `a limit below the request already there is only suggested (${encoding})`,
    code,
    filename,
    output: null,
    errors: [
      {
        messageId: 'ignoredExact',
        data,
        ...built.at('scorer', '"Memory"'),
        suggestions: [
          {
            messageId: 'moveToKubernetes',
            data,
            output: after(encoding, 'scorer', { HostConfig: {}, 'k8s-experimental': { resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } } }, {
              code,
              pieces: ['{"HostConfig":{},"k8s-', 'experimental":{"resources":{"requests":{', '"memory":"1Gi"},"limits":{"memory":"512Mi"}}}}'],
            }),
          },
        ],
      },
    ],
  };
}

function cpuShares(encoding: Encoding) {
  const options = { HostConfig: { CpuShares: 512, Privileged: true }, Env: ['MODE=fast'] };
  const { built, code, filename } = one({ modules: { encoder: { createOptions: options } } }, encoding);
  const data = { module: 'encoder', field: 'CpuShares', value: '512', meaning: 'CPU weight', target: 'requests.cpu', quantity: '500m' };
  return {
    name: `CpuShares gets a suggestion, never a fix (${encoding})`,
    code,
    filename,
    output: null,
    errors: [
      {
        messageId: 'ignoredShares',
        data,
        ...built.at('encoder', '"CpuShares"'),
        suggestions: [
          {
            messageId: 'moveToKubernetes',
            data,
            output: after(encoding, 'encoder', { HostConfig: { Privileged: true }, Env: ['MODE=fast'], 'k8s-experimental': { resources: { requests: { cpu: '500m' } } } }, {
              code,
              pieces: ['{"HostConfig":{"Privileg', 'ed":true},"Env":["MODE=fast"],"k8s-experimental":{"resources":{"requests":{"cpu":"500m"}}}}'],
            }),
          },
        ],
      },
    ],
  };
}

function noEquivalent(encoding: Encoding) {
  const options = { HostConfig: { Privileged: true, MemorySwap: 2147483648, CpusetCpus: '0-3', Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] } };
  const { built, code, filename } = one({ modules: { encoder: { createOptions: options } } }, encoding);
  return {
    name: `fields without an equivalent are reported without a fix (${encoding})`,
    code,
    filename,
    output: null,
    errors: ['MemorySwap', 'CpusetCpus', 'Ulimits'].map((field) => ({
      messageId: 'noEquivalent',
      data: { module: 'encoder', field },
      ...built.at('encoder', `"${field}"`),
    })),
  };
}

function notConvertible(encoding: Encoding) {
  const options = { HostConfig: { Privileged: true, Memory: '${MODULE_MEMORY}', NanoCpus: 1500000 } };
  const { built, code, filename } = one({ modules: { encoder: { createOptions: options } } }, encoding);
  return {
    name: `values that are not plain numbers or not whole millicores get no fix (${encoding})`,
    code,
    filename,
    output: null,
    errors: [
      {
        messageId: 'ignoredByHand',
        data: { module: 'encoder', field: 'Memory', meaning: 'memory limit', target: 'limits.memory', why: 'the value is not a plain number, so it cannot be converted here' },
        ...built.at('encoder', '"Memory"'),
      },
      {
        messageId: 'ignoredByHand',
        data: { module: 'encoder', field: 'NanoCpus', meaning: 'CPU limit', target: 'limits.cpu', why: 'Kubernetes counts CPU in whole millicores and this value is not one' },
        ...built.at('encoder', '"NanoCpus"'),
      },
    ],
  };
}

runRuleTests('no-docker-resource-limits', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `limits already in k8s-experimental (${encoding})`,
      ...codeOf(buildManifest({ modules: { scorer: { createOptions: { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { memory: '1Gi', cpu: '2' } } } } } } }, encoding)),
    },
    {
      name: `values that limit nothing on Docker either (${encoding})`,
      ...codeOf(buildManifest({ modules: { scorer: { createOptions: { HostConfig: { Memory: 0, CpuQuota: -1, PidsLimit: 0, OomKillDisable: false, CpusetCpus: '' } } } } }, encoding)),
    },
    {
      name: `CpuPeriod without CpuQuota sets no limit (${encoding})`,
      ...codeOf(buildManifest({ modules: { scorer: { createOptions: { HostConfig: { CpuPeriod: 100000 } } } } }, encoding)),
    },
    {
      name: `edgeAgent's createOptions are not applied on the device (${encoding})`,
      ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { HostConfig: { Memory: 536870912 } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [
    memoryMoved(encoding),
    nanoCpusMerged(encoding),
    quotaAndPeriod(encoding),
    alreadyEqual(encoding),
    alreadyDifferent(encoding),
    limitBelowRequest(encoding),
    cpuShares(encoding),
    noEquivalent(encoding),
    notConvertible(encoding),
  ]),
});
