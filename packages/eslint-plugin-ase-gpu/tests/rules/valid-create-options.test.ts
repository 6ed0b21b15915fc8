import { runRuleTests } from '../helpers/rule-tester.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { locate, locateValueAfter } from '../helpers/locate.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

function wrongType(encoding: Encoding) {
  const built = buildManifest(
    { modules: { camera: { createOptions: { HostConfig: { Memory: '512m', Privileged: 'yes', Binds: '/data:/data' }, Env: { A: '1' } } } } },
    encoding,
  );
  const at = (snippet: string) => built.at('camera', snippet);
  return {
    name: `wrong Docker field types (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      { messageId: 'wrongType', data: { module: 'camera', path: 'HostConfig.Memory', actual: 'a string', expected: 'an integer' }, ...at('"512m"') },
      { messageId: 'wrongType', data: { module: 'camera', path: 'HostConfig.Privileged', actual: 'a string', expected: 'a boolean' }, ...at('"yes"') },
      { messageId: 'wrongType', data: { module: 'camera', path: 'HostConfig.Binds', actual: 'a string', expected: 'an array of strings' }, ...at('"/data:/data"') },
      {
        messageId: 'wrongType',
        data: { module: 'camera', path: 'Env', actual: 'an object', expected: 'an array of strings' },
        ...(encoding === 'object' ? locateValueAfter(built.code, '"Env": ') : at('{"A":"1"}')),
      },
    ],
  };
}

const unparseable = (() => {
  const { code, filename } = buildManifest({ modules: { camera: { createOptions: '{"HostConfig": {"Privileged": true,}}' } } }, 'string');
  return {
    name: 'a trailing comma in a createOptions string',
    code,
    filename,
    errors: [{ messageId: 'unparseable', data: { module: 'camera', detail: "Unexpected token ','" }, ...locate(code, ',}}') , endColumn: locate(code, ',}}').column + 1 }],
  };
})();

function caseTwinsAndLabels(encoding: Encoding) {
  const options = {
    WorkingDir: '/app',
    Labels: { 'com.Contoso/team': 'vision', 'com.contoso/team': 'video', 'com.contoso/owner': 'ops' },
    workingdir: '/srv',
  };
  const built = buildManifest({ modules: { camera: { createOptions: options } } }, encoding);
  return {
    name: `top-level keys that differ in case, and Labels keys that sanitise alike (${encoding})`,
    ...codeOf(built),
    errors: [
      { messageId: 'labelKeysCollide', data: { module: 'camera', key: 'com.contoso/team', other: 'com.Contoso/team', annotation: 'com.contoso/team' }, ...built.at('camera', '"com.contoso/team"') },
      { messageId: 'keysDifferInCase', data: { module: 'camera', key: 'workingdir', other: 'WorkingDir' }, ...built.at('camera', '"workingdir"') },
    ],
  };
}

runRuleTests('valid-create-options', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `well-typed options (${encoding})`,
      ...codeOf(buildManifest({ modules: { camera: { createOptions: { Env: ['A=1'], HostConfig: { Memory: 536870912, Privileged: true, PortBindings: { '80/tcp': [{ HostPort: 8080 }] } } } } } }, encoding)),
    },
    {
      // Typed members are matched in any case by the agent's JSON reader: the last one is kept, nothing throws.
      name: `typed members in two spellings, distinct Labels (${encoding})`,
      ...codeOf(buildManifest({ modules: { camera: { createOptions: { Env: ['A=1'], env: ['B=2'], Labels: { 'com.contoso/team': 'a', 'com.contoso/Team': 'b' } } } } }, encoding)),
    },
  ]),
  invalid: [...ENCODINGS.map(wrongType), ...ENCODINGS.map(caseTwinsAndLabels), unparseable],
});
