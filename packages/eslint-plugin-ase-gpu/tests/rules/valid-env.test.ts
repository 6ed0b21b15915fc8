import { moduleAfterEdits } from '../helpers/chunk-layout.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';
import { locate } from '../helpers/locate.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

function noEqualsCase(encoding: Encoding) {
  const createOptions = { Env: ['DEBUG', 'MODE=fast', 'VERBOSE'], HostConfig: { Privileged: false } };
  const built = buildManifest({ modules: { api: { createOptions } } }, encoding);
  const fixed = moduleAfterEdits(
    'api',
    { createOptions },
    { createOptions: { Env: ['DEBUG=', 'MODE=fast', 'VERBOSE='], HostConfig: { Privileged: false } } },
    [
      { from: '', to: '=', after: '"DEBUG' },
      { from: '', to: '=', after: '"VERBOSE' },
    ],
    encoding,
  );
  return {
    name: `Env entries without "=" get an empty value, as on Docker (${encoding})`,
    ...codeOf(built),
    output: fixed,
    errors: [
      { messageId: 'noEquals', data: { module: 'api', entry: 'DEBUG' }, ...built.at('api', '"DEBUG"') },
      { messageId: 'noEquals', data: { module: 'api', entry: 'VERBOSE' }, ...built.at('api', '"VERBOSE"') },
    ],
  };
}

function noNameCase(encoding: Encoding) {
  const built = buildManifest({ modules: { api: { createOptions: { Env: ['=orphan', '', 'MODE=fast'] } } } }, encoding);
  return {
    name: `Env entries without a name have no fix (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      { messageId: 'noName', data: { module: 'api', entry: '=orphan' }, ...built.at('api', '"=orphan"') },
      { messageId: 'noName', data: { module: 'api', entry: '' }, ...built.at('api', '""') },
    ],
  };
}

function overriddenCase(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        bridge: {
          createOptions: { Env: ['IOTEDGE_GATEWAYHOSTNAME=gateway.contoso.local', 'IOTEDGE_AUTHSCHEME=sasToken', 'IOTEDGE_DEVICEID=line-7', 'RuntimeLogLevel=debug'] },
        },
      },
    },
    encoding,
  );
  return {
    name: `createOptions.Env values the agent replaces; the agent's own value and RuntimeLogLevel are kept (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'overridden',
        data: { module: 'bridge', name: 'IOTEDGE_GATEWAYHOSTNAME', value: 'gateway.contoso.local', agentValue: '"edgehub"' },
        ...built.at('bridge', '"IOTEDGE_GATEWAYHOSTNAME=gateway.contoso.local"'),
      },
      {
        messageId: 'overridden',
        data: { module: 'bridge', name: 'IOTEDGE_DEVICEID', value: 'line-7', agentValue: 'a value only the device knows' },
        ...built.at('bridge', '"IOTEDGE_DEVICEID=line-7"'),
      },
    ],
  };
}

function bridgeGatewayCase(encoding: Encoding) {
  const built = buildManifest(
    { modules: { api: { createOptions: { Env: ['DB_HOST=172.17.0.1', 'PORT=5432'] }, env: { MQTT_URL: { value: 'mqtt://172.18.0.1:1883' } } } } },
    encoding,
  );
  // A twin section for api, as IoT Hub deployments carry it, with the gateway in its configuration.
  const code = built.code.replace('    "$edgeHub": {', '    "api": {\n      "properties.desired": {\n        "broker": "tcp://172.20.0.1:1883"\n      }\n    },\n    "$edgeHub": {');
  return {
    name: `Docker bridge gateway addresses in env and twin configuration (${encoding})`,
    code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'bridgeGateway', data: { module: 'api', where: 'env MQTT_URL', address: '172.18.0.1' }, ...locate(code, '"mqtt://172.18.0.1:1883"') },
      { messageId: 'bridgeGateway', data: { module: 'api', where: 'env DB_HOST', address: '172.17.0.1' }, ...built.at('api', '"DB_HOST=172.17.0.1"') },
      { messageId: 'bridgeGateway', data: { module: 'api', where: 'twin configuration', address: '172.20.0.1' }, ...locate(code, '"tcp://172.20.0.1:1883"') },
    ].sort((a, b) => a.line - b.line || a.column - b.column),
  };
}

runRuleTests('valid-env', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `addresses that are not a bridge gateway (${encoding})`,
      ...codeOf(buildManifest({ modules: { api: { createOptions: { Env: ['A=172.17.0.10', 'B=10.172.17.0.1', 'C=172.16.0.1', 'D=172.17.1.1'] } } } }, encoding)),
    },
    {
      name: `name=value entries, empty values, placeholders and names env-var-names judges (${encoding})`,
      ...codeOf(buildManifest({ modules: { api: { createOptions: { Env: ['MODE=fast', 'EMPTY=', '${EXTRA_ENV}', '$MODULE_ENV', 'Logging:LogLevel:Default=Warning'] } } } }, encoding)),
    },
    {
      // rules.md "info": the env section lost to IoT Edge's own variables on Docker too.
      name: `reserved names in the env section (${encoding})`,
      ...codeOf(buildManifest({ modules: { api: { createOptions: { HostConfig: {} }, env: { IOTEDGE_MODULEID: { value: 'x' }, EdgeDeviceHostName: { value: 'h' } } } } }, encoding)),
    },
    {
      name: `edgeHub's IOTEDGE_GATEWAYHOSTNAME (the agent adds none to system modules) and edgeAgent's Env (not applied) (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {},
            edgeHub: { createOptions: { Env: ['IOTEDGE_GATEWAYHOSTNAME=gateway.contoso.local'], HostConfig: { PortBindings: { '443/tcp': [{ HostPort: '443' }] } } } },
            edgeAgent: { createOptions: { Env: ['DEBUG', 'IOTEDGE_DEVICEID=x'] } },
          },
          encoding,
        ),
      ),
    },
    {
      name: `a placeholder value of a reserved name (${encoding})`,
      ...codeOf(buildManifest({ modules: { api: { createOptions: { Env: ['IOTEDGE_GATEWAYHOSTNAME=${GATEWAY}'] } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [noEqualsCase(encoding), noNameCase(encoding), overriddenCase(encoding), bridgeGatewayCase(encoding)]),
});
