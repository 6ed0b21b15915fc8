import { buildManifest, encodedNeedle, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const ports = { PortBindings: { '80/tcp': [{ HostPort: '80' }] } };

function aliasAndUnknown(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: { HostConfig: ports, 'k8s-experimental': { 'service-options': { type: 'ClusterIP' }, replicas: 2 } } } } }, encoding);
  return {
    name: `service-options and an unknown key (${encoding})`,
    code: built.code,
    filename: built.filename,
    // In the chunked encoding the key lies inside one chunk: renamed in place there too.
    output: built.code.replace(encodedNeedle('"service-options"', encoding), encodedNeedle('"serviceOptions"', encoding)),
    errors: [
      { messageId: 'aliasKey', data: { module: 'web', key: 'service-options', canonical: 'serviceOptions' }, ...built.at('web', '"service-options"') },
      { messageId: 'unknownKey', data: { module: 'web', key: 'replicas' }, ...built.at('web', '"replicas"') },
    ],
  };
}

function aliasBesideKey(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: { 'k8s-experimental': { strategy: { type: 'Recreate' }, deploymentStrategy: { type: 'Recreate' } } } } } }, encoding);
  return {
    name: `deploymentStrategy beside strategy (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [{ messageId: 'aliasBesideKey', data: { module: 'web', key: 'deploymentStrategy', canonical: 'strategy' }, ...built.at('web', '"deploymentStrategy"') }],
  };
}

function twoAliases(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: { 'k8s-experimental': { updateStrategy: { type: 'Recreate' }, deploymentStrategy: { type: 'Recreate' } } } } } }, encoding);
  return {
    name: `two aliases of strategy: one renamed per pass (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: built.code.replace(encodedNeedle('"updateStrategy"', encoding), encodedNeedle('"strategy"', encoding)),
    errors: [
      { messageId: 'aliasKey', data: { module: 'web', key: 'updateStrategy', canonical: 'strategy' }, ...built.at('web', '"updateStrategy"') },
      { messageId: 'aliasKey', data: { module: 'web', key: 'deploymentStrategy', canonical: 'strategy' }, ...built.at('web', '"deploymentStrategy"') },
    ],
  };
}

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

runRuleTests('k8s-experimental-keys', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `every key the agent reads, in any case (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              web: {
                createOptions: {
                  'k8s-experimental': {
                    volumes: [],
                    Resources: { limits: { memory: '1Gi' } },
                    NodeSelector: { role: 'edge' },
                    securityContext: { runAsUser: 1000 },
                    serviceoptions: { type: 'ClusterIP' },
                    STRATEGY: { type: 'Recreate' },
                  },
                },
              },
            },
          },
          encoding,
        ),
      ),
    },
    // A section the agent does not read is k8s-experimental-placement's finding; its keys wait until it is placed.
    { name: `keys of a mis-cased section (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { 'K8s-Experimental': { replicas: 2 } } } } }, encoding)) },
    { name: `keys of a section under HostConfig (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { 'k8s-experimental': { replicas: 2 } } } } } }, encoding)) },
    { name: `unknown keys elsewhere in createOptions (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { replicas: 2 } } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [aliasAndUnknown(encoding), aliasBesideKey(encoding), twoAliases(encoding)]),
});
