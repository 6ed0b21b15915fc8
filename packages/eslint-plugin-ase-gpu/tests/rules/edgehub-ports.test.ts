import { insertIntoOptions } from '../helpers/inner-insert.js';
import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const LOAD_BALANCER = "with PortBindings they also appear on the module's external IP (LoadBalancer, the device default)";
const CLUSTER_IP = 'without PortBindings they get a ClusterIP Service that only modules on the device reach';

const MODULE_CLIENTS = 'modules that reach edgeHub through IOTEDGE_GATEWAYHOSTNAME over AMQP (5671) or MQTT (8883)';
const ALL_MISSING = { module: 'edgeHub', ports: '5671, 8883', keys: '"5671/tcp", "8883/tcp"', serviceState: 'does not exist', clients: MODULE_CLIENTS, exposure: CLUSTER_IP };
const AMQPWS = { UpstreamProtocol: { value: 'AmqpWs' } };

const bindings = (ports: Record<string, string>) => ({
  HostConfig: { PortBindings: Object.fromEntries(Object.entries(ports).map(([key, hostPort]) => [key, [{ HostPort: hostPort }]])) },
});

/** The fixed file: for objects the builder's layout, for strings and chunks the insertion in place. */
function outputAfter(built: { code: string }, encoding: Encoding, options: object, fixedOptions: object, insertAfter: string, insertion: string, env?: Record<string, unknown>): string {
  if (encoding === 'object') return buildManifest({ edgeHub: { createOptions: fixedOptions, env }, modules: {} }, encoding).code;
  const text = JSON.stringify(options);
  return insertIntoOptions(built.code, 'edgeHub', options, encoding, text.lastIndexOf(insertAfter) + insertAfter.length, insertion);
}

function missingOne(encoding: Encoding) {
  const options = bindings({ '5671/tcp': '5671', '8883/tcp': '8883' });
  const built = buildManifest({ edgeHub: { createOptions: options, env: AMQPWS }, modules: {} }, encoding);
  return {
    name: `edgeHub without 443 while it uses AMQP over WebSockets (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: outputAfter(built, encoding, options, { ...options, ExposedPorts: { '443/tcp': {} } }, '}]}}', ',"ExposedPorts":{"443/tcp":{}}', AMQPWS),
    errors: [
      {
        messageId: 'missingPorts',
        data: {
          module: 'edgeHub',
          ports: '443',
          keys: '"443/tcp"',
          serviceState: 'lacks them',
          clients: 'clients over WebSockets on 443 (UpstreamProtocol "AmqpWs" of module "edgeHub")',
          exposure: LOAD_BALANCER,
        },
        ...built.at('edgeHub', '"PortBindings"'),
      },
    ],
  };
}

function remapped(encoding: Encoding) {
  const options = bindings({ '5671/tcp': '15671', '8883/tcp': '8883', '443/tcp': '443' });
  const built = buildManifest({ edgeHub: { createOptions: options }, modules: {} }, encoding);
  return {
    name: `edgeHub AMQP remapped to 15671 (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: outputAfter(built, encoding, options, { ...options, ExposedPorts: { '5671/tcp': {} } }, '}]}}', ',"ExposedPorts":{"5671/tcp":{}}'),
    errors: [
      {
        messageId: 'remappedPort',
        data: { module: 'edgeHub', port: 5671, hostPort: 15671, key: '5671/tcp', exposure: LOAD_BALANCER },
        ...built.at('edgeHub', '"15671"'),
      },
    ],
  };
}

function exposedOnly(encoding: Encoding) {
  // 9600 (a metrics port) makes the options long enough to be chunked.
  const options = { ExposedPorts: { '5671/tcp': {}, '9600/tcp': {} } };
  const built = buildManifest({ edgeHub: { createOptions: options }, modules: {} }, encoding);
  return {
    name: `edgeHub exposing only 5671 (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: outputAfter(built, encoding, options, { ExposedPorts: { '5671/tcp': {}, '9600/tcp': {}, '8883/tcp': {} } }, '"9600/tcp":{}', ',"8883/tcp":{}'),
    errors: [
      {
        messageId: 'missingPorts',
        data: {
          module: 'edgeHub',
          ports: '8883',
          keys: '"8883/tcp"',
          serviceState: 'lacks them',
          clients: 'modules that reach edgeHub through IOTEDGE_GATEWAYHOSTNAME over MQTT (8883)',
          exposure: CLUSTER_IP,
        },
        ...built.at('edgeHub', '"ExposedPorts"'),
      },
    ],
  };
}

function portNumberTaken(encoding: Encoding) {
  // Service port 443 already leads to 8443: adding "443/tcp" would be lost in the agent's merge, so no fix.
  const options = { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '8443/tcp': [{ HostPort: '443' }] } } };
  const built = buildManifest({ edgeHub: { createOptions: options }, modules: {} }, encoding);
  return {
    name: `edgeHub port 443 taken by another container port, with leaf devices on MQTT over WebSockets (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: { 'ase-gpu': { leafDeviceProtocols: ['Mqtt', 'MqttWs'] } },
    output: null,
    errors: [
      {
        messageId: 'missingPorts',
        data: {
          module: 'edgeHub',
          ports: '443',
          keys: '"443/tcp"',
          serviceState: 'lacks them',
          clients: 'clients over WebSockets on 443 (leaf devices on MqttWs, as the device profile says)',
          exposure: LOAD_BALANCER,
        },
        ...built.at('edgeHub', '"PortBindings"'),
      },
    ],
  };
}

const noCreateOptions = (() => {
  const built = buildManifest({ edgeHub: { createOptions: undefined }, modules: {} }, 'string');
  return {
    name: 'edgeHub without createOptions',
    code: built.code,
    filename: built.filename,
    output: buildManifest({ edgeHub: { createOptions: { ExposedPorts: { '5671/tcp': {}, '8883/tcp': {} } } }, modules: {} }, 'string').code,
    errors: [
      {
        messageId: 'missingPorts',
        data: ALL_MISSING,
        // runtime.settings, edgeAgent's settings, then edgeHub's.
        ...locate(built.code, '"settings"', 3),
      },
    ],
  };
})();


/** `"createOptions": ""` (common in FPGA-era manifests) and a template's `null` are replaced whole. */
const emptyCreateOptions = [
  { encoding: 'string' as const, empty: '', written: '"createOptions": ""', fixed: '"createOptions": "{\\"ExposedPorts\\":{\\"5671/tcp\\":{},\\"8883/tcp\\":{}}}"' },
  { encoding: 'object' as const, empty: null, written: '"createOptions": null', fixed: '"createOptions": {"ExposedPorts":{"5671/tcp":{},"8883/tcp":{}}}' },
].map(({ encoding, empty, written, fixed }) => {
  const built = buildManifest({ edgeHub: { createOptions: empty }, modules: {} }, encoding);
  return {
    name: `edgeHub with empty createOptions (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: built.code.replace(written, fixed),
    errors: [{ messageId: 'missingPorts', data: ALL_MISSING, ...locate(built.code, '"createOptions"') }],
  };
});

/** A layered fragment that replaces edgeHub (dotted keys) with one that publishes no port. */
const layeredFragment = JSON.stringify(
  {
    content: {
      modulesContent: {
        $edgeAgent: {
          'properties.desired.systemModules.edgeHub': {
            type: 'docker',
            status: 'running',
            restartPolicy: 'always',
            settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.1', createOptions: '{}' },
          },
        },
      },
    },
  },
  null,
  2,
);

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

runRuleTests('edgehub-ports', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      { name: `the usual edgeHub bindings (${encoding})`, ...codeOf(buildManifest({ modules: {} }, encoding)) },
      {
        name: `AMQP and MQTT without 443: nothing uses WebSockets (${encoding})`,
        ...codeOf(buildManifest({ edgeHub: { createOptions: bindings({ '5671/tcp': '5671', '8883/tcp': '8883' }), env: { UpstreamProtocol: { value: 'Amqp' } } }, modules: {} }, encoding)),
        settings: { 'ase-gpu': { leafDeviceProtocols: ['Amqp', 'Mqtt'] } },
      },
      {
        name: `443 remapped while nothing uses WebSockets (${encoding})`,
        ...codeOf(buildManifest({ edgeHub: { createOptions: bindings({ '5671/tcp': '5671', '8883/tcp': '8883', '443/tcp': '8443' }) }, modules: {} }, encoding)),
      },
      {
        name: `ExposedPorts only: a ClusterIP edgehub Service (${encoding})`,
        ...codeOf(buildManifest({ edgeHub: { createOptions: { ExposedPorts: { '5671/tcp': {}, '8883/tcp': {}, '443/tcp': {} } } }, modules: {} }, encoding)),
      },
      {
        name: `remapped bindings next to same-number ExposedPorts (${encoding})`,
        ...codeOf(
          buildManifest(
            { edgeHub: { createOptions: { ExposedPorts: { '5671/tcp': {}, '8883/tcp': {}, '443/tcp': {} }, ...bindings({ '5671/tcp': '15671', '8883/tcp': '18883', '443/tcp': '10443' }) } }, modules: {} },
            encoding,
          ),
        ),
      },
      {
        name: `5671 lost to a UDP binding: valid-port-bindings reports it (${encoding})`,
        ...codeOf(buildManifest({ edgeHub: { createOptions: { ExposedPorts: { '5671/tcp': {} }, ...bindings({ '5671/udp': '5671', '8883/tcp': '8883', '443/tcp': '443' }) } }, modules: {} }, encoding)),
      },
      {
        name: `a placeholder HostPort (${encoding})`,
        ...codeOf(buildManifest({ edgeHub: { createOptions: bindings({ '5671/tcp': '${AMQP_PORT}', '8883/tcp': '8883', '443/tcp': '443' }) }, modules: {} }, encoding)),
      },
    ]),
    { name: 'unparseable edgeHub createOptions (valid-create-options reports it)', ...codeOf(buildManifest({ edgeHub: { createOptions: '{"HostConfig": ' }, modules: {} }, 'string')) },
    { name: 'a layered fragment without a base deployment', code: layeredFragment, filename: 'layered.deployment.json' },
    {
      name: 'a layered fragment without edgeHub, even with a base deployment',
      code: JSON.stringify({ content: { modulesContent: { $edgeAgent: { 'properties.desired.modules.sensor': { type: 'docker', settings: { image: 'contoso.azurecr.io/sensor:1.0' } } } } } }, null, 2),
      filename: 'layered.deployment.json',
      settings: { 'ase-gpu': { baseDeployment: 'base.deployment.json' } },
    },
  ],
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [missingOne(encoding), remapped(encoding), exposedOnly(encoding), portNumberTaken(encoding)]),
    noCreateOptions,
    ...emptyCreateOptions,
    {
      name: 'a layered fragment with a base deployment is judged',
      code: layeredFragment,
      filename: 'layered.deployment.json',
      settings: { 'ase-gpu': { baseDeployment: 'base.deployment.json' } },
      output: layeredFragment.replace('"createOptions": "{}"', '"createOptions": "{\\"ExposedPorts\\":{\\"5671/tcp\\":{},\\"8883/tcp\\":{}}}"'),
      errors: [
        {
          messageId: 'missingPorts',
          data: ALL_MISSING,
          ...locate(layeredFragment, '"createOptions"'),
        },
      ],
    },
  ],
});
