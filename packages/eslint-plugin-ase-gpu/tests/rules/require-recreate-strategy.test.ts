import { chunkedAfterEdits } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const gpuOptions = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } };
const gpuFixed = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } }, strategy: { type: 'Recreate' } } };

function gpuCase(encoding: Encoding) {
  const built = buildManifest({ modules: { detector: { createOptions: gpuOptions } } }, encoding);
  // Chunks keep their boundaries: the fix edits the last chunk in place.
  const output =
    encoding === 'chunked'
      ? built.code.replace('"createOptions02": "idia.com/gpu\\":1}}}}"', '"createOptions02": "idia.com/gpu\\":1}},\\"strategy\\":{\\"type\\":\\"Recreate\\"}}}"')
      : buildManifest({ modules: { detector: { createOptions: gpuFixed } } }, encoding).code;
  return {
    name: `a GPU module without a strategy (${encoding})`,
    code: built.code,
    filename: built.filename,
    output,
    errors: [
      {
        messageId: 'missingRecreate',
        data: { module: 'detector', reason: 'it holds the extended resource "nvidia.com/gpu" exclusively' },
        ...built.at('detector', '"nvidia.com/gpu"'),
      },
    ],
  };
}

function rollingUpdateCase(encoding: Encoding) {
  const options = { HostConfig: { NetworkMode: 'host' }, 'k8s-experimental': { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const fixed = { HostConfig: { NetworkMode: 'host' }, 'k8s-experimental': { strategy: { type: 'Recreate' } } };
  const built = buildManifest({ modules: { gateway: { createOptions: options } } }, encoding);
  return {
    name: `a host-network module with a rolling update (${encoding})`,
    code: built.code,
    filename: built.filename,
    // The replaced strategy crosses chunk boundaries: the chunks from the first one it touches are rewritten.
    output:
      encoding === 'chunked'
        ? chunkedAfterEdits(built.code, 'gateway', JSON.stringify(options), TEST_CHUNK_SIZE, [
            { from: '{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}', to: '{"type":"Recreate"}' },
          ])
        : buildManifest({ modules: { gateway: { createOptions: fixed } } }, encoding).code,
    errors: [
      {
        messageId: 'missingRecreate',
        data: { module: 'gateway', reason: 'it uses the host network, whose ports the old pod still holds' },
        ...built.at('gateway', '"host"'),
      },
    ],
  };
}

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

runRuleTests('require-recreate-strategy', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `GPU module with Recreate (${encoding})`, ...codeOf(buildManifest({ modules: { detector: { createOptions: gpuFixed } } }, encoding)) },
    { name: `plain module (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } } } } }, encoding)) },
    {
      name: `bind Mount only (${encoding})`,
      ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { Mounts: [{ Type: 'bind', Source: '/var/data', Target: '/data' }] } } } } }, encoding)),
    },
    {
      // The agent's claims for volume Mounts are ReadWriteMany or ReadOnlyMany: the new pod mounts them beside the old one.
      name: `share claims: a volume Mount and a k8s-experimental claim (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              store: { createOptions: { HostConfig: { Mounts: [{ Type: 'volume', Source: 'share1', Target: '/data' }] } } },
              archive: {
                createOptions: {
                  'k8s-experimental': { volumes: [{ volume: { name: 'archive', persistentVolumeClaim: { claimName: 'share2' } }, volumeMounts: [{ name: 'archive', mountPath: '/archive' }] }] },
                },
              },
            },
          },
          encoding,
        ),
      ),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [gpuCase(encoding), rollingUpdateCase(encoding)]),
});
