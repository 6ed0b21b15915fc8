import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const camera = (createOptions: unknown, extra: Partial<ManifestSpec['modules'][string]> = {}): ManifestSpec => ({ modules: { camera: { createOptions, ...extra } } });

const REMOVE = 'remove it';
const NO_SERVICE = 'it declares no ports, so the agent creates no Service and no other module can reach it';

function ignoredModes(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        camera: { createOptions: { HostConfig: { NetworkMode: 'bridge', PortBindings: { '8080/tcp': [{ HostPort: '8080' }] } } } },
        sensor: { createOptions: { HostConfig: { NetworkMode: 'none' } } },
      },
    },
    encoding,
  );
  return {
    name: `NetworkMode values other than host, which valid-network-mode leaves to this rule (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'ignoredNetworkMode', data: { module: 'camera', value: 'bridge', reach: 'other modules reach it only as "camera" on port 8080' }, ...built.at('camera', '"bridge"') },
      { messageId: 'ignoredNetworkMode', data: { module: 'sensor', value: 'none', reach: NO_SERVICE }, ...built.at('sensor', '"none"') },
    ],
  };
}

function networkingConfigs(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        Cam_Feed: { createOptions: { NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': { Aliases: ['cam', 'camera-feed'] } } }, ExposedPorts: { '554/tcp': {}, '8554/tcp': {} } } },
        isolated: { createOptions: { NetworkingConfig: { EndpointsConfig: { isolated_nw: { IPAMConfig: { IPv4Address: '172.20.0.5' } } } } } },
        monitor: { createOptions: { NetworkingConfig: { EndpointsConfig: { host: {} } }, ExposedPorts: { '9100/tcp': {} } } },
      },
    },
    encoding,
  );
  return {
    name: `NetworkingConfig aliases, networks and a host endpoint without NetworkMode (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'ignoredAliases',
        data: { module: 'Cam_Feed', aliases: '"cam", "camera-feed"', service: 'camfeed', reach: 'other modules reach it only as "camfeed" on ports 554, 8554' },
        ...built.at('Cam_Feed', '"NetworkingConfig"'),
      },
      { messageId: 'ignoredNetworks', data: { module: 'isolated', networks: 'the network "isolated_nw"', reach: NO_SERVICE }, ...built.at('isolated', '"NetworkingConfig"') },
      { messageId: 'hostEndpoint', data: { module: 'monitor', reach: 'other modules reach it only as "monitor" on port 9100' }, ...built.at('monitor', '"NetworkingConfig"') },
    ],
  };
}

const field = (name: string, consequence: string, advice: string) => ({ messageId: 'ignoredField', data: { module: 'camera', field: name, consequence, advice } });

function ignoredFields(encoding: Encoding) {
  const options = {
    Hostname: 'camera-01',
    Healthcheck: { Test: ['CMD', 'curl', '-f', 'http://localhost/'] },
    Volumes: { '/var/cache/app': {} },
    HostConfig: { extraHosts: ['broker:10.0.0.4'], CapAdd: ['SYS_ADMIN'], Dns: ['8.8.8.8'], RestartPolicy: { Name: 'unless-stopped' }, IpcMode: 'shareable', PidMode: 'container:other' },
  };
  const built = buildManifest(camera(options), encoding);
  const at = (snippet: string) => built.at('camera', snippet);
  return {
    name: `ignored createOptions fields and modes (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { ...field('Hostname', 'the container gets the pod name as its host name', 'read the name from configuration'), ...at('"Hostname"'), suggestions: [] },
      { ...field('Healthcheck', 'Kubernetes runs no health check', 'make the module exit when it is unhealthy'), ...at('"Healthcheck"'), suggestions: [] },
      {
        ...field('Volumes', 'no volume is created and the data is lost with the pod', 'mount a volume with HostConfig.Mounts'),
        ...at('"Volumes"'),
        suggestions: [],
      },
      { ...field('HostConfig.ExtraHosts', 'these /etc/hosts entries are not written', 'use names that DNS resolves, or IP addresses'), ...at('"extraHosts"'), suggestions: [] },
      { ...field('HostConfig.CapAdd', 'the container does not get these Linux capabilities', 'use HostConfig.Privileged only if the module truly needs them'), ...at('"CapAdd"'), suggestions: [] },
      { ...field('HostConfig.Dns', 'the pod uses the cluster DNS', 'rely on the cluster DNS, which forwards other names'), ...at('"Dns"'), suggestions: [] },
      { ...field('HostConfig.RestartPolicy', 'Kubernetes always restarts the container', REMOVE), ...at('"RestartPolicy"'), suggestions: [] },
      { messageId: 'ignoredMode', data: { module: 'camera', field: 'HostConfig.IpcMode', value: 'shareable' }, ...at('"shareable"') },
      { messageId: 'ignoredMode', data: { module: 'camera', field: 'HostConfig.PidMode', value: 'container:other' }, ...at('"container:other"') },
    ],
  };
}

const USER_RESULT = { consequence: "the container runs as the image's user", advice: 'set runAsUser and runAsGroup in k8s-experimental.securityContext' };

/**
 * The expected suggestion output. In the chunked encoding, edits that stay inside one chunk edit it in
 * place (`chunkEdits`: old chunk text → new chunk text); without them the edits cross a chunk boundary
 * and the chunk set is rewritten, here into one string under 512 characters.
 */
function suggestionOutput(encoding: Encoding, built: { code: string }, fixed: unknown, chunkEdits?: readonly [string, string][]): string {
  if (encoding === 'chunked' && chunkEdits) {
    return chunkEdits.reduce((code, [before, after]) => {
      const needle = `: ${JSON.stringify(before)}`;
      if (!code.includes(needle)) throw new Error(`chunk ${before} is not in the fixture`);
      return code.replace(needle, `: ${JSON.stringify(after)}`);
    }, built.code);
  }
  return buildManifest(camera(fixed, encoding === 'chunked' ? { encoding: 'string' } : {}), encoding).code;
}

function numericUser(encoding: Encoding) {
  const built = buildManifest(camera({ User: '1000:1000', HostConfig: { Privileged: true } }), encoding);
  const fixed = { HostConfig: { Privileged: true }, 'k8s-experimental': { securityContext: { runAsUser: 1000, runAsGroup: 1000 } } };
  return {
    name: `numeric User without a k8s-experimental section (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        ...field('User', USER_RESULT.consequence, USER_RESULT.advice),
        ...built.at('camera', '"User"'),
        suggestions: [
          {
            messageId: 'toRunAsUser',
            data: { module: 'camera', members: '{"runAsUser":1000,"runAsGroup":1000}' },
            output: suggestionOutput(encoding, built, fixed, [
              ['{"User":"1000:1000","HostConfig":{"Privi', '{"HostConfig":{"Privi'],
              ['leged":true}}', 'leged":true},"k8s-experimental":{"securityContext":{"runAsUser":1000,"runAsGroup":1000}}}'],
            ]),
          },
        ],
      },
    ],
  };
}

function userIntoExistingContext(encoding: Encoding) {
  const built = buildManifest(camera({ 'k8s-experimental': { securityContext: { fsGroup: 2000 } }, User: '1001' }), encoding);
  const fixed = { 'k8s-experimental': { securityContext: { fsGroup: 2000, runAsUser: 1001 } } };
  return {
    name: `numeric User next to an existing securityContext (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        ...field('User', USER_RESULT.consequence, USER_RESULT.advice),
        ...built.at('camera', '"User"'),
        suggestions: [
          {
            messageId: 'toRunAsUser',
            data: { module: 'camera', members: '{"runAsUser":1001}' },
            output: suggestionOutput(encoding, built, fixed, [['"fsGroup":2000}},"User":"1001"}', '"fsGroup":2000,"runAsUser":1001}}}']]),
          },
        ],
      },
    ],
  };
}

function namedUser(encoding: Encoding) {
  const built = buildManifest(camera({ User: 'appuser' }), encoding);
  return {
    name: `a User name has no numeric equivalent (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [{ ...field('User', USER_RESULT.consequence, USER_RESULT.advice), ...built.at('camera', '"User"'), suggestions: [] }],
  };
}

function groupsAndSysctls(encoding: Encoding) {
  const options = { HostConfig: { GroupAdd: ['44', 109], Sysctls: { 'net.core.somaxconn': '1024' } }, 'k8s-experimental': { securityContext: { supplementalGroups: [44] } } };
  const built = buildManifest(camera(options), encoding);
  const groupsFixed = { HostConfig: { Sysctls: { 'net.core.somaxconn': '1024' } }, 'k8s-experimental': { securityContext: { supplementalGroups: [44, 109] } } };
  const sysctlsFixed = {
    HostConfig: { GroupAdd: ['44', 109] },
    'k8s-experimental': { securityContext: { supplementalGroups: [44], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } },
  };
  return {
    name: `GroupAdd and Sysctls move into the pod securityContext (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        ...field('HostConfig.GroupAdd', 'the container does not join these groups', 'use k8s-experimental.securityContext.supplementalGroups'),
        ...built.at('camera', '"GroupAdd"'),
        suggestions: [
          {
            messageId: 'toSupplementalGroups',
            data: { module: 'camera' },
            output: suggestionOutput(encoding, built, groupsFixed, [
              ['{"HostConfig":{"GroupAdd":["44",109],"Sy', '{"HostConfig":{"Sy'],
              ['pplementalGroups":[44]}}}', 'pplementalGroups":[44,109]}}}'],
            ]),
          },
        ],
      },
      {
        ...field('HostConfig.Sysctls', 'these kernel parameters are not set', 'move them to k8s-experimental.securityContext.sysctls'),
        ...built.at('camera', '"Sysctls"'),
        suggestions: [{ messageId: 'toSysctls', data: { module: 'camera' }, output: suggestionOutput(encoding, built, sysctlsFixed) }],
      },
    ],
  };
}

function moduleSettings(encoding: Encoding) {
  const built = buildManifest(camera({ HostConfig: { Privileged: true } }, { restartPolicy: 'on-failure', extra: { startupOrder: 2, imagePullPolicy: 'never' } }), encoding);
  return {
    name: `startupOrder, restartPolicy and imagePullPolicy (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'restartPolicy', data: { module: 'camera', value: 'on-failure' }, ...locate(built.code, '"on-failure"') },
      { messageId: 'startupOrder', data: { module: 'camera', value: '2' }, ...locate(built.code, '"startupOrder"') },
      { messageId: 'imagePullPolicy', data: { module: 'camera', value: 'never' }, ...locate(built.code, '"never"') },
    ],
  };
}

function labels(encoding: Encoding) {
  const built = buildManifest(camera({ Labels: { '': 'empty', 'com.contoso/': 'no name', '1.example/app': 'digit', 'com.contoso.camera/zone': 'ok', '--trimmed--': 'ok' } }), encoding);
  const at = (snippet: string) => built.at('camera', snippet);
  return {
    name: `Labels keys that cannot become annotation keys (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'labelKey', data: { module: 'camera', key: '', reason: 'the key is empty' }, ...at('""') },
      { messageId: 'labelKey', data: { module: 'camera', key: 'com.contoso/', reason: 'the name "" has no letter or digit' }, ...at('"com.contoso/"') },
      { messageId: 'labelKey', data: { module: 'camera', key: '1.example/app', reason: 'the prefix part "1" has no letter to start with' }, ...at('"1.example/app"') },
    ],
  };
}

function customisedAgent(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {},
      edgeAgent: {
        image: 'contoso.azurecr.io/custom-agent:1.0',
        createOptions: { HostConfig: { ExtraHosts: ['hub:10.0.0.9'] } },
        extra: { env: { RuntimeLogLevel: { value: 'debug' } } },
      },
    },
    encoding,
  );
  return {
    name: `a customised edgeAgent (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'agentSetting', data: { module: 'edgeAgent', what: 'image "contoso.azurecr.io/custom-agent:1.0"' }, ...locate(built.code, '"contoso.azurecr.io/custom-agent:1.0"') },
      { messageId: 'agentSetting', data: { module: 'edgeAgent', what: 'createOptions' }, ...locate(built.code, '"createOptions"') },
      { messageId: 'agentSetting', data: { module: 'edgeAgent', what: 'env section' }, ...locate(built.code, '"env"') },
    ],
  };
}

function silencedFields(encoding: Encoding) {
  const built = buildManifest(camera({ HostConfig: { ExtraHosts: ['broker:10.0.0.4'], Dns: ['10.0.0.2'] } }, { extra: { startupOrder: 1 } }), encoding);
  return {
    name: `ignoreFields silences chosen fields only (${encoding})`,
    ...codeOf(built),
    options: [{ ignoreFields: ['hostconfig.extrahosts', 'startupOrder'] }],
    output: null,
    errors: [{ ...field('HostConfig.Dns', 'the pod uses the cluster DNS', 'rely on the cluster DNS, which forwards other names'), ...built.at('camera', '"Dns"'), suggestions: [] }],
  };
}

/** Every field that rules.md gives to another rule, and every "info" item: none is reported here. */
const OWNED_ELSEWHERE = {
  Cmd: 'python app.py',
  Entrypoint: ['/bin/sh', '-c'],
  Env: ['A=1'],
  ExposedPorts: { '80/tcp': {} },
  Labels: { 'com.contoso.team': 'vision' },
  WorkingDir: '/app',
  Image: 'ignored:1',
  NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': {} } },
  Tty: true,
  OpenStdin: true,
  AttachStdout: true,
  AttachStderr: true,
  'K8s-Experimental': { strategy: { type: 'Recreate' } },
  'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } },
  HostConfig: {
    Devices: [{ PathOnHost: '/dev/video0', PathInContainer: '/dev/video0', CgroupPermissions: 'rwm' }],
    DeviceRequests: [{ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }],
    Runtime: 'nvidia',
    Memory: 536870912,
    MemorySwap: 1073741824,
    MemoryReservation: 268435456,
    NanoCpus: 1500000000,
    CpuShares: 512,
    CpuPeriod: 100000,
    CpuQuota: 50000,
    CpusetCpus: '0-1',
    CpusetMems: '0',
    PidsLimit: 100,
    Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }],
    OomKillDisable: true,
    BlkioWeight: 300,
    KernelMemory: 1048576,
    DiskQuota: 1048576,
    ShmSize: 268435456,
    NetworkMode: 'azure-iot-edge',
    Binds: ['/data:/data'],
    Mounts: [{ Type: 'volume', Source: 'share1', Target: '/share' }],
    PortBindings: { '80/tcp': [{ HostPort: '80' }] },
    Privileged: true,
    IpcMode: 'host',
    PidMode: 'HOST',
    LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },
    ExtraHosts: [],
    AutoRemove: false,
    RestartPolicy: { Name: '', MaximumRetryCount: 0 },
  },
  Hostname: '',
};

runRuleTests('no-ignored-settings', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      { name: `fields owned by other rules, info items and zero values (${encoding})`, ...codeOf(buildManifest(camera(OWNED_ELSEWHERE), encoding)) },
      {
        name: `the defaults every template carries: restartPolicy always, stock edgeAgent with empty options (${encoding})`,
        ...codeOf(buildManifest({ modules: { camera: {} }, edgeAgent: { createOptions: {} } }, encoding)),
      },
      {
        name: `the stock agent image from a mirror or a parent device (${encoding})`,
        ...codeOf(buildManifest({ modules: {}, edgeAgent: { image: '$upstream:443/azureiotedge-agent:1.2' } }, encoding)),
      },
      {
        name: `silenced fields (${encoding})`,
        ...codeOf(
          buildManifest(
            camera({ User: '1000', HostConfig: { ExtraHosts: ['a:10.0.0.1'], IpcMode: 'private', NetworkMode: 'bridge' }, NetworkingConfig: { EndpointsConfig: { lan: {} } } }, { extra: { startupOrder: 1 } }),
            encoding,
          ),
        ),
        options: [{ ignoreFields: ['User', 'HostConfig.ExtraHosts', 'HostConfig.IpcMode', 'HostConfig.NetworkMode', 'NetworkingConfig', 'startupOrder'] }],
      },
    ]),
    {
      name: 'placeholders are not judged',
      ...codeOf(
        buildManifest(
          {
            modules: { camera: { createOptions: { User: '${MODULE_USER}' }, restartPolicy: '${RESTART_POLICY}', extra: { startupOrder: '${ORDER}' } } },
            edgeAgent: { image: '${EDGE_AGENT_IMAGE}' },
          },
          'object',
        ),
      ),
    },
  ],
  invalid: ENCODINGS.flatMap((encoding) => [
    ignoredFields(encoding),
    numericUser(encoding),
    userIntoExistingContext(encoding),
    namedUser(encoding),
    groupsAndSysctls(encoding),
    moduleSettings(encoding),
    labels(encoding),
    customisedAgent(encoding),
    silencedFields(encoding),
    ignoredModes(encoding),
    networkingConfigs(encoding),
  ]),
});
