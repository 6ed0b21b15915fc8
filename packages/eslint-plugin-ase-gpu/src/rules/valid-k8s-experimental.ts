import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfigValue } from '../manifest/host-config.js';
import {
  describeType,
  findProperty,
  isArray,
  isObject,
  isStringLiteral,
  keyName,
  type JSONArray,
  type JSONExpression,
  type JSONNode,
  type JSONObject,
} from '../manifest/json-ast.js';
import { isExtendedResource, K8S_SECTION, k8sMember, k8sResourceEntries, type K8sKey } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { getTranslation } from '../kubernetes/translate.js';
import { isDns1123Label, isIPv4 } from '../kubernetes/validation.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds =
  | 'sectionNotObject'
  | 'memberType'
  | 'strategyType'
  | 'rollingUpdateWithRecreate'
  | 'serviceType'
  | 'loadBalancerIP'
  | 'nodeSelectorNotString'
  | 'nodeSelectorScalar'
  | 'nodeSelectorUnmatched'
  | 'unknownExtendedResource'
  | 'resourcesKey'
  | 'volumeEntry'
  | 'volumeWithoutName'
  | 'volumeName'
  | 'duplicateVolumeName'
  | 'volumeNameCollision'
  | 'mountField'
  | 'unboundMount'
  | 'relativeMountPath'
  | 'duplicateMountPath';

type Tools = ManifestTools<MessageIds>;

/** What each key of the section must be, in the words of the messages. */
const MEMBER_SHAPES: Readonly<Record<K8sKey, 'an object' | 'an array'>> = {
  volumes: 'an array',
  resources: 'an object',
  nodeSelector: 'an object',
  securityContext: 'an object',
  serviceOptions: 'an object',
  strategy: 'an object',
};

const STRATEGY_TYPES = new Set(['Recreate', 'RollingUpdate']);
const SERVICE_TYPES = new Set(['clusterip', 'nodeport', 'loadbalancer']);
/** V1ResourceRequirements members (`claims` exists in newer clients only, and is harmless). */
const RESOURCE_KEYS = new Set(['limits', 'requests', 'claims']);

const unjudgeable = (node: JSONNode): boolean => isStringLiteral(node) && isPlaceholder(node.value);
const quoted = (node: JSONExpression, createOptions: CreateOptions): string =>
  isStringLiteral(node) ? JSON.stringify(node.value) : createOptions.text.slice(node.range[0], node.range[1]);

/** The Service type the agent picks when serviceOptions.type is unusable (domain section 5). */
function defaultServiceType(createOptions: CreateOptions, tools: Tools): string {
  const bindings = hostConfigValue(createOptions, 'PortBindings');
  return isObject(bindings) && bindings.properties.length > 0 ? tools.profile.defaultServiceType : 'ClusterIP';
}

interface Context {
  readonly module: ModuleModel;
  readonly createOptions: CreateOptions;
  readonly tools: Tools;
}

function report(context: Context, node: JSONNode, messageId: MessageIds, data: Record<string, unknown> = {}): void {
  context.tools.report({
    module: context.module,
    range: context.createOptions.fileRange(node),
    messageId,
    data: { module: context.module.name, ...data },
  });
}

function checkStrategy(context: Context, strategy: JSONObject): void {
  const type = findProperty(strategy, 'type', { ignoreCase: true });
  if (type && !unjudgeable(type.value) && !(isStringLiteral(type.value) && STRATEGY_TYPES.has(type.value.value))) {
    report(context, type.value, 'strategyType', { value: quoted(type.value, context.createOptions) });
    return;
  }
  const rollingUpdate = findProperty(strategy, 'rollingUpdate', { ignoreCase: true });
  if (rollingUpdate && isStringLiteral(type?.value) && type.value.value === 'Recreate') report(context, rollingUpdate.key, 'rollingUpdateWithRecreate');
}

function checkServiceOptions(context: Context, options: JSONObject): void {
  const type = findProperty(options, 'type', { ignoreCase: true })?.value;
  // Enum.TryParse also accepts numbers; only names can be judged.
  if (isStringLiteral(type) && !isPlaceholder(type.value) && !/^\s*\d+\s*$/u.test(type.value) && !SERVICE_TYPES.has(type.value.trim().toLowerCase())) {
    report(context, type, 'serviceType', { value: JSON.stringify(type.value), defaultType: defaultServiceType(context.createOptions, context.tools) });
  }
  const ip = findProperty(options, 'loadBalancerIP', { ignoreCase: true })?.value;
  if (!ip || unjudgeable(ip) || (isStringLiteral(ip) && (ip.value === '' || isIPv4(ip.value)))) return;
  if (ip.type === 'JSONLiteral' && ip.value === null) return;
  report(context, ip, 'loadBalancerIP', { value: quoted(ip, context.createOptions) });
}

/** Newtonsoft's text for a scalar read into a string (`true` → `True`). */
function scalarText(node: JSONExpression, createOptions: CreateOptions): string {
  if (node.type === 'JSONLiteral' && typeof node.value === 'boolean') return node.value ? 'True' : 'False';
  if (node.type === 'JSONLiteral' && node.value === null) return '';
  return createOptions.text.slice(node.range[0], node.range[1]);
}

function checkNodeSelector(context: Context, selector: JSONObject): void {
  const labels = context.tools.profile.nodeLabels;
  for (const property of selector.properties) {
    const value = property.value;
    if (isStringLiteral(value)) {
      const key = keyName(property);
      if (labels && !isPlaceholder(key) && !isPlaceholder(value.value) && labels[key] !== value.value) {
        report(context, property.key, 'nodeSelectorUnmatched', { key, value: value.value, actual: key in labels ? `"${labels[key]}"` : 'not set' });
      }
      continue;
    }
    const data = { key: keyName(property), actual: describeType(value) };
    if (isObject(value) || isArray(value)) report(context, value, 'nodeSelectorNotString', data);
    else report(context, value, 'nodeSelectorScalar', { ...data, text: scalarText(value, context.createOptions) });
  }
}

/** Extended resources that other rules judge: GPUs (gpu-count) and the FPGA (no-fpga-resources). */
const JUDGED_ELSEWHERE = new Set(['nvidia.com/gpu', 'microsoft.com/fpga_catapult']);

function checkExtendedResources(context: Context): void {
  const offered = context.tools.profile.extendedResources;
  if (!offered) return;
  for (const kind of ['limits', 'requests'] as const) {
    for (const entry of k8sResourceEntries(context.createOptions, kind)) {
      const name = keyName(entry);
      if (!isExtendedResource(name) || JUDGED_ELSEWHERE.has(name) || offered.includes(name) || isPlaceholder(name)) continue;
      report(context, entry.key, 'unknownExtendedResource', { resource: name, kind });
    }
  }
}

function checkResources(context: Context, resources: JSONObject): void {
  for (const property of resources.properties) {
    const key = keyName(property);
    if (!RESOURCE_KEYS.has(key.toLowerCase())) {
      report(context, property.key, 'resourcesKey', { key });
      continue;
    }
    const value = property.value;
    if (!isObject(value) && !(value.type === 'JSONLiteral' && value.value === null)) {
      report(context, value, 'memberType', { key: `resources.${key}`, actual: describeType(value), expected: 'an object' });
    }
  }
}

interface DeclaredMount {
  readonly path: string;
  readonly where: string;
}

/** `HostConfig.Binds[0]` from a translation origin path (`modules.x.settings.createOptions › HostConfig.Binds[0]`). */
const innerPath = (path: string): string => path.slice(path.lastIndexOf(' › ') + 3);

function checkVolumes(context: Context, volumes: JSONArray): void {
  // The volumes and mounts the agent generates from Binds and Mounts, as the translation computes them.
  const translation = getTranslation(context.tools.model, context.tools.profile).module(context.module);
  const generatedNames = new Map<string, string>();
  const mounts: DeclaredMount[] = [];
  for (const volume of translation?.volumes ?? []) {
    if (volume.source !== 'k8s-experimental' && !generatedNames.has(volume.name)) generatedNames.set(volume.name, innerPath(volume.origin.path));
  }
  for (const mount of translation?.volumeMounts ?? []) {
    if (mount.source !== 'k8s-experimental' && !isPlaceholder(mount.mountPath)) mounts.push({ path: mount.mountPath, where: innerPath(mount.origin.path) });
  }

  // First pass: the pod volumes this section declares, so that mounts may name any of them.
  const declared = new Set<string>();
  const entries: { index: number; entry: JSONObject; mounts: JSONExpression | undefined }[] = [];
  volumes.elements.forEach((element, index) => {
    if (!element) return;
    if (!isObject(element)) {
      report(context, element, 'volumeEntry', { index, problem: `is ${describeType(element)}, not an object` });
      return;
    }
    const volume = findProperty(element, 'volume', { ignoreCase: true })?.value;
    const volumeMounts = findProperty(element, 'volumeMounts', { ignoreCase: true })?.value;
    if (!isObject(volume)) {
      report(context, volume ?? element, 'volumeEntry', { index, problem: volume ? `has a volume that is ${describeType(volume)}` : 'has no volume' });
      return;
    }
    entries.push({ index, entry: element, mounts: volumeMounts });
    const name = findProperty(volume, 'name')?.value;
    if (!name || !isStringLiteral(name)) {
      report(context, name ?? volume, 'volumeWithoutName', { index });
      return;
    }
    if (isPlaceholder(name.value)) return;
    if (!isDns1123Label(name.value)) report(context, name, 'volumeName', { name: name.value });
    else if (declared.has(name.value)) report(context, name, 'duplicateVolumeName', { name: name.value });
    else if (generatedNames.has(name.value)) report(context, name, 'volumeNameCollision', { name: name.value, other: generatedNames.get(name.value) });
    declared.add(name.value);
  });

  const bound = new Set([...declared, ...generatedNames.keys()]);
  for (const { index, mounts: volumeMounts } of entries) {
    if (!volumeMounts || (volumeMounts.type === 'JSONLiteral' && volumeMounts.value === null)) continue;
    if (!isArray(volumeMounts)) {
      report(context, volumeMounts, 'volumeEntry', { index, problem: `has volumeMounts that is ${describeType(volumeMounts)}, not an array` });
      continue;
    }
    volumeMounts.elements.forEach((mount, mountIndex) => {
      if (!mount) return;
      const where = `k8s-experimental.volumes[${index}].volumeMounts[${mountIndex}]`;
      if (!isObject(mount)) {
        report(context, mount, 'volumeEntry', { index, problem: `has a volume mount that is ${describeType(mount)}, not an object` });
        return;
      }
      const name = findProperty(mount, 'name')?.value;
      const mountPath = findProperty(mount, 'mountPath')?.value;
      for (const [field, value] of [['name', name], ['mountPath', mountPath]] as const) {
        if (!isStringLiteral(value)) report(context, value ?? mount, 'mountField', { where, field });
      }
      if (isStringLiteral(name) && !isPlaceholder(name.value) && !bound.has(name.value)) {
        report(context, name, 'unboundMount', { name: name.value, available: bound.size > 0 ? [...bound].map((n) => `"${n}"`).join(', ') : 'none' });
      }
      if (!isStringLiteral(mountPath) || isPlaceholder(mountPath.value)) return;
      if (!mountPath.value.startsWith('/')) {
        report(context, mountPath, 'relativeMountPath', { path: mountPath.value });
        return;
      }
      const earlier = mounts.find((other) => other.path === mountPath.value);
      if (earlier) report(context, mountPath, 'duplicateMountPath', { path: mountPath.value, other: earlier.where });
      mounts.push({ path: mountPath.value, where });
    });
  }
}

export default createRule<[], MessageIds>({
  name: 'valid-k8s-experimental',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the k8s-experimental section to have the shapes Kubernetes accepts',
      recommended: 'error',
      strict: 'error',
      owns: ['K8S-SHAPE', 'K8S-VOLUMES'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      sectionNotObject:
        'Module "{{module}}": k8s-experimental is {{actual}}, not an object, so the GPU device ignores every setting in it.',
      memberType:
        'Module "{{module}}": k8s-experimental.{{key}} is {{actual}}, not {{expected}}, so the deployment fails on the GPU device.',
      strategyType:
        'Module "{{module}}": strategy.type {{value}} is not "Recreate" or "RollingUpdate", so the deployment fails on the GPU device.',
      rollingUpdateWithRecreate:
        'Module "{{module}}": k8s-experimental.strategy has rollingUpdate with type "Recreate", so the deployment fails on the GPU device.',
      serviceType:
        'Module "{{module}}": serviceOptions.type {{value}} is unknown, so the GPU device ignores it and creates a {{defaultType}} Service.',
      loadBalancerIP:
        'Module "{{module}}": serviceOptions.loadBalancerIP {{value}} is not an IPv4 address, so the deployment fails on the GPU device.',
      nodeSelectorNotString:
        'Module "{{module}}": nodeSelector value "{{key}}" is {{actual}}, not a string, so the deployment fails on the GPU device.',
      nodeSelectorUnmatched:
        'Module "{{module}}": nodeSelector {{key}}="{{value}}" matches no node label ({{key}} {{actual}}), so the pod stays Pending on the GPU device.',
      unknownExtendedResource:
        'Module "{{module}}" asks for "{{resource}}" in k8s-experimental.resources.{{kind}}, which the GPU device\'s node lacks, so the pod stays Pending.',
      nodeSelectorScalar:
        'Module "{{module}}": nodeSelector value "{{key}}" is {{actual}}, which the GPU device matches as the text "{{text}}". Write a string.',
      resourcesKey:
        'Module "{{module}}": the GPU device ignores k8s-experimental.resources.{{key}}, as Kubernetes reads only "limits" and "requests".',
      volumeEntry:
        'Module "{{module}}": k8s-experimental.volumes[{{index}}] {{problem}}, so the deployment fails on the GPU device.',
      volumeWithoutName:
        'Module "{{module}}": k8s-experimental.volumes[{{index}}].volume has no "name" string, so the deployment fails on the GPU device.',
      volumeName:
        'Module "{{module}}": k8s-experimental volume name "{{name}}" is not a valid Kubernetes name, so the deployment fails on the GPU device.',
      duplicateVolumeName:
        'Module "{{module}}": k8s-experimental volume "{{name}}" is declared twice, so the deployment fails on the GPU device.',
      volumeNameCollision:
        'Module "{{module}}": k8s-experimental volume "{{name}}" repeats the one the agent makes from {{other}}, so the GPU deployment fails.',
      mountField:
        'Module "{{module}}": {{where}} has no {{field}} string, so the deployment fails on the GPU device.',
      unboundMount:
        'Module "{{module}}": volume mount "{{name}}" names no volume of the pod ({{available}}), so the deployment fails on the GPU device.',
      relativeMountPath:
        'Module "{{module}}": mountPath "{{path}}" is not absolute, so the deployment fails on the GPU device.',
      duplicateMountPath:
        'Module "{{module}}": mountPath "{{path}}" is already used by {{other}}, so the deployment fails on the GPU device.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        if (!readable) return;
        const { createOptions, root } = readable;
        const section = findProperty(root, K8S_SECTION);
        if (!section) return;
        const ctx: Context = { module, createOptions, tools };
        if (!isObject(section.value)) {
          if (unjudgeable(section.value) || (section.value.type === 'JSONLiteral' && section.value.value === null)) return;
          report(ctx, section.value, 'sectionNotObject', { actual: describeType(section.value) });
          return;
        }
        for (const key of Object.keys(MEMBER_SHAPES) as K8sKey[]) {
          const member = k8sMember(createOptions, key);
          if (!member) continue;
          const value = member.value;
          if (value.type === 'JSONLiteral' && value.value === null) continue;
          const expected = MEMBER_SHAPES[key];
          const matches = expected === 'an array' ? isArray(value) : isObject(value);
          if (!matches) {
            if (!unjudgeable(value)) report(ctx, value, 'memberType', { key: keyName(member), actual: describeType(value), expected });
            continue;
          }
          if (key === 'strategy' && isObject(value)) checkStrategy(ctx, value);
          else if (key === 'serviceOptions' && isObject(value)) checkServiceOptions(ctx, value);
          else if (key === 'nodeSelector' && isObject(value)) checkNodeSelector(ctx, value);
          else if (key === 'resources' && isObject(value)) {
            checkResources(ctx, value);
            checkExtendedResources(ctx);
          }
          else if (key === 'volumes' && isArray(value)) checkVolumes(ctx, value);
        }
      },
    });
  },
});
