import { insertIntoOptions } from '../helpers/inner-insert.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const CLUSTER_IP = 'without PortBindings they get a ClusterIP Service that only modules on the device reach';
const LOAD_BALANCER = "with PortBindings they also appear on the module's external IP (LoadBalancer, the device default)";
const env = (...entries: string[]) => ({ Env: entries });

/** The file after a suggestion that adds an ExposedPorts key to `target`, built from the fixture's own options. */
function withExposedPort(spec: ManifestSpec, built: { code: string }, encoding: Encoding, target: string, fixed: object, insertAfter: string, insertion: string): string {
  if (encoding === 'object') return buildManifest({ ...spec, modules: { ...spec.modules, [target]: { ...spec.modules[target], createOptions: fixed } } }, encoding).code;
  const options = spec.modules[target]!.createOptions;
  const text = JSON.stringify(options);
  return insertIntoOptions(built.code, target, options, encoding, text.lastIndexOf(insertAfter) + insertAfter.length, insertion);
}

function noService(encoding: Encoding) {
  const spec: ManifestSpec = { modules: { camera: { createOptions: env('SCORING_URL=http://classifier/score') }, classifier: {} } };
  const built = buildManifest(spec, encoding);
  const fixed = buildManifest({ modules: { ...spec.modules, classifier: { createOptions: '{"ExposedPorts":{"80/tcp":{}}}', encoding: 'string' } } }, encoding);
  return {
    name: `a peer without ports, reached over http (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'noService',
        data: { module: 'camera', target: 'classifier', variable: 'createOptions.Env SCORING_URL', service: 'classifier', reference: 'http://classifier/score' },
        ...built.at('camera', '"SCORING_URL=http://classifier/score"'),
        suggestions: [{ messageId: 'addExposedPort', data: { target: 'classifier', key: '80/tcp', port: 80, exposure: CLUSTER_IP }, output: fixed.code }],
      },
    ],
  };
}

function missingPort(encoding: Encoding) {
  const storage = { ExposedPorts: { '8080/tcp': {} } };
  const spec: ManifestSpec = { modules: { camera: { createOptions: env('MODE=fast', 'STORE_ADDRESS=storage:9000') }, storage: { createOptions: storage } } };
  const built = buildManifest(spec, encoding);
  return {
    name: `a port the peer does not declare (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'missingPort',
        data: { module: 'camera', target: 'storage', variable: 'createOptions.Env STORE_ADDRESS', service: 'storage', reference: 'storage:9000', port: 9000, ports: '8080', key: '9000/tcp' },
        ...built.at('camera', '"STORE_ADDRESS=storage:9000"'),
        suggestions: [
          {
            messageId: 'addExposedPort',
            data: { target: 'storage', key: '9000/tcp', port: 9000, exposure: CLUSTER_IP },
            output: withExposedPort(spec, built, encoding, 'storage', { ExposedPorts: { '8080/tcp': {}, '9000/tcp': {} } }, '"8080/tcp":{}', ',"9000/tcp":{}'),
          },
        ],
      },
    ],
  };
}

function remappedPort(encoding: Encoding) {
  const grafana = { HostConfig: { PortBindings: { '3000/tcp': [{ HostPort: '8080' }] } } };
  const spec: ManifestSpec = { modules: { dashboard: { createOptions: env('GRAFANA_URL=http://grafana:3000/api') }, grafana: { createOptions: grafana } } };
  const built = buildManifest(spec, encoding);
  return {
    name: `a container port the Service publishes under another number (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'remappedPort',
        data: { module: 'dashboard', target: 'grafana', variable: 'createOptions.Env GRAFANA_URL', service: 'grafana', reference: 'http://grafana:3000/api', port: 3000, hostPort: 8080 },
        ...built.at('dashboard', '"GRAFANA_URL=http://grafana:3000/api"'),
        suggestions: [
          {
            messageId: 'addExposedPort',
            data: { target: 'grafana', key: '3000/tcp', port: 3000, exposure: LOAD_BALANCER },
            output: withExposedPort(spec, built, encoding, 'grafana', { ...grafana, ExposedPorts: { '3000/tcp': {} } }, '}]}}', ',"ExposedPorts":{"3000/tcp":{}}'),
          },
        ],
      },
    ],
  };
}

const storageSpec = (entry: string): ManifestSpec => ({
  modules: {
    camera: { createOptions: env(entry) },
    storage: { createOptions: { ExposedPorts: { '8080/tcp': {} } } },
    Object_Detector: { createOptions: { HostConfig: { PortBindings: { '5000/tcp': [{ HostPort: '15000' }] } } } },
    broker: { createOptions: { ExposedPorts: { '1883/tcp': {} } } },
    classifier: {},
  },
});
const validEntry = (name: string, entry: string, encoding: Encoding) => ({ name: `${name} (${encoding})`, ...codeOf(buildManifest(storageSpec(entry), encoding)) });

runRuleTests('reachable-peers', {
  valid: ENCODINGS.flatMap((encoding) => [
    validEntry('a declared port', 'STORE_ADDRESS=storage:8080', encoding),
    validEntry('the HostPort of a binding', 'DETECTOR_URL=http://objectdetector:15000/detect', encoding),
    validEntry('the Service name in another case', 'DETECTOR_URL=http://OBJECTDETECTOR:15000', encoding),
    validEntry("a scheme's default port", 'BROKER_URL=mqtt://broker', encoding),
    validEntry('a host with a domain is external', 'SCORING_URL=http://classifier.contoso.com/score', encoding),
    validEntry('a module id for messages, not a host', 'TargetModuleId=classifier', encoding),
    validEntry('a placeholder', 'SCORING_URL=http://${CLASSIFIER_HOST}/score', encoding),
    validEntry('a word that only contains a module name', 'MODE=storage-heavy', encoding),
    validEntry('edgeHub is edgehub-ports\' concern', 'GATEWAY_HOST=edgeHub', encoding),
    validEntry('a module addressing itself', 'SELF_URL=http://camera:9999', encoding),
    validEntry('several hosts, all reachable', 'SERVERS=storage:8080,broker:1883', encoding),
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [noService(encoding), missingPort(encoding), remappedPort(encoding)]),
});
