import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const built = (encoding: Encoding, createOptions: unknown, moduleEncoding?: Encoding) =>
  buildManifest({ modules: { recorder: { createOptions, ...(moduleEncoding ? { encoding: moduleEncoding } : {}) } } }, encoding);

function destinationCase(encoding: Encoding) {
  const options = { HostConfig: { Mounts: [{ Type: 'bind', Source: '/var/recordings', Destination: '/recordings' }] } };
  const fixed = { HostConfig: { Mounts: [{ Type: 'bind', Source: '/var/recordings', Target: '/recordings' }] } };
  const input = built(encoding, options);
  const mountText = encoding === 'object' ? undefined : JSON.stringify(options.HostConfig.Mounts[0]);
  // The renamed key stays in its chunk: the output keeps the chunk boundaries of the input.
  const output = encoding === 'chunked' ? input.code.replace('Destination', 'Target') : built(encoding, fixed).code;
  return {
    name: `Destination instead of Target (${encoding})`,
    ...codeOf(input),
    output,
    errors: [
      {
        messageId: 'incompleteMount',
        data: { module: 'recorder', missing: 'Target', advice: 'rename Destination (the docker inspect spelling) to Target' },
        ...(mountText ? input.at('recorder', mountText) : locateObjectAfter(input.code, '"Mounts": [')),
      },
    ],
  };
}

/** The first object after an anchor (for the laid-out object encoding). */
function locateObjectAfter(code: string, anchor: string) {
  const start = code.indexOf('{', code.indexOf(anchor));
  const end = code.indexOf('}', start) + 1;
  const before = code.slice(0, start);
  const line = before.split('\n').length;
  const column = start - before.lastIndexOf('\n');
  const endBefore = code.slice(0, end);
  return { line, column, endLine: endBefore.split('\n').length, endColumn: end - endBefore.lastIndexOf('\n') };
}

function tmpfsCase(encoding: Encoding) {
  const input = built(encoding, { HostConfig: { Mounts: [{ Type: 'tmpfs', Source: 'scratch', Target: '/scratch', TmpfsOptions: { SizeBytes: 268435456 } }] } });
  const suggested = {
    HostConfig: {},
    'k8s-experimental': { volumes: [{ volume: { name: 'tmpfs-scratch', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } }, volumeMounts: [{ name: 'tmpfs-scratch', mountPath: '/scratch' }] }] },
  };
  return {
    name: `a tmpfs Mount (${encoding})`,
    ...codeOf(input),
    output: null,
    errors: [
      {
        messageId: 'ignoredMountType',
        data: { module: 'recorder', type: 'tmpfs', target: '/scratch', advice: 'for memory-backed scratch space, use a k8s-experimental.volumes emptyDir with medium "Memory"' },
        ...input.at('recorder', '"tmpfs"'),
        suggestions: [
          {
            messageId: 'suggestEmptyDir',
            data: { target: '/scratch' },
            // The edits cross chunks: the suggestion rewrites the chunk set, here into one string.
            output: built(encoding, suggested, encoding === 'chunked' ? 'string' : undefined).code,
          },
        ],
      },
    ],
  };
}

function collisionCase(encoding: Encoding) {
  const options = { HostConfig: { Mounts: [{ Type: 'bind', Source: '/Data/cam', Target: '/a' }, { Type: 'bind', Source: '/data/cam', Target: '/b' }] } };
  const input = built(encoding, options);
  const second = encoding === 'object' ? undefined : JSON.stringify(options.HostConfig.Mounts[1]);
  return {
    name: `two sources that sanitise alike (${encoding})`,
    ...codeOf(input),
    output: null,
    errors: [
      {
        messageId: 'sharedVolume',
        data: { module: 'recorder', what: 'bind Mount', source: '/data/cam', other: '/Data/cam', name: 'datacam' },
        ...(second ? input.at('recorder', second) : locateObjectAfter(input.code, '"Target": "/a"\n')),
      },
    ],
  };
}

// The agent removes repeated volumes but not repeated mounts, so the same entry twice is two mounts at one path.
function repeatedBindCase(encoding: Encoding) {
  const input = built(encoding, { HostConfig: { Binds: ['/var/models:/data', '/var/models:/data'] } });
  return {
    name: `the same Binds entry twice (${encoding})`,
    ...codeOf(input),
    output: null,
    errors: [{ messageId: 'duplicateTarget', data: { module: 'recorder', target: '/data' }, ...input.at('recorder', '"/var/models:/data"', 2) }],
  };
}

function duplicateTargetCase(encoding: Encoding) {
  const input = built(encoding, { HostConfig: { Binds: ['/var/models:/data', '/var/frames:/data:ro'] } });
  return {
    name: `two Binds entries on one container path (${encoding})`,
    ...codeOf(input),
    output: null,
    errors: [{ messageId: 'duplicateTarget', data: { module: 'recorder', target: '/data' }, ...input.at('recorder', '"/var/frames:/data:ro"') }],
  };
}

runRuleTests('valid-mounts', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `complete bind and volume Mounts (${encoding})`,
      ...codeOf(built(encoding, { HostConfig: { Mounts: [{ Type: 'bind', Source: '/var/cache', Target: '/cache' }, { Type: 'volume', Source: 'input', Target: '/input', ReadOnly: true }] } })),
    },
    {
      name: `one source mounted twice on purpose (${encoding})`,
      ...codeOf(built(encoding, { HostConfig: { Mounts: [{ Type: 'bind', Source: '/var/cache', Target: '/a' }, { Type: 'bind', Source: '/var/cache', Target: '/b' }] } })),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [destinationCase(encoding), tmpfsCase(encoding), collisionCase(encoding), duplicateTargetCase(encoding), repeatedBindCase(encoding)]),
});
