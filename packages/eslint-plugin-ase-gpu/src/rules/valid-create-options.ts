import { createOptionsShape, describeShape, findShapeMismatches } from '../docker/create-options-shapes.js';
import { formatPath } from '../manifest/format-path.js';
import { describeType, findProperty, hasRepeatedKey, isObject, keyName, type JSONObject } from '../manifest/json-ast.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { sanitizeAnnotationKey } from '../kubernetes/annotation-key.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'unparseable' | 'notAnObject' | 'wrongType' | 'duplicateKey' | 'keysDifferInCase' | 'labelKeysCollide';

/** `Cmd`/`Entrypoint` as a string belong to cmd-entrypoint-array. */
function isOwnedElsewhere(path: readonly (string | number)[], node: { type: string; value?: unknown }): boolean {
  return path.length === 1 && typeof path[0] === 'string' && /^(?:cmd|entrypoint)$/iu.test(path[0]) && node.type === 'JSONLiteral' && typeof node.value === 'string';
}

function reportDuplicateKeys(createOptions: CreateOptions, object: JSONObject, moduleName: string, tools: ManifestTools<MessageIds>): void {
  if (hasRepeatedKey(object.properties)) reportRepeats(createOptions, object, moduleName, tools);
  for (const property of object.properties) visitNested(createOptions, property.value, moduleName, tools);
}

function reportRepeats(createOptions: CreateOptions, object: JSONObject, moduleName: string, tools: ManifestTools<MessageIds>): void {
  const seen = new Map<string, number>();
  for (const property of object.properties) {
    const key = keyName(property);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const property of object.properties) {
    const key = keyName(property);
    const index = (counts.get(key) ?? 0) + 1;
    counts.set(key, index);
    const total = seen.get(key)!;
    if (total > 1 && index < total) {
      tools.report({
        module: moduleName,
        range: createOptions.fileRange(property.key),
        messageId: 'duplicateKey',
        data: { module: moduleName, key, path: formatPath(createOptions.pathOf(property)) },
      });
    }
  }
}

/**
 * createOptions members the agent's Docker model types (Newtonsoft matches them in any case); every
 * other top-level key lands in OtherProperties, which the agent copies into a case-insensitive dictionary.
 */
const TYPED_MEMBERS = new Set(['env', 'exposedports', 'hostconfig', 'image', 'labels', 'networkingconfig']);

/** Top-level keys that differ only in case, outside the typed members: the copy throws. Reported at the second. */
function reportCaseTwins(createOptions: CreateOptions, root: JSONObject, moduleName: string, tools: ManifestTools<MessageIds>): void {
  const first = new Map<string, string>();
  for (const property of root.properties) {
    const key = keyName(property);
    const lower = key.toLowerCase();
    if (TYPED_MEMBERS.has(lower)) continue;
    const earlier = first.get(lower);
    if (earlier === undefined) first.set(lower, key);
    else if (earlier !== key) {
      tools.report({ module: moduleName, range: createOptions.fileRange(property.key), messageId: 'keysDifferInCase', data: { module: moduleName, key, other: earlier } });
    }
  }
}

/** Labels keys that become one annotation key: the agent's dictionary of annotations throws. Reported at the second. */
function reportLabelCollisions(createOptions: CreateOptions, root: JSONObject, moduleName: string, tools: ManifestTools<MessageIds>): void {
  const labels = findProperty(root, 'Labels', { ignoreCase: true })?.value;
  if (!isObject(labels)) return;
  const byAnnotation = new Map<string, string>();
  for (const label of labels.properties) {
    const key = keyName(label);
    if (isPlaceholder(key)) continue;
    const result = sanitizeAnnotationKey(key);
    // Keys that cannot become annotation keys are no-ignored-settings' finding.
    if (!result.ok) continue;
    const earlier = byAnnotation.get(result.key);
    if (earlier === undefined) byAnnotation.set(result.key, key);
    else if (earlier !== key) {
      tools.report({ module: moduleName, range: createOptions.fileRange(label.key), messageId: 'labelKeysCollide', data: { module: moduleName, key, other: earlier, annotation: result.key } });
    }
  }
}

function visitNested(createOptions: CreateOptions, node: CreateOptions['root'] | null, moduleName: string, tools: ManifestTools<MessageIds>): void {
  if (!node) return;
  if (node.type === 'JSONObjectExpression') reportDuplicateKeys(createOptions, node, moduleName, tools);
  else if (node.type === 'JSONArrayExpression') for (const element of node.elements) visitNested(createOptions, element, moduleName, tools);
}

export default createRule<[], MessageIds>({
  name: 'valid-create-options',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require createOptions to be a JSON object whose Docker fields have the types the agent reads',
      recommended: 'error',
      strict: 'error',
      owns: ['CO-TYPES', 'unparseable createOptions', 'duplicate keys inside createOptions'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      unparseable:
        'Module "{{module}}": createOptions is not valid JSON ({{detail}}), so the GPU device rejects the deployment (400, configuration format is invalid).',
      notAnObject:
        'Module "{{module}}": createOptions is {{actual}}, not a JSON object, so the GPU device rejects the deployment (400, configuration format is invalid).',
      wrongType:
        'Module "{{module}}": createOptions {{path}} is {{actual}}, not {{expected}}, so the GPU device rejects the deployment (400, configuration format is invalid).',
      keysDifferInCase:
        'Module "{{module}}": createOptions keys "{{other}}" and "{{key}}" differ only in case, so the agent on the GPU device throws and the deployment fails.',
      labelKeysCollide:
        'Module "{{module}}": Labels "{{other}}" and "{{key}}" both become annotation "{{annotation}}", so the agent on the GPU device throws and the deployment fails.',
      duplicateKey:
        'Module "{{module}}": createOptions key "{{key}}" at {{path}} is given more than once, and the agent keeps only the last one. Remove this copy or merge the two.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = module.createOptions;
        if (!createOptions || createOptions.isEmpty) return;
        if (createOptions.parseError) {
          const offset = createOptions.parseError.fileOffset;
          tools.report({
            module,
            range: [offset, Math.min(offset + 1, tools.model.text.length)],
            messageId: 'unparseable',
            data: { module: module.name, detail: createOptions.parseError.message.replace(/\.$/u, '') },
          });
          return;
        }
        const root = createOptions.root;
        if (!root) return;
        if (root.type !== 'JSONObjectExpression') {
          tools.report({
            module,
            range: createOptions.fileRange(root),
            messageId: 'notAnObject',
            data: { module: module.name, actual: describeType(root) },
          });
          return;
        }
        for (const mismatch of findShapeMismatches(root, createOptionsShape, [], isOwnedElsewhere)) {
          tools.report({
            module,
            range: createOptions.fileRange(mismatch.node),
            messageId: 'wrongType',
            data: { module: module.name, path: formatPath(mismatch.path), actual: describeType(mismatch.node), expected: describeShape(mismatch.expected) },
          });
        }
        reportDuplicateKeys(createOptions, root, module.name, tools);
        // edgeAgent's createOptions are not applied on the device.
        if (module.system !== 'edgeAgent') {
          reportCaseTwins(createOptions, root, module.name, tools);
          reportLabelCollisions(createOptions, root, module.name, tools);
        }
      },
    });
  },
});
