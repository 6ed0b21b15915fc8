import { chunkedAfterEdits, moduleAfterEdits, type DecodedEdit } from '../helpers/chunk-layout.js';
import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding, type ModuleSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const PROXY = 'http://proxy.contoso.local:3128';
const HUB_PORTS = { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } };

const noProxyMessage = (module: string, proxy: string, name: string) => ({ messageId: 'missingNoProxy', data: { module, proxy, name } });

function createOptionsEnvCase(encoding: Encoding) {
  const createOptions = { Env: [`https_proxy=${PROXY}`], HostConfig: { Privileged: false } };
  const built = buildManifest({ modules: { uploader: { createOptions } } }, encoding);
  const fixed = moduleAfterEdits(
    'uploader',
    { createOptions },
    { createOptions: { Env: [`https_proxy=${PROXY}`, 'no_proxy=localhost'], HostConfig: { Privileged: false } } },
    [{ from: '', to: ',"no_proxy=localhost"', after: `"https_proxy=${PROXY}"` }],
    encoding,
  );
  return {
    name: `https_proxy in createOptions.Env: no_proxy=localhost is added there (${encoding})`,
    ...codeOf(built),
    output: fixed,
    errors: [{ ...noProxyMessage('uploader', 'https_proxy', 'no_proxy'), ...built.at('uploader', `"https_proxy=${PROXY}"`) }],
  };
}

function envSectionCase(encoding: Encoding) {
  const createOptions = { HostConfig: { Privileged: false } };
  const built = buildManifest({ modules: { uploader: { createOptions, env: { HTTPS_PROXY: { value: PROXY } } } } }, encoding);
  const fixed = moduleAfterEdits('uploader', { createOptions }, { createOptions, env: { HTTPS_PROXY: { value: PROXY }, NO_PROXY: { value: 'localhost' } } }, [], encoding);
  return {
    name: `HTTPS_PROXY in the env section: NO_PROXY=localhost is added there, in the proxy's case (${encoding})`,
    ...codeOf(built),
    output: fixed,
    errors: [{ ...noProxyMessage('uploader', 'HTTPS_PROXY', 'NO_PROXY'), ...locate(built.code, '"HTTPS_PROXY"') }],
  };
}

function existingListsCase(encoding: Encoding) {
  const createOptions = { Env: ['NO_PROXY=.contoso.local'], HostConfig: { Privileged: false } };
  const env = { http_proxy: { value: PROXY }, no_proxy: { value: '10.0.0.0/8' } };
  const built = buildManifest({ modules: { uploader: { createOptions, env } } }, encoding);
  const fixed = moduleAfterEdits(
    'uploader',
    { createOptions },
    { createOptions: { Env: ['NO_PROXY=.contoso.local,localhost'], HostConfig: { Privileged: false } }, env: { http_proxy: { value: PROXY }, no_proxy: { value: '10.0.0.0/8,localhost' } } },
    [{ from: '', to: ',localhost', after: '"NO_PROXY=.contoso.local' }],
    encoding,
  );
  return {
    name: `no_proxy and NO_PROXY without localhost: localhost is appended to both (${encoding})`,
    ...codeOf(built),
    output: fixed,
    errors: [{ messageId: 'noProxyWithoutLocalhost', data: { module: 'uploader', proxy: 'http_proxy', name: 'no_proxy', value: '10.0.0.0/8' }, ...locate(built.code, '"no_proxy"') }],
  };
}

/** The manifest with edgeHub's createOptions changed: rebuilt, or (chunked) the chunks edited in place. */
function hubAfter(before: ModuleSpec, after: ModuleSpec, edits: readonly DecodedEdit[], encoding: Encoding): string {
  if (encoding !== 'chunked') return buildManifest({ modules: {}, edgeHub: after }, encoding).code;
  const code = buildManifest({ modules: {}, edgeHub: { ...before, env: after.env } }, encoding).code;
  return edits.length === 0 ? code : chunkedAfterEdits(code, 'edgeHub', JSON.stringify(before.createOptions), TEST_CHUNK_SIZE, edits);
}

function hubProtocolCases(encoding: Encoding) {
  const createOptions = { Env: [`https_proxy=${PROXY}`, 'no_proxy=localhost,edgehub'], HostConfig: HUB_PORTS };
  const before: ModuleSpec = { createOptions };
  const built = buildManifest({ modules: {}, edgeHub: before }, encoding);
  const added = hubAfter(
    before,
    { createOptions: { Env: [`https_proxy=${PROXY}`, 'no_proxy=localhost,edgehub', 'UpstreamProtocol=AmqpWs'], HostConfig: HUB_PORTS } },
    [{ from: '', to: ',"UpstreamProtocol=AmqpWs"', after: '"no_proxy=localhost,edgehub"' }],
    encoding,
  );
  const error = (output: string) => ({
    messageId: 'upstreamOverTcp',
    data: { module: 'edgeHub', proxy: 'https_proxy', protocol: 'its default protocol, AMQP over TCP' },
    ...built.at('edgeHub', `"https_proxy=${PROXY}"`),
    suggestions: [{ messageId: 'useAmqpWs', data: { current: 'unset' }, output }],
  });

  const env = { https_proxy: { value: PROXY }, NO_PROXY: { value: 'localhost' }, UpstreamProtocol: { value: 'Amqp' } };
  const sectionBefore: ModuleSpec = { createOptions: { HostConfig: HUB_PORTS }, env };
  const sectionBuilt = buildManifest({ modules: {}, edgeHub: sectionBefore }, encoding);
  const replaced = hubAfter(sectionBefore, { createOptions: { HostConfig: HUB_PORTS }, env: { ...env, UpstreamProtocol: { value: 'AmqpWs' } } }, [], encoding);
  const sectionError = (output: string) => ({
    messageId: 'upstreamOverTcp',
    data: { module: 'edgeHub', proxy: 'https_proxy', protocol: 'UpstreamProtocol "Amqp"' },
    ...locate(sectionBuilt.code, '"UpstreamProtocol"'),
    suggestions: [{ messageId: 'useAmqpWs', data: { current: '"Amqp"' }, output }],
  });

  return [
    { name: `edgeHub behind a proxy without UpstreamProtocol: a suggestion (${encoding})`, ...codeOf(built), output: null, errors: [error(added)] },
    { name: `edgeHub behind a proxy without UpstreamProtocol, autofix (${encoding})`, ...codeOf(built), options: [{ autofix: true }], output: added, errors: [error(added)] },
    { name: `edgeHub with UpstreamProtocol Amqp in its env section: a suggestion (${encoding})`, ...codeOf(sectionBuilt), output: null, errors: [sectionError(replaced)] },
    { name: `edgeHub with UpstreamProtocol Amqp in its env section, autofix (${encoding})`, ...codeOf(sectionBuilt), options: [{ autofix: true }], output: replaced, errors: [sectionError(replaced)] },
  ];
}

runRuleTests('proxy-settings', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `no_proxy lists localhost, NO_PROXY is *, an empty proxy, a placeholder list (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {
              a: { createOptions: { Env: [`https_proxy=${PROXY}`, 'no_proxy=127.0.0.1, LOCALHOST ,edgehub'] } },
              b: { createOptions: { HostConfig: {} }, env: { HTTP_PROXY: { value: PROXY }, NO_PROXY: { value: '*' } } },
              c: { createOptions: { Env: ['https_proxy='] } },
              d: { createOptions: { Env: [`https_proxy=${PROXY}`, 'no_proxy=${NO_PROXY_LIST}'] } },
            },
          },
          encoding,
        ),
      ),
    },
    {
      name: `edgeHub on AmqpWs or mqttws behind a proxy; edgeAgent's env is not applied (${encoding})`,
      ...codeOf(
        buildManifest(
          {
            modules: {},
            edgeHub: { createOptions: { Env: [`https_proxy=${PROXY}`, 'no_proxy=localhost', 'UpstreamProtocol=mqttws'], HostConfig: HUB_PORTS } },
            edgeAgent: { createOptions: { Env: [`https_proxy=${PROXY}`] }, env: { https_proxy: { value: PROXY }, UpstreamProtocol: { value: 'Amqp' } } },
          },
          encoding,
        ),
      ),
    },
    {
      name: `edgeHub without a proxy keeps its protocol (${encoding})`,
      ...codeOf(buildManifest({ modules: {}, edgeHub: { createOptions: { Env: ['UpstreamProtocol=Mqtt'], HostConfig: HUB_PORTS } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [createOptionsEnvCase(encoding), envSectionCase(encoding), existingListsCase(encoding), ...hubProtocolCases(encoding)]),
});
