import { insertProperty, replaceValue } from '../fix/json-edits.js';
import { parseQuantity } from '../kubernetes/quantities.js';
import { quantityRepairs } from '../kubernetes/quantity-repairs.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { findProperty, isNumberLiteral, isObject, isStringLiteral, keyName, staticValue, type JSONExpression, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { isExtendedResource, k8sMember } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';

type MessageIds = 'invalidQuantity' | 'notInteger' | 'requestWithoutLimit' | 'extendedMismatch' | 'requestAboveLimit' | 'useQuantity' | 'addLimit' | 'matchLimit';
type Kind = 'limits' | 'requests';

/** `no-fpga-resources` owns the FPGA resource; `gpu-count` owns whether a GPU count is a positive whole number. */
const FPGA_RESOURCE = 'microsoft.com/fpga_catapult';
const GPU_RESOURCE = 'nvidia.com/gpu';

interface Entry {
  readonly property: JSONProperty;
  readonly name: string;
  readonly kind: Kind;
  /** The value in base units; undefined when Kubernetes cannot read it or it is a placeholder. */
  readonly value: number | undefined;
}

/** The JSON text of a value, for messages (`"2Gi"`, `1`). */
function shown(node: JSONExpression): string {
  return JSON.stringify(staticValue(node)) ?? 'a value';
}

function isPlaceholderValue(node: JSONExpression): boolean {
  return isStringLiteral(node) && isPlaceholder(node.value);
}

function readQuantity(node: JSONExpression): number | undefined {
  if (isNumberLiteral(node)) return parseQuantity(node.value);
  if (isStringLiteral(node)) return parseQuantity(node.value);
  return undefined;
}

export default createRule<[], MessageIds>({
  name: 'valid-resource-quantities',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require k8s-experimental resources to be quantities that Kubernetes accepts, with requests that fit their limits',
      recommended: 'error',
      strict: 'error',
      owns: ['K8S-RESOURCES'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      invalidQuantity:
        'Module "{{module}}": {{value}} for "{{resource}}" in k8s-experimental.resources.{{kind}} is no Kubernetes quantity; the deployment fails on the GPU device.',
      notInteger:
        'Module "{{module}}": extended resource "{{resource}}" in k8s-experimental.resources.{{kind}} is {{value}}, not whole; the deployment fails on the GPU device.',
      requestWithoutLimit:
        'Module "{{module}}" requests the extended resource "{{resource}}" without a limit, so Kubernetes rejects it and the deployment fails on the GPU device.',
      extendedMismatch:
        'Module "{{module}}" requests {{request}} of extended resource "{{resource}}" but limits it to {{limit}}, so the deployment fails on the GPU device.',
      requestAboveLimit:
        'Module "{{module}}" requests {{request}} of "{{resource}}" but limits it to {{limit}}, so Kubernetes rejects it and the deployment fails on the GPU device.',
      useQuantity: 'Write "{{replacement}}" ({{meaning}}).',
      addLimit: 'Add the limit "{{resource}}": {{value}}.',
      matchLimit: 'Set the request to the limit, {{limit}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = module.createOptions;
        if (!createOptions || createOptions.parseError) return;
        const resources = k8sMember(createOptions, 'resources')?.value;
        if (!isObject(resources)) return;
        const lists = { limits: findProperty(resources, 'limits', { ignoreCase: true }), requests: findProperty(resources, 'requests', { ignoreCase: true }) };
        const entries: Record<Kind, Entry[]> = { limits: [], requests: [] };
        for (const kind of ['limits', 'requests'] as const) {
          const list = lists[kind]?.value;
          if (!isObject(list)) continue;
          for (const property of list.properties) {
            const entry = checkEntry(module, createOptions, property, kind, tools);
            if (entry) entries[kind].push(entry);
          }
        }
        checkPairs(module, createOptions, resources, lists.limits, entries, tools);
      },
    });
  },
});

/** Checks one quantity; returns the entry for the pair checks, or undefined when the rule cannot read it. */
function checkEntry(module: ModuleModel, createOptions: CreateOptions, property: JSONProperty, kind: Kind, tools: ManifestTools<MessageIds>): Entry | undefined {
  const name = keyName(property);
  const node = property.value;
  if (name === FPGA_RESOURCE || isPlaceholderValue(node)) return undefined;
  const value = readQuantity(node);
  const data = { module: module.name, resource: name, kind, value: shown(node) };
  if (value === undefined) {
    if (name === GPU_RESOURCE) return undefined;
    const document = tools.innerDocument(createOptions);
    const suggest = isStringLiteral(node)
      ? quantityRepairs(node.value).map(
          (repair): Suggestion<MessageIds> | null => {
            const fix = tools.fixFrom(tools.innerEdits(createOptions, [replaceValue(document, node, repair.replacement)]));
            return fix ? { messageId: 'useQuantity', data: { ...repair }, fix } : null;
          },
        )
      : [];
    tools.report({ module, range: createOptions.fileRange(node), messageId: 'invalidQuantity', data, suggest });
    return undefined;
  }
  if (isExtendedResource(name) && !Number.isInteger(value)) {
    if (name === GPU_RESOURCE) return undefined;
    tools.report({ module, range: createOptions.fileRange(node), messageId: 'notInteger', data });
    return undefined;
  }
  return { property, name, kind, value };
}

function checkPairs(
  module: ModuleModel,
  createOptions: CreateOptions,
  resources: JSONObject,
  limitsProperty: JSONProperty | undefined,
  entries: Record<Kind, Entry[]>,
  tools: ManifestTools<MessageIds>,
): void {
  const document = tools.innerDocument(createOptions);
  const limitsObject = isObject(limitsProperty?.value) ? limitsProperty.value : undefined;
  for (const request of entries.requests) {
    const requestNode = request.property.value;
    const limit = entries.limits.find((entry) => entry.name === request.name);
    const limitWritten = findProperty(limitsObject, request.name);
    const matchLimit = (limitNode: JSONExpression) => {
      const fix = tools.fixFrom(tools.innerEdits(createOptions, [replaceValue(document, requestNode, staticValue(limitNode))]));
      return fix ? { messageId: 'matchLimit' as const, data: { limit: shown(limitNode) }, fix } : null;
    };
    if (isExtendedResource(request.name)) {
      if (!limitWritten) {
        // The limit is added with the request's value, where the agent reads limits.
        const addition = limitsObject
          ? insertProperty(document, limitsObject, request.name, staticValue(requestNode))
          : limitsProperty
            ? null
            : insertProperty(document, resources, 'limits', { [request.name]: staticValue(requestNode) });
        const fix = addition ? tools.fixFrom(tools.innerEdits(createOptions, [addition])) : null;
        tools.report({
          module,
          range: createOptions.fileRange(request.property.key),
          messageId: 'requestWithoutLimit',
          data: { module: module.name, resource: request.name },
          suggest: [fix ? { messageId: 'addLimit', data: { resource: request.name, value: shown(requestNode) }, fix } : null],
        });
      } else if (limit && limit.value !== request.value) {
        tools.report({
          module,
          range: createOptions.fileRange(requestNode),
          messageId: 'extendedMismatch',
          data: { module: module.name, resource: request.name, request: shown(requestNode), limit: shown(limit.property.value) },
          suggest: [matchLimit(limit.property.value)],
        });
      }
      continue;
    }
    if (limit && request.value! > limit.value!) {
      tools.report({
        module,
        range: createOptions.fileRange(requestNode),
        messageId: 'requestAboveLimit',
        data: { module: module.name, resource: request.name, request: shown(requestNode), limit: shown(limit.property.value) },
        suggest: [matchLimit(limit.property.value)],
      });
    }
  }
}
