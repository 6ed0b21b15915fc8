import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

const mixedBindings = { HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: '8080' }], '5000/udp': [{ HostPort: '5000' }] } } };

function deviceDefault(encoding: Encoding) {
  const built = buildManifest({ modules: { collector: { createOptions: mixedBindings } } }, encoding);
  return {
    name: `TCP and UDP bindings on the device's default LoadBalancer (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      {
        messageId: 'mixedProtocols',
        data: {
          module: 'collector',
          typeReason: 'the device default',
          protocols: 'TCP and UDP',
          port: 'PortBindings "5000/udp" (HostPort 5000)',
          otherProtocol: 'UDP',
        },
        ...built.at('collector', '"5000"'),
      },
    ],
  };
}

function explicitLoadBalancer(encoding: Encoding) {
  const options = { ExposedPorts: { '53/udp': {}, '80/tcp': {} }, 'k8s-experimental': { serviceOptions: { type: 'LoadBalancer' } } };
  const built = buildManifest({ modules: { dns: { createOptions: options } } }, encoding);
  return {
    name: `ExposedPorts on a LoadBalancer chosen by serviceOptions (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      {
        messageId: 'mixedProtocols',
        data: { module: 'dns', typeReason: 'set by serviceOptions.type', protocols: 'UDP and TCP', port: 'ExposedPorts "80/tcp"', otherProtocol: 'TCP' },
        ...built.at('dns', '"80/tcp"'),
      },
    ],
  };
}

runRuleTests('no-mixed-protocol-ports', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `a ClusterIP Service chosen by serviceOptions (${encoding})`,
      ...codeOf(buildManifest({ modules: { collector: { createOptions: { ...mixedBindings, 'k8s-experimental': { serviceOptions: { type: 'ClusterIP' } } } } } }, encoding)),
    },
    { name: `ExposedPorts only: ClusterIP (${encoding})`, ...codeOf(buildManifest({ modules: { dns: { createOptions: { ExposedPorts: { '53/udp': {}, '80/tcp': {} } } } } }, encoding)) },
    {
      name: `a device that serves mixed protocols (${encoding})`,
      ...codeOf(buildManifest({ modules: { collector: { createOptions: mixedBindings } } }, encoding)),
      settings: { 'ase-gpu': { mixedProtocolLoadBalancer: true } },
    },
    {
      name: `a device whose default Service type is ClusterIP (${encoding})`,
      ...codeOf(buildManifest({ modules: { collector: { createOptions: mixedBindings } } }, encoding)),
      settings: { 'ase-gpu': { defaultServiceType: 'ClusterIP' } },
    },
    {
      name: `53/tcp and 53/udp merge into one UDP port: valid-port-bindings reports the loss (${encoding})`,
      ...codeOf(buildManifest({ modules: { dns: { createOptions: { HostConfig: { PortBindings: { '53/tcp': [{ HostPort: '53' }], '53/udp': [{ HostPort: '53' }] } } } } } }, encoding)),
    },
    { name: `UDP only (${encoding})`, ...codeOf(buildManifest({ modules: { dns: { createOptions: { HostConfig: { PortBindings: { '53/udp': [{ HostPort: '53' }] } } } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [deviceDefault(encoding), explicitLoadBalancer(encoding)]),
});
