import { HOST_ONLY_MODES, IGNORED_DOCKER_FIELDS, type IgnoredDockerField } from '../docker/ignored-docker-fields.js';
import { insertProperty, removeProperty, replaceValue, type JSONDocument } from '../fix/json-edits.js';
import { setMembers } from '../fix/set-members.js';
import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { hostConfig } from '../manifest/host-config.js';
import {
  findProperty,
  isArray,
  isNumberLiteral,
  isObject,
  isStringLiteral,
  keyName,
  staticValue,
  type JSONExpression,
  type JSONObject,
  type JSONProperty,
} from '../manifest/json-ast.js';
import { K8S_SECTION } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { sanitizeAnnotationKey } from '../kubernetes/annotation-key.js';
import { getTranslation } from '../kubernetes/index.js';
import { ignoredNetworkFindings, IGNORED_NETWORK_MESSAGES, type IgnoredNetworkMessage } from './shared/ignored-network.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds =
  | IgnoredNetworkMessage
  | 'ignoredField'
  | 'ignoredMode'
  | 'startupOrder'
  | 'restartPolicy'
  | 'imagePullPolicy'
  | 'labelKey'
  | 'agentSetting'
  | 'toRunAsUser'
  | 'toSupplementalGroups'
  | 'toSysctls';

export interface Options {
  ignoreFields: string[];
}

type Tools = ManifestTools<MessageIds>;

function isZeroScalar(node: JSONExpression): boolean {
  return node.type === 'JSONLiteral' && (node.value === null || node.value === false || node.value === '' || node.value === 0);
}

/**
 * Docker's zero values (`""`, `false`, `[]`, `{"Name": "", "MaximumRetryCount": 0}`): writing them out
 * changes nothing on Docker, so ignoring them loses nothing. In a map such as `Volumes` the keys carry
 * the meaning, so `{"/data": {}}` is not zero.
 */
function isZeroValue(node: JSONExpression): boolean {
  if (isArray(node)) return node.elements.length === 0;
  if (isObject(node)) return node.properties.every((property) => isZeroScalar(property.value));
  return isZeroScalar(node);
}

/** The stock agent image, from any registry or mirror, with any tag or digest. */
const STOCK_AGENT_IMAGE = /(?:^|\/)azureiotedge-agent(?:[:@][^/]*)?$/u;
const NUMERIC_USER = /^\s*(\d+)(?::(\d+))?\s*$/u;
const NUMERIC = /^\s*\d+\s*$/u;

/** Edits that set members of `k8s-experimental.securityContext`, creating what is missing; null when a part is not an object. */
function securityContextEdits(document: JSONDocument, root: JSONObject, members: Record<string, unknown>): InnerEdit[] | null {
  const section = findProperty(root, K8S_SECTION);
  if (!section) return [insertProperty(document, root, K8S_SECTION, { securityContext: members })];
  if (!isObject(section.value)) return null;
  const context = findProperty(section.value, 'securityContext', { ignoreCase: true });
  if (!context) return [insertProperty(document, section.value, 'securityContext', members)];
  if (!isObject(context.value)) return null;
  return setMembers(document, context.value, members);
}

/** Removes `property` from `parent` and sets the securityContext members, as one set of edits. */
function moveEdits(document: JSONDocument, root: JSONObject, parent: JSONObject, property: JSONProperty, members: Record<string, unknown>): InnerEdit[] | null {
  if (parent === root && root.properties.length === 1) {
    // The field is all there is: the new section replaces it.
    return [replaceValue(document, root, { [K8S_SECTION]: { securityContext: members } })];
  }
  const additions = securityContextEdits(document, root, members);
  return additions ? [removeProperty(parent, property), ...additions] : null;
}

/** The current securityContext member, as data, when the section and context are objects. */
function currentMember(root: JSONObject, name: string): unknown {
  const section = findProperty(root, K8S_SECTION)?.value;
  const context = isObject(section) ? findProperty(section, 'securityContext', { ignoreCase: true })?.value : undefined;
  return isObject(context) ? staticValue(findProperty(context, name)?.value) : undefined;
}

interface Equivalent {
  readonly messageId: MessageIds;
  readonly members: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/** The securityContext members that say what User, GroupAdd or Sysctls said, when they can. */
function equivalentOf(field: IgnoredDockerField, value: JSONExpression, root: JSONObject): Equivalent | undefined {
  if (field.name === 'User' && (isStringLiteral(value) || isNumberLiteral(value))) {
    const match = NUMERIC_USER.exec(String(value.value));
    if (!match) return undefined;
    const members: Record<string, unknown> = { runAsUser: Number(match[1]) };
    if (match[2] !== undefined) members.runAsGroup = Number(match[2]);
    return { messageId: 'toRunAsUser', members, data: { members: JSON.stringify(members) } };
  }
  if (field.name === 'GroupAdd' && isArray(value)) {
    const groups = value.elements.map((element) => (isStringLiteral(element) && NUMERIC.test(element.value) ? Number(element.value) : isNumberLiteral(element) ? element.value : undefined));
    if (groups.length === 0 || groups.some((group) => group === undefined || !Number.isInteger(group))) return undefined;
    const existing = currentMember(root, 'supplementalGroups');
    if (existing !== undefined && !(Array.isArray(existing) && existing.every((group) => typeof group === 'number'))) return undefined;
    const merged = [...((existing as number[] | undefined) ?? [])];
    for (const group of groups as number[]) if (!merged.includes(group)) merged.push(group);
    return { messageId: 'toSupplementalGroups', members: { supplementalGroups: merged } };
  }
  if (field.name === 'Sysctls' && isObject(value)) {
    const entries = value.properties.map((property) => ({ name: keyName(property), value: staticValue(property.value) }));
    if (entries.some((entry) => typeof entry.value !== 'string' && typeof entry.value !== 'number')) return undefined;
    const existing = currentMember(root, 'sysctls');
    if (existing !== undefined && !Array.isArray(existing)) return undefined;
    const merged: { name?: unknown; value?: unknown }[] = [...((existing as { name?: unknown }[] | undefined) ?? [])];
    for (const entry of entries) {
      if (!merged.some((sysctl) => sysctl?.name === entry.name)) merged.push({ name: entry.name, value: String(entry.value) });
    }
    return { messageId: 'toSysctls', members: { sysctls: merged } };
  }
  return undefined;
}

function suggestionFor(
  module: ModuleModel,
  createOptions: CreateOptions,
  parent: JSONObject,
  property: JSONProperty,
  field: IgnoredDockerField,
  tools: Tools,
): Suggestion<MessageIds> | null {
  const root = createOptions.rootObject!;
  const equivalent = equivalentOf(field, property.value, root);
  if (!equivalent) return null;
  const edits = moveEdits(tools.innerDocument(createOptions), root, parent, property, equivalent.members);
  const fix = tools.fixFrom(edits ? tools.innerEdits(createOptions, edits) : null);
  return fix ? { messageId: equivalent.messageId, data: { module: module.name, ...equivalent.data }, fix } : null;
}

const LOWER_NAMES = new Map(IGNORED_DOCKER_FIELDS.map((field) => [field, field.name.toLowerCase()]));

/** The members of an object by lower-case key; the last of a repeated key wins, as in findProperty. */
function membersByLowerKey(object: JSONObject | undefined): Map<string, JSONProperty> {
  const members = new Map<string, JSONProperty>();
  if (object) for (const property of object.properties) members.set(keyName(property).toLowerCase(), property);
  return members;
}

export default createRule<[Options], MessageIds>({
  name: 'no-ignored-settings',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow Docker and module settings that the agent on the GPU device silently ignores',
      recommended: 'warn',
      strict: 'warn',
      owns: ['IGN-STARTUP-ORDER', 'IGN-RESTART-POLICY', 'IGN-IMAGE-PULL-POLICY', 'IGN-DOCKER-FIELDS', 'IGN-LABELS-ARE-ANNOTATIONS', 'SYS-AGENT'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          ignoreFields: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Fields not to report: createOptions paths (`User`, `HostConfig.ExtraHosts`, `HostConfig.IpcMode`, `HostConfig.NetworkMode`, `NetworkingConfig`, `Labels`), module fields (`startupOrder`, `restartPolicy`, `imagePullPolicy`) or `edgeAgent`.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreFields: [] }],
    messages: {
      ...IGNORED_NETWORK_MESSAGES,
      ignoredField: 'Module "{{module}}" sets {{field}}, which the GPU device ignores, so {{consequence}}; {{advice}}.',
      ignoredMode:
        'Module "{{module}}" sets {{field}} "{{value}}", which the GPU device ignores (it applies only "host"), so the container keeps its pod\'s namespace.',
      startupOrder: 'Module "{{module}}" sets startupOrder {{value}}, which the GPU device ignores: Kubernetes starts every module at once.',
      restartPolicy:
        'Module "{{module}}" has restartPolicy "{{value}}", which the GPU device ignores: Kubernetes restarts the module whenever it stops.',
      imagePullPolicy:
        'Module "{{module}}" has imagePullPolicy "{{value}}", which the GPU device ignores: Kubernetes pulls missing images, and latest ones on every start.',
      labelKey:
        'Module "{{module}}": Label "{{key}}" cannot become a Kubernetes annotation because {{reason}}, so the deployment fails on the GPU device.',
      agentSetting:
        'Module "{{module}}": the {{what}} given here is not applied, as the GPU device runs its own IoT Edge agent, set by its software update.',
      toRunAsUser: 'Module "{{module}}": replace User with k8s-experimental.securityContext {{members}}.',
      toSupplementalGroups: 'Module "{{module}}": move the group ids of GroupAdd to k8s-experimental.securityContext.supplementalGroups.',
      toSysctls: 'Module "{{module}}": move Sysctls to k8s-experimental.securityContext.sysctls.',
    },
  },
  defaultOptions: [{ ignoreFields: [] }],
  create(context, [options]) {
    const silenced = new Set((options.ignoreFields ?? []).map((field) => field.toLowerCase()));
    const reported = (field: string): boolean => !silenced.has(field.toLowerCase());

    function checkDockerFields(module: ModuleModel, createOptions: CreateOptions, tools: Tools): void {
      const root = createOptions.rootObject!;
      const parents = { root, HostConfig: hostConfig(createOptions) };
      // Each object's members by lower-case key once, rather than a case-insensitive scan per field.
      const members = { root: membersByLowerKey(parents.root), HostConfig: membersByLowerKey(parents.HostConfig) };
      for (const field of IGNORED_DOCKER_FIELDS) {
        const parent = parents[field.parent];
        const property = members[field.parent].get(LOWER_NAMES.get(field)!);
        if (!parent || !property || isZeroValue(property.value)) continue;
        const path = field.parent === 'root' ? field.name : `HostConfig.${field.name}`;
        if (!reported(path)) continue;
        if (isStringLiteral(property.value) && isPlaceholder(property.value.value)) continue;
        tools.report({
          module,
          range: createOptions.fileRange(property.key),
          messageId: 'ignoredField',
          data: { module: module.name, field: path, consequence: field.consequence, advice: field.advice },
          suggest: [suggestionFor(module, createOptions, parent, property, field, tools)],
        });
      }
      for (const mode of HOST_ONLY_MODES) {
        const value = findProperty(parents.HostConfig, mode, { ignoreCase: true })?.value;
        const path = `HostConfig.${mode}`;
        if (!isStringLiteral(value) || value.value.trim() === '' || value.value.trim().toLowerCase() === 'host' || isPlaceholder(value.value) || !reported(path)) continue;
        tools.report({ module, range: createOptions.fileRange(value), messageId: 'ignoredMode', data: { module: module.name, field: path, value: value.value } });
      }
      const labels = findProperty(root, 'Labels', { ignoreCase: true })?.value;
      if (isObject(labels) && reported('Labels')) {
        for (const label of labels.properties) {
          const result = sanitizeAnnotationKey(keyName(label));
          if (result.ok || isPlaceholder(keyName(label))) continue;
          tools.report({ module, range: createOptions.fileRange(label.key), messageId: 'labelKey', data: { module: module.name, key: keyName(label), reason: result.reason } });
        }
      }
    }

    function checkModuleFields(module: ModuleModel, tools: Tools): void {
      const startupOrder = module.startupOrder;
      if (startupOrder && reported('startupOrder') && !(isStringLiteral(startupOrder.value) && isPlaceholder(startupOrder.value.value))) {
        tools.report({
          module,
          range: startupOrder.key.range,
          messageId: 'startupOrder',
          data: { module: module.name, value: tools.model.text.slice(startupOrder.value.range[0], startupOrder.value.range[1]) },
        });
      }
      const restartPolicy = module.restartPolicy?.value;
      if (isStringLiteral(restartPolicy) && !isPlaceholder(restartPolicy.value) && restartPolicy.value.toLowerCase() !== 'always' && reported('restartPolicy')) {
        tools.report({ module, range: restartPolicy.range, messageId: 'restartPolicy', data: { module: module.name, value: restartPolicy.value } });
      }
      const pullPolicy = module.imagePullPolicy?.value;
      if (isStringLiteral(pullPolicy) && pullPolicy.value.toLowerCase() === 'never' && reported('imagePullPolicy')) {
        tools.report({ module, range: pullPolicy.range, messageId: 'imagePullPolicy', data: { module: module.name, value: pullPolicy.value } });
      }
    }

    function checkNetwork(module: ModuleModel, tools: Tools): void {
      const translated = getTranslation(tools.model, tools.profile).module(module);
      if (!translated) return;
      for (const finding of ignoredNetworkFindings(translated)) {
        if (reported(finding.field)) tools.report({ module, range: finding.range, messageId: finding.messageId, data: finding.data });
      }
    }

    /** SYS-AGENT: the device keeps its own agent; the manifest's customisations of it do nothing. */
    function checkAgent(module: ModuleModel, tools: Tools): void {
      if (!reported('edgeAgent')) return;
      const image = module.image;
      if (image && !isPlaceholder(image.value) && !STOCK_AGENT_IMAGE.test(image.value.trim())) {
        tools.report({ module, range: image.range, messageId: 'agentSetting', data: { module: module.name, what: `image "${image.value}"` } });
      }
      const createOptions = module.createOptions;
      if (createOptions && !createOptions.parseError && (createOptions.rootObject?.properties.length ?? 0) > 0) {
        tools.report({ module, range: createOptions.firstProperty.key.range, messageId: 'agentSetting', data: { module: module.name, what: 'createOptions' } });
      }
      const env = findProperty(module.node, 'env');
      if (env && isObject(env.value) && env.value.properties.length > 0) {
        tools.report({ module, range: env.key.range, messageId: 'agentSetting', data: { module: module.name, what: 'env section' } });
      }
    }

    return defineManifestVisitor(context, {
      module(module, tools) {
        if (module.system === 'edgeAgent') {
          checkAgent(module, tools);
          return;
        }
        checkModuleFields(module, tools);
        const readable = readableCreateOptions(module);
        if (readable) checkDockerFields(module, readable.createOptions, tools);
        if (readable) checkNetwork(module, tools);
      },
    });
  },
});
