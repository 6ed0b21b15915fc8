import { rewrittenFromFirstChange } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

const PRIVILEGED_LOST = 'the container does not run privileged';
const PRIVILEGED_REMEDY = 'set HostConfig.Privileged to true instead';

function privilegedWithHostConfig(encoding: Encoding) {
  const ports = { PortBindings: { '80/tcp': [{ HostPort: '80' }] } };
  const original = { HostConfig: ports, 'k8s-experimental': { securityContext: { runAsUser: 1000, privileged: true } } };
  const built = buildManifest({ modules: { camera: { createOptions: original } } }, encoding);
  const fixed = { HostConfig: { ...ports, Privileged: true }, 'k8s-experimental': { securityContext: { runAsUser: 1000 } } };
  return {
    name: `privileged: true next to HostConfig (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'containerKey',
        data: { module: 'camera', key: 'privileged', lost: PRIVILEGED_LOST, remedy: PRIVILEGED_REMEDY },
        ...built.at('camera', '"privileged"'),
        suggestions: [
          {
            messageId: 'movePrivileged',
            data: { module: 'camera' },
            output:
              encoding === 'chunked'
                ? rewrittenFromFirstChange(built.code, 'camera', JSON.stringify(original), JSON.stringify(fixed), TEST_CHUNK_SIZE)
                : buildManifest({ modules: { camera: { createOptions: fixed } } }, encoding).code,
          },
        ],
      },
    ],
  };
}

function privilegedWithoutHostConfig(encoding: Encoding) {
  const built = buildManifest({ modules: { camera: { createOptions: { 'k8s-experimental': { securityContext: { Privileged: true } } } } } }, encoding);
  const fixed = { 'k8s-experimental': { securityContext: {} }, HostConfig: { Privileged: true } };
  return {
    name: `privileged: true (any case) without HostConfig (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'containerKey',
        data: { module: 'camera', key: 'Privileged', lost: PRIVILEGED_LOST, remedy: PRIVILEGED_REMEDY },
        ...built.at('camera', '"Privileged"'),
        suggestions: [
          {
            messageId: 'movePrivileged',
            data: { module: 'camera' },
            // Chunked: each edit stays inside one chunk, so the chunks are edited in place.
            output:
              encoding === 'chunked'
                ? built.code.replace('"createOptions01": "\\"Privileged\\":true}}}"', '"createOptions01": "}},\\"HostConfig\\":{\\"Privileged\\":true}}"')
                : buildManifest({ modules: { camera: { createOptions: fixed } } }, encoding).code,
          },
        ],
      },
    ],
  };
}

function keysWithoutEquivalent(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        camera: {
          createOptions: {
            HostConfig: { Privileged: true },
            'k8s-experimental': {
              securityContext: { capabilities: { add: ['NET_ADMIN'] }, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, procMount: 'Unmasked', privileged: false, fsGroup: 2000 },
            },
          },
        },
      },
    },
    encoding,
  );
  const at = (snippet: string) => built.at('camera', snippet);
  const noWay = 'remove the key';
  return {
    name: `container keys with no equivalent (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'containerKey',
        data: {
          module: 'camera',
          key: 'capabilities',
          lost: 'it gets no added capabilities',
          remedy: 'use HostConfig.Privileged if it needs them, or remove the key',
        },
        ...at('"capabilities"'),
      },
      { messageId: 'containerKey', data: { module: 'camera', key: 'allowPrivilegeEscalation', lost: 'privilege escalation stays at the Kubernetes default', remedy: noWay }, ...at('"allowPrivilegeEscalation"') },
      { messageId: 'containerKey', data: { module: 'camera', key: 'readOnlyRootFilesystem', lost: 'the root filesystem stays writable', remedy: noWay }, ...at('"readOnlyRootFilesystem"') },
      { messageId: 'containerKey', data: { module: 'camera', key: 'procMount', lost: '/proc is mounted the default way', remedy: noWay }, ...at('"procMount"') },
      {
        messageId: 'containerKey',
        data: { module: 'camera', key: 'privileged', lost: 'it has no effect', remedy: 'remove the key' },
        ...at('"privileged"'),
      },
    ],
  };
}

function hostConfigNotAnObject(encoding: Encoding) {
  const built = buildManifest({ modules: { camera: { createOptions: { HostConfig: 'privileged', 'k8s-experimental': { securityContext: { privileged: true } } } } } }, encoding);
  return {
    name: `no suggestion when HostConfig is not an object (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'containerKey',
        data: { module: 'camera', key: 'privileged', lost: PRIVILEGED_LOST, remedy: PRIVILEGED_REMEDY },
        ...built.at('camera', '"privileged"', 2),
        suggestions: [],
      },
    ],
  };
}

runRuleTests('pod-security-context', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `pod-level keys only (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              camera: {
                createOptions: {
                  HostConfig: { Privileged: true },
                  'k8s-experimental': { securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 2000, supplementalGroups: [44], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } },
                },
              },
            },
          },
          encoding,
        ),
      ),
    },
    {
      // A mis-spelt section is k8s-experimental-placement's finding; its keys are not read at all.
      name: `container keys in a section the agent does not read (${encoding})`,
      ...codeOf(buildManifest({ modules: { camera: { createOptions: { K8s_Experimental: { securityContext: { privileged: true } } } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [privilegedWithHostConfig(encoding), privilegedWithoutHostConfig(encoding), keysWithoutEquivalent(encoding), hostConfigNotAnObject(encoding)]),
});
