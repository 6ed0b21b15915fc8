import { getTranslation } from '../kubernetes/index.js';
import type { ModuleTranslation, Translation } from '../kubernetes/types.js';
import { findProperty, isArray, isObject, isStringLiteral, keyName, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../util/manifest-rule.js';

type MessageIds = 'ignoredMode' | 'ignoredAliases' | 'ignoredNetworks' | 'hostEndpoint' | 'secondHostNetwork' | 'hostNetworkUnsupported';
type Tools = ManifestTools<MessageIds>;

/** The ASE update that made host network work for IoT Edge modules (ASE release notes 2105 known issue, fixed in 2110). */
const FIRST_HOST_NETWORK_ASE = 2110;
/** The network the Docker agent attaches every module to: naming it changes nothing on Docker, so nothing is lost. */
const EDGE_NETWORK = 'azure-iot-edge';

const quoteList = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/** How other modules reach a module on the GPU device, as a clause without a final period. */
function peerReach(translated: ModuleTranslation): string {
  const service = translated.service;
  if (!service) return 'it declares no ports, so the agent creates no Service and no other module can reach it';
  const ports = service.ports.map((port) => port.port);
  return `other modules reach it only as "${service.name}" on ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`;
}

interface EndpointFacts {
  aliases: string[];
  /** Networks other than `host` whose endpoint asks for something the cluster network does not give. */
  networks: string[];
  host: boolean;
}

/** Empty endpoint settings (`{}`, or only nulls, empty strings and empty lists). */
function isEmptyEndpoint(node: JSONProperty['value']): boolean {
  if (!isObject(node)) return node.type === 'JSONLiteral' && node.value === null;
  return node.properties.every(({ value }) => (isArray(value) ? value.elements.length === 0 : isObject(value) ? value.properties.length === 0 : value.type === 'JSONLiteral' && (value.value === null || value.value === '')));
}

function endpointFacts(networkingConfig: JSONObject): EndpointFacts {
  const facts: EndpointFacts = { aliases: [], networks: [], host: false };
  const endpoints = findProperty(networkingConfig, 'EndpointsConfig', { ignoreCase: true })?.value;
  if (!isObject(endpoints)) return facts;
  for (const endpoint of endpoints.properties) {
    const network = keyName(endpoint);
    if (isPlaceholder(network)) continue;
    const aliases = isObject(endpoint.value) ? findProperty(endpoint.value, 'Aliases', { ignoreCase: true })?.value : undefined;
    if (isArray(aliases)) {
      for (const alias of aliases.elements) if (isStringLiteral(alias) && alias.value !== '' && !isPlaceholder(alias.value)) facts.aliases.push(alias.value);
    }
    if (network.toLowerCase() === 'host') facts.host = true;
    else if (!(network === EDGE_NETWORK && isEmptyEndpoint(endpoint.value))) facts.networks.push(network);
  }
  return facts;
}

function checkModes(translated: ModuleTranslation, tools: Tools): void {
  const module = translated.module;
  for (const dropped of translated.dropped) {
    if (dropped.code !== 'ignored-mode' || dropped.data.field !== 'HostConfig.NetworkMode') continue;
    const value = String(dropped.data.value);
    if (isPlaceholder(value) || value === EDGE_NETWORK) continue;
    tools.report({ module, range: dropped.origin.range, messageId: 'ignoredMode', data: { module: module.name, value, reach: peerReach(translated) } });
  }
}

function checkNetworkingConfig(translated: ModuleTranslation, tools: Tools): void {
  const module = translated.module;
  const createOptions = module.createOptions;
  for (const dropped of translated.dropped) {
    if (dropped.code !== 'ignored-field' || String(dropped.data.field).toLowerCase() !== 'networkingconfig') continue;
    const property = createOptions?.rootObject?.properties.find((candidate) => keyName(candidate) === dropped.data.field);
    if (!property || !isObject(property.value)) continue;
    const facts = endpointFacts(property.value);
    const base = { module: module.name, reach: peerReach(translated) };
    const range = dropped.origin.range;
    if (facts.host && !translated.deployment.pod.hostNetwork) {
      tools.report({ module, range, messageId: 'hostEndpoint', data: base });
    } else if (facts.aliases.length > 0) {
      tools.report({ module, range, messageId: 'ignoredAliases', data: { ...base, aliases: quoteList(facts.aliases), service: translated.name } });
    } else if (facts.networks.length > 0) {
      tools.report({ module, range, messageId: 'ignoredNetworks', data: { ...base, networks: `${facts.networks.length === 1 ? 'the network' : 'the networks'} ${quoteList(facts.networks)}` } });
    }
  }
}

function checkHostNetwork(translation: Translation, tools: Tools): void {
  const hostModules = translation.modules.filter((translated) => translated.deployment.pod.hostNetwork && !translated.module.createOptions?.parseError);
  const aseVersion = Number.parseInt(tools.profile.aseVersion, 10);
  if (aseVersion < FIRST_HOST_NETWORK_ASE) {
    for (const translated of hostModules) {
      tools.report({ module: translated.module, range: translated.deployment.pod.hostNetwork!.origin.range, messageId: 'hostNetworkUnsupported', data: { module: translated.module.name, aseVersion: tools.profile.aseVersion } });
    }
  }
  // The other host-network modules may sit in the base deployment or another layer.
  if (!translation.wholeDeployment) return;
  const [first, ...others] = hostModules;
  for (const translated of others) {
    tools.report({ module: translated.module, range: translated.deployment.pod.hostNetwork!.origin.range, messageId: 'secondHostNetwork', data: { module: translated.module.name, first: first!.module.name } });
  }
}

export default createRule<[], MessageIds>({
  name: 'valid-network-mode',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require NetworkMode and NetworkingConfig settings that the GPU device honours, with at most one host-network module',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-HOST-NETWORK'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      ignoredMode:
        'Module "{{module}}" sets NetworkMode "{{value}}", which the agent on the GPU device ignores (it honours only "host"): the module joins the cluster network, and {{reach}}. Remove NetworkMode, and have peers use the module\'s Service name and declared ports.',
      ignoredAliases:
        'Module "{{module}}" gives itself the network aliases {{aliases}} in NetworkingConfig, which the agent on the GPU device ignores: no such host names exist there, and {{reach}}. Point peers at "{{service}}" and remove NetworkingConfig.',
      ignoredNetworks:
        'Module "{{module}}" attaches to {{networks}} in NetworkingConfig, which the agent on the GPU device ignores: the module joins the cluster network without those endpoint settings, and {{reach}}. Remove NetworkingConfig.',
      hostEndpoint:
        'Module "{{module}}" asks for the "host" network only in NetworkingConfig, which the agent on the GPU device ignores: the module does not get the node\'s network, and {{reach}}. Set HostConfig.NetworkMode to "host" if the module needs the node\'s network, and remove NetworkingConfig.',
      secondHostNetwork:
        'Module "{{module}}" uses NetworkMode "host" like module "{{first}}": on the GPU device the IoT Edge proxy sidecar of each host-network pod binds ports 35000 and 35001 on the node, so only one host-network module can run and this one fails to start. Keep NetworkMode "host" on one module and reach the others through their Services.',
      hostNetworkUnsupported:
        'Module "{{module}}" uses NetworkMode "host", which does not work for IoT Edge modules on ASE software older than 2110 (the device profile says {{aseVersion}}): the module does not start on the GPU device. Update the device to 2110 or later, or remove NetworkMode "host" and declare the ports peers use.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        for (const translated of translation.modules) {
          if (translated.module.createOptions?.parseError) continue;
          checkModes(translated, tools);
          checkNetworkingConfig(translated, tools);
        }
        checkHostNetwork(translation, tools);
      },
    });
  },
});
