import { findProperty, isArray, isObject, keyName, type JSONExpression, type JSONProperty } from '../manifest/json-ast.js';
import { hostConfigMember, hostConfigValue } from '../manifest/host-config.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { originIn, type ModuleScope } from './scope.js';
import type { ContainerPort, Origin, Protocol, ServicePort } from './types.js';
import { isValidPort } from './validation.js';

export interface PortKey {
  readonly port: number;
  readonly protocol: Protocol;
}

/** .NET's int.TryParse with the default style: optional surrounding white space and sign. */
const INTEGER = /^\s*[+-]?\d+\s*$/u;

export function parseInteger(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) && Math.abs(value) <= 2_147_483_647 ? value : undefined;
}

/**
 * `<int>[/<tcp|udp|sctp>]` (protocol case-insensitive, TCP by default) as PortAndProtocol.Parse reads it:
 * empty parts between `/` are skipped, so `80/` and `/80` are TCP 80. Anything else the agent drops.
 */
export function parsePortKey(key: string): PortKey | undefined {
  const parts = key.split('/').filter((part) => part.length > 0);
  if (parts.length === 0 || parts.length > 2) return undefined;
  const port = parseInteger(parts[0]!);
  if (port === undefined) return undefined;
  const protocol = parts.length === 1 ? 'TCP' : parts[1]!.toUpperCase();
  if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') return undefined;
  return { port, protocol };
}

function readPortKey(scope: ModuleScope, property: JSONProperty, field: 'ExposedPorts' | 'PortBindings'): PortKey | undefined {
  const key = keyName(property);
  const parsed = parsePortKey(key);
  if (!parsed) {
    if (!isPlaceholder(key)) {
      scope.sink.drop('port-key-invalid', originIn(scope, property.key), `The ${field} key "${key}" is not <port>[/tcp|udp|sctp], so the agent skips it.`, { field, key });
    }
    return undefined;
  }
  if (!isValidPort(parsed.port)) {
    scope.sink.fail('port-out-of-range', originIn(scope, property.key), `Port ${parsed.port} of the ${field} key "${key}" is outside 1-65535; Kubernetes rejects the object.`, { field, key, port: parsed.port });
    return undefined;
  }
  return parsed;
}

export interface PortTranslation {
  readonly containerPorts: ContainerPort[];
  /** Service ports before the merge: exposed first, then bindings. */
  readonly candidates: ServicePort[];
  /**
   * The `PortBindings` member when it is an object, even `{}` or with no usable HostPort: the agent then
   * gives the Service the device's default type, not ClusterIP (KubernetesServiceMapper, onlyExposedPorts).
   */
  readonly portBindings: Origin | undefined;
}

function exposedPorts(scope: ModuleScope): PortTranslation {
  const containerPorts: ContainerPort[] = [];
  const candidates: ServicePort[] = [];
  const exposed = findProperty(scope.root, 'ExposedPorts', { ignoreCase: true })?.value;
  if (!isObject(exposed)) return { containerPorts, candidates, portBindings: undefined };
  for (const property of exposed.properties) {
    const key = readPortKey(scope, property, 'ExposedPorts');
    if (!key) continue;
    const origin = originIn(scope, property.key);
    containerPorts.push({ containerPort: key.port, protocol: key.protocol, origin });
    candidates.push({ name: `exposedport-${key.port}-${key.protocol.toLowerCase()}`, port: key.port, targetPort: key.port, protocol: key.protocol, source: 'exposed-port', origin });
  }
  return { containerPorts, candidates, portBindings: undefined };
}

function hostPortText(node: JSONExpression | undefined): string | undefined {
  if (node?.type !== 'JSONLiteral') return undefined;
  if (typeof node.value === 'string') return node.value;
  if (typeof node.value === 'number') return String(node.value);
  return undefined;
}

function bindingPorts(scope: ModuleScope): ServicePort[] {
  const result: ServicePort[] = [];
  const bindings = hostConfigValue(scope.createOptions, 'PortBindings');
  if (!isObject(bindings)) return result;
  for (const property of bindings.properties) {
    const key = readPortKey(scope, property, 'PortBindings');
    if (!key || !isArray(property.value)) continue;
    const keyText = keyName(property);
    for (const binding of property.value.elements) {
      if (!isObject(binding)) continue;
      const hostIp = findProperty(binding, 'HostIp', { ignoreCase: true });
      const hostIpValue = hostPortText(hostIp?.value);
      if (hostIp && hostIpValue) {
        scope.sink.drop('host-ip-ignored', originIn(scope, hostIp), `HostIp "${hostIpValue}" of the binding "${keyText}" is ignored: the Service listens on its own address.`, { key: keyText, hostIp: hostIpValue });
      }
      const hostPortProperty = findProperty(binding, 'HostPort', { ignoreCase: true });
      const text = hostPortText(hostPortProperty?.value);
      if (text !== undefined && isPlaceholder(text)) continue;
      const hostPort = text === undefined ? undefined : parseInteger(text);
      if (hostPort === undefined) {
        const where = hostPortProperty ? hostPortProperty.value : binding;
        const reason = text === undefined || text.trim() === '' ? 'has no HostPort' : `has the HostPort "${text}", which is not a single port number`;
        scope.sink.drop('binding-without-host-port', originIn(scope, where), `The binding "${keyText}" ${reason}, so the agent drops it and publishes nothing for it.`, { key: keyText, hostPort: text ?? '' });
        continue;
      }
      const origin = originIn(scope, hostPortProperty!.value);
      if (!isValidPort(hostPort)) {
        scope.sink.fail('port-out-of-range', origin, `HostPort ${hostPort} of the binding "${keyText}" is outside 1-65535; Kubernetes rejects the Service.`, { field: 'PortBindings', key: keyText, port: hostPort });
        continue;
      }
      result.push({ name: `hostport-${key.port}-${key.protocol.toLowerCase()}`, port: hostPort, targetPort: key.port, protocol: key.protocol, source: 'port-binding', origin });
    }
  }
  return result;
}

function portBindingsMember(scope: ModuleScope): Origin | undefined {
  const member = hostConfigMember(scope.createOptions, 'PortBindings');
  return member && isObject(member.value) ? originIn(scope, member.key) : undefined;
}

export function translatePorts(scope: ModuleScope): PortTranslation {
  const exposed = exposedPorts(scope);
  return { containerPorts: exposed.containerPorts, candidates: [...exposed.candidates, ...bindingPorts(scope)], portBindings: portBindingsMember(scope) };
}

/**
 * The agent's merge: a dictionary keyed by Service port number, filled with exposed ports then
 * bindings, so a later entry replaces an earlier one in the earlier one's place.
 */
export function mergeServicePorts(candidates: readonly ServicePort[]): { kept: ServicePort[]; lost: { lost: ServicePort; by: ServicePort }[] } {
  const byPort = new Map<number, ServicePort>();
  const replaced: ServicePort[] = [];
  for (const candidate of candidates) {
    const previous = byPort.get(candidate.port);
    if (previous) replaced.push(previous);
    byPort.set(candidate.port, candidate);
  }
  return { kept: [...byPort.values()], lost: replaced.map((lost) => ({ lost, by: byPort.get(lost.port)! })) };
}
