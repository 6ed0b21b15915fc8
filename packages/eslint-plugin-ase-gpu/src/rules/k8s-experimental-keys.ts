import { renameKey } from '../fix/json-edits.js';
import { closingBraceLock } from '../fix/lock-range.js';
import { findProperty, keyName } from '../manifest/json-ast.js';
import { k8sSection } from '../manifest/k8s-experimental.js';
import { isKnownK8sKey, k8sKeyAlias } from '../manifest/k8s-section-names.js';
import type { K8sKey } from '../manifest/k8s-experimental.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'unknownKey' | 'aliasKey' | 'aliasBesideKey';

export default createRule<[], MessageIds>({
  name: 'k8s-experimental-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow k8s-experimental keys that the IoT Edge agent on Kubernetes does not read',
      recommended: 'warn',
      strict: 'error',
      owns: ['K8S-UNKNOWN-KEY'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      unknownKey: 'Module "{{module}}": k8s-experimental key "{{key}}" is not one the agent knows, so the GPU device ignores it.',
      aliasKey:
        'Module "{{module}}": the GPU device ignores k8s-experimental key "{{key}}", which the agent knows only as "{{canonical}}". Rename it.',
      aliasBesideKey:
        'Module "{{module}}": the GPU device ignores k8s-experimental key "{{key}}" and reads only the "{{canonical}}" beside it. Merge the two.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        const section = k8sSection(readable?.createOptions);
        if (!readable || !section) return;
        const { createOptions, root } = readable;
        const renamed = new Set<K8sKey>();
        for (const property of section.properties) {
          const key = keyName(property);
          if (isKnownK8sKey(key)) continue;
          const canonical = k8sKeyAlias(key);
          const range = createOptions.fileRange(property.key);
          if (!canonical) {
            tools.report({ module, range, messageId: 'unknownKey', data: { module: module.name, key } });
            continue;
          }
          if (findProperty(section, canonical, { ignoreCase: true })) {
            tools.report({ module, range, messageId: 'aliasBesideKey', data: { module: module.name, key, canonical } });
            continue;
          }
          // Two aliases of one key: rename the first now, the other becomes aliasBesideKey next pass.
          const fix = renamed.has(canonical) ? null : tools.fixFrom(tools.innerEdits(createOptions, [closingBraceLock(root), renameKey(property, canonical)]));
          renamed.add(canonical);
          tools.report({ module, range, messageId: 'aliasKey', data: { module: module.name, key, canonical }, fix });
        }
      },
    });
  },
});
