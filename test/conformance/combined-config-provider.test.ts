/**
 * Counterparts of
 * edge-agent/test/Microsoft.Azure.Devices.Edge.Agent.Kubernetes.Test/CombinedKubernetesConfigProviderTest.cs:
 * createOptions strings of a manifest and what the translation reads from them (Cmd, Entrypoint,
 * WorkingDir in any case, the k8s-experimental section, the registry credential of the image).
 */
import { describe, expect } from 'vitest';
import { agentClass, codesOf, translateAgent } from './agent.js';

const test = agentClass('CombinedKubernetesConfigProviderTest');

function moduleWith(createOptions: string) {
  const t = translateAgent({ modules: { mod1: { image: 'nginx:latest', createOptions } } });
  return { t, mod1: t.module('mod1') };
}

describe('CombinedKubernetesConfigProviderTest', () => {
  test('ParsesKubernetesCreateOptionsWhenExperimentalEnabled', () => {
    const createOptions = JSON.stringify({
      'k8s-experimental': {
        volumes: [
          {
            volume: { name: 'ModuleA', configMap: { optional: 'true', defaultMode: 420, items: [{ key: 'config-file', path: 'config.yaml', mode: 420 }], name: 'module-config' } },
            volumeMounts: [{ name: 'module-config', mountPath: '/etc/module/config.yaml', mountPropagation: 'None', readOnly: 'true', subPath: '' }],
          },
        ],
        resources: {
          limits: { memory: '128Mi', cpu: '500m', 'hardware-vendor.example/foo': 2 },
          requests: { memory: '64Mi', cpu: '250m', 'hardware-vendor.example/foo': 2 },
        },
        nodeSelector: { disktype: 'ssd', gpu: 'true' },
      },
    });
    const { mod1 } = moduleWith(createOptions);
    expect(mod1.volumes.filter((volume) => volume.source === 'k8s-experimental')).toHaveLength(1);
    expect(Object.keys(mod1.deployment.pod.nodeSelector!.value)).toHaveLength(2);
    expect(mod1.container.resources!.limits).toHaveLength(3);
    expect(mod1.container.resources!.requests).toHaveLength(3);
  });

  test('MakesKubernetesAwareAuthConfig', () => {
    const t = translateAgent({
      modules: { mod1: { image: 'docker.io/nginx:latest' } },
      registryCredentials: { hub: { username: 'user', password: 'password', address: 'docker.io' } },
    });
    expect(t.module('mod1').deployment.pod.imagePullSecrets).toEqual(['user-docker.io']);
  });

  test('NoExecArgumentMeansNoExecArguments', () => {
    const { mod1, t } = moduleWith('');
    expect([mod1.container.args, mod1.container.command, mod1.container.workingDir]).toEqual([undefined, undefined, undefined]);
    const container = t.container('mod1');
    expect(['args', 'command', 'workingDir'].filter((key) => key in container)).toEqual([]);
  });

  test('CmdEntryOptionsWillExist', () => {
    expect(moduleWith('{\n"Cmd" : [\n  "argument1",\n  "argument2"\n]\n}').mod1.container.args?.value).toEqual(['argument1', 'argument2']);
    expect(moduleWith('{\n"cmd" : [\n  "argument3",\n  "argument4"\n]\n}').mod1.container.args?.value).toEqual(['argument3', 'argument4']);
  });

  test('EntrypointOptionsWillExist', () => {
    expect(moduleWith('{\n"Entrypoint" : [\n  "a-command"\n]\n}').mod1.container.command?.value).toEqual(['a-command']);
    expect(moduleWith('{\n"entrypoint" : [\n  "a-command2"\n]\n}').mod1.container.command?.value).toEqual(['a-command2']);
  });

  test('WorkingDirOptionsWillExist', () => {
    expect(moduleWith('{\n"WorkingDir" : "a-directory"\n}').mod1.container.workingDir?.value).toBe('a-directory');
    expect(moduleWith('{\n"workingdir" : "a-directory2"\n}').mod1.container.workingDir?.value).toBe('a-directory2');
  });

  test('InvalidCmdEntryOptionsThrows', () => {
    const { mod1 } = moduleWith('{\n"Cmd" : {\n  "argument1":  "argument2"\n  }\n}');
    expect(mod1.failures.map((issue) => [issue.code, issue.data.field])).toEqual([['command-not-array', 'Cmd']]);
  });

  test('InvalidEntrypointOptionsThrows', () => {
    const { mod1 } = moduleWith('{\n"Entrypoint" : "a-command"\n}');
    expect(mod1.failures.map((issue) => [issue.code, issue.data.field])).toEqual([['command-not-array', 'Entrypoint']]);
  });

  test('InvalidWorkingDirOptionsThrows', () => {
    const { mod1 } = moduleWith('{\n"WorkingDir" : [ "/tmp/working" ]\n}');
    expect(codesOf(mod1.failures)).toEqual(['value-type-invalid']);
    expect(mod1.container.workingDir).toBeUndefined();
  });
});
