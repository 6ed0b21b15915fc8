import { rewrittenFromFirstChange } from '../helpers/chunk-layout.js';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { buildManifest, encodedNeedle, ENCODINGS, type Encoding, TEST_CHUNK_SIZE } from '../helpers/manifest-builder.js';
import { plugin, runRuleTests } from '../helpers/rule-tester.js';

const gpu = { limits: { 'nvidia.com/gpu': 1 } };

function misCased(encoding: Encoding) {
  const built = buildManifest({ modules: { detector: { createOptions: { 'K8s-Experimental': { resources: gpu }, HostConfig: { Privileged: true } } } } }, encoding);
  return {
    name: `a mis-cased section is renamed in place (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: built.code.replace(encodedNeedle('"K8s-Experimental"', encoding), encodedNeedle('"k8s-experimental"', encoding)),
    errors: [{ messageId: 'misnamed', data: { module: 'detector', key: 'K8s-Experimental' }, ...built.at('detector', '"K8s-Experimental"') }],
  };
}

function nestedInHostConfig(encoding: Encoding) {
  const options = { HostConfig: { Privileged: true, 'k8s-experimental': { strategy: { type: 'Recreate' } } } };
  const fixed = { HostConfig: { Privileged: true }, 'k8s-experimental': { strategy: { type: 'Recreate' } } };
  const built = buildManifest({ modules: { detector: { createOptions: options } } }, encoding);
  return {
    name: `a section under HostConfig moves to the top level (${encoding})`,
    code: built.code,
    filename: built.filename,
    // The moved text crosses chunk boundaries from the first chunk on: the chunk set is rewritten, here into one string.
    output: buildManifest({ modules: { detector: { createOptions: fixed, encoding: encoding === 'chunked' ? 'string' : encoding } } }, encoding).code,
    errors: [{ messageId: 'nested', data: { module: 'detector', path: 'HostConfig.k8s-experimental' }, ...built.at('detector', '"k8s-experimental"') }],
  };
}

function mergedIntoSection(encoding: Encoding) {
  const options = { 'k8s-experimental': { nodeSelector: { role: 'gpu' } }, HostConfig: { k8sExperimental: { resources: { limits: { memory: '1Gi' } } } } };
  const fixed = { 'k8s-experimental': { nodeSelector: { role: 'gpu' }, resources: { limits: { memory: '1Gi' } } }, HostConfig: {} };
  const built = buildManifest({ modules: { detector: { createOptions: options } } }, encoding);
  return {
    name: `a nested copy is merged into the section that is there (${encoding})`,
    code: built.code,
    filename: built.filename,
    // The moved text crosses chunk boundaries: the chunks from the first one that changes are rewritten.
    output:
      encoding === 'chunked'
        ? rewrittenFromFirstChange(built.code, 'detector', JSON.stringify(options), JSON.stringify(fixed), TEST_CHUNK_SIZE)
        : buildManifest({ modules: { detector: { createOptions: fixed } } }, encoding).code,
    errors: [{ messageId: 'nested', data: { module: 'detector', path: 'HostConfig.k8sExperimental' }, ...built.at('detector', '"k8sExperimental"') }],
  };
}

function sameKeyTwice(encoding: Encoding) {
  const options = { 'k8s-experimental': { resources: gpu }, k8s_experimental: { Resources: { limits: { memory: '1Gi' } }, strategy: { type: 'Recreate' } } };
  const built = buildManifest({ modules: { detector: { createOptions: options } } }, encoding);
  return {
    name: `both copies set resources: no fix (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [{ messageId: 'sameKeyTwice', data: { module: 'detector', path: 'k8s_experimental', member: 'Resources' }, ...built.at('detector', '"k8s_experimental"') }],
  };
}

function twoCopies(encoding: Encoding) {
  const options = { 'k8s-extensions': { nodeSelector: { role: 'gpu' } }, HostConfig: { Privileged: true }, k8sExperimental: { strategy: { type: 'Recreate' } } };
  const built = buildManifest({ modules: { detector: { createOptions: options } } }, encoding);
  return {
    name: `two misplaced copies: the first is placed, the other waits for the next pass (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: built.code.replace(encodedNeedle('"k8s-extensions"', encoding), encodedNeedle('"k8s-experimental"', encoding)),
    errors: [
      { messageId: 'misnamed', data: { module: 'detector', key: 'k8s-extensions' }, ...built.at('detector', '"k8s-extensions"') },
      { messageId: 'misnamed', data: { module: 'detector', key: 'k8sExperimental' }, ...built.at('detector', '"k8sExperimental"') },
    ],
  };
}

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

runRuleTests('k8s-experimental-placement', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `the section where the agent reads it (${encoding})`, ...codeOf(buildManifest({ modules: { detector: { createOptions: { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: gpu } } } } }, encoding)) },
    { name: `look-alike names that are not the section (${encoding})`, ...codeOf(buildManifest({ modules: { detector: { createOptions: { k8s: {}, Labels: { 'k8s-experimental': 'on' }, 'k8s-volumes': [] } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [misCased(encoding), nestedInHostConfig(encoding), mergedIntoSection(encoding), sameKeyTwice(encoding), twoCopies(encoding)]),
});

// require-recreate-strategy inserts into k8s-experimental (or creates it) in the same --fix pass: the
// fixes of this rule and of k8s-experimental-keys must never leave two sections or two strategies.
describe('converges with require-recreate-strategy on one chunked module', () => {
  const rules = ['k8s-experimental-placement', 'k8s-experimental-keys', 'require-recreate-strategy', 'create-options-chunks', 'cmd-entrypoint-array'];
  const config = [
    {
      files: ['**/*.json'],
      plugins: { 'ase-gpu': plugin as never },
      language: 'ase-gpu/manifest',
      settings: { 'ase-gpu': { maxChunkLength: 30 } },
      rules: Object.fromEntries(rules.map((rule) => [`ase-gpu/${rule}`, 'error'])),
    },
  ];
  const cases: [string, unknown, unknown][] = [
    [
      'a mis-cased section with an alias, a host network and a string Cmd',
      { Cmd: 'run', HostConfig: { NetworkMode: 'host' }, 'K8s-Experimental': { resources: gpu, 'service-options': { type: 'ClusterIP' } } },
      { Cmd: ['run'], HostConfig: { NetworkMode: 'host' }, 'k8s-experimental': { resources: gpu, serviceOptions: { type: 'ClusterIP' }, strategy: { type: 'Recreate' } } },
    ],
    [
      'a section under HostConfig with deploymentStrategy',
      { HostConfig: { NetworkMode: 'host', 'k8s-experimental': { deploymentStrategy: { type: 'Recreate' }, resources: gpu } } },
      { HostConfig: { NetworkMode: 'host' }, 'k8s-experimental': { strategy: { type: 'Recreate' }, resources: gpu } },
    ],
  ];
  it.each(cases)('%s', (_name, options, expected) => {
    const built = buildManifest({ modules: { detector: { createOptions: options } } }, 'chunked', 30);
    const linter = new Linter();
    const fixed = linter.verifyAndFix(built.code, config as never, { filename: built.filename });
    expect(fixed.messages).toEqual([]);
    expect(fixed.output).toBe(buildManifest({ modules: { detector: { createOptions: expected } } }, 'chunked', 30).code);
    expect(linter.verifyAndFix(fixed.output, config as never, { filename: built.filename }).fixed).toBe(false);
  });
});
