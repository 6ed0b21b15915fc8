import { withChunks } from '../helpers/chunk-layout.js';
import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const teamDefaults = { memory: '512Mi', cpu: '500m' };

function after(encoding: Encoding, code: string, name: string, createOptions: unknown, pieces: string[]): string {
  if (encoding === 'chunked') return withChunks(code, name, pieces);
  return buildManifest({ modules: { [name]: { createOptions } } }, encoding).code;
}

function noOptionsNoFix(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } } } } }, encoding);
  return {
    name: `without team defaults there is nothing to add (${encoding})`,
    ...codeOf(built),
    options: [{ autofix: true }],
    output: null,
    errors: [{ messageId: 'missingLimits', data: { module: 'web', missing: 'memory and CPU limits' }, ...locate(built.code, '"web"'), suggestions: [] }],
  };
}

function gpuModule(encoding: Encoding, autofix: boolean) {
  const options = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } };
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  const fixed = after(encoding, built.code, 'scorer', { ...options, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1, memory: '512Mi', cpu: '500m' } } } }, [
    '{"HostConfig":{"Privileged":true},"k8s-e',
    'xperimental":{"resources":{"limits":{"nv',
    'idia.com/gpu":1,"memory":"512Mi","cpu":"500m"}}}}',
  ]);
  const data = { module: 'scorer', missing: 'memory and CPU limits', values: 'memory "512Mi" and cpu "500m"' };
  return {
    name: `team defaults ${autofix ? 'fixed' : 'suggested'} into an existing limits section (${encoding})`,
    ...codeOf(built),
    options: [{ ...teamDefaults, autofix }],
    output: autofix ? fixed : null,
    errors: [{ messageId: 'missingLimits', data, ...built.at('scorer', '"limits"'), suggestions: [{ messageId: 'addLimits', data, output: fixed }] }],
  };
}

function dockerMemory(encoding: Encoding) {
  const options = { HostConfig: { Memory: 1073741824, Privileged: true } };
  const built = buildManifest({ modules: { web: { createOptions: options } } }, encoding);
  const data = { module: 'web', missing: 'memory and CPU limits', docker: 'HostConfig.Memory', values: 'cpu "500m"' };
  return {
    name: `a Docker memory limit is left to no-docker-resource-limits (${encoding})`,
    ...codeOf(built),
    options: [teamDefaults],
    output: null,
    errors: [
      {
        messageId: 'missingLimitsDockerSet',
        data,
        ...locate(built.code, '"web"'),
        suggestions: [
          {
            messageId: 'addLimits',
            data,
            output: after(encoding, built.code, 'web', { ...options, 'k8s-experimental': { resources: { limits: { cpu: '500m' } } } }, [
              '{"HostConfig":{"Memory":1073741824,"Priv',
              'ileged":true},"k8s-experimental":{"resources":{"limits":{"cpu":"500m"}}}}',
            ]),
          },
        ],
      },
    ],
  };
}

function cpuOnlyMissing(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: { 'k8s-experimental': { resources: { limits: { memory: '256Mi' } } } } } } }, encoding);
  return {
    name: `only the CPU limit missing (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [{ messageId: 'missingLimits', data: { module: 'web', missing: 'CPU limit' }, ...built.at('web', '"limits"') }],
  };
}

runRuleTests('require-resource-limits', {
  valid: [
    ...ENCODINGS.map((encoding) => ({
      name: `both limits set; system modules are not judged (${encoding})`,
      ...codeOf(buildManifest({ modules: { web: { createOptions: { 'k8s-experimental': { resources: { limits: { memory: '256Mi', cpu: 1 } } } } } } }, encoding)),
    })),
    { name: 'unparseable createOptions belong to valid-create-options', ...codeOf(buildManifest({ modules: { web: { createOptions: '{"HostConfig": ' } } }, 'string')) },
  ],
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [noOptionsNoFix(encoding), gpuModule(encoding, false), gpuModule(encoding, true), dockerMemory(encoding), cpuOnlyMissing(encoding)]),
    {
      name: 'a module without createOptions is reported at its name',
      ...codeOf(buildManifest({ modules: { sensor: {} } }, 'string')),
      output: null,
      errors: [{ messageId: 'missingLimits', data: { module: 'sensor', missing: 'memory and CPU limits' }, ...locate(buildManifest({ modules: { sensor: {} } }, 'string').code, '"sensor"') }],
    },
  ],
});
