import { moduleAfterEdits } from '../helpers/chunk-layout.js';
import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const invalid = (module: string, name: string, kubernetesVersion = '1.27') => ({ messageId: 'invalidName', data: { module, name, kubernetesVersion } });

function envSectionCase(encoding: Encoding, autofix: boolean) {
  const createOptions = { HostConfig: { PortBindings: { '5888/tcp': [{ HostPort: '5888' }] } } };
  const built = buildManifest({ modules: { eventgrid: { createOptions, env: { 'inbound:serverAuth:tlsPolicy': { value: 'enabled' }, 'auth:clientAuth': { value: 'sasKey' } } } } }, encoding);
  const renamed = (first: string, second: string) =>
    buildManifest({ modules: { eventgrid: { createOptions, env: { [first]: { value: 'enabled' }, [second]: { value: 'sasKey' } } } } }, encoding).code;
  return {
    name: `colons in env section names (${encoding}, autofix ${autofix})`,
    ...codeOf(built),
    ...(autofix ? { options: [{ autofix: true }] } : {}),
    // Both renames are small edits that do not touch: one pass applies both.
    output: autofix ? renamed('inbound__serverAuth__tlsPolicy', 'auth__clientAuth') : null,
    errors: [
      {
        ...invalid('eventgrid', 'inbound:serverAuth:tlsPolicy'),
        ...locate(built.code, '"inbound:serverAuth:tlsPolicy"'),
        suggestions: [{ messageId: 'rename', data: { name: 'inbound:serverAuth:tlsPolicy', replacement: 'inbound__serverAuth__tlsPolicy' }, output: renamed('inbound__serverAuth__tlsPolicy', 'auth:clientAuth') }],
      },
      {
        ...invalid('eventgrid', 'auth:clientAuth'),
        ...locate(built.code, '"auth:clientAuth"'),
        suggestions: [{ messageId: 'rename', data: { name: 'auth:clientAuth', replacement: 'auth__clientAuth' }, output: renamed('inbound:serverAuth:tlsPolicy', 'auth__clientAuth') }],
      },
    ],
  };
}

function createOptionsEnvCase(encoding: Encoding, autofix: boolean) {
  const createOptions = { Env: ['ASPNETCORE_URLS=http://+:80', 'Logging:LogLevel:Default=Warning'] };
  const built = buildManifest({ modules: { api: { createOptions } } }, encoding);
  const renamed = moduleAfterEdits(
    'api',
    { createOptions },
    { createOptions: { Env: ['ASPNETCORE_URLS=http://+:80', 'Logging__LogLevel__Default=Warning'] } },
    [{ from: 'Logging:LogLevel:Default', to: 'Logging__LogLevel__Default' }],
    encoding,
  );
  return {
    name: `a colon in a createOptions.Env name; the colons of a value are fine (${encoding}, autofix ${autofix})`,
    ...codeOf(built),
    ...(autofix ? { options: [{ autofix: true }] } : {}),
    output: autofix ? renamed : null,
    errors: [
      {
        ...invalid('api', 'Logging:LogLevel:Default'),
        ...built.at('api', '"Logging:LogLevel:Default=Warning"'),
        suggestions: [{ messageId: 'rename', data: { name: 'Logging:LogLevel:Default', replacement: 'Logging__LogLevel__Default' }, output: renamed }],
      },
    ],
  };
}

function noRenameCase(encoding: Encoding) {
  const built = buildManifest(
    { modules: { legacy: { createOptions: { Env: ['2FA_SECRET=x', 'MODEL PATH=/models'] }, env: { 'Cache:Size': { value: '10' }, Cache__Size: { value: '20' } } } } },
    encoding,
  );
  return {
    name: `names no rename can save, and a rename that would clash (${encoding})`,
    ...codeOf(built),
    options: [{ autofix: true }],
    output: null,
    errors: [
      { ...invalid('legacy', '2FA_SECRET'), ...built.at('legacy', '"2FA_SECRET=x"'), suggestions: [] },
      { ...invalid('legacy', 'MODEL PATH'), ...built.at('legacy', '"MODEL PATH=/models"'), suggestions: [] },
      { ...invalid('legacy', 'Cache:Size'), ...locate(built.code, '"Cache:Size"'), suggestions: [] },
    ],
  };
}

runRuleTests('env-var-names', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `valid names, colons in values, dropped Env entries and placeholders (${encoding})`,
      ...codeOf(
        buildManifest(
          { modules: { api: { createOptions: { Env: ['Logging__LogLevel__Default=Warning', 'URLS=http://+:80', 'Dropped:Entry', '${ENV_NAME}=1'] }, env: { 'my-app.setting_1': { value: 'a' } } } } },
          encoding,
        ),
      ),
    },
    {
      name: `edgeAgent's env, which the device does not apply (${encoding})`,
      ...codeOf(buildManifest({ modules: {}, edgeAgent: { env: { 'Agent:Setting': { value: '1' } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [envSectionCase(encoding, false), envSectionCase(encoding, true), createOptionsEnvCase(encoding, false), createOptionsEnvCase(encoding, true), noRenameCase(encoding)]),
});

// ASE 2607 runs Kubernetes 1.35, which accepts any printable ASCII but "=" in env names.
runRuleTests(
  'env-var-names',
  {
    valid: ENCODINGS.map((encoding) => ({
      name: `colons, digits and spaces on Kubernetes 1.35 (${encoding})`,
      ...codeOf(buildManifest({ modules: { api: { createOptions: { Env: ['Logging:LogLevel:Default=Warning', '2FA_SECRET=x'] }, env: { 'MODEL PATH': { value: '/m' } } } } }, encoding)),
    })),
    invalid: ENCODINGS.map((encoding) => {
      const built = buildManifest({ modules: { api: { createOptions: { HostConfig: {} }, env: { 'MODE=FAST': { value: '1' } } } } }, encoding);
      return {
        name: `"=" in an env section name on Kubernetes 1.35 (${encoding})`,
        ...codeOf(built),
        output: null,
        errors: [{ ...invalid('api', 'MODE=FAST', '1.35'), ...locate(built.code, '"MODE=FAST"'), suggestions: [] }],
      };
    }),
  },
  { aseVersion: '2607' },
);
