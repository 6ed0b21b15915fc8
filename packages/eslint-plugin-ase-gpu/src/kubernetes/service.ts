import { findProperty, isObject, isStringLiteral } from '../manifest/json-ast.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import type { ServiceType } from '../settings/device-profile.js';
import { mergeServicePorts } from './ports.js';
import { originIn, type ModuleScope } from './scope.js';
import type { Annotation, Origin, ServiceObject, ServicePort, ServiceTypeSource, Traced } from './types.js';
import { isIPv4 } from './validation.js';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];

interface ServiceOptions {
  readonly type: Traced<ServiceType> | undefined;
  readonly loadBalancerIP: Traced<string> | undefined;
  readonly origin: Origin | undefined;
}

/** `serviceOptions` (inner keys case-insensitive; an unknown type falls back to the default). */
function readServiceOptions(scope: ModuleScope): ServiceOptions {
  const member = k8sMember(scope.createOptions, 'serviceOptions');
  if (!member || !isObject(member.value)) return { type: undefined, loadBalancerIP: undefined, origin: undefined };
  const options = member.value;
  let type: Traced<ServiceType> | undefined;
  const typeNode = findProperty(options, 'type', { ignoreCase: true })?.value;
  if (isStringLiteral(typeNode)) {
    const match = SERVICE_TYPES.find((candidate) => candidate.toLowerCase() === typeNode.value.trim().toLowerCase());
    if (match) type = { value: match, origin: originIn(scope, typeNode) };
    else if (!isPlaceholder(typeNode.value)) {
      scope.sink.drop('service-type-unknown', originIn(scope, typeNode), `serviceOptions.type "${typeNode.value}" is not ClusterIP, NodePort or LoadBalancer, so the agent uses its default type.`, { type: typeNode.value });
    }
  }
  const ipNode = findProperty(options, 'loadBalancerIP', { ignoreCase: true })?.value;
  const loadBalancerIP = isStringLiteral(ipNode) ? { value: ipNode.value, origin: originIn(scope, ipNode) } : undefined;
  return { type, loadBalancerIP, origin: originIn(scope, member.key) };
}

export function buildService(
  scope: ModuleScope,
  candidates: readonly ServicePort[],
  portBindings: Origin | undefined,
  annotations: readonly Annotation[],
  labels: Readonly<Record<string, string>>,
): ServiceObject | undefined {
  const options = readServiceOptions(scope);
  if (candidates.length === 0) {
    if (options.origin) scope.sink.drop('service-options-unused', options.origin, 'serviceOptions has no effect: the module declares no ports, so the agent creates no Service.');
    return undefined;
  }
  const { kept, lost } = mergeServicePorts(candidates);
  for (const { lost: port, by } of lost) {
    // An exposed port and a binding that listen alike lose nothing but a port name.
    if (port.protocol === by.protocol && port.targetPort === by.targetPort) continue;
    scope.sink.drop(
      'port-merged',
      port.origin,
      `Service port ${port.port} (${port.name}) is replaced by ${by.name}: the agent keeps one entry per port number.`,
      { port: port.port, name: port.name, protocol: port.protocol, keptName: by.name, keptProtocol: by.protocol },
    );
  }

  let type: ServiceType;
  let typeSource: ServiceTypeSource;
  if (options.type) {
    type = options.type.value;
    typeSource = 'service-options';
  } else if (!portBindings) {
    type = 'ClusterIP';
    typeSource = 'no-port-bindings';
  } else {
    type = scope.profile.defaultServiceType;
    typeSource = 'device-default';
  }

  const seen = new Set<string>();
  for (const port of kept) {
    if (seen.has(port.name)) {
      scope.sink.fail('duplicate-port-name', port.origin, `Two Service ports are named "${port.name}" (one container port bound to several HostPorts); Kubernetes rejects the Service.`, { name: port.name, port: port.port });
    }
    seen.add(port.name);
  }

  if (type === 'LoadBalancer' && !scope.profile.mixedProtocolLoadBalancer) {
    const first = kept[0]!;
    const other = kept.find((port) => port.protocol !== first.protocol);
    if (other) {
      scope.sink.fail(
        'mixed-protocol-load-balancer',
        other.origin,
        `The LoadBalancer Service would carry both ${first.protocol} and ${other.protocol} ports; the device does not serve mixed protocols on one LoadBalancer and rejects the Service.`,
        { protocols: [...new Set(kept.map((port) => port.protocol))].join(', '), port: other.port },
      );
    }
  }

  const ip = options.loadBalancerIP;
  if (ip && !isPlaceholder(ip.value)) {
    if (!isIPv4(ip.value)) {
      scope.sink.fail('load-balancer-ip-invalid', ip.origin, `loadBalancerIP "${ip.value}" is not an IPv4 address; Kubernetes rejects the Service.`, { ip: ip.value });
    } else if (type !== 'LoadBalancer') {
      scope.sink.drop('load-balancer-ip-unused', ip.origin, `loadBalancerIP "${ip.value}" has no effect on a ${type} Service.`, { ip: ip.value, type });
    }
  }

  return {
    module: scope.module,
    name: scope.name,
    type,
    typeSource,
    typeOrigin: options.type?.origin,
    loadBalancerIP: ip,
    ports: kept,
    candidatePorts: [...candidates],
    portBindings,
    annotations,
    labels,
    selector: labels,
  };
}
