import type { ModuleTranslation } from '../../kubernetes/types.js';
import { findProperty, isArray, isObject, isStringLiteral, keyName, type JSONObject, type JSONProperty } from '../../manifest/json-ast.js';
import { isPlaceholder } from '../../manifest/placeholders.js';

/**
 * NetworkMode values other than host and NetworkingConfig: the agent translates neither, so the module
 * deploys on the cluster network. `no-ignored-settings` reports them (a warning: it runs, peers reach it
 * differently); `valid-network-mode` keeps the host-network findings, which stop a module.
 */

/** The network the Docker agent attaches every module to: naming it changes nothing on Docker, so nothing is lost. */
const EDGE_NETWORK = 'azure-iot-edge';

export type IgnoredNetworkMessage = 'ignoredNetworkMode' | 'ignoredAliases' | 'ignoredNetworks' | 'hostEndpoint';

export interface IgnoredNetworkFinding {
  /** The field it is about, as `no-ignored-settings`'s `ignoreFields` names it. */
  readonly field: 'HostConfig.NetworkMode' | 'NetworkingConfig';
  readonly range: readonly [number, number];
  readonly messageId: IgnoredNetworkMessage;
  readonly data: Record<string, string>;
}

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

/** The ignored network settings of one translated module (none when its createOptions do not parse). */
export function ignoredNetworkFindings(translated: ModuleTranslation): IgnoredNetworkFinding[] {
  const module = translated.module;
  const createOptions = module.createOptions;
  if (!createOptions || createOptions.parseError) return [];
  const findings: IgnoredNetworkFinding[] = [];
  const base = { module: module.name, reach: peerReach(translated) };
  for (const dropped of translated.dropped) {
    if (dropped.code === 'ignored-mode' && dropped.data.field === 'HostConfig.NetworkMode') {
      const value = String(dropped.data.value);
      if (isPlaceholder(value) || value === EDGE_NETWORK) continue;
      findings.push({ field: 'HostConfig.NetworkMode', range: dropped.origin.range, messageId: 'ignoredNetworkMode', data: { ...base, value } });
      continue;
    }
    if (dropped.code !== 'ignored-field' || String(dropped.data.field).toLowerCase() !== 'networkingconfig') continue;
    const property = createOptions.rootObject?.properties.find((candidate) => keyName(candidate) === dropped.data.field);
    if (!property || !isObject(property.value)) continue;
    const facts = endpointFacts(property.value);
    const range = dropped.origin.range;
    if (facts.host && !translated.deployment.pod.hostNetwork) {
      findings.push({ field: 'NetworkingConfig', range, messageId: 'hostEndpoint', data: base });
    } else if (facts.aliases.length > 0) {
      findings.push({ field: 'NetworkingConfig', range, messageId: 'ignoredAliases', data: { ...base, aliases: quoteList(facts.aliases), service: translated.name } });
    } else if (facts.networks.length > 0) {
      findings.push({ field: 'NetworkingConfig', range, messageId: 'ignoredNetworks', data: { ...base, networks: `${facts.networks.length === 1 ? 'the network' : 'the networks'} ${quoteList(facts.networks)}` } });
    }
  }
  return findings;
}

/** The messages of these findings, for the rule that reports them. */
export const IGNORED_NETWORK_MESSAGES: Readonly<Record<IgnoredNetworkMessage, string>> = {
  ignoredNetworkMode:
    'Module "{{module}}" sets NetworkMode "{{value}}", which the GPU device ignores (only "host" counts), and {{reach}}.',
  ignoredAliases:
    'Module "{{module}}" sets network aliases {{aliases}}, which the GPU device ignores, and {{reach}}. Point peers at "{{service}}".',
  ignoredNetworks:
    'Module "{{module}}" attaches to {{networks}} in NetworkingConfig, which the GPU device ignores, and {{reach}}.',
  hostEndpoint:
    'Module "{{module}}" asks for the host network only in NetworkingConfig, which the GPU device ignores, and {{reach}}.',
};
