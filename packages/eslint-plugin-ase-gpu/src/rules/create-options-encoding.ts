import { compactJSON } from '../fix/compact-json.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor } from '../util/manifest-rule.js';
import { readableCreateOptions } from '../util/readable-create-options.js';

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
        'Module "{{module}}": createOptions is a JSON object in a deployment manifest, where it must be a JSON-encoded string (only deployment templates may hold an object). The Azure CLI validates createOptions as a string and rejects the manifest, so nothing reaches the GPU device; write it as a string, split into chunks of {{maxChunkLength}} characters when it is longer.',
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
