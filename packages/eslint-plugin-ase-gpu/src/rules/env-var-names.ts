import { renameKey, replaceValue, toFileEdit } from '../fix/json-edits.js';
import { getTranslation } from '../kubernetes/translate.js';
import type { EnvVar } from '../kubernetes/types.js';
import { isValidEnvName } from '../kubernetes/validation.js';
import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import type { JSONStringLiteral } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { envVarNode } from '../fix/env-edits.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { autofixDefaultOptions, autofixMigrationOptions, autofixOptionSchema, type AutofixOption } from '../rule-harness/autofix-option.js';

type MessageIds = 'invalidName' | 'rename';
type Options = [AutofixOption];

/** `:` → `__`: .NET configuration reads both as the hierarchy separator (ASE-MIG, ASE-RN #18). */
function dotNetName(name: string): string {
  return name.replaceAll(':', '__');
}

/** Renames the `NAME` of a `NAME=value` string: only the name's characters when they are written plainly. */
function renameEnvElement(createOptions: CreateOptions, element: JSONStringLiteral, name: string, replacement: string, tools: ManifestTools<MessageIds>): TextEdit[] | null {
  const start = element.range[0] + 1;
  const plain = createOptions.text.slice(start, start + name.length) === name;
  const edit: InnerEdit = plain
    ? { start, end: start + name.length, text: replacement }
    : replaceValue(tools.innerDocument(createOptions), element, `${replacement}${element.value.slice(name.length)}`);
  return tools.innerEdits(createOptions, [edit]);
}

function renameEdits(module: ModuleModel, variable: EnvVar, userEnv: readonly EnvVar[], replacement: string, tools: ManifestTools<MessageIds>): TextEdit[] | null {
  // Two variables of one name would change which value the container sees.
  if (userEnv.some((other) => other.name === replacement)) return null;
  const node = envVarNode(module, variable);
  if (!node) return null;
  if (node.source === 'env-section') {
    return [toFileEdit(renameKey(node.entry.property, replacement))];
  }
  return renameEnvElement(node.createOptions, node.element, variable.name, replacement, tools);
}

export default createRule<Options, MessageIds>({
  name: 'env-var-names',
  meta: {
    type: 'problem',
    docs: {
      description: "Enforce environment variable names that the device's Kubernetes version accepts",
      recommended: 'error',
      strict: 'error',
      owns: ['ENV-NAME-K8S'],
      fixPolicy: 'option',
      migrationOptions: autofixMigrationOptions(),
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: autofixOptionSchema('Apply the ":" → "__" rename with --fix instead of offering it as a suggestion.'),
    defaultOptions: autofixDefaultOptions(),
    messages: {
      invalidName:
        'Module "{{module}}": Kubernetes {{kubernetesVersion}} rejects the environment variable name "{{name}}", so the deployment fails on the GPU device. Rename it.',
      rename: 'Rename "{{name}}" to "{{replacement}}" (.NET configuration reads "__" as ":").',
    },
  },
  defaultOptions: autofixDefaultOptions(),
  create(context, [options]) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const profile = tools.profile;
        // The names the container would get, with where each came from (the agent's own variables are valid).
        for (const translated of getTranslation(tools.model, profile).modules) {
          const module = translated.module;
          const userEnv = translated.env.filter((variable) => variable.source !== 'agent');
          for (const variable of userEnv) {
            if (isValidEnvName(variable.name, profile.kubernetesMinor) || isPlaceholder(variable.name)) continue;
            const replacement = dotNetName(variable.name);
            const edits = replacement !== variable.name && isValidEnvName(replacement, profile.kubernetesMinor) ? renameEdits(module, variable, userEnv, replacement, tools) : null;
            const fix = tools.fixFrom(edits);
            tools.report({
              module,
              range: variable.origin.range,
              messageId: 'invalidName',
              data: { module: module.name, name: variable.name, kubernetesVersion: profile.kubernetesVersion },
              fix: options.autofix ? fix : null,
              suggest: [fix ? { messageId: 'rename', data: { name: variable.name, replacement }, fix } : null],
            });
          }
        }
      },
    });
  },
});
