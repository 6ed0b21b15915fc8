import { withChunks } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

/** The manifest after a suggestion: chunked modules are edited in place (`pieces` = decoded chunks after). */
function after(encoding: Encoding, code: string, name: string, createOptions: unknown, pieces: string[]): string {
  if (encoding === 'chunked') return withChunks(code, name, pieces);
  return buildManifest({ modules: { [name]: { createOptions } } }, encoding).code;
}

const dshm = (sizeLimit: string) => ({
  volume: { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit } },
  volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
});

function plain(encoding: Encoding) {
  const options = { HostConfig: { Privileged: true, ShmSize: 536870912 } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const data = { module: 'trainer', size: '536870912', quantity: '512Mi' };
  return {
    name: `ShmSize with both suggestions (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'ignoredShmSize',
        data,
        ...built.at('trainer', '"ShmSize"'),
        suggestions: [
          {
            messageId: 'useHostIpc',
            data,
            output: after(encoding, built.code, 'trainer', { HostConfig: { Privileged: true, ShmSize: 536870912, IpcMode: 'host' } }, [
              '{"HostConfig":{"Privileged":true,"ShmSiz',
              'e":536870912,"IpcMode":"host"}}',
            ]),
          },
          {
            messageId: 'mountMemoryEmptyDir',
            data,
            output: after(encoding, built.code, 'trainer', { HostConfig: { Privileged: true, ShmSize: 536870912 }, 'k8s-experimental': { volumes: [dshm('512Mi')] } }, [
              '{"HostConfig":{"Privileged":true,"ShmSiz',
              'e":536870912},"k8s-experimental":{"volumes":[{"volume":{"name":"dshm","emptyDir":{"medium":"Memory","sizeLimit":"512Mi"}},"volumeMounts":[{"name":"dshm","mountPath":"/dev/shm"}]}]}}',
            ]),
          },
        ],
      },
    ],
  };
}

function existingSettings(encoding: Encoding) {
  const models = { volume: { name: 'models', hostPath: { path: '/models' } }, volumeMounts: [{ name: 'models', mountPath: '/models' }] };
  const options = { HostConfig: { IpcMode: 'shareable', ShmSize: 1536870912 }, 'k8s-experimental': { volumes: [models] } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const data = { module: 'trainer', size: '1536870912', quantity: '1536870912' };
  const before = [
    '{"HostConfig":{"IpcMode":"shareable","Sh',
    'mSize":1536870912},"k8s-experimental":{"',
    'volumes":[{"volume":{"name":"models","ho',
    'stPath":{"path":"/models"}},"volumeMount',
    's":[{"name":"models","mountPath":"/model',
  ];
  return {
    name: `an IpcMode to replace and a volumes list to extend (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'ignoredShmSize',
        data,
        ...built.at('trainer', '"ShmSize"'),
        suggestions: [
          {
            messageId: 'useHostIpc',
            data,
            output: after(encoding, built.code, 'trainer', { ...options, HostConfig: { IpcMode: 'host', ShmSize: 1536870912 } }, [
              '{"HostConfig":{"IpcMode":"host","Sh',
              ...before.slice(1),
              's"}]}]}}',
            ]),
          },
          {
            messageId: 'mountMemoryEmptyDir',
            data,
            output: after(encoding, built.code, 'trainer', { ...options, 'k8s-experimental': { volumes: [models, dshm('1536870912')] } }, [
              ...before,
              's"}]},{"volume":{"name":"dshm","emptyDir":{"medium":"Memory","sizeLimit":"1536870912"}},"volumeMounts":[{"name":"dshm","mountPath":"/dev/shm"}]}]}}',
            ]),
          },
        ],
      },
    ],
  };
}

function bindAtShm(encoding: Encoding) {
  const options = { HostConfig: { ShmSize: 268435456, Binds: ['/dev/shm:/dev/shm'] } };
  const built = buildManifest({ modules: { trainer: { createOptions: options } } }, encoding);
  const data = { module: 'trainer', size: '268435456', quantity: '256Mi' };
  return {
    name: `something already mounted at /dev/shm: no emptyDir suggestion (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'ignoredShmSize',
        data,
        ...built.at('trainer', '"ShmSize"'),
        suggestions: [
          {
            messageId: 'useHostIpc',
            data,
            output: after(encoding, built.code, 'trainer', { HostConfig: { ...options.HostConfig, IpcMode: 'host' } }, [
              '{"HostConfig":{"ShmSize":268435456,"Bind',
              's":["/dev/shm:/dev/shm"],"IpcMode":"host"}}',
            ]),
          },
        ],
      },
    ],
  };
}

runRuleTests('no-shm-size', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `host IPC already (${encoding})`, ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { IpcMode: 'host', ShmSize: 536870912 } } } } }, encoding)) },
    {
      name: `a k8s-experimental volume at /dev/shm (${encoding})`,
      ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { ShmSize: 536870912 }, 'k8s-experimental': { volumes: [dshm('512Mi')] } } } } }, encoding)),
    },
    { name: `ShmSize 0 is Docker's default (${encoding})`, ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { ShmSize: 0 } } } } }, encoding)) },
    { name: `a placeholder cannot be sized (${encoding})`, ...codeOf(buildManifest({ modules: { trainer: { createOptions: { HostConfig: { ShmSize: '${SHM_SIZE}' } } } } }, encoding)) },
    { name: `edgeAgent's createOptions are not applied (${encoding})`, ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { HostConfig: { ShmSize: 536870912 } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [plain(encoding), existingSettings(encoding), bindAtShm(encoding)]),
});
