import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

/**
 * One chunked FPGA-era module on which every fixable rule of the plugin fires at once: `--fix` must
 * reach a fixed point within ESLint's ten passes, keep the manifest valid JSON, and a second run must
 * change nothing.
 */

const FPGA_OPTIONS = {
  Env: ['Logging:LogLevel:Default=Warning', 'WIRESERVER_ADDRESS=10.139.218.1', 'VERBOSE', 'https_proxy=http://10.20.0.5:8080'],
  Cmd: 'python3 /app/score.py --port 50051',
  ExposedPorts: { '50051/tcp': {} },
  HostConfig: {
    Privileged: true,
    Memory: 4294967296,
    PortBindings: { '50051/tcp': [{ HostPort: '50051' }] },
    Binds: ['/home/hcsshares/fpgainput:/home/input', '/etc/hosts:/etc/hosts'],
    Mounts: [{ Type: 'volume', Source: 'models', Destination: '/models' }],
    Devices: [
      { PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/catapult1', PathInContainer: '/dev/catapult1', CgroupPermissions: 'rwm' },
    ],
    'k8s-experimental': { nodeSelector: { 'kubernetes.io/os': 'linux' } },
  },
  'k8s-experimental': {
    resources: { limits: { 'microsoft.com/fpga_catapult': 2 }, requests: { 'microsoft.com/fpga_catapult': 2 } },
    'service-options': { type: 'ClusterIP' },
  },
};

/** Chunked as an old tool did: a first chunk longer than 512 characters, then shorter ones. */
function chunked(text: string): Record<string, string> {
  const sizes = [600, 200];
  const chunks: Record<string, string> = {};
  for (let start = 0, index = 0; start < text.length; index++) {
    const size = sizes[index] ?? 200;
    chunks[index === 0 ? 'createOptions' : `createOptions${String(index).padStart(2, '0')}`] = text.slice(start, start + size);
    start += size;
  }
  return chunks;
}

const manifest = {
  modulesContent: {
    $edgeAgent: {
      'properties.desired': {
        schemaVersion: '1.1',
        runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', loggingOptions: '', registryCredentials: {} } },
        systemModules: {
          edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.1', createOptions: '{}' } },
          // An object createOptions in a deployment manifest, and no 443 for modules using WebSockets.
          edgeHub: {
            type: 'docker',
            status: 'running',
            restartPolicy: 'always',
            settings: {
              image: 'mcr.microsoft.com/azureiotedge-hub:1.1',
              createOptions: { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }] } } },
            },
            env: { UpstreamProtocol: { value: 'AmqpWs' } },
          },
        },
        modules: {
          'resnet50-fpga': {
            version: '1.0',
            type: 'docker',
            status: 'running',
            restartPolicy: 'always',
            settings: { image: 'contoso.azurecr.io/resnet50-fpga:1.0', ...chunked(JSON.stringify(FPGA_OPTIONS)) },
            env: { WIRESERVER_ADDRESS: { value: '10.139.218.1' } },
          },
        },
      },
    },
    $edgeHub: {
      'properties.desired': {
        schemaVersion: '1.1',
        routes: { upstream: 'FROM /messages/modules/resnet50-fpga/outputs/* INTO $upstream' },
        storeAndForwardConfiguration: { timeToLiveSecs: 7200 },
      },
    },
  },
};

const code = `${JSON.stringify(manifest, null, 2)}\n`;
const filename = 'deployment.json';

type RuleWithMeta = { meta: { fixable?: string; docs?: { migrationOptions?: Record<string, unknown> } } };
const rules = plugin.rules as Record<string, RuleWithMeta>;

/** Team defaults for the rule whose fix needs them (its option, not a device setting). */
const TEAM_DEFAULTS: Record<string, Record<string, unknown>> = { 'require-resource-limits': { memory: '2Gi', cpu: '2' } };

/** Every rule at error, with the options the migration preset gives (opt fixes switched on). */
const config: Linter.Config[] = [
  {
    files: ['**/*.json'],
    plugins: { 'ase-gpu': plugin as never },
    language: 'ase-gpu/manifest',
    // A one-GPU device: the FPGA's two become one GPU.
    settings: { 'ase-gpu': { gpuCount: 1 } },
    rules: Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => {
        const options = { ...rule.meta.docs?.migrationOptions, ...TEAM_DEFAULTS[name] };
        return [`ase-gpu/${name}`, Object.keys(options).length > 0 ? ['error', options] : 'error'];
      }),
    ),
  },
];

/** The module's createOptions in a fixed manifest, joined as the agent joins them. */
function moduleOptions(output: string): Record<string, unknown> {
  const settings = JSON.parse(output).modulesContent.$edgeAgent['properties.desired'].modules['resnet50-fpga'].settings as Record<string, string>;
  const keys = Object.keys(settings).filter((key) => /^createOptions\d*$/iu.test(key)).sort();
  return JSON.parse(keys.map((key) => settings[key]).join(''));
}

/**
 * Linted inside each test, never while vitest collects them: mutation testing credits a test with the
 * code it runs, and code run at collection would count for every test of the run.
 */
function fixOnce(linter: Linter): Linter.FixReport {
  return linter.verifyAndFix(code, config, { filename });
}

describe('a chunked FPGA-era module on which every fixable rule fires', () => {
  const linter = new Linter();

  it('is a manifest every fixable rule reports with a fix', () => {
    const first = linter.verify(code, config, { filename });
    expect(first.filter((message) => message.fatal)).toEqual([]);
    const fixable = Object.entries(rules)
      .filter(([, rule]) => rule.meta.fixable)
      .map(([name]) => `ase-gpu/${name}`)
      .sort();
    const firedWithFix = [...new Set(first.filter((message) => message.fix).map((message) => message.ruleId))].sort();
    expect(firedWithFix).toEqual(fixable);
  });

  it('reaches a fixed point in one --fix run, as valid JSON', () => {
    const fixed = fixOnce(linter);
    expect(fixed.fixed).toBe(true);
    expect(fixed.messages.filter((message) => message.fix)).toEqual([]);
    expect(fixed.messages.filter((message) => message.fatal)).toEqual([]);
    expect(() => JSON.parse(fixed.output)).not.toThrow();
  });

  it('changes nothing on a second --fix', () => {
    const fixed = fixOnce(linter);
    const again = linter.verifyAndFix(fixed.output, config, { filename });
    expect(again.fixed).toBe(false);
    expect(again.output).toBe(fixed.output);
  });

  it('leaves the module in its GPU form', () => {
    const fixed = fixOnce(linter);
    const options = moduleOptions(fixed.output) as {
      Env?: string[];
      HostConfig: { Binds?: string[]; Mounts?: unknown[]; Devices?: unknown[]; Memory?: number };
      'k8s-experimental': { resources: { limits: Record<string, unknown>; requests: Record<string, unknown> }; strategy?: { type: string } };
    };
    expect(options.Env).toEqual(['Logging__LogLevel__Default=Warning', 'VERBOSE=', 'https_proxy=http://10.20.0.5:8080', 'no_proxy=localhost']);
    expect(options.HostConfig.Mounts).toEqual([
      { Type: 'volume', Source: 'models', Target: '/models' },
      { Type: 'volume', Source: 'fpgainput', Target: '/home/input' },
    ]);
    expect(options.HostConfig.Binds).toEqual(['/etc/hosts:/etc/hosts']);
    expect(options.HostConfig.Devices).toBeUndefined();
    expect(options['k8s-experimental'].resources.limits['nvidia.com/gpu']).toBe(1);
    expect(options['k8s-experimental'].resources.requests).toEqual({ 'nvidia.com/gpu': 1 });
    expect(options['k8s-experimental'].strategy).toEqual({ type: 'Recreate' });
    expect(JSON.parse(fixed.output).modulesContent.$edgeAgent['properties.desired'].modules['resnet50-fpga'].env).toEqual({});
  });
});
