import { insertIntoOptions } from '../helpers/inner-insert.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const LOAD_BALANCER = "with PortBindings they also appear on the module's external IP (LoadBalancer, the device default)";

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

function suggestionOutput(built: { code: string }, module: string, encoding: Encoding, options: object, fixed: object, insertAfter: string, insertion: string): string {
  if (encoding === 'object') return buildManifest({ modules: { [module]: { createOptions: fixed } } }, encoding).code;
  const text = JSON.stringify(options);
  return insertIntoOptions(built.code, module, options, encoding, text.lastIndexOf(insertAfter) + insertAfter.length, insertion);
}

function remappedWeb(encoding: Encoding) {
  const options = { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } };
  const built = buildManifest({ modules: { web: { createOptions: options } } }, encoding);
  return {
    name: `web server published on 8080 (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'remappedPort',
        data: { module: 'web', containerPort: 80, hostPort: 8080, service: 'web' },
        ...built.at('web', '"8080"'),
        suggestions: [
          {
            messageId: 'addExposedPort',
            data: { module: 'web', key: '80/tcp', containerPort: 80, exposure: LOAD_BALANCER },
            output: suggestionOutput(built, 'web', encoding, options, { ...options, ExposedPorts: { '80/tcp': {} } }, '}]}}', ',"ExposedPorts":{"80/tcp":{}}'),
          },
        ],
      },
    ],
  };
}

function remappedUdpClusterIp(encoding: Encoding) {
  const options = {
    ExposedPorts: { '9000/tcp': {} },
    HostConfig: { PortBindings: { '5000/udp': [{ HostPort: '15000' }] } },
    'k8s-experimental': { serviceOptions: { type: 'ClusterIP' } },
  };
  const fixed = { ...options, ExposedPorts: { '9000/tcp': {}, '5000/udp': {} } };
  const built = buildManifest({ modules: { Telemetry_Sink: { createOptions: options } } }, encoding);
  return {
    name: `a UDP port remapped on a ClusterIP Service, with ExposedPorts (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'remappedPort',
        // Peers use the sanitised Service name.
        data: { module: 'Telemetry_Sink', containerPort: 5000, hostPort: 15000, service: 'telemetrysink' },
        ...built.at('Telemetry_Sink', '"15000"'),
        suggestions: [
          {
            messageId: 'addExposedPort',
            data: { module: 'Telemetry_Sink', key: '5000/udp', containerPort: 5000, exposure: "the module's ClusterIP Service serves them" },
            output: suggestionOutput(built, 'Telemetry_Sink', encoding, options, fixed, '"9000/tcp":{}', ',"5000/udp":{}'),
          },
        ],
      },
    ],
  };
}

function swappedPorts(encoding: Encoding) {
  // Each container port's number is the other's Service port: an added ExposedPorts key would be merged away.
  const options = { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }], '8080/tcp': [{ HostPort: '80' }] } } };
  const built = buildManifest({ modules: { proxy2: { createOptions: options } } }, encoding);
  return {
    name: `two swapped ports get no suggestion (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'remappedPort', data: { module: 'proxy2', containerPort: 80, hostPort: 8080, service: 'proxy2' }, ...built.at('proxy2', '"8080"'), suggestions: [] },
      { messageId: 'remappedPort', data: { module: 'proxy2', containerPort: 8080, hostPort: 80, service: 'proxy2' }, ...built.at('proxy2', '"80"'), suggestions: [] },
    ],
  };
}

runRuleTests('host-port-matches-container-port', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `HostPort equal to the container port (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } } } } }, encoding)) },
    {
      name: `the container port is also exposed (${encoding})`,
      ...codeOf(buildManifest({ modules: { web: { createOptions: { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } } } } }, encoding)),
    },
    {
      name: `edgeHub's standard ports belong to edgehub-ports (${encoding})`,
      ...codeOf(buildManifest({ edgeHub: { createOptions: { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '15671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } } } }, modules: {} }, encoding)),
    },
    {
      name: `one container port on several HostPorts belongs to valid-port-bindings (${encoding})`,
      ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }, { HostPort: '8081' }] } } } } } }, encoding)),
    },
    { name: `HostPort 0 belongs to valid-port-bindings (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '0' }] } } } } } }, encoding)) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [remappedWeb(encoding), remappedUdpClusterIp(encoding), swappedPorts(encoding)]),
});
