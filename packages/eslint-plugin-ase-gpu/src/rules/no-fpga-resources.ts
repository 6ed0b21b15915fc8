import { removeElementsOrProperty } from '../fix/array-member-edits.js';
import { insertProperty, removeMembers, renameKey, replaceValue, toFileEdit, type JSONDocument } from '../fix/json-edits.js';
import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import { hostConfig } from '../manifest/host-config.js';
import { findProperty, isArray, isNumberLiteral, isObject, isStringLiteral, keyName, stringAt, type JSONNode, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { LARGEST_GPU_COUNT } from '../settings/device-profile.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { autofixDefaultOptions, autofixMigrationOptions, autofixOptionSchema, type AutofixOption } from '../rule-harness/autofix-option.js';

type MessageIds = 'fpgaResource' | 'fpgaDevice' | 'wireserver' | 'armImage' | 'useGpu' | 'removeDevice' | 'removeWireserver';
type Options = [AutofixOption];

const FPGA_RESOURCE = 'microsoft.com/fpga_catapult';
const GPU_RESOURCE = 'nvidia.com/gpu';
const FPGA_DEVICE = /^\/dev\/catapult/u;
const WIRESERVER = 'WIRESERVER_ADDRESS';

/** One FPGA trigger: where it is reported, and the edits that remove it alone (null when unsafe). */
interface Trigger {
  readonly node: JSONNode;
  /** Inside createOptions (mapped with fileRange), or in the manifest itself. */
  readonly inner: boolean;
  readonly messageId: 'fpgaResource' | 'fpgaDevice' | 'wireserver';
  readonly data: Record<string, unknown>;
  readonly suggestionId: 'useGpu' | 'removeDevice' | 'removeWireserver';
  readonly suggestionData: Record<string, unknown>;
  /** Which part of the module-wide conversion it belongs to. */
  readonly part: 'resources' | 'devices' | 'env' | 'env-section';
  /** The index of the trigger in its array or object (devices and env). */
  readonly index: number;
  readonly innerEdits: readonly InnerEdit[] | null;
  readonly fileEdits: readonly TextEdit[] | null;
}

/** A positive whole GPU count from a quantity written as a JSON number or a digit string. */
function wholeCount(node: JSONNode | undefined): number | undefined {
  if (isNumberLiteral(node) && Number.isInteger(node.value) && node.value > 0) return node.value;
  if (isStringLiteral(node) && /^\s*\d+\s*$/u.test(node.value) && Number(node.value) > 0) return Number(node.value);
  return undefined;
}

function objectMember(object: JSONObject | undefined, name: string): JSONProperty | undefined {
  return findProperty(object, name, { ignoreCase: true });
}

interface ResourcePlan {
  readonly entries: readonly { readonly property: JSONProperty; readonly kind: 'limits' | 'requests' }[];
  readonly count: number | undefined;
  readonly edits: InnerEdit[] | null;
}

/**
 * `microsoft.com/fpga_catapult: N` becomes `nvidia.com/gpu: min(N, gpuCount)` (gpuCount unset: 2, the largest model) in limits (added there
 * when only requests named the FPGA), and in requests when requests named it, so that both stay equal.
 * When the module already asks for `nvidia.com/gpu`, the FPGA entries are only removed.
 */
function planResources(document: JSONDocument, createOptions: CreateOptions, gpuCount: number): ResourcePlan {
  const resources = k8sMember(createOptions, 'resources')?.value;
  if (!isObject(resources)) return { entries: [], count: undefined, edits: null };
  const limits = objectMember(resources, 'limits');
  const requests = objectMember(resources, 'requests');
  const limitsObject = isObject(limits?.value) ? limits.value : undefined;
  const requestsObject = isObject(requests?.value) ? requests.value : undefined;
  const inLimits = findProperty(limitsObject, FPGA_RESOURCE);
  const inRequests = findProperty(requestsObject, FPGA_RESOURCE);
  const entries = [
    ...(inLimits ? [{ property: inLimits, kind: 'limits' as const }] : []),
    ...(inRequests ? [{ property: inRequests, kind: 'requests' as const }] : []),
  ];
  if (entries.length === 0) return { entries, count: undefined, edits: null };
  if (findProperty(limitsObject, GPU_RESOURCE) || findProperty(requestsObject, GPU_RESOURCE)) {
    const edits = [
      ...(inLimits ? removeMembers(limitsObject!.properties, limitsObject!, new Set([limitsObject!.properties.indexOf(inLimits)])) : []),
      ...(inRequests ? removeMembers(requestsObject!.properties, requestsObject!, new Set([requestsObject!.properties.indexOf(inRequests)])) : []),
    ];
    return { entries, count: undefined, edits };
  }
  const wanted = wholeCount(inLimits?.value ?? inRequests?.value);
  const count = wanted === undefined || gpuCount < 1 ? undefined : Math.min(wanted, gpuCount);
  if (count === undefined) return { entries, count, edits: null };
  const toGpu = (property: JSONProperty): InnerEdit[] => [renameKey(property, GPU_RESOURCE), replaceValue(document, property.value, count)];
  const edits: InnerEdit[] = [];
  if (inLimits) edits.push(...toGpu(inLimits));
  else if (limitsObject) edits.push(insertProperty(document, limitsObject, GPU_RESOURCE, count));
  else if (!limits) edits.push(insertProperty(document, resources, 'limits', { [GPU_RESOURCE]: count }));
  else return { entries, count, edits: null };
  if (inRequests) edits.push(...toGpu(inRequests));
  return { entries, count, edits };
}

function findTriggers(module: ModuleModel, createOptions: CreateOptions | undefined, tools: ManifestTools<MessageIds>): Trigger[] {
  const triggers: Trigger[] = [];
  const moduleData = { module: module.name };
  if (createOptions?.rootObject) {
    const document = tools.innerDocument(createOptions);
    const plan = planResources(document, createOptions, tools.profile.gpuCount ?? LARGEST_GPU_COUNT);
    for (const entry of plan.entries) {
      triggers.push({
        node: entry.property.key,
        inner: true,
        messageId: 'fpgaResource',
        data: { ...moduleData, kind: entry.kind },
        suggestionId: 'useGpu',
        suggestionData: { count: plan.count ?? 0 },
        part: 'resources',
        index: -1,
        innerEdits: plan.edits,
        fileEdits: null,
      });
    }
    const host = hostConfig(createOptions);
    const devices = findProperty(host, 'Devices', { ignoreCase: true });
    if (host && devices && isArray(devices.value)) {
      devices.value.elements.forEach((element, index) => {
        const path = isObject(element) ? stringAt(element, 'PathOnHost', { ignoreCase: true }) : undefined;
        if (!path || !FPGA_DEVICE.test(path.value)) return;
        triggers.push({
          node: path,
          inner: true,
          messageId: 'fpgaDevice',
          data: { ...moduleData, device: path.value },
          suggestionId: 'removeDevice',
          suggestionData: { device: path.value },
          part: 'devices',
          index,
          innerEdits: removeElementsOrProperty(host, devices, new Set([index])),
          fileEdits: null,
        });
      });
    }
    const root = createOptions.rootObject;
    const env = findProperty(root, 'Env', { ignoreCase: true });
    if (env && isArray(env.value)) {
      env.value.elements.forEach((element, index) => {
        if (!isStringLiteral(element) || element.value.split('=')[0] !== WIRESERVER || !element.value.includes('=')) return;
        triggers.push({
          node: element,
          inner: true,
          messageId: 'wireserver',
          data: moduleData,
          suggestionId: 'removeWireserver',
          suggestionData: {},
          part: 'env',
          index,
          innerEdits: removeElementsOrProperty(root, env, new Set([index])),
          fileEdits: null,
        });
      });
    }
  }
  const section = module.envSection;
  if (section) {
    section.properties.forEach((property, index) => {
      if (keyName(property) !== WIRESERVER) return;
      const edit = removeMembers(section.properties, section, new Set([index]));
      triggers.push({
        node: property.key,
        inner: false,
        messageId: 'wireserver',
        data: moduleData,
        suggestionId: 'removeWireserver',
        suggestionData: {},
        part: 'env-section',
        index,
        innerEdits: null,
        fileEdits: edit.map(toFileEdit),
      });
    });
  }
  return triggers;
}

/**
 * The module's whole conversion in one set of edits that do not overlap: the resources plan, every
 * FPGA device, every WIRESERVER_ADDRESS. Each finding of the module carries it, so one `--fix` pass
 * converts the module (ESLint applies the first and drops the identical others).
 */
function conversionEdits(module: ModuleModel, createOptions: CreateOptions | undefined, triggers: readonly Trigger[], tools: ManifestTools<MessageIds>): TextEdit[] | null {
  const inner: InnerEdit[] = [];
  const file: TextEdit[] = [];
  const resources = triggers.find((trigger) => trigger.part === 'resources');
  if (resources?.innerEdits) inner.push(...resources.innerEdits);
  const devicesTriggers = triggers.filter((trigger) => trigger.part === 'devices');
  const host = hostConfig(createOptions);
  const devices = findProperty(host, 'Devices', { ignoreCase: true });
  if (devicesTriggers.length > 0 && host && devices && isArray(devices.value)) {
    const indexes = new Set(devicesTriggers.map((trigger) => trigger.index));
    for (const edit of removeElementsOrProperty(host, devices, indexes) ?? []) inner.push(edit);
  }
  const envTriggers = triggers.filter((trigger) => trigger.part === 'env');
  const root = createOptions?.rootObject;
  const env = findProperty(root, 'Env', { ignoreCase: true });
  if (envTriggers.length > 0 && root && env && isArray(env.value)) {
    for (const edit of removeElementsOrProperty(root, env, new Set(envTriggers.map((trigger) => trigger.index))) ?? []) inner.push(edit);
  }
  const sectionTriggers = triggers.filter((trigger) => trigger.part === 'env-section');
  const section = module.envSection;
  if (sectionTriggers.length > 0 && section) {
    const indexes = new Set(sectionTriggers.map((trigger) => trigger.index));
    for (const edit of removeMembers(section.properties, section, indexes)) file.push(toFileEdit(edit));
  }
  if (inner.length > 0) {
    const mapped = createOptions ? tools.innerEdits(createOptions, inner) : null;
    if (!mapped) return null;
    // Loops, not push(...): one edit per removed entry, and a list can hold 100,000 of them.
    for (const edit of mapped) file.push(edit);
  }
  return file;
}

/** Name or tag words that say an image was built for an ARM CPU (Docker Hub namespaces, tags, Jetson's L4T). */
const ARM_WORDS = new Set(['arm32v7', 'arm32v6', 'arm64v8', 'aarch64', 'arm64', 'armhf', 'armv7', 'armv7l', 'l4t']);
/** Words that say x86-64: an image that names both is a multi-arch name, not an ARM build. */
const X86_WORDS = new Set(['amd64', 'x64']);

/** The ARM word of an image reference, or undefined (placeholders, x86-64 or multi-arch names, no such word). */
function armImageWord(image: string): string | undefined {
  if (isPlaceholder(image)) return undefined;
  // The digest names content, not an architecture.
  const reference = image.trim().split('@')[0]!.toLowerCase();
  if (reference.includes('x86_64') || reference.includes('x86-64')) return undefined;
  const words = reference.split(/[/:._-]/u);
  if (words.some((word) => X86_WORDS.has(word))) return undefined;
  return words.find((word) => ARM_WORDS.has(word));
}

export default createRule<Options, MessageIds>({
  name: 'no-fpga-resources',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the FPGA resources, devices and wire server of FPGA devices, which a GPU device does not have',
      recommended: 'error',
      strict: 'error',
      owns: ['RES-FPGA'],
      fixPolicy: 'option',
      migrationOptions: autofixMigrationOptions(),
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: autofixOptionSchema('Apply the conversion with --fix instead of offering it as a suggestion.'),
    defaultOptions: autofixDefaultOptions(),
    messages: {
      fpgaResource:
        'Module "{{module}}" requests "microsoft.com/fpga_catapult" in k8s-experimental.resources.{{kind}}; the GPU device has none, so the pod stays Pending.',
      fpgaDevice:
        'Module "{{module}}" maps the FPGA device "{{device}}", which the GPU device does not have, so an FPGA model gets no accelerator there.',
      wireserver:
        'Module "{{module}}" sets WIRESERVER_ADDRESS, the FPGA host\'s wire server, which does not exist on the GPU device, so an FPGA model cannot run there.',
      armImage:
        'Module "{{module}}" runs "{{image}}", an ARM build ("{{word}}"), but the GPU device is x86-64, so the container fails with "exec format error".',
      useGpu: 'Request {{count}} "nvidia.com/gpu" in place of the FPGA (the model image must be rebuilt for GPUs).',
      removeDevice: 'Remove the FPGA device "{{device}}" (the model image must be rebuilt for GPUs).',
      removeWireserver: 'Remove WIRESERVER_ADDRESS (the model image must be rebuilt for GPUs).',
    },
  },
  defaultOptions: autofixDefaultOptions(),
  create(context, [options]) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        // The device replaces edgeAgent's image with its own.
        const image = module.system === 'edgeAgent' ? undefined : module.image;
        const word = image ? armImageWord(image.value) : undefined;
        if (image && word) tools.report({ module, range: image.range, messageId: 'armImage', data: { module: module.name, image: image.value, word } });
        const createOptions = module.createOptions?.parseError ? undefined : module.createOptions;
        const triggers = findTriggers(module, createOptions, tools);
        if (triggers.length === 0) return;
        const conversion = options.autofix ? conversionEdits(module, createOptions, triggers, tools) : null;
        for (const trigger of triggers) {
          const own = trigger.inner ? (trigger.innerEdits && createOptions ? tools.innerEdits(createOptions, trigger.innerEdits) : null) : trigger.fileEdits;
          const suggestion = tools.fixFrom(own ? [...own] : null);
          tools.report({
            module,
            range: trigger.inner && createOptions ? createOptions.fileRange(trigger.node) : [trigger.node.range[0], trigger.node.range[1]],
            messageId: trigger.messageId,
            data: trigger.data,
            fix: own && conversion ? tools.fixFrom(conversion) : null,
            suggest: [suggestion ? { messageId: trigger.suggestionId, data: trigger.suggestionData, fix: suggestion } : null],
          });
        }
      },
    });
  },
});
