import type { ServiceObject, ServicePort } from '../../kubernetes/types.js';

/** `53/udp`: a port as ExposedPorts and PortBindings keys write it. */
export function portKey(port: number, protocol: string): string {
  return `${port}/${protocol.toLowerCase()}`;
}

/** `ExposedPorts "53/udp"` or `PortBindings "80/tcp" (HostPort 8080)`: where a Service port came from. */
export function describeServicePort(port: ServicePort): string {
  return port.source === 'exposed-port'
    ? `ExposedPorts "${portKey(port.port, port.protocol)}"`
    : `PortBindings "${portKey(port.targetPort, port.protocol)}" (HostPort ${port.port})`;
}

/**
 * What adding same-number ExposedPorts to a module changes outside the cluster, as a clause without a
 * final period: the Service type decides whether the new ports become external.
 */
export function exposureOfAddedPorts(service: ServiceObject | undefined): string {
  if (!service || service.typeSource === 'no-port-bindings') {
    return 'without PortBindings they get a ClusterIP Service that only modules on the device reach';
  }
  if (service.type === 'LoadBalancer') {
    return `with PortBindings they also appear on the module's external IP${service.typeSource === 'device-default' ? ' (LoadBalancer, the device default)' : ''}`;
  }
  return `the module's ${service.type} Service serves them`;
}

/** edgeHub's AMQP, MQTT and HTTPS (AMQP/MQTT over WebSockets) ports, which modules and downstream devices use. */
export const EDGEHUB_PORTS: readonly number[] = [5671, 8883, 443];
