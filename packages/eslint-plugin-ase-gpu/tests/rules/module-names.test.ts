import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const PORTS = { HostConfig: { PortBindings: { '4840/tcp': [{ HostPort: '4840' }] } } };
const RECOMMENDED = [{ reportRenames: false }];
const env = (...entries: string[]) => ({ Env: entries });


/** Adds a module twin section `modulesContent.<name>` before `$edgeHub`, as IoT Hub deployments carry it. */
function withTwin(code: string, name: string): string {
  const twin = `    ${JSON.stringify(name)}: {\n      "properties.desired": {\n        "publishInterval": 5\n      }\n    },\n`;
  return code.replace('    "$edgeHub": {', `${twin}    "$edgeHub": {`);
}

function renameCase(encoding: Encoding) {
  const spec = (name: string): ManifestSpec => ({
    modules: { [name]: { createOptions: PORTS }, sink: {} },
    routes: {
      toSink: `FROM /messages/modules/${name}/outputs/* INTO BrokeredEndpoint("/modules/sink/inputs/in")`,
      commands: `FROM /messages/modules/sink/outputs/cmd INTO BrokeredEndpoint("/modules/${name}/inputs/cmd")`,
      upstream: 'FROM /messages/* INTO $upstream',
    },
  });
  const code = withTwin(buildManifest(spec('opcua_crud'), encoding).code, 'opcua_crud');
  const renamed = withTwin(buildManifest(spec('opcuacrud'), encoding).code, 'opcuacrud');
  return {
    name: `"_" is deleted: a rename across modules, the twin section and both routes (${encoding})`,
    code,
    filename: buildManifest(spec('opcua_crud'), encoding).filename,
    output: null,
    errors: [
      {
        messageId: 'charactersRemoved',
        data: { module: 'opcua_crud', name: 'opcuacrud', characters: '"_"' },
        ...locate(code, '"opcua_crud"'),
        suggestions: [{ messageId: 'rename', data: { module: 'opcua_crud', name: 'opcuacrud', places: 'modules, its twin section in modulesContent and 2 routes' }, output: renamed }],
      },
    ],
  };
}

function collisionCase(encoding: Encoding) {
  const built = buildManifest({ modules: { MyCam: {}, 'my_cam': {}, edge_hub: {}, 'Edge+Agent': {} } }, encoding);
  const collision = (module: string, name: string, other: string) => ({
    messageId: 'collision',
    data: { module, name, other },
    ...locate(built.code, `"${module}"`),
    suggestions: [],
  });
  return {
    name: `collisions are reported on the module to rename, never on the system module or the first one (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [collision('my_cam', 'mycam', 'MyCam'), collision('edge_hub', 'edgehub', 'edgeHub'), collision('Edge+Agent', 'edgeagent', 'edgeAgent')],
  };
}

function invalidNamesCase(encoding: Encoding) {
  const long = `m${'o'.repeat(63)}`;
  const tooLong = 'a'.repeat(254);
  const built = buildManifest({ modules: { '-camera': {}, [long]: {}, ___: {}, [tooLong]: {}, proxy: {}, IoTEdged: {}, '3dscanner': { createOptions: PORTS } } }, encoding);
  const at = (module: string) => locate(built.code, `"${module}"`);
  return {
    name: `names Kubernetes rejects (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'invalidName', data: { module: '-camera', name: '-camera', reason: 'it starts or ends with "-"' }, ...at('-camera'), suggestions: [] },
      { messageId: 'invalidName', data: { module: long, name: long, reason: 'it has 64 characters (at most 63)' }, ...at(long), suggestions: [] },
      { messageId: 'invalidName', data: { module: '___', name: '', reason: 'it is empty (every character of the module name is deleted)' }, ...at('___'), suggestions: [] },
      { messageId: 'tooLong', data: { module: tooLong, length: 254 }, ...at(tooLong), suggestions: [] },
      { messageId: 'reserved', data: { module: 'proxy', name: 'proxy', owner: 'the iotedged proxy sidecar container of every module pod' }, ...at('proxy'), suggestions: [] },
      { messageId: 'reserved', data: { module: 'IoTEdged', name: 'iotedged', owner: "the runtime's own iotedged Deployment and Service" }, ...at('IoTEdged'), suggestions: [] },
      { messageId: 'serviceName', data: { module: '3dscanner', name: '3dscanner' }, ...at('3dscanner'), suggestions: [] },
    ],
  };
}

function noSuggestionCase(encoding: Encoding) {
  // "line_1" would become "line1", which another module already is (so would "edge_cam"); "9_cam" has ports, so "9cam" cannot name its Service.
  // "cam_2" would take the twin section "cam2" that IoT Hub still holds for a module of that id.
  const built = buildManifest({ modules: { line1: {}, line_1: {}, 'edge_cam': {}, edgecam: {}, '9_cam': { createOptions: PORTS }, cam_2: {} } }, encoding);
  const code = withTwin(built.code, 'cam2');
  return {
    name: `no rename when the sanitised name is taken or invalid (${encoding})`,
    code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'collision', data: { module: 'line_1', name: 'line1', other: 'line1' }, ...locate(built.code, '"line_1"'), suggestions: [] },
      // The module whose id already is the Kubernetes name keeps it, whatever the order.
      { messageId: 'collision', data: { module: 'edge_cam', name: 'edgecam', other: 'edgecam' }, ...locate(built.code, '"edge_cam"'), suggestions: [] },
      { messageId: 'serviceName', data: { module: '9_cam', name: '9cam' }, ...locate(built.code, '"9_cam"'), suggestions: [] },
      { messageId: 'charactersRemoved', data: { module: 'cam_2', name: 'cam2', characters: '"_"' }, ...locate(built.code, '"cam_2"'), suggestions: [] },
    ],
  };
}

/** `camera` declared twice in `modules`: IoT Hub keeps the last declaration (no-duplicate-keys' finding). */
function duplicateKey(encoding: Encoding) {
  const built = buildManifest({ modules: { camera: {}, Camera_2: {} } }, encoding);
  return { code: built.code.replace('"Camera_2": {', '"camera": {'), filename: built.filename };
}

/** A layered deployment: modules under dotted keys, no complete $edgeAgent desired properties. */
const LAYERED = `{
  "content": {
    "modulesContent": {
      "$edgeAgent": {
        "properties.desired.modules.my_cam": { "type": "docker", "status": "running", "restartPolicy": "always", "settings": { "image": "contoso.azurecr.io/cam:1.0" } },
        "properties.desired.modules.mycam": { "type": "docker", "status": "running", "restartPolicy": "always", "settings": { "image": "contoso.azurecr.io/cam:1.0" } },
        "properties.desired.modules.edge_hub": { "type": "docker", "status": "running", "restartPolicy": "always", "settings": { "image": "contoso.azurecr.io/hub:1.0" } }
      }
    }
  }
}
`;

function nameChanged(encoding: Encoding) {
  const spec: ManifestSpec = {
    modules: { camera: { env: { DETECTOR_HOST: { value: 'Object_Detector' } } }, Object_Detector: { createOptions: { ExposedPorts: { '5000/tcp': {} } } } },
  };
  const built = buildManifest(spec, encoding);
  return {
    name: `recommended: a peer reaches a module by its raw name in the env section (${encoding})`,
    code: built.code,
    filename: built.filename,
    options: RECOMMENDED,
    output: null,
    errors: [
      {
        messageId: 'rawNameReference',
        data: { module: 'camera', target: 'Object_Detector', variable: 'env DETECTOR_HOST', service: 'objectdetector', host: 'Object_Detector' },
        ...locate(built.code, '"Object_Detector"', 1),
        suggestions: [
          {
            messageId: 'useServiceName',
            data: { module: 'camera', service: 'objectdetector', variable: 'env DETECTOR_HOST' },
            output: built.code.replace('"value": "Object_Detector"', '"value": "objectdetector"'),
          },
        ],
      },
    ],
  };
}

function nameChangedInEnv(encoding: Encoding) {
  const spec: ManifestSpec = { modules: { camera: { createOptions: env('H=Object_Detector:5000') }, Object_Detector: { createOptions: { ExposedPorts: { '5000/tcp': {} } } } } };
  const built = buildManifest(spec, encoding);
  const literal = (text: string) => (encoding === 'object' ? `"${text}"` : JSON.stringify(`"${text}"`).slice(1, -1));
  return {
    name: `recommended: a peer reaches a module by its raw name in createOptions.Env (${encoding})`,
    code: built.code,
    filename: built.filename,
    options: RECOMMENDED,
    output: null,
    errors: [
      {
        messageId: 'rawNameReference',
        data: { module: 'camera', target: 'Object_Detector', variable: 'createOptions.Env H', service: 'objectdetector', host: 'Object_Detector' },
        ...built.at('camera', '"H=Object_Detector:5000"'),
        suggestions: [
          {
            messageId: 'useServiceName',
            data: { module: 'camera', service: 'objectdetector', variable: 'createOptions.Env H' },
            output: built.code.replace(literal('H=Object_Detector:5000'), literal('H=objectdetector:5000')),
          },
        ],
      },
    ],
  };
}

function recommendedCollision(encoding: Encoding) {
  const built = buildManifest({ modules: { my_module: {}, mymodule: {}, spatial_analysis: { createOptions: PORTS } } }, encoding);
  return {
    name: `recommended: sanitised names are quiet, a collision after sanitising is reported (${encoding})`,
    ...codeOf(built),
    options: RECOMMENDED,
    output: null,
    errors: [{ messageId: 'collision', data: { module: 'my_module', name: 'mymodule', other: 'mymodule' }, ...locate(built.code, '"my_module"'), suggestions: [] }],
  };
}

runRuleTests('module-names', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `upper case alone, a digit first without ports, placeholders (${encoding})`,
      ...codeOf(buildManifest({ modules: { SimulatedTemperatureSensor: {}, OPCPublisher: { createOptions: PORTS }, '3dmodel': {}, '${MODULE_NAME}': {}, '$AML_MODULE': {} } }, encoding)),
    },
    {
      name: `recommended: names the agent only sanitises, reached by their Service names (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              my_module: { createOptions: { ExposedPorts: { '5000/tcp': {} } } },
              Spatial_Analysis: {},
              camera: { createOptions: env('SCORER_URL=http://mymodule:5000/score'), env: { TargetModuleId: { value: 'my_module' } } },
            },
            routes: { toScorer: 'FROM /messages/modules/camera/outputs/* INTO BrokeredEndpoint("/modules/my_module/inputs/frames")' },
          },
          encoding,
        ),
      ),
      options: RECOMMENDED,
    },
    {
      name: `a module declared twice under one key is one module (${encoding})`,
      ...codeOf(duplicateKey(encoding)),
    },
  ]),
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [renameCase(encoding), collisionCase(encoding), invalidNamesCase(encoding), noSuggestionCase(encoding), recommendedCollision(encoding), nameChanged(encoding), nameChangedInEnv(encoding)]),
    {
      name: 'a layered fragment: a collision with a system module and deleted characters, no other collision and no rename',
      code: LAYERED,
      filename: 'layered.deployment.json',
      output: null,
      errors: [
        { messageId: 'charactersRemoved', data: { module: 'my_cam', name: 'mycam', characters: '"_"' }, ...locate(LAYERED, '"properties.desired.modules.my_cam"'), suggestions: [] },
        { messageId: 'collision', data: { module: 'edge_hub', name: 'edgehub', other: 'edgeHub' }, ...locate(LAYERED, '"properties.desired.modules.edge_hub"'), suggestions: [] },
      ],
    },
  ],
});
