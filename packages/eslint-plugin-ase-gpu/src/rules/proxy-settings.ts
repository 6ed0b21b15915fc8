import { getTranslation } from '../kubernetes/index.js';
import type { EnvVar, ModuleTranslation } from '../kubernetes/types.js';
import type { TextEdit } from '../manifest/create-options.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { addEnvVar, appendToEnvValue, setEnvValue } from '../fix/env-edits.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'missingNoProxy' | 'noProxyWithoutLocalhost' | 'upstreamOverTcp' | 'useAmqpWs';
type Options = [{ autofix?: boolean }];

const PROXY_NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const NO_PROXY_NAMES = ['no_proxy', 'NO_PROXY'];
/** The protocols edgeHub tunnels through port 443, where an HTTP proxy can carry them. */
const WEB_SOCKET_PROTOCOLS = new Set(['amqpws', 'mqttws']);

/** The variables the container ends up with: Kubernetes keeps the last of a name. */
function effectiveUserEnv(translation: ModuleTranslation): Map<string, EnvVar> {
  const result = new Map<string, EnvVar>();
  for (const variable of translation.env) if (variable.source !== 'agent') result.set(variable.name, variable);
  return result;
}

/** A no_proxy list that keeps requests to localhost off the proxy (`*` bypasses it for every host). */
function coversLocalhost(value: string): boolean {
  return value.split(',').some((entry) => ['localhost', '*'].includes(entry.trim().toLowerCase()));
}

/** The proxy variables in the order the module writes them; empty values set no proxy. */
function proxyVariables(translation: ModuleTranslation, effective: Map<string, EnvVar>): EnvVar[] {
  return translation.env.filter((variable) => PROXY_NAMES.includes(variable.name) && effective.get(variable.name) === variable && variable.value.trim() !== '');
}

function checkNoProxy(translation: ModuleTranslation, proxies: readonly EnvVar[], effective: Map<string, EnvVar>, tools: ManifestTools<MessageIds>): void {
  const module = translation.module;
  const proxy = proxies[0]!;
  const noProxies = NO_PROXY_NAMES.flatMap((name) => (effective.has(name) ? [effective.get(name)!] : []));
  if (noProxies.some((variable) => isPlaceholder(variable.value))) return;
  const lacking = noProxies.filter((variable) => !coversLocalhost(variable.value));
  if (noProxies.length > 0 && lacking.length === 0) return;

  if (lacking.length > 0) {
    // Each list a client may read must hold localhost: Go reads NO_PROXY first, curl and Python no_proxy.
    const edits: (TextEdit | null)[] = lacking.flatMap((variable) => {
      const suffix = variable.value.trim() === '' || variable.value.endsWith(',') ? 'localhost' : ',localhost';
      return appendToEnvValue(module, variable, suffix, tools) ?? [null];
    });
    const first = lacking[0]!;
    tools.report({
      module,
      range: first.origin.range,
      messageId: 'noProxyWithoutLocalhost',
      data: { module: module.name, proxy: proxy.name, name: first.name, value: first.value },
      fix: tools.fixFrom(edits),
    });
    return;
  }
  const name = proxy.name === proxy.name.toLowerCase() ? 'no_proxy' : 'NO_PROXY';
  tools.report({
    module,
    range: proxy.origin.range,
    messageId: 'missingNoProxy',
    data: { module: module.name, proxy: proxy.name, name },
    fix: tools.fixFrom(addEnvVar(module, proxy.source === 'env-section' ? 'env-section' : 'create-options', name, 'localhost', tools)),
  });
}

/** edgeHub reads UpstreamProtocol through .NET configuration, whose keys are not case-sensitive. */
function upstreamProtocol(translation: ModuleTranslation): EnvVar | undefined {
  return translation.env.filter((variable) => variable.source !== 'agent' && variable.name.toLowerCase() === 'upstreamprotocol').at(-1);
}

function checkUpstreamProtocol(translation: ModuleTranslation, proxy: EnvVar, autofix: boolean, tools: ManifestTools<MessageIds>): void {
  const module = translation.module;
  const upstream = upstreamProtocol(translation);
  if (upstream && (isPlaceholder(upstream.value) || WEB_SOCKET_PROTOCOLS.has(upstream.value.trim().toLowerCase()))) return;
  const edits = upstream
    ? setEnvValue(module, upstream, 'AmqpWs', tools)
    : addEnvVar(module, proxy.source === 'env-section' ? 'env-section' : 'create-options', 'UpstreamProtocol', 'AmqpWs', tools);
  const fix = tools.fixFrom(edits);
  tools.report({
    module,
    range: (upstream ?? proxy).origin.range,
    messageId: 'upstreamOverTcp',
    data: { module: module.name, proxy: proxy.name, protocol: upstream ? `UpstreamProtocol "${upstream.value}"` : 'its default protocol, AMQP over TCP' },
    fix: autofix ? fix : null,
    suggest: [fix ? { messageId: 'useAmqpWs', data: { current: upstream ? `"${upstream.value}"` : 'unset' }, fix } : null],
  });
}

export default createRule<Options, MessageIds>({
  name: 'proxy-settings',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require modules behind an HTTP proxy to keep localhost off the proxy, and edgeHub to reach IoT Hub through it',
      recommended: 'warn',
      strict: 'error',
      owns: ['ENV-PROXY-NO-PROXY'],
      fixPolicy: 'fix+option',
      migrationOptions: { autofix: true },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: { autofix: { type: 'boolean', description: 'Apply the UpstreamProtocol=AmqpWs suggestion with --fix.' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ autofix: false }],
    messages: {
      missingNoProxy:
        'Module "{{module}}" sets {{proxy}} but no no_proxy with localhost, so on the GPU device it cannot reach IoT Edge and does not start. Add {{name}}=localhost.',
      noProxyWithoutLocalhost:
        'Module "{{module}}" sets {{proxy}}, and its {{name}} "{{value}}" lacks localhost, so on the GPU device it cannot reach IoT Edge and does not start.',
      upstreamOverTcp:
        'Module "{{module}}" sets {{proxy}} but reaches IoT Hub over {{protocol}}, which no HTTP proxy carries, so behind the proxy no message leaves the GPU device.',
      useAmqpWs: 'Set UpstreamProtocol to AmqpWs (now {{current}}).',
    },
  },
  defaultOptions: [{ autofix: false }],
  create(context, [options]) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        for (const translation of getTranslation(tools.model, tools.profile).modules) {
          const effective = effectiveUserEnv(translation);
          const proxies = proxyVariables(translation, effective);
          if (proxies.length === 0) continue;
          checkNoProxy(translation, proxies, effective, tools);
          if (translation.module.system === 'edgeHub') checkUpstreamProtocol(translation, proxies[0]!, options.autofix === true, tools);
        }
      },
    });
  },
});
