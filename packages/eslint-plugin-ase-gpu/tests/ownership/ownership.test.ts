import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { locate, type Location } from '../helpers/locate.js';
import { buildManifest, type BuiltManifest, type ManifestSpec } from '../helpers/manifest-builder.js';

/**
 * rules.md, "Ownership": each trigger is reported by exactly one rule. Every case runs ALL rules of the
 * plugin on a small manifest with one trigger and collects the rules whose findings overlap it.
 * - `owner` names the rule that must report it. While that rule is not implemented yet, the case
 *   asserts that no other rule claims the trigger; once it lands, the same line asserts it is the only one.
 * - `owner: null` marks what rules.md calls "info": no rule reports it.
 * Add a case per trigger: one line each.
 */
interface OwnershipCase {
  readonly trigger: string;
  readonly owner: string | null;
  /** The manifest; module "camera" unless the case says otherwise. */
  readonly spec: ManifestSpec;
  /** Where the trigger stands: a snippet of camera's createOptions, or any place of the file. */
  readonly at: (built: BuiltManifest) => Location;
}

const options = (createOptions: unknown): ManifestSpec => ({ modules: { camera: { createOptions } } });
const inOptions = (snippet: string) => (built: BuiltManifest) => built.at('camera', snippet);
const inFile = (needle: string, occurrence = 1) => (built: BuiltManifest) => locate(built.code, needle, occurrence);
const hostConfig = (trigger: string, owner: string | null, value: unknown, snippet: string): OwnershipCase => ({
  trigger,
  owner,
  spec: options({ HostConfig: { [trigger.replace(/^HostConfig\./u, '').replace(/ .*$/u, '')]: value } }),
  at: inOptions(snippet),
});

const CASES: readonly OwnershipCase[] = [
  // Devices and GPU requests
  hostConfig('HostConfig.Devices (a camera)', 'no-host-devices', [{ PathOnHost: '/dev/video0', PathInContainer: '/dev/video0', CgroupPermissions: 'rwm' }], '"/dev/video0"'),
  hostConfig('HostConfig.Devices (an FPGA)', 'no-fpga-resources', [{ PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' }], '"/dev/catapult0"'),
  hostConfig('HostConfig.Devices (a GPU)', 'no-docker-gpu-requests', [{ PathOnHost: '/dev/nvidia0', PathInContainer: '/dev/nvidia0', CgroupPermissions: 'rwm' }], '"/dev/nvidia0"'),
  hostConfig('HostConfig.DeviceRequests', 'no-docker-gpu-requests', [{ Driver: 'nvidia', Count: 1, Capabilities: [['gpu']] }], '"DeviceRequests"'),
  hostConfig('HostConfig.Runtime', 'no-docker-gpu-requests', 'nvidia', '"nvidia"'),
  // cgroup limits
  hostConfig('HostConfig.Memory', 'no-docker-resource-limits', 536870912, '"Memory"'),
  hostConfig('HostConfig.MemorySwap', 'no-docker-resource-limits', 1073741824, '"MemorySwap"'),
  hostConfig('HostConfig.MemoryReservation', 'no-docker-resource-limits', 268435456, '"MemoryReservation"'),
  hostConfig('HostConfig.NanoCpus', 'no-docker-resource-limits', 1500000000, '"NanoCpus"'),
  hostConfig('HostConfig.CpuShares', 'no-docker-resource-limits', 512, '"CpuShares"'),
  // CpuPeriod limits nothing alone: the pair is one limit, reported at CpuQuota.
  { trigger: 'HostConfig.CpuPeriod with CpuQuota', owner: 'no-docker-resource-limits', spec: options({ HostConfig: { CpuPeriod: 100000, CpuQuota: 50000 } }), at: inOptions('"CpuQuota"') },
  hostConfig('HostConfig.CpuQuota', 'no-docker-resource-limits', 50000, '"CpuQuota"'),
  hostConfig('HostConfig.CpusetCpus', 'no-docker-resource-limits', '0-1', '"CpusetCpus"'),
  hostConfig('HostConfig.CpusetMems', 'no-docker-resource-limits', '0', '"CpusetMems"'),
  hostConfig('HostConfig.PidsLimit', 'no-docker-resource-limits', 100, '"PidsLimit"'),
  hostConfig('HostConfig.Ulimits', 'no-docker-resource-limits', [{ Name: 'nofile', Soft: 1024, Hard: 2048 }], '"Ulimits"'),
  hostConfig('HostConfig.OomKillDisable', 'no-docker-resource-limits', true, '"OomKillDisable"'),
  hostConfig('HostConfig.BlkioWeight', 'no-docker-resource-limits', 300, '"BlkioWeight"'),
  hostConfig('HostConfig.KernelMemory', 'no-docker-resource-limits', 1048576, '"KernelMemory"'),
  hostConfig('HostConfig.DiskQuota', 'no-docker-resource-limits', 1048576, '"DiskQuota"'),
  hostConfig('HostConfig.ShmSize', 'no-shm-size', 268435456, '"ShmSize"'),
  // Networking
  hostConfig('HostConfig.NetworkMode (not host)', 'no-ignored-settings', 'bridge', '"bridge"'),
  {
    trigger: 'a second host-network module',
    owner: 'valid-network-mode',
    spec: { modules: { gateway: { createOptions: { HostConfig: { NetworkMode: 'host' } } }, camera: { createOptions: { HostConfig: { NetworkMode: 'host' }, 'k8s-experimental': { strategy: { type: 'Recreate' } } } } } },
    at: inOptions('"host"'),
  },
  { trigger: 'NetworkingConfig', owner: 'no-ignored-settings', spec: options({ NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': { Aliases: ['cam'] } } } }), at: inOptions('"NetworkingConfig"') },
  { trigger: 'serviceOptions.loadBalancerIP syntax', owner: 'valid-k8s-experimental', spec: options({ 'k8s-experimental': { serviceOptions: { loadBalancerIP: '10.0.0.300' } } }), at: inOptions('"10.0.0.300"') },
  // Command line
  { trigger: 'Cmd as a string', owner: 'cmd-entrypoint-array', spec: options({ Cmd: 'python app.py' }), at: inOptions('"python app.py"') },
  { trigger: 'Entrypoint as a string', owner: 'cmd-entrypoint-array', spec: options({ Entrypoint: '/app/run.sh' }), at: inOptions('"/app/run.sh"') },
  // Storage
  hostConfig('HostConfig.Binds (a file)', 'no-file-bind-mounts', ['/etc/hosts:/etc/hosts'], '"/etc/hosts:/etc/hosts"'),
  hostConfig('HostConfig.Binds (the Docker socket)', 'no-file-bind-mounts', ['/var/run/docker.sock:/var/run/docker.sock'], '"/var/run/docker.sock:/var/run/docker.sock"'),
  hostConfig('HostConfig.Binds (a directory)', 'no-binds', ['/srv/data:/data'], '"/srv/data:/data"'),
  // k8s-experimental
  { trigger: 'securityContext.privileged', owner: 'pod-security-context', spec: options({ 'k8s-experimental': { securityContext: { privileged: true } } }), at: inOptions('"privileged"') },
  { trigger: 'strategy.type unknown', owner: 'valid-k8s-experimental', spec: options({ 'k8s-experimental': { strategy: { type: 'Rolling' } } }), at: inOptions('"Rolling"') },
  // Ignored settings
  { trigger: 'User', owner: 'no-ignored-settings', spec: options({ User: '1000' }), at: inOptions('"User"') },
  hostConfig('HostConfig.ExtraHosts', 'no-ignored-settings', ['broker:10.0.0.4'], '"ExtraHosts"'),
  hostConfig('HostConfig.IpcMode (not host)', 'no-ignored-settings', 'shareable', '"shareable"'),
  { trigger: 'startupOrder', owner: 'no-ignored-settings', spec: { modules: { camera: { extra: { startupOrder: 1 } } } }, at: inFile('"startupOrder"') },
  { trigger: 'restartPolicy never', owner: 'no-ignored-settings', spec: { modules: { camera: { restartPolicy: 'never' } } }, at: inFile('"never"') },
  { trigger: 'Labels key that cannot be an annotation', owner: 'no-ignored-settings', spec: options({ Labels: { '': 'x' } }), at: inOptions('""') },
  { trigger: 'customised edgeAgent', owner: 'no-ignored-settings', spec: { modules: { camera: {} }, edgeAgent: { image: 'contoso.azurecr.io/agent:1' } }, at: inFile('"contoso.azurecr.io/agent:1"') },
  // Manifest-wide
  { trigger: '$edgeAgent schemaVersion above 1.1', owner: 'schema-version', spec: { modules: { camera: {} }, agentSchemaVersion: '1.4' }, at: inFile('"1.4"') },
  { trigger: 'a key repeated inside createOptions', owner: 'valid-create-options', spec: options('{"HostConfig":{"Privileged":true,"Privileged":false}}'), at: inOptions('"Privileged"') },
  // What rules.md calls "info": no rule reports it.
  { trigger: 'Tty', owner: null, spec: options({ Tty: true }), at: inOptions('"Tty"') },
  { trigger: 'HostConfig.LogConfig', owner: null, spec: options({ HostConfig: { LogConfig: { Type: 'json-file' } } }), at: inOptions('"LogConfig"') },
  { trigger: 'HostIp', owner: null, spec: options({ HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] } } }), at: inOptions('"HostIp"') },
  { trigger: 'status stopped', owner: null, spec: { modules: { camera: { status: 'stopped' } } }, at: inFile('"stopped"') },
  // With limits, so that require-resource-limits has nothing to say at the module key either.
  {
    trigger: 'an upper-case module name',
    owner: null,
    spec: { modules: { Camera: { createOptions: { 'k8s-experimental': { resources: { limits: { memory: '256Mi', cpu: '500m' } } } } } } },
    at: inFile('"Camera"'),
  },
  { trigger: 'a :latest image', owner: null, spec: { modules: { camera: { image: 'contoso.azurecr.io/camera:latest' } } }, at: inFile('"contoso.azurecr.io/camera:latest"') },
  { trigger: 'a reserved env name', owner: null, spec: { modules: { camera: { env: { IOTEDGE_MODULEID: { value: 'x' } } } } }, at: inFile('"IOTEDGE_MODULEID"') },
];

const implemented = new Set(Object.keys(plugin.rules ?? {}));
const linter = new Linter();
const config: Linter.Config[] = [{ files: ['**/*.json'], ...plugin.configs.all, settings: { 'ase-gpu': {} } }];

const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** Rules whose findings overlap the trigger's location. */
function reportersAt(built: BuiltManifest, at: Location): string[] {
  const messages = linter.verify(built.code, config, { filename: built.filename });
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`the fixture does not parse: ${fatal[0]!.message}`);
  const reporters = messages
    .filter((message) => {
      const start = { line: message.line, column: message.column };
      const end = { line: message.endLine ?? message.line, column: message.endColumn ?? message.column };
      return before(start, { line: at.endLine, column: at.endColumn }) && before({ line: at.line, column: at.column }, end);
    })
    .map((message) => message.ruleId!.replace(/^ase-gpu\//u, ''));
  return [...new Set(reporters)].sort();
}

describe('each trigger of rules.md "Ownership" is reported by exactly one rule', () => {
  it.each(CASES.map((test) => [test.trigger, test] as const))('%s', (_, test) => {
    const built = buildManifest(test.spec, 'string');
    const expected = test.owner !== null && implemented.has(test.owner) ? [test.owner] : [];
    expect(reportersAt(built, test.at(built))).toEqual(expected);
  });

  it('has a case for every rule that the Ownership list names', () => {
    const named = ['no-host-devices', 'no-fpga-resources', 'no-docker-gpu-requests', 'no-docker-resource-limits', 'no-shm-size', 'valid-network-mode', 'cmd-entrypoint-array', 'no-file-bind-mounts', 'valid-k8s-experimental', 'no-ignored-settings'];
    for (const owner of named) expect(CASES.some((test) => test.owner === owner)).toBe(true);
  });
});
