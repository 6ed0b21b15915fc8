import { isStringLiteral, keyName } from '../manifest/json-ast.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'stringCommand';

/** The agent reads these two through a case-insensitive copy of createOptions (domain section 2). */
const COMMAND_KEY = /^(?:cmd|entrypoint)$/iu;

export default createRule<[], MessageIds>({
  name: 'cmd-entrypoint-array',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require createOptions Cmd and Entrypoint to be arrays of strings',
      recommended: 'error',
      strict: 'error',
      owns: ['CO-CMD-ENTRYPOINT-ARRAY'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      stringCommand:
        'Module "{{module}}": createOptions {{key}} is a string; the agent on the GPU device reads it only as an array, so the deployment fails. Write ["..."].',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        if (!readable) return;
        const { createOptions, root } = readable;
        for (const property of root.properties) {
          const key = keyName(property);
          if (!COMMAND_KEY.test(key) || !isStringLiteral(property.value)) continue;
          const value = property.value;
          // Brackets around the literal as written: its escapes and placeholders stay as they are.
          const edits = tools.innerEdits(createOptions, [
            { start: value.range[0], end: value.range[0], text: '[' },
            { start: value.range[1], end: value.range[1], text: ']' },
          ]);
          tools.report({
            module,
            range: createOptions.fileRange(value),
            messageId: 'stringCommand',
            data: { module: module.name, key },
            fix: tools.fixFrom(edits),
          });
        }
      },
    });
  },
});
