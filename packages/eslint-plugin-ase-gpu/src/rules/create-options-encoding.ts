import { compactJSON } from '../fix/compact-json.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'objectInDeployment';

export default createRule<[], MessageIds>({
  name: 'create-options-encoding',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require createOptions to be a JSON-encoded string in deployment manifests',
      recommended: 'error',
      strict: 'error',
      owns: ['CO-STRING'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      objectInDeployment:
        'Module "{{module}}": the Azure CLI rejects object createOptions in a deployment, so nothing reaches the GPU device. Write a string ({{maxChunkLength}}/chunk).',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        if (tools.model.kind !== 'deployment' || !readable || readable.createOptions.encoding !== 'object') return;
        const { createOptions, root } = readable;
        const text = compactJSON(root);
        const maxChunkLength = tools.profile.maxChunkLength;
        tools.report({
          module,
          range: createOptions.firstProperty.key.range,
          messageId: 'objectInDeployment',
          data: { module: module.name, maxChunkLength },
          fix: text === null ? null : tools.fixFrom(createOptions.rewriteChunks(text, { maxChunkLength })),
        });
      },
    });
  },
});
