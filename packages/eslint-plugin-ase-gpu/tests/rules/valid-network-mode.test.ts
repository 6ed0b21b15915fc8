import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

const hostOptions = (extra: Record<string, unknown> = {}) => ({ HostConfig: { NetworkMode: 'host', ...extra } });

function threeHostNetworkModules(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        gateway: { createOptions: hostOptions() },
        web: { createOptions: { ExposedPorts: { '80/tcp': {} } } },
        modbus: { createOptions: hostOptions({ Privileged: true }) },
        opcua: { createOptions: { HostConfig: { NetworkMode: 'Host' } } },
      },
    },
    encoding,
  );
  return {
    name: `three host-network modules: reported at the second and the third (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'secondHostNetwork', data: { module: 'modbus', first: 'gateway' }, ...built.at('modbus', '"host"') },
      { messageId: 'secondHostNetwork', data: { module: 'opcua', first: 'gateway' }, ...built.at('opcua', '"Host"') },
    ],
  };
}

function oldDevice(encoding: Encoding) {
  const built = buildManifest({ modules: { gateway: { createOptions: hostOptions() } } }, encoding);
  return {
    name: `host network before ASE 2110 (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: { 'ase-gpu': { aseVersion: '2105' } },
    output: null,
    errors: [{ messageId: 'hostNetworkUnsupported', data: { module: 'gateway', aseVersion: '2105' }, ...built.at('gateway', '"host"') }],
  };
}

const validSpec = (name: string, spec: ManifestSpec, encoding: Encoding, settings?: Record<string, unknown>) => ({
  name: `${name} (${encoding})`,
  ...codeOf(buildManifest(spec, encoding)),
  ...(settings ? { settings: { 'ase-gpu': settings } } : {}),
});
const one = (createOptions: unknown): ManifestSpec => ({ modules: { camera: { createOptions } } });

/** A layered fragment with two host-network modules: the limit is judged on the whole deployment only. */
const layered = JSON.stringify(
  {
    content: {
      modulesContent: {
        $edgeAgent: {
          'properties.desired.modules.gateway': { type: 'docker', settings: { image: 'contoso.azurecr.io/gateway:1.0', createOptions: '{"HostConfig":{"NetworkMode":"host"}}' } },
          'properties.desired.modules.modbus': { type: 'docker', settings: { image: 'contoso.azurecr.io/modbus:1.0', createOptions: '{"HostConfig":{"NetworkMode":"host"}}' } },
        },
      },
    },
  },
  null,
  2,
);

runRuleTests('valid-network-mode', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      validSpec('one host-network module', one(hostOptions()), encoding),
      // Ignored, not rejected: no-ignored-settings reports them as warnings.
      validSpec('NetworkMode bridge and none, NetworkingConfig aliases', {
        modules: {
          camera: { createOptions: { HostConfig: { NetworkMode: 'bridge', PortBindings: { '8080/tcp': [{ HostPort: '8080' }] } } } },
          sensor: { createOptions: { HostConfig: { NetworkMode: 'none' }, NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': { Aliases: ['cam'] } } } } },
        },
      }, encoding),
      validSpec('host network with the Docker-style host endpoint', one({ NetworkingConfig: { EndpointsConfig: { host: {} } }, ...hostOptions() }), encoding),
      validSpec("the IoT Edge network, which every module joined on Docker anyway", one({ HostConfig: { NetworkMode: 'azure-iot-edge' } }), encoding),
      validSpec('an empty endpoint on the IoT Edge network', one({ NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': {} } } }), encoding),
      validSpec('an empty NetworkingConfig', one({ NetworkingConfig: {} }), encoding),
      validSpec('a placeholder NetworkMode', one({ HostConfig: { NetworkMode: '${NETWORK_MODE}' } }), encoding),
      validSpec('host network on ASE 2110', one(hostOptions()), encoding, { aseVersion: '2110' }),
      validSpec("edgeAgent's createOptions are not applied", { modules: { camera: { createOptions: hostOptions() } }, edgeAgent: { createOptions: hostOptions() } }, encoding),
    ]),
    { name: 'two host-network modules in a layered fragment without a base deployment', code: layered, filename: 'layered.deployment.json' },
  ],
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [threeHostNetworkModules(encoding), oldDevice(encoding)]),
    {
      name: 'two host-network modules in a layered fragment with a base deployment',
      code: layered,
      filename: 'layered.deployment.json',
      settings: { 'ase-gpu': { baseDeployment: 'base.deployment.json' } },
      output: null,
      errors: [{ messageId: 'secondHostNetwork', data: { module: 'modbus', first: 'gateway' }, ...locate(layered, '\\"host\\"', 2) }],
    },
  ],
});
