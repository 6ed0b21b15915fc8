/**
 * Counterparts of edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/ImagePullSecretNameTest.cs:
 * registry credentials of a manifest, an image on each registry, and the Secret names the translation gives.
 */
import { describe, expect } from 'vitest';
import { imagePullSecretName } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/names.js';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('ImagePullSecretNameTest');

describe('ImagePullSecretNameTest', () => {
  test('CreatesImagePullSecretName', () => {
    // "server" has no dot: no image names it as its registry, so the name is checked as the agent computes it.
    expect(imagePullSecretName('name', 'server')).toEqual({ ok: true, name: 'name-server' });
  });

  test('CreatesValidImagePullNames', () => {
    const cases: [string, string, string, boolean][] = [
      ['dockeruser-index.docker.io', 'https://index.docker.io/v1/', 'dockeruser/app:1', true],
      ['dockeruser-a-registry.com-8000', 'http://a-registry.com:8000', 'a-registry.com:8000/app:1', false],
      ['dockeruser-a-registry.com-8000', 'https://a-registry.com:8000', 'a-registry.com:8000/app:1', false],
      ['dockeruser-a-registry.com-8000', 'http://a-registry.com:8000/v2/', 'a-registry.com:8000/app:1', false],
      ['dockeruser-a-registry.com-8000', 'HTTP://a-registry.com:8000/v2', 'a-registry.com:8000/app:1', false],
      ['dockeruser-docker.io', 'docker.io', 'docker.io/app:1', true],
      ['dockeruser-my-acr.io-8080', 'my-acr.io:8080', 'my-acr.io:8080/app:1', true],
      ['dockeruser-any-acr-server.azurecr.io', 'any-acr-server.azurecr.io', 'any-acr-server.azurecr.io/app:1', true],
      ['dockeruser-any-acr-server.azurecr.io-3030', 'any-acr-server.azurecr.io:3030', 'any-acr-server.azurecr.io:3030/app:1', true],
    ];
    for (const [expected, address] of cases) expect(imagePullSecretName('dockeruser', address)).toEqual({ ok: true, name: expected });
    // Through a manifest: an address the agent matches with the image yields that Secret on the pod.
    // Addresses with a scheme or a path never match an image's registry (DockerUtil.HostnameMatches),
    // except Docker Hub's own address, which images without a registry part are given.
    for (const [expected, address, image, matches] of cases) {
      const t = translateAgent({ modules: { m: { image } }, registryCredentials: { reg: { username: 'dockeruser', password: 'p', address } } });
      expect(t.module('m').deployment.pod.imagePullSecrets).toEqual(matches ? [expected] : []);
    }
  });

  test('ThrowsOnInvalidImagePullNames', () => {
    expect(imagePullSecretName('--', '--').ok).toBe(false);
    expect(imagePullSecretName('1111', '2222').ok).toBe(false);
    // Through a manifest: the Secret name fails the deployment.
    const t = translateAgent({ modules: { m: { image: '2222.io:5000/app:1' } }, registryCredentials: { reg: { username: '1111', password: 'p', address: '2222.io:5000' } } });
    expect(codesOf(t.module('m').failures)).toEqual(['secret-name-invalid']);
  });
});
