import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const HUB_DESIRED = '"$edgeHub": {\n      "properties.desired": {\n        "schemaVersion": "1.1"';
const STORE_AND_FORWARD = '        "storeAndForwardConfiguration": {';

/** A manifest with the given $edgeHub schemaVersion and, optionally, an mqttBroker section. */
function manifest(spec: Partial<ManifestSpec>, encoding: Encoding, hubVersion = '1.1', mqttBroker = false) {
  const built = buildManifest({ modules: { camera: { createOptions: { HostConfig: { Privileged: true } } } }, ...spec }, encoding);
  let code = built.code.replace(HUB_DESIRED, HUB_DESIRED.replace('"1.1"', JSON.stringify(hubVersion)));
  if (mqttBroker) code = code.replace(STORE_AND_FORWARD, `        "mqttBroker": {\n          "authorizations": []\n        },\n${STORE_AND_FORWARD}`);
  if (code === built.code && (hubVersion !== '1.1' || mqttBroker)) throw new Error('the fixture did not change');
  return { code, filename: built.filename };
}

const priorityRoute = { route: 'FROM /messages/modules/camera/outputs/* INTO $upstream', priority: 0, timeToLiveSecs: 86400 };

runRuleTests('schema-version', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `schema 1.1 with route objects (${encoding})`, ...manifest({ routes: { alerts: priorityRoute } }, encoding) },
    { name: `schema 1.0 with string routes, $edgeAgent 1.0 (${encoding})`, ...manifest({ agentSchemaVersion: '1.0' }, encoding, '1.0') },
    { name: `mqttBroker with $edgeHub 1.2 (${encoding})`, ...manifest({ routes: { alerts: priorityRoute } }, encoding, '1.2', true) },
    { name: `$edgeAgent 1.1.0 (${encoding})`, ...manifest({ agentSchemaVersion: '1.1.0' }, encoding) },
    { name: `$edgeAgent 1.0.5, below 1.1.0 (${encoding})`, ...manifest({ agentSchemaVersion: '1.0.5' }, encoding) },
    { name: `placeholders (${encoding})`, ...manifest({ agentSchemaVersion: '${EDGEAGENT_SCHEMA_VERSION}', routes: { alerts: priorityRoute } }, encoding, '${EDGEHUB_SCHEMA_VERSION}', true) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => {
    const agent = manifest({ agentSchemaVersion: '1.4' }, encoding);
    const agentVersion = (version: string, messageId: string) => {
      const built = manifest({ agentSchemaVersion: version }, encoding);
      return {
        name: `$edgeAgent schemaVersion ${version}: ${messageId} (${encoding})`,
        ...built,
        output: null,
        errors: [{ messageId, data: { version }, ...locate(built.code, JSON.stringify(version)) }],
      };
    };
    const plain = manifest({}, encoding);
    const missing = { ...plain, code: plain.code.replace('"schemaVersion": "1.1",\n', '') };
    const routes = manifest({ routes: { upstream: 'FROM /messages/* INTO $upstream', alerts: priorityRoute } }, encoding, '1.0');
    const broker = manifest({}, encoding, '1.1', true);
    return [
      {
        name: `$edgeAgent schemaVersion above 1.1 (${encoding})`,
        ...agent,
        output: null,
        errors: [{ messageId: 'agentTooNew', data: { version: '1.4' }, ...locate(agent.code, '"1.4"') }],
      },
      agentVersion('1.1.1', 'agentTooNew'),
      agentVersion('1.1.0.0', 'agentTooNew'),
      agentVersion('2.0', 'agentMajor'),
      agentVersion('0.9', 'agentMajor'),
      agentVersion('1', 'agentUnreadable'),
      agentVersion('v1.1', 'agentUnreadable'),
      {
        name: `$edgeAgent without schemaVersion (${encoding})`,
        ...missing,
        output: null,
        errors: [{ messageId: 'agentMissing', ...locate(missing.code, '"properties.desired"') }],
      },
      {
        name: `a route object under $edgeHub schema 1.0 (${encoding})`,
        ...routes,
        output: null,
        errors: [{ messageId: 'routeObjectTooOld', data: { route: 'alerts', version: '1.0' }, ...locate(routes.code, '"alerts"') }],
      },
      {
        name: `mqttBroker under $edgeHub schema 1.1 (${encoding})`,
        ...broker,
        output: null,
        errors: [{ messageId: 'mqttBrokerTooOld', data: { version: '1.1' }, ...locate(broker.code, '"mqttBroker"') }],
      },
    ];
  }),
});
