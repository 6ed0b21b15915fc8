import { describe, expect, it } from 'vitest';
import { isMisnamedK8sSection, k8sKeyAlias } from '../../src/manifest/k8s-section-names.js';

describe('isMisnamedK8sSection', () => {
  it.each(['K8s-Experimental', 'K8S-EXPERIMENTAL', 'k8s_experimental', 'k8sExperimental', 'k8s-extensions', 'k8s-extension', 'k8s-experimantal', 'k8-experimental', 'kubernetes-experimental', 'k8s.experimental'])(
    '%s means the section',
    (name) => expect(isMisnamedK8sSection(name)).toBe(true),
  );
  it.each(['k8s-experimental', 'k8s', 'k8s-volumes', 'kube', 'HostConfig', 'Labels', 'experimental', 'k8s-experimental-v2-settings'])('%s does not', (name) =>
    expect(isMisnamedK8sSection(name)).toBe(false),
  );
});

describe('k8sKeyAlias', () => {
  it.each([
    ['service-options', 'serviceOptions'],
    ['Service_Options', 'serviceOptions'],
    ['deploymentStrategy', 'strategy'],
    ['updateStrategy', 'strategy'],
    ['node-selector', 'nodeSelector'],
    ['security_context', 'securityContext'],
  ])('%s means %s', (name, key) => expect(k8sKeyAlias(name)).toBe(key));
  it.each(['serviceOptions', 'ServiceOptions', 'strategy', 'foo', 'replicas', 'tolerations'])('%s is no alias', (name) => expect(k8sKeyAlias(name)).toBeUndefined());
});
