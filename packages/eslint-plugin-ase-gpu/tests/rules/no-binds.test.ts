import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';
import { rewrittenFromFirstChange, withChunks } from '../helpers/chunk-layout.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const one = (name: string, createOptions: unknown): ManifestSpec => ({ modules: { [name]: { createOptions } } });

/**
 * The manifest after a fix. A fix whose edits cross the 40-character test chunks rewrites the chunk set,
 * here into one string (shorter than 512).
 */
function fixedCode(name: string, fixed: unknown, encoding: Encoding): string {
  return buildManifest({ modules: { [name]: { createOptions: fixed, encoding: encoding === 'chunked' ? 'string' : encoding } } }, encoding).code;
}

const shareMessage = (module: string, share: string, containerPath: string) => ({
  module,
  hostPath: `/home/hcsshares/${share}`,
  containerPath,
  share,
});

function shareRootCase(encoding: Encoding) {
  const built = buildManifest(one('scorer', { HostConfig: { Privileged: true, Binds: ['/home/hcsshares/fpgainput:/home/input:ro'] } }), encoding);
  return {
    name: `an FPGA share root becomes a volume Mount in place of Binds (${encoding})`,
    ...codeOf(built),
    output: fixedCode('scorer', { HostConfig: { Privileged: true, Mounts: [{ Type: 'volume', Source: 'fpgainput', Target: '/home/input', ReadOnly: true }] } }, encoding),
    errors: [{ messageId: 'shareBind', data: shareMessage('scorer', 'fpgainput', '/home/input'), ...built.at('scorer', '"/home/hcsshares/fpgainput:/home/input:ro"') }],
  };
}

function hostPathCase(encoding: Encoding) {
  const options = {
    HostConfig: {
      Binds: ['/etc/hosts:/etc/hosts', '/var/lib/frames:/frames'],
      Mounts: [{ Type: 'volume', Source: 'models', Target: '/models' }],
    },
  };
  const fixed = {
    HostConfig: {
      Binds: ['/etc/hosts:/etc/hosts'],
      Mounts: [
        { Type: 'volume', Source: 'models', Target: '/models' },
        { Type: 'bind', Source: '/var/lib/frames', Target: '/frames' },
      ],
    },
  };
  const built = buildManifest(one('camera', options), encoding);
  return {
    name: `a host path becomes a bind Mount appended to Mounts; the file bind stays for no-file-bind-mounts (${encoding})`,
    ...codeOf(built),
    // Chunked: the removal and the new Mount each stay inside one 40-character chunk, so the boundaries stay.
    output:
      encoding === 'chunked'
        ? withChunks(built.code, 'camera', [
            '{"HostConfig":{"Binds":["/etc/hosts:/etc',
            '/hosts"],"Moun',
            'ts":[{"Type":"volume","Source":"models",',
            '"Target":"/models"},{"Type":"bind","Source":"/var/lib/frames","Target":"/frames"}]}}',
          ])
        : fixedCode('camera', fixed, encoding),
    errors: [
      {
        messageId: 'hostPathBind',
        data: { module: 'camera', hostPath: '/var/lib/frames', containerPath: '/frames' },
        ...built.at('camera', '"/var/lib/frames:/frames"'),
      },
    ],
  };
}

function twoBindsCase(encoding: Encoding) {
  const built = buildManifest(one('camera', { HostConfig: { Binds: ['/data:/data', '/home/hcsshares/out:/out'] } }), encoding);
  // Every fixable entry of a module carries the same fix, which moves them all: one pass, Binds order kept.
  return {
    name: `two fixable entries are fixed together (${encoding})`,
    ...codeOf(built),
    output: fixedCode('camera', { HostConfig: { Mounts: [{ Type: 'bind', Source: '/data', Target: '/data' }, { Type: 'volume', Source: 'out', Target: '/out' }] } }, encoding),
    errors: [
      { messageId: 'hostPathBind', data: { module: 'camera', hostPath: '/data', containerPath: '/data' }, ...built.at('camera', '"/data:/data"') },
      { messageId: 'shareBind', data: shareMessage('camera', 'out', '/out'), ...built.at('camera', '"/home/hcsshares/out:/out"') },
    ],
  };
}

const namedVolumeOptions = { HostConfig: { Binds: ['models:/models'] } };
const namedVolumeFixed = { HostConfig: { Mounts: [{ Type: 'volume', Source: 'models', Target: '/models' }] } };

function namedVolumeSuggestionCase(encoding: Encoding) {
  const built = buildManifest(one('scorer', namedVolumeOptions), encoding);
  return {
    name: `a named volume that the profile does not list as a share: suggestion only (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'namedVolumeBind',
        data: { module: 'scorer', hostPath: 'models', containerPath: '/models', volume: 'models' },
        ...built.at('scorer', '"models:/models"'),
        suggestions: [{ messageId: 'toNamedVolumeMount', data: { volume: 'models' }, output: fixedCode('scorer', namedVolumeFixed, encoding) }],
      },
    ],
  };
}

function namedVolumeFixCase(encoding: Encoding) {
  const built = buildManifest(one('scorer', namedVolumeOptions), encoding);
  return {
    name: `a named volume listed in the profile's shares: fixed (${encoding})`,
    ...codeOf(built),
    output: fixedCode('scorer', namedVolumeFixed, encoding),
    errors: [
      {
        messageId: 'namedVolumeBind',
        data: { module: 'scorer', hostPath: 'models', containerPath: '/models', volume: 'models' },
        ...built.at('scorer', '"models:/models"'),
      },
    ],
  };
}

function subPathCase(encoding: Encoding) {
  const built = buildManifest(one('scorer', { HostConfig: { Binds: ['/home/hcsshares/data/images/raw:/raw:ro', '/etc/localtime:/etc/localtime:ro'] } }), encoding);
  const fixed = {
    HostConfig: { Binds: ['/etc/localtime:/etc/localtime:ro'] },
    'k8s-experimental': {
      volumes: [
        {
          volume: { name: 'data-imagesraw', persistentVolumeClaim: { claimName: 'data', readOnly: true } },
          volumeMounts: [{ name: 'data-imagesraw', mountPath: '/raw', subPath: 'images/raw', readOnly: true }],
        },
      ],
    },
  };
  return {
    name: `a share sub-path: suggestion through k8s-experimental.volumes (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'shareSubpathBind',
        data: { module: 'scorer', hostPath: '/home/hcsshares/data/images/raw', containerPath: '/raw', share: 'data', subPath: 'images/raw' },
        ...built.at('scorer', '"/home/hcsshares/data/images/raw:/raw:ro"'),
        suggestions: [{ messageId: 'toSubPathVolume', data: { share: 'data', subPath: 'images/raw' }, output: fixedCode('scorer', fixed, encoding) }],
      },
    ],
  };
}

function shareMountCase(encoding: Encoding) {
  const built = buildManifest(one('writer', { HostConfig: { Mounts: [{ Type: 'bind', Source: '/home/hcsshares/results', Target: '/results' }] } }), encoding);
  return {
    name: `a Mounts bind of an FPGA share root becomes a volume Mount (${encoding})`,
    ...codeOf(built),
    output:
      encoding === 'chunked'
        ? withChunks(built.code, 'writer', ['{"HostConfig":{"Mounts":[{"Type":"volume",', '"Source":"results","Targ', 'et":"/results"}]}}'])
        : fixedCode('writer', { HostConfig: { Mounts: [{ Type: 'volume', Source: 'results', Target: '/results' }] } }, encoding),
    errors: [{ messageId: 'shareMountBind', data: shareMessage('writer', 'results', '/results'), ...built.at('writer', '"/home/hcsshares/results"') }],
  };
}

function windowsCase(encoding: Encoding) {
  const entry = 'C:\\data:C:\\app\\data';
  const built = buildManifest(one('legacy', { HostConfig: { Binds: [entry] } }), encoding);
  return {
    name: `a Windows path: reported, no fix (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [{ messageId: 'windowsBind', data: { module: 'legacy', entry }, ...built.at('legacy', JSON.stringify(entry)) }],
  };
}

function relativePathCase(encoding: Encoding) {
  const built = buildManifest(one('legacy', { HostConfig: { Binds: ['./cache:/cache'] } }), encoding);
  return {
    name: `a relative path: reported in every preset, no fix (${encoding})`,
    ...codeOf(built),
    options: [{ reportHostDirectories: false }],
    output: null,
    errors: [{ messageId: 'relativePathBind', data: { module: 'legacy', hostPath: './cache', containerPath: '/cache' }, ...built.at('legacy', '"./cache:/cache"') }],
  };
}

const RECOMMENDED = [{ reportHostDirectories: false }];

function recommendedMixCase(encoding: Encoding) {
  const options = { HostConfig: { Binds: ['/tmp/.X11-unix:/tmp/.X11-unix', '/home/hcsshares/out:/out', '/dev/shm:/dev/shm', 'models:/models'] } };
  const built = buildManifest(one('spatialanalysis', options), encoding);
  const suggested = { HostConfig: { Binds: ['/tmp/.X11-unix:/tmp/.X11-unix', '/home/hcsshares/out:/out', '/dev/shm:/dev/shm'], Mounts: [{ Type: 'volume', Source: 'models', Target: '/models' }] } };
  // The shared fix moves only the entries reported: the host directories stay in Binds.
  const fixed = {
    HostConfig: { Binds: ['/tmp/.X11-unix:/tmp/.X11-unix', '/dev/shm:/dev/shm', 'models:/models'], Mounts: [{ Type: 'volume', Source: 'out', Target: '/out' }] },
  };
  return {
    name: `recommended: host directories are quiet, the share and the named volume are reported (${encoding})`,
    ...codeOf(built),
    options: RECOMMENDED,
    // Chunked: the removal crosses a chunk boundary, so the chunks are rewritten from the first that changes.
    output:
      encoding === 'chunked'
        ? rewrittenFromFirstChange(built.code, 'spatialanalysis', JSON.stringify(options), JSON.stringify(fixed), TEST_CHUNK_SIZE)
        : fixedCode('spatialanalysis', fixed, encoding),
    errors: [
      { messageId: 'shareBind', data: shareMessage('spatialanalysis', 'out', '/out'), ...built.at('spatialanalysis', '"/home/hcsshares/out:/out"') },
      {
        messageId: 'namedVolumeBind',
        data: { module: 'spatialanalysis', hostPath: 'models', containerPath: '/models', volume: 'models' },
        ...built.at('spatialanalysis', '"models:/models"'),
        suggestions: [
          {
            messageId: 'toNamedVolumeMount',
            data: { volume: 'models' },
            // Chunked: the edit stays inside the third chunk, so the boundaries stay.
            output:
              encoding === 'chunked'
                ? withChunks(built.code, 'spatialanalysis', [
                    '{"HostConfig":{"Binds":["/tmp/.X11-unix:',
                    '/tmp/.X11-unix","/home/hcsshares/out:/ou',
                    't","/dev/shm:/dev/shm"],"Mounts":[{"Type":"volume","Source":"models","Target":"/models"}]',
                    '}}',
                  ])
                : fixedCode('spatialanalysis', suggested, encoding),
          },
        ],
      },
    ],
  };
}

function placeholderShareCase(encoding: Encoding) {
  const built = buildManifest(one('writer', { HostConfig: { Binds: ['/home/hcsshares/$SHARE_NAME:/data', '/home/hcsshares/${SHARE}/frames:/frames:ro'] } }), encoding);
  return {
    name: `an FPGA share path with a placeholder share name: reported, no fix (${encoding})`,
    ...codeOf(built),
    options: RECOMMENDED,
    output: null,
    errors: [
      {
        messageId: 'shareBind',
        data: { module: 'writer', hostPath: '/home/hcsshares/$SHARE_NAME', containerPath: '/data', share: '$SHARE_NAME' },
        ...built.at('writer', '"/home/hcsshares/$SHARE_NAME:/data"'),
      },
      {
        messageId: 'shareBind',
        data: { module: 'writer', hostPath: '/home/hcsshares/${SHARE}/frames', containerPath: '/frames', share: '${SHARE}' },
        ...built.at('writer', '"/home/hcsshares/${SHARE}/frames:/frames:ro"'),
      },
    ],
  };
}

const quiet = (name: string, createOptions: unknown) =>
  ENCODINGS.map((encoding) => ({ name: `${name} (${encoding})`, ...codeOf(buildManifest(one('module1', createOptions), encoding)) }));

runRuleTests('no-binds', {
  valid: [
    ...quiet('volume and bind Mounts', { HostConfig: { Mounts: [{ Type: 'volume', Source: 'input', Target: '/input' }, { Type: 'bind', Source: '/var/cache', Target: '/cache' }] } }),
    ...quiet('files, sockets and devices belong to no-file-bind-mounts', {
      HostConfig: { Binds: ['/etc/hosts:/etc/hosts', '/var/run/docker.sock:/var/run/docker.sock', '/dev/video0:/dev/video0', '/opt/app/config.json:/app/config.json:ro'] },
    }),
    ...quiet('placeholders', { HostConfig: { Binds: ['${DATA_DIR}:/data', '$SHARE_ROOT/input:/input'] } }),
    ...quiet('an entry without a container path, which the agent ignores', { HostConfig: { Binds: ['/data'] } }),
    ...quiet('no HostConfig', { Env: ['A=1'] }),
    ...quiet('recommended: host directories, existing node folders among them', {
      HostConfig: { Binds: ['/tmp/.X11-unix:/tmp/.X11-unix', '/run/udev:/run/udev:ro', '/dev/shm:/dev/shm', '/var/lib/frames:/frames'] },
    }).map((test) => ({ ...test, options: RECOMMENDED })),
    {
      name: 'unparseable createOptions belong to valid-create-options',
      ...codeOf(buildManifest(one('broken', '{"HostConfig":{"Binds":["/data:/data"]'), 'string')),
    },
  ],
  invalid: ENCODINGS.flatMap((encoding) => [
    shareRootCase(encoding),
    hostPathCase(encoding),
    twoBindsCase(encoding),
    namedVolumeSuggestionCase(encoding),
    subPathCase(encoding),
    shareMountCase(encoding),
    windowsCase(encoding),
    relativePathCase(encoding),
    recommendedMixCase(encoding),
    placeholderShareCase(encoding),
  ]),
});

runRuleTests('no-binds', { valid: [], invalid: ENCODINGS.map(namedVolumeFixCase) }, { shares: ['models', 'fpgainput'] });
