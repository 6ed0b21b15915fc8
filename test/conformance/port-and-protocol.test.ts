/**
 * Counterparts of edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/PortAndProtocolTest.cs:
 * port keys written as ExposedPorts of a manifest, and what the translation makes of them.
 */
import { describe, expect } from 'vitest';
import { parsePortKey } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/ports.js';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('PortAndProtocolTest');

/** The container ports and dropped keys of one module whose ExposedPorts has exactly these keys. */
function exposing(...keys: string[]) {
  const t = translateAgent({ modules: { m: { createOptions: { ExposedPorts: Object.fromEntries(keys.map((key) => [key, {}])) } } } });
  const m = t.module('m');
  return { ports: m.container.ports.map((port) => [port.containerPort, port.protocol]), dropped: codesOf(m.dropped), service: m.service };
}

describe('PortAndProtocolTest', () => {
  test('UnableToParseEmptyString', () => {
    // The C# null case: a JSON key is never null.
    for (const key of ['', ' ']) {
      expect(parsePortKey(key)).toBeUndefined();
      expect(exposing(key)).toEqual({ ports: [], dropped: ['port-key-invalid'], service: undefined });
    }
  });

  test('UnableToParseUnsupportedProtocol', () => {
    expect(exposing('123/HTTP')).toEqual({ ports: [], dropped: ['port-key-invalid'], service: undefined });
  });

  test('UnableToParseInvalidPort', () => {
    expect(exposing('1a23/TCP')).toEqual({ ports: [], dropped: ['port-key-invalid'], service: undefined });
  });

  test('UnableToParseTooManyParts', () => {
    expect(exposing('10/tcp/udp')).toEqual({ ports: [], dropped: ['port-key-invalid'], service: undefined });
  });

  test('DefaultProtocolIsTCP', () => {
    expect(exposing('3434').ports).toEqual([[3434, 'TCP']]);
  });

  test('ParsesPortAndProtocol', () => {
    expect(exposing('123/TCP', '456/UDP', '10/SCTP').ports).toEqual([
      [123, 'TCP'],
      [456, 'UDP'],
      [10, 'SCTP'],
    ]);
  });
});
