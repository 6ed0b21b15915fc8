/**
 * Counterpart of edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/KubernetesServiceAccountMapperTest.cs.
 */
import { describe, expect } from 'vitest';
import { agentClass, translateAgent } from './agent.js';

const test = agentClass('KubernetesServiceAccountMapperTest');

describe('KubernetesServiceAccountMapperTest', () => {
  test('RequiredMetadataExistsWhenCreated', () => {
    const t = translateAgent({ modules: { ModuleId: {} } });
    const account = t.object('ModuleId', 'ServiceAccount')!;
    const metadata = account.body.metadata as Record<string, unknown>;
    expect(metadata.name).toBe('moduleid');
    expect(metadata.annotations).toEqual({ 'net.azure-devices.edge.original-moduleid': 'ModuleId' });
    // The labels the agent gives every object of the module (the test passes its own set).
    expect(metadata.labels).toEqual({ 'net.azure-devices.edge.module': 'moduleid', 'net.azure-devices.edge.deviceid': '<device id>' });
  });
});
