/**
 * The conformance suite's side of the agent's tests: a deployment manifest written as a user writes
 * it (createOptions as a JSON string), read through the model and translated, and the Kubernetes objects
 * rendered from it. Each test is named `<C# class>.<C# method>` of the agent's test project (beta15).
 */
import { it } from 'vitest';
import { toKubernetesObjects, type KubernetesObject } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/objects.js';
import { translateManifest } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/translate.js';
import type { ModuleTranslation, Translation, TranslationIssue } from '../../packages/eslint-plugin-ase-gpu/src/kubernetes/types.js';
import { buildManifestModel } from '../../packages/eslint-plugin-ase-gpu/src/manifest/build-model.js';
import { parseJSONText } from '../../packages/eslint-plugin-ase-gpu/src/manifest/parse-json.js';
import { resolveDeviceProfile, type DeviceProfileSettings } from '../../packages/eslint-plugin-ase-gpu/src/settings/device-profile.js';

export interface AgentModule {
  readonly image?: string;
  /** Written into `settings.createOptions` as a JSON string (an object is stringified, a string kept). */
  readonly createOptions?: unknown;
  readonly status?: string;
  readonly env?: Record<string, unknown>;
}

export interface AgentManifest {
  readonly modules: Record<string, AgentModule>;
  readonly registryCredentials?: Record<string, { username: string; password: string; address: string }>;
  readonly edgeHubCreateOptions?: unknown;
  readonly settings?: DeviceProfileSettings;
}

function settingsOf(module: AgentModule): Record<string, unknown> {
  const settings: Record<string, unknown> = { image: module.image ?? 'test-image:1' };
  if (module.createOptions !== undefined) {
    settings.createOptions = typeof module.createOptions === 'string' ? module.createOptions : JSON.stringify(module.createOptions);
  }
  return settings;
}

/** The manifest text a user would deploy, with the given modules beside edgeAgent and edgeHub. */
export function manifestText(spec: AgentManifest): string {
  const modules = Object.fromEntries(
    Object.entries(spec.modules).map(([name, module]) => [
      name,
      {
        version: '1.0',
        type: 'docker',
        status: module.status ?? 'running',
        restartPolicy: 'always',
        settings: settingsOf(module),
        ...(module.env ? { env: module.env } : {}),
      },
    ]),
  );
  const manifest = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1',
          runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', ...(spec.registryCredentials ? { registryCredentials: spec.registryCredentials } : {}) } },
          systemModules: {
            edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.0' } },
            edgeHub: {
              type: 'docker',
              status: 'running',
              restartPolicy: 'always',
              settings: settingsOf({ image: 'mcr.microsoft.com/azureiotedge-hub:1.0', createOptions: spec.edgeHubCreateOptions ?? { HostConfig: { PortBindings: { '8883/tcp': [{ HostPort: '8883' }] } } } }),
            },
          },
          modules,
        },
      },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface Translated {
  readonly text: string;
  readonly translation: Translation;
  module(name: string): ModuleTranslation;
  /** The module's rendered objects (ServiceAccount, Service, Deployment, claims). */
  objects(name: string): KubernetesObject[];
  object(name: string, kind: KubernetesObject['kind']): KubernetesObject | undefined;
  /** The Deployment's pod template spec. */
  pod(name: string): Record<string, unknown>;
  /** The module container of the pod. */
  container(name: string): Record<string, unknown>;
}

/** Translates a manifest text as the linter does: parse, model, translation. */
export function translateText(text: string, settings: DeviceProfileSettings = {}): Translated {
  const model = buildManifestModel(parseJSONText(text, 'JSON'), text, { filename: 'deployment.json' });
  if (!model) throw new Error('not a manifest');
  const translation = translateManifest(model, resolveDeviceProfile({ 'ase-gpu': settings }));
  const module = (name: string): ModuleTranslation => {
    const found = translation.module(name);
    if (!found) throw new Error(`no module ${name}`);
    return found;
  };
  const objects = (name: string): KubernetesObject[] => toKubernetesObjects(module(name));
  const object = (name: string, kind: KubernetesObject['kind']): KubernetesObject | undefined => objects(name).find((candidate) => candidate.kind === kind);
  const pod = (name: string): Record<string, unknown> => ((object(name, 'Deployment')!.body.spec as Record<string, unknown>).template as { spec: Record<string, unknown> }).spec;
  return {
    text,
    translation,
    module,
    objects,
    object,
    pod,
    container: (name) => (pod(name).containers as Record<string, unknown>[])[1]!,
  };
}

export function translateAgent(spec: AgentManifest): Translated {
  return translateText(manifestText(spec), spec.settings);
}

export function codesOf(issues: readonly TranslationIssue[]): string[] {
  return issues.map((issue) => issue.code);
}

/** A conformance test carrying the C# class and method name. */
export function agentTest(className: string, method: string, body: () => void): void {
  it(`${className}.${method}`, body);
}

/** The methods each conformance file implements, for the completeness check. */
export const IMPLEMENTED: { class: string; method: string }[] = [];

/** Declares the tests of one C# class; returns a function that declares one method's counterpart. */
export function agentClass(className: string): (method: string, body: () => void) => void {
  return (method, body) => {
    IMPLEMENTED.push({ class: className, method });
    agentTest(className, method, body);
  };
}
