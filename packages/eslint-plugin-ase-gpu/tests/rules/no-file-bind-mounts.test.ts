import { rewrittenFromFirstChange, withChunks } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

/**
 * The manifest after a suggestion. Chunks: in place when `pieces` (the decoded chunks after) are given;
 * otherwise the edit crossed a chunk boundary and the chunks from the first changed one are rewritten.
 */
function after(encoding: Encoding, code: string, name: string, createOptions: unknown, pieces?: string[]): string {
  if (encoding === 'chunked' && pieces) return withChunks(code, name, pieces);
  if (encoding === 'chunked') {
    const before = /"createOptions": "/u.test(code) ? decodedOptions(code, name) : '';
    return rewrittenFromFirstChange(code, name, before, JSON.stringify(createOptions), TEST_CHUNK_SIZE);
  }
  return buildManifest({ modules: { [name]: { createOptions } } }, encoding).code;
}

/** The decoded createOptions of a module in a chunked fixture (its chunk strings joined). */
function decodedOptions(code: string, name: string): string {
  const settings = JSON.parse(code).modulesContent.$edgeAgent['properties.desired'].modules[name].settings as Record<string, string>;
  return Object.keys(settings)
    .filter((key) => key.startsWith('createOptions'))
    .sort()
    .map((key) => settings[key])
    .join('');
}

function sockets(encoding: Encoding) {
  const docker = '/var/run/docker.sock:/var/run/docker.sock';
  const workload = '/var/run/iotedge/workload.sock:/var/run/iotedge/workload.sock';
  const built = buildManifest({ modules: { monitor: { createOptions: { HostConfig: { Binds: [docker, '/data:/data', workload] } } } } }, encoding);
  const dockerData = { module: 'monitor', source: '/var/run/docker.sock' };
  const workloadData = { module: 'monitor', source: '/var/run/iotedge/workload.sock' };
  return {
    name: `the Docker and IoT Edge sockets (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'dockerSocket',
        data: dockerData,
        ...built.at('monitor', `"${docker}"`),
        suggestions: [{ messageId: 'removeBind', data: dockerData, output: after(encoding, built.code, 'monitor', { HostConfig: { Binds: ['/data:/data', workload] } }) }],
      },
      {
        messageId: 'iotedgeSocket',
        data: workloadData,
        ...built.at('monitor', `"${workload}"`),
        suggestions: [{ messageId: 'removeBind', data: workloadData, output: after(encoding, built.code, 'monitor', { HostConfig: { Binds: [docker, '/data:/data'] } }) }],
      },
    ],
  };
}

function configFile(encoding: Encoding) {
  const entry = '/srv/app/config/appsettings.json:/app/config/appsettings.json:ro';
  const built = buildManifest({ modules: { app: { createOptions: { HostConfig: { Binds: [entry] } } } } }, encoding);
  const data = { module: 'app', source: '/srv/app/config/appsettings.json' };
  return {
    name: `a config file in Binds: parent directory or ConfigMap (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'fileByExtension',
        data,
        ...built.at('app', `"${entry}"`),
        suggestions: [
          {
            messageId: 'bindParentDirectory',
            data: { ...data, hostParent: '/srv/app/config', containerParent: '/app/config' },
            output: after(encoding, built.code, 'app', { HostConfig: { Binds: ['/srv/app/config:/app/config:ro'] } }),
          },
          {
            messageId: 'useConfigMap',
            data: { ...data, configMap: 'appsettings-json', key: 'appsettings.json' },
            output: after(encoding, built.code, 'app', {
              HostConfig: {},
              'k8s-experimental': {
                volumes: [
                  {
                    volume: { name: 'appsettings-json', configMap: { name: 'appsettings-json' } },
                    volumeMounts: [{ name: 'appsettings-json', mountPath: '/app/config/appsettings.json', subPath: 'appsettings.json', readOnly: true }],
                  },
                ],
              },
            }),
          },
        ],
      },
    ],
  };
}

function mountOfCertificate(encoding: Encoding) {
  const mount = { Type: 'bind', Source: '/srv/certs/device.pem', Target: '/certs/device.pem', ReadOnly: true };
  const built = buildManifest({ modules: { app: { createOptions: { HostConfig: { Mounts: [mount] }, 'k8s-experimental': { volumes: [] } } } } }, encoding);
  const data = { module: 'app', source: '/srv/certs/device.pem' };
  return {
    name: `a certificate in a bind Mount (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'fileByExtension',
        data,
        ...built.at('app', '"/srv/certs/device.pem"'),
        suggestions: [
          {
            messageId: 'bindParentDirectory',
            data: { ...data, hostParent: '/srv/certs', containerParent: '/certs' },
            output: after(encoding, built.code, 'app', { HostConfig: { Mounts: [{ ...mount, Source: '/srv/certs', Target: '/certs' }] }, 'k8s-experimental': { volumes: [] } }, [
              '{"HostConfig":{"Mounts":[{"Type":"bind",',
              '"Source":"/srv/certs","Target',
              '":"/certs","ReadOnly":true}]}',
              ',"k8s-experimental":{"volumes":[]}}',
            ]),
          },
          {
            messageId: 'useConfigMap',
            data: { ...data, configMap: 'device-pem', key: 'device.pem' },
            output: after(encoding, built.code, 'app', {
              HostConfig: {},
              'k8s-experimental': {
                volumes: [
                  {
                    volume: { name: 'device-pem', configMap: { name: 'device-pem' } },
                    volumeMounts: [{ name: 'device-pem', mountPath: '/certs/device.pem', subPath: 'device.pem', readOnly: true }],
                  },
                ],
              },
            }),
          },
        ],
      },
    ],
  };
}

function timeZoneDeviceAndHosts(encoding: Encoding) {
  const binds = ['/etc/localtime:/etc/localtime:ro', '/dev/ttyUSB0:/dev/ttyUSB0', '/etc/hosts:/etc/hosts'];
  const built = buildManifest({ modules: { clock: { createOptions: { Env: ['TZ=Europe/Berlin'], HostConfig: { Binds: binds } } } } }, encoding);
  const localtime = { module: 'clock', source: '/etc/localtime' };
  return {
    name: `time zone file with TZ set, a device node, /etc/hosts (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'timeZoneFile',
        data: localtime,
        ...built.at('clock', `"${binds[0]}"`),
        suggestions: [{ messageId: 'removeBindKeepTz', data: { ...localtime, tz: 'Europe/Berlin' }, output: after(encoding, built.code, 'clock', { Env: ['TZ=Europe/Berlin'], HostConfig: { Binds: binds.slice(1) } }) }],
      },
      { messageId: 'device', data: { module: 'clock', source: '/dev/ttyUSB0' }, ...built.at('clock', `"${binds[1]}"`), suggestions: [] },
      { messageId: 'knownFile', data: { module: 'clock', source: '/etc/hosts' }, ...built.at('clock', `"${binds[2]}"`), suggestions: [] },
    ],
  };
}

function timeZoneWithoutTz(encoding: Encoding) {
  const built = buildManifest({ modules: { clock: { createOptions: { HostConfig: { Privileged: true, Binds: ['/etc/timezone:/etc/timezone:ro'] } } } } }, encoding);
  const data = { module: 'clock', source: '/etc/timezone' };
  return {
    name: `time zone file without TZ (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'timeZoneFile',
        data,
        ...built.at('clock', '"/etc/timezone:/etc/timezone:ro"'),
        suggestions: [{ messageId: 'removeBindSetTz', data, output: after(encoding, built.code, 'clock', { HostConfig: { Privileged: true } }) }],
      },
    ],
  };
}

function noWellDefinedEdit(encoding: Encoding) {
  // Different file names on the two sides, a system directory, and data a program writes: no suggestion.
  const binds = ['/srv/app/settings.json:/app/config.json', '/etc/app.conf:/etc/app.conf', '/srv/data/results.csv:/data/results.csv'];
  const built = buildManifest({ modules: { app: { createOptions: { HostConfig: { Binds: binds } } } } }, encoding);
  return {
    name: `files with no well-defined suggestion (${encoding})`,
    ...codeOf(built),
    errors: [
      {
        messageId: 'fileByExtension',
        data: { module: 'app', source: '/srv/app/settings.json' },
        ...built.at('app', `"${binds[0]}"`),
        suggestions: [
          {
            messageId: 'useConfigMap',
            data: { module: 'app', source: '/srv/app/settings.json', configMap: 'settings-json', key: 'settings.json' },
            output: after(encoding, built.code, 'app', {
              HostConfig: { Binds: binds.slice(1) },
              'k8s-experimental': {
                volumes: [
                  {
                    volume: { name: 'settings-json', configMap: { name: 'settings-json' } },
                    volumeMounts: [{ name: 'settings-json', mountPath: '/app/config.json', subPath: 'settings.json', readOnly: true }],
                  },
                ],
              },
            }),
          },
        ],
      },
      {
        messageId: 'fileByExtension',
        data: { module: 'app', source: '/etc/app.conf' },
        ...built.at('app', `"${binds[1]}"`),
        suggestions: [
          {
            messageId: 'useConfigMap',
            data: { module: 'app', source: '/etc/app.conf', configMap: 'app-conf', key: 'app.conf' },
            output: after(encoding, built.code, 'app', {
              HostConfig: { Binds: [binds[0], binds[2]] },
              'k8s-experimental': {
                volumes: [
                  {
                    volume: { name: 'app-conf', configMap: { name: 'app-conf' } },
                    volumeMounts: [{ name: 'app-conf', mountPath: '/etc/app.conf', subPath: 'app.conf', readOnly: true }],
                  },
                ],
              },
            }),
          },
        ],
      },
      {
        messageId: 'fileByExtension',
        data: { module: 'app', source: '/srv/data/results.csv' },
        ...built.at('app', `"${binds[2]}"`),
        suggestions: [
          {
            messageId: 'bindParentDirectory',
            data: { module: 'app', source: '/srv/data/results.csv', hostParent: '/srv/data', containerParent: '/data' },
            output: after(encoding, built.code, 'app', { HostConfig: { Binds: [binds[0], binds[1], '/srv/data:/data'] } }),
          },
        ],
      },
    ],
  };
}

runRuleTests('no-file-bind-mounts', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `directories (also under /dev), shares and named volumes are no-binds' (${encoding})`,
      ...codeOf(
        buildManifest(
          { modules: { app: { createOptions: { HostConfig: { Binds: ['/data:/data', '/home/hcsshares/input:/input', 'cache:/cache', '/dev/shm:/dev/shm', '/dev/bus/usb:/dev/bus/usb', '/dev/snd:/dev/snd'] } } } } },
          encoding,
        ),
      ),
    },
    {
      name: `placeholders, Windows paths, volume Mounts, entries without a container path (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              app: {
                createOptions: {
                  HostConfig: {
                    Binds: ['${CONFIG_FILE}:/app/config.json', 'C:\\config\\app.json:/app/app.json', '/etc/hosts'],
                    Mounts: [{ Type: 'volume', Source: 'config.json', Target: '/config' }],
                  },
                },
              },
            },
          },
          encoding,
        ),
      ),
    },
    { name: `edgeAgent is not applied (${encoding})`, ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [sockets(encoding), configFile(encoding), mountOfCertificate(encoding), timeZoneDeviceAndHosts(encoding), timeZoneWithoutTz(encoding), noWellDefinedEdit(encoding)]),
});
