import { locate, span } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** Replaces one exact piece of the built manifest, failing when it is not there. */
function edit(code: string, before: string, after: string): string {
  if (!code.includes(before)) throw new Error(`"${before}" is not in the fixture`);
  return code.replace(before, after);
}

const lineOf = (code: string, needle: string, occurrence: number) => locate(code, needle, occurrence).line;

/** The key `"name"` at the start of a unique `"name": value` piece of the fixture. */
function keyAt(code: string, member: string) {
  const start = code.indexOf(member);
  if (start < 0 || code.indexOf(member, start + 1) >= 0) throw new Error(`"${member}" must occur exactly once`);
  return span(code, start, start + member.indexOf(':'));
}

function base(encoding: Encoding) {
  return buildManifest({ modules: { camera: { createOptions: { HostConfig: { Privileged: true } } } } }, encoding);
}

function moduleDuplicates(encoding: Encoding) {
  const built = base(encoding);
  let code = edit(built.code, '"camera": {\n            "version": "1.0",\n            "type": "docker",\n            "status": "running",', '"camera": {\n            "version": "1.0",\n            "type": "docker",\n            "status": "stopped",\n            "status": "running",');
  code = edit(code, '"image": "contoso.azurecr.io/module:1.0",', '"image": "contoso.azurecr.io/module:0.9",\n              "image": "contoso.azurecr.io/module:1.0",');
  return {
    name: `keys repeated in a module (${encoding})`,
    code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'duplicateInModule',
        data: { module: 'camera', key: 'status', path: 'modulesContent.$edgeAgent["properties.desired"].modules.camera', line: lineOf(code, '"status": "stopped"', 1) + 1 },
        ...keyAt(code, '"status": "stopped"'),
      },
      {
        messageId: 'duplicateInModule',
        data: { module: 'camera', key: 'image', path: 'modulesContent.$edgeAgent["properties.desired"].modules.camera.settings', line: lineOf(code, '"image": "contoso.azurecr.io/module:1.0"', 1) },
        ...keyAt(code, '"image": "contoso.azurecr.io/module:0.9"'),
      },
    ],
  };
}

function manifestDuplicates(encoding: Encoding) {
  const built = buildManifest({ modules: { camera: {} }, routes: { upstream: 'FROM /messages/* INTO $upstream', alerts: 'FROM /messages/modules/camera/* INTO $upstream' } }, encoding);
  let code = edit(built.code, '"alerts": "FROM /messages/modules/camera/* INTO $upstream"', '"upstream": "FROM /messages/modules/camera/* INTO $upstream"');
  code = edit(code, '"modules": {\n          "camera": {', '"modules": {\n          "camera": {\n            "type": "docker"\n          },\n          "camera": {');
  return {
    name: `a repeated route and a repeated module (${encoding})`,
    code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'duplicateInModule',
        data: { module: 'camera', key: 'camera', path: 'modulesContent.$edgeAgent["properties.desired"].modules', line: lineOf(code, '"camera": {', 2) },
        ...locate(code, '"camera"', 1),
      },
      {
        messageId: 'duplicateKey',
        data: { key: 'upstream', path: 'modulesContent.$edgeHub["properties.desired"].routes', line: lineOf(code, '"upstream": "FROM /messages/modules/camera/* INTO $upstream"', 1) },
        ...locate(code, '"upstream"', 1),
      },
    ],
  };
}

runRuleTests('no-duplicate-keys', {
  valid: [
    ...ENCODINGS.map((encoding) => ({ name: `no repeated key (${encoding})`, ...(({ code, filename }) => ({ code, filename }))(base(encoding)) })),
    {
      // Keys repeated inside createOptions belong to valid-create-options.
      name: 'a key repeated inside an object createOptions',
      ...(() => {
        const built = base('object');
        return { code: edit(built.code, '"Privileged": true', '"Privileged": false,\n                  "Privileged": true'), filename: built.filename };
      })(),
    },
  ],
  invalid: ENCODINGS.flatMap((encoding) => [moduleDuplicates(encoding), manifestDuplicates(encoding)]),
});
