import { formatPath } from '../manifest/format-path.js';
import { hasRepeatedKey, keyName, type JSONNode, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import type { ManifestModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { eslintLineStarts, lastAtOrBefore } from '../manifest/line-starts.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'duplicateInModule' | 'duplicateKey';

/** The path of keys from the file root to an object (array indexes included). */
function pathTo(node: JSONNode): (string | number)[] {
  const path: (string | number)[] = [];
  let current: JSONNode | undefined = node;
  for (;;) {
    const parent: JSONNode | undefined = (current as { parent?: JSONNode }).parent;
    if (!parent || parent.type === 'JSONExpressionStatement' || parent.type === 'Program') return path;
    if (parent.type === 'JSONProperty') path.unshift(keyName(parent));
    else if (parent.type === 'JSONArrayExpression') path.unshift(parent.elements.indexOf(current as never));
    current = parent;
  }
}

/** Objects of the file, outermost first, without the inside of object-encoded createOptions (valid-create-options' own). */
function objectsOf(root: JSONNode, skipped: ReadonlySet<JSONNode>): JSONObject[] {
  const objects: JSONObject[] = [];
  const stack: (JSONNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || skipped.has(node)) continue;
    if (node.type === 'JSONObjectExpression') {
      objects.push(node);
      for (let i = node.properties.length - 1; i >= 0; i--) stack.push(node.properties[i]!.value);
    } else if (node.type === 'JSONArrayExpression') {
      for (let i = node.elements.length - 1; i >= 0; i--) stack.push(node.elements[i] ?? null);
    }
  }
  return objects;
}

function createOptionsObjects(model: ManifestModel): Set<JSONNode> {
  const result = new Set<JSONNode>();
  for (const module of model.modules) {
    // Every createOptions key of settings, so that a repeated `createOptions` object is skipped too.
    for (const chunk of module.createOptions?.chunks ?? []) {
      if (chunk.property.value.type === 'JSONObjectExpression') result.add(chunk.property.value);
    }
  }
  return result;
}

function reportObject(object: JSONObject, tools: ManifestTools<MessageIds>, lineOf: (offset: number) => number): void {
  if (!hasRepeatedKey(object.properties)) return;
  const byKey = new Map<string, JSONProperty[]>();
  for (const property of object.properties) {
    const key = keyName(property);
    const group = byKey.get(key);
    if (group) group.push(property);
    else byKey.set(key, [property]);
  }
  for (const [key, properties] of byKey) {
    if (properties.length < 2) continue;
    const kept = properties[properties.length - 1]!;
    const line = lineOf(kept.key.range[0]);
    const path = formatPath(pathTo(object));
    for (const property of properties.slice(0, -1)) {
      const module = tools.model.moduleAt(property.range[0]);
      const data = { key, path, line, module: module?.name };
      tools.report({ module, range: property.key.range, messageId: module ? 'duplicateInModule' : 'duplicateKey', data });
    }
  }
}

export default createRule<[], MessageIds>({
  name: 'no-duplicate-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow keys given more than once in one object of the manifest',
      recommended: 'error',
      strict: 'error',
      owns: ['duplicate keys in the manifest itself'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      duplicateInModule:
        'Module "{{module}}": key "{{key}}" appears twice in {{path}}; IoT Hub and the GPU device keep only the one on line {{line}} and drop this one.',
      duplicateKey:
        'Manifest key "{{key}}" appears twice in {{path}}; IoT Hub and the GPU device keep only the one on line {{line}} and drop this one.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const skipped = createOptionsObjects(tools.model);
        // Line numbers for messages, from line starts found once per file and only when a key repeats.
        let starts: number[] | undefined;
        const lineOf = (offset: number): number => lastAtOrBefore((starts ??= eslintLineStarts(tools.model.text)), offset) + 1;
        for (const object of objectsOf(tools.model.root, skipped)) reportObject(object, tools, lineOf);
      },
    });
  },
});
