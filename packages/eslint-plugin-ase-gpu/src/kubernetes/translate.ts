import { hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isArray, isObject, isStringLiteral, keyName, staticValue, type JSONExpression } from '../manifest/json-ast.js';
import { newtonsoftBoolean, newtonsoftStringOf } from './coerce.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import type { ManifestModel, ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import { translateLabels } from './annotations.js';
import { translateEnv } from './env.js';
import { dropIgnoredFields, dropUnknownK8sKeys, failCaseCollisions, podSecurityContext } from './ignored-fields.js';
import { IssueSink } from './issues.js';
import { MAX_K8S_NAME, sanitizeK8sValue } from './names.js';
import { moduleOrigin, modulePath, outerOrigin } from './origin.js';
import { translatePorts } from './ports.js';
import { imagePullSecrets, secretFailureMessage } from './pull-secrets.js';
import { checkStrategy, translateResources } from './resources.js';
import { originIn, type ModuleScope } from './scope.js';
import { buildService } from './service.js';
import type { ImagePullSecret, ModuleTranslation, Origin, Traced, Translation } from './types.js';
import { isDns1035Label, isDns1123Label } from './validation.js';
import { translateVolumes } from './volumes.js';

export const MODULE_LABEL = 'net.azure-devices.edge.module';
export const DEVICE_LABEL = 'net.azure-devices.edge.deviceid';
export const ORIGINAL_MODULE_ID = 'net.azure-devices.edge.original-moduleid';
/** Names the pod or the runtime already uses in the namespace. */
const RESERVED_NAMES = new Set(['proxy', 'iotedged']);

/** The IoT Hub module identity: `$edgeHub` / `$edgeAgent` for the system modules. */
export function moduleId(module: ModuleModel): string {
  return module.system ? `$${module.system}` : module.name;
}

/**
 * The `original-moduleid` annotation of the ServiceAccount and the pod: the module id without the `$`
 * of the system modules (ModuleIdentityHelper.GetModuleName), so `edgeHub`, `edgeAgent`.
 */
export function originalModuleName(module: ModuleModel): string {
  return module.system ?? module.name;
}

/** DockerConfig's image pattern: a repository path, a name without `:`, and an optional `:tag`. */
const AGENT_IMAGE = /^(?:[^/]*\/)*[^/:]+(?::[^/:]+)?$/u;

/**
 * The image the agent puts in the container (DockerConfig.ValidateAndGetImage): trimmed, with `:latest`
 * added when there is no tag; undefined when the agent rejects it.
 */
export function agentImage(image: string): string | undefined {
  const trimmed = image.trim();
  if (!AGENT_IMAGE.test(trimmed)) return undefined;
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`;
}

/** Images Kubernetes pulls on every start: tagged `latest`, or untagged (and not pinned by digest). */
export function isAlwaysPulled(image: string): boolean {
  if (isPlaceholder(image) || image.includes('@')) return false;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 || lastSegment.slice(colon + 1) === 'latest';
}

function agentImageOf(module: ModuleModel, sink: IssueSink): Traced<string> | undefined {
  const written = module.image!;
  const origin = outerOrigin(module, written, ['settings', 'image']);
  if (isPlaceholder(written.value) || module.system === 'edgeAgent') return { value: written.value, origin };
  const image = agentImage(written.value);
  if (image === undefined) {
    sink.fail('image-invalid', origin, `The image "${written.value}" is not <repository>/<name>[:<tag>] as the agent reads it; the agent rejects the module.`, { image: written.value });
    return { value: written.value, origin };
  }
  return { value: image, origin };
}

function stringArray(scope: ModuleScope, field: 'Cmd' | 'Entrypoint'): Traced<readonly string[]> | undefined {
  const node = findProperty(scope.root, field, { ignoreCase: true })?.value;
  if (!node || (node.type === 'JSONLiteral' && node.value === null)) return undefined;
  const scalars = isArray(node) && node.elements.every((element) => element?.type === 'JSONLiteral' && element.value !== null);
  if (!scalars) {
    scope.sink.fail('command-not-array', originIn(scope, node), `${field} must be a JSON array of strings on the GPU device; the agent cannot read this value and throws.`, { field });
    return undefined;
  }
  return { value: node.elements.map((element) => String(staticValue(element))), origin: originIn(scope, node) };
}

/**
 * The agent's `bool?` for a mode (IsHostIpc, IsHostNetwork, IsHostPid): true for `host` in any case,
 * false for any other string, unset when the mode is absent or null.
 */
function hostMode(scope: ModuleScope, field: 'NetworkMode' | 'IpcMode' | 'PidMode'): Traced<boolean> | undefined {
  const node = hostConfigValue(scope.createOptions, field);
  const text = newtonsoftStringOf(node);
  if (!node || !text?.ok || text.value === null) return undefined;
  return { value: text.value.toLowerCase() === 'host', origin: originIn(scope, node) };
}

function hostFlag(mode: Traced<boolean> | undefined): Traced<true> | undefined {
  return mode?.value ? { value: true, origin: mode.origin } : undefined;
}

/** `WorkingDir` read as a string (numbers and booleans converted); an array or object makes the agent throw. */
function workingDirectory(scope: ModuleScope): Traced<string> | undefined {
  const node = findProperty(scope.root, 'WorkingDir', { ignoreCase: true })?.value;
  const text = newtonsoftStringOf(node);
  if (!node || !text) return undefined;
  if (!text.ok) {
    scope.sink.fail('value-type-invalid', originIn(scope, node), 'WorkingDir must be a string on the GPU device; the agent cannot read this value and throws.', { field: 'WorkingDir' });
    return undefined;
  }
  return text.value === null ? undefined : { value: text.value, origin: originIn(scope, node) };
}

/** `HostConfig.Privileged` read as a bool (`"true"` and 1 count); a value it cannot read makes the agent throw. */
function privilegedFlag(scope: ModuleScope): Traced<boolean> | undefined {
  const node = hostConfigValue(scope.createOptions, 'Privileged');
  const flag = newtonsoftBoolean(node);
  if (!node || !flag) return undefined;
  if (!flag.ok) {
    scope.sink.fail('value-type-invalid', originIn(scope, node), 'HostConfig.Privileged must be true or false; the agent cannot read this value and throws.', { field: 'HostConfig.Privileged' });
    return undefined;
  }
  return { value: flag.value, origin: originIn(scope, node) };
}

/** `nodeSelector` as the agent reads it into a string dictionary: `2` → `"2"`, `true` → `"True"`. */
function nodeSelectorOf(scope: ModuleScope): Traced<Readonly<Record<string, unknown>>> | undefined {
  const member = k8sMember(scope.createOptions, 'nodeSelector');
  if (!member || !isObject(member.value)) return undefined;
  const value: Record<string, unknown> = {};
  for (const property of member.value.properties) {
    const text = newtonsoftStringOf(property.value);
    if (text && !text.ok) {
      scope.sink.fail('value-type-invalid', originIn(scope, property.value), `nodeSelector "${keyName(property)}" must be a string; the agent cannot read this value and throws.`, { field: `nodeSelector.${keyName(property)}` });
      continue;
    }
    value[keyName(property)] = text?.value ?? null;
  }
  return { value, origin: originIn(scope, member.key) };
}

function plainMember(scope: ModuleScope, key: 'securityContext' | 'strategy'): { node: JSONExpression; value: Record<string, unknown>; origin: Origin } | undefined {
  const member = k8sMember(scope.createOptions, key);
  if (!member || !isObject(member.value)) return undefined;
  return { node: member.value, value: { ...(staticValue(member.value) as Record<string, unknown>) }, origin: originIn(scope, member.key) };
}

function moduleSettingsDropped(module: ModuleModel, sink: IssueSink): void {
  const restart = module.restartPolicy?.value;
  if (isStringLiteral(restart) && restart.value !== 'always') {
    sink.drop('ignored-module-setting', outerOrigin(module, restart, ['restartPolicy']), `restartPolicy "${restart.value}" is ignored: Kubernetes always restarts the pod.`, { field: 'restartPolicy', value: restart.value });
  }
  const pull = module.imagePullPolicy?.value;
  if (isStringLiteral(pull) && pull.value === 'never') {
    sink.drop('ignored-module-setting', outerOrigin(module, pull, ['imagePullPolicy']), 'imagePullPolicy "never" is ignored: Kubernetes applies its own pull policy.', { field: 'imagePullPolicy', value: pull.value });
  }
  if (module.startupOrder) {
    sink.drop('ignored-module-setting', outerOrigin(module, module.startupOrder.key, ['startupOrder']), 'startupOrder is ignored: IoT Edge on Kubernetes starts modules in no particular order.', { field: 'startupOrder' });
  }
}

function nameChecks(scope: ModuleScope, hasService: boolean): void {
  const { module, name, sink } = scope;
  const origin = moduleOrigin(module);
  if (name.length > MAX_K8S_NAME) {
    sink.fail('name-too-long', origin, `The Kubernetes name of module "${module.name}" is longer than 253 characters; the agent throws.`, { name });
    return;
  }
  if (!isDns1123Label(name)) {
    sink.fail('name-invalid-label', origin, `The Kubernetes name "${name}" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63); Kubernetes rejects the module container.`, { name });
  } else if (hasService && !isDns1035Label(name)) {
    sink.fail('name-invalid-service', origin, `The Service name "${name}" must start with a letter; Kubernetes rejects the Service of a module with ports.`, { name });
  }
  if (!module.system && RESERVED_NAMES.has(name)) {
    sink.fail('name-reserved', origin, `The Kubernetes name "${name}" is already used by the runtime (the proxy sidecar or iotedged); Kubernetes rejects the objects.`, { name });
  }
  if (!module.system && name !== module.name.toLowerCase()) {
    sink.note('name-characters-removed', origin, `Module "${module.name}" becomes "${name}" on Kubernetes: peers must use "${name}" as the host name.`, { name });
  } else if (!module.system && name !== module.name) {
    sink.note('name-lowercased', origin, `Module "${module.name}" becomes "${name}" on Kubernetes (host names are not case-sensitive).`, { name });
  }
}

function translateModule(module: ModuleModel, profile: DeviceProfile, moduleSecrets: readonly ImagePullSecret[]): ModuleTranslation {
  const sink = new IssueSink(module);
  const name = sanitizeK8sValue(module.name);
  const path = modulePath(module);
  const origin = moduleOrigin(module);
  const createOptions = module.createOptions;
  const isAgent = module.system === 'edgeAgent';

  if (createOptions?.parseError) {
    const at = createOptions.parseError.fileOffset;
    sink.fail('create-options-invalid', { range: [at, at], path: `${path}.settings.createOptions` }, `createOptions is not valid JSON (${createOptions.parseError.message}); the agent cannot read the module.`, { error: createOptions.parseError.message });
  }
  if (isAgent) {
    const root = createOptions?.rootObject;
    if (createOptions && !createOptions.isEmpty && !(root && root.properties.length === 0)) {
      sink.drop('edge-agent-settings', { range: createOptions.firstProperty.key.range, path: `${path}.settings.createOptions` }, 'edgeAgent createOptions are not applied: the device runs and manages its own agent.', { field: 'createOptions' });
    }
    if (module.envSection && module.envSection.properties.length > 0) {
      sink.drop('edge-agent-settings', outerOrigin(module, module.envSection, ['env']), 'edgeAgent env is not applied: the device runs and manages its own agent.', { field: 'env' });
    }
  }
  const applied = !isAgent && createOptions && !createOptions.parseError && !createOptions.isEmpty ? createOptions : undefined;
  const scope: ModuleScope = { module, name, createOptions: applied, root: applied?.rootObject, profile, sink };

  const typeValue = module.type?.value;
  if (isStringLiteral(typeValue) && typeValue.value.toLowerCase() !== 'docker') {
    sink.fail('module-type-not-docker', outerOrigin(module, typeValue, ['type']), `Module type "${typeValue.value}" is not docker; the agent rejects the whole deployment.`, { type: typeValue.value });
  }
  moduleSettingsDropped(module, sink);
  if (scope.root) {
    dropIgnoredFields(scope);
    dropUnknownK8sKeys(scope);
    failCaseCollisions(scope);
  }

  const image = module.image ? agentImageOf(module, sink) : undefined;
  const writtenImage = module.image?.value;
  if (image && writtenImage !== undefined && !isAgent && isAlwaysPulled(writtenImage)) {
    sink.note('image-always-pulled', image.origin, `Image "${writtenImage}" is tagged latest or untagged: Kubernetes pulls it on every start, so the module cannot restart while the registry is unreachable.`, { image: writtenImage });
  }

  const command = stringArray(scope, 'Entrypoint');
  const args = stringArray(scope, 'Cmd');
  const workingDir = workingDirectory(scope);
  const env = translateEnv(scope, !isAgent);
  const ports = translatePorts(scope);
  const privilegedSetting = privilegedFlag(scope);
  const privileged = privilegedSetting?.value ? { value: true as const, origin: privilegedSetting.origin } : undefined;
  const modes = { hostNetwork: hostMode(scope, 'NetworkMode'), hostIPC: hostMode(scope, 'IpcMode'), hostPID: hostMode(scope, 'PidMode') };
  const hostNetwork = hostFlag(modes.hostNetwork);
  const volumes = translateVolumes(scope);
  const resources = translateResources(scope);
  const nodeSelector = nodeSelectorOf(scope);
  const security = plainMember(scope, 'securityContext');
  const strategy = plainMember(scope, 'strategy');
  if (strategy && isObject(strategy.node)) checkStrategy(scope, strategy.node);
  const annotations = translateLabels(scope);

  const labels = { [MODULE_LABEL]: name, [DEVICE_LABEL]: '<device id>' };
  const service = buildService(scope, ports.candidates, ports.portBindings, annotations, labels);
  nameChecks(scope, service !== undefined);

  const stopped = isStringLiteral(module.status?.value) && module.status.value.value === 'stopped';
  const replicas: Traced<0 | 1> = module.status ? { value: stopped ? 0 : 1, origin: outerOrigin(module, module.status.value, ['status']) } : { value: 1, origin };
  if (stopped) sink.note('stopped', replicas.origin, `Module "${module.name}" is stopped: its Deployment has 0 replicas, so Kubernetes deletes its pod.`);
  if (service?.type === 'LoadBalancer') {
    const where = service.typeOrigin ?? service.ports.find((port) => port.source === 'port-binding')?.origin ?? service.portBindings ?? service.ports[0]!.origin;
    sink.note('external-ip', where, `Module "${module.name}" gets its own LoadBalancer Service with its own external IP from the device's Kubernetes external service IP range, not the device's IP.`, { ports: service.ports.map((port) => port.port).join(', ') });
  }
  if (service) {
    sink.note('cluster-address', origin, `Other modules reach "${module.name}" at ${service.ports.map((port) => `${name}:${port.port}`).join(', ')}.`, { host: name, ports: service.ports.map((port) => port.port).join(', ') });
  }

  const container = {
    name,
    image,
    command,
    args,
    workingDir,
    env,
    ports: ports.containerPorts,
    privileged,
    volumeMounts: volumes.volumeMounts,
    resources,
  };
  return {
    module,
    name,
    origin,
    path,
    serviceAccount: { name, annotations: { [ORIGINAL_MODULE_ID]: originalModuleName(module) } },
    deployment: {
      name,
      replicas,
      labels,
      annotations,
      podAnnotations: { ...Object.fromEntries(annotations.map((annotation) => [annotation.key, annotation.value])), [ORIGINAL_MODULE_ID]: originalModuleName(module) },
      strategy: strategy ? { value: strategy.value, origin: strategy.origin } : undefined,
      pod: {
        serviceAccountName: name,
        hostNetwork,
        dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
        hostIPC: hostFlag(modes.hostIPC),
        hostPID: hostFlag(modes.hostPID),
        modes,
        nodeSelector,
        securityContext: security ? { value: podSecurityContext(scope, security.value), origin: security.origin } : undefined,
        volumes: volumes.volumes,
        imagePullSecrets: moduleSecrets.map((secret) => secret.name),
        containers: [{ name: 'proxy', ports: [35000, 35001] }, container],
      },
    },
    container,
    env,
    volumes: volumes.volumes,
    volumeMounts: volumes.volumeMounts,
    service,
    persistentVolumeClaims: volumes.claims,
    imagePullSecrets: moduleSecrets,
    failures: sink.failures,
    dropped: sink.dropped,
    notes: sink.notes,
  };
}

/** The agent's planner check: two modules with one Kubernetes name abort the whole deployment. */
function collisionFailures(translations: readonly ModuleTranslation[]): void {
  const byName = new Map<string, ModuleTranslation[]>();
  for (const translation of translations) {
    const group = byName.get(translation.name);
    if (group) group.push(translation);
    else byName.set(translation.name, [translation]);
  }
  for (const [name, group] of byName) {
    if (group.length < 2) continue;
    const ids = group.map((translation) => translation.module.name);
    for (const translation of group) {
      const others = group.filter((other) => other !== translation).map((other) => other.module.name);
      (translation.failures as ModuleTranslation['failures'][number][]).push({
        code: 'name-collision',
        module: translation.module,
        origin: translation.origin,
        message: `Modules ${ids.map((id) => `"${id}"`).join(', ')} all become "${name}" on Kubernetes; the agent rejects the whole deployment with a name collision.`,
        data: { name, modules: ids.join(', '), others: others.join(', ') },
      });
    }
  }
}

function secretFailures(secrets: readonly ImagePullSecret[], byModel: ReadonlyMap<ModuleModel, ModuleTranslation>): void {
  for (const secret of secrets) {
    if (secret.valid) continue;
    const owner = secret.modules[0] && byModel.get(secret.modules[0]);
    if (!owner) continue;
    (owner.failures as ModuleTranslation['failures'][number][]).push({
      code: 'secret-name-invalid',
      module: owner.module,
      origin: secret.origin,
      message: secretFailureMessage(secret),
      data: { secret: secret.name, credential: secret.credential.name, modules: secret.modules.map((module) => module.name).join(', ') },
    });
  }
}

/** What the agent creates for a manifest on a device (computed afresh; use getTranslation to share it). */
export function translateManifest(model: ManifestModel, profile: DeviceProfile): Translation {
  const secrets = imagePullSecrets(model);
  const secretsOf = new Map<ModuleModel, ImagePullSecret[]>();
  for (const secret of secrets) {
    for (const module of secret.modules) {
      const list = secretsOf.get(module);
      if (list) list.push(secret);
      else secretsOf.set(module, [secret]);
    }
  }
  const modules = model.modules.map((module) => translateModule(module, profile, secretsOf.get(module) ?? []));
  collisionFailures(modules);
  const byModel = new Map(modules.map((translation) => [translation.module, translation]));
  secretFailures(secrets, byModel);
  // Module names repeat only in broken manifests; the first translation of a name answers, as find did.
  const byName = new Map<string, ModuleTranslation>();
  for (const translation of modules) if (!byName.has(translation.module.name)) byName.set(translation.module.name, translation);
  return {
    model,
    profile,
    modules,
    services: modules.flatMap((translation) => (translation.service ? [translation.service] : [])),
    persistentVolumeClaims: modules.flatMap((translation) => translation.persistentVolumeClaims),
    imagePullSecrets: secrets,
    failures: modules.flatMap((translation) => translation.failures),
    dropped: modules.flatMap((translation) => translation.dropped),
    notes: modules.flatMap((translation) => translation.notes),
    wholeDeployment: !model.layered || profile.baseDeployment !== undefined,
    module(name) {
      if (typeof name !== 'string') return byModel.get(name);
      return byName.get(name);
    },
  };
}

const cache = new WeakMap<ManifestModel, WeakMap<DeviceProfile, Translation>>();

/** The translation of a model under a profile, computed once and shared by every rule. */
export function getTranslation(model: ManifestModel, profile: DeviceProfile): Translation {
  let byProfile = cache.get(model);
  if (!byProfile) {
    byProfile = new WeakMap();
    cache.set(model, byProfile);
  }
  let translation = byProfile.get(profile);
  if (!translation) {
    translation = translateManifest(model, profile);
    byProfile.set(profile, translation);
  }
  return translation;
}
