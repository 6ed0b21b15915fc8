import { removeProperty, setAtPath } from '../fix/json-edits.js';
import { findProperty, isObject, keyName, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'containerKey' | 'movePrivileged';

/**
 * Members of a container securityContext that a V1PodSecurityContext does not have: the agent reads
 * the section into the pod type, and unknown members vanish (domain section 3.2).
 */
const CONTAINER_KEYS = ['privileged', 'capabilities', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'procMount'];

/** What each dropped key means to the module, for the message. */
const LOST: Readonly<Record<string, string>> = {
  privileged: 'the container does not run privileged',
  capabilities: 'it gets no added capabilities',
  allowPrivilegeEscalation: 'privilege escalation stays at the Kubernetes default',
  readOnlyRootFilesystem: 'the root filesystem stays writable',
  procMount: '/proc is mounted the default way',
};

const REMEDY: Readonly<Record<string, string>> = {
  privileged: 'set HostConfig.Privileged to true instead',
  capabilities: 'use HostConfig.Privileged if it needs them, or remove the key',
  allowPrivilegeEscalation: 'remove the key',
  readOnlyRootFilesystem: 'remove the key',
  procMount: 'remove the key',
};

function privilegedSuggestion(module: ModuleModel, context: JSONObject, property: JSONProperty, tools: ManifestTools<MessageIds>): Suggestion<MessageIds> | null {
  const createOptions = module.createOptions!;
  const root = createOptions.rootObject!;
  const document = tools.innerDocument(createOptions);
  const hostConfig = findProperty(root, 'HostConfig', { ignoreCase: true });
  if (hostConfig && !isObject(hostConfig.value)) return null;
  const fix = tools.fixFrom(tools.innerEdits(createOptions, [removeProperty(context, property), setAtPath(document, root, ['HostConfig', 'Privileged'], true, { ignoreCase: true })]));
  return fix ? { messageId: 'movePrivileged', data: { module: module.name }, fix } : null;
}

export default createRule<[], MessageIds>({
  name: 'pod-security-context',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow container-level keys in k8s-experimental.securityContext, which the agent applies to the pod only',
      recommended: 'warn',
      strict: 'warn',
      owns: ['K8S-SECURITYCONTEXT-POD-ONLY'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      containerKey:
        'Module "{{module}}": the GPU device drops container setting securityContext.{{key}}, so {{lost}}; {{remedy}}.',
      movePrivileged: 'Module "{{module}}": remove securityContext.privileged and set HostConfig.Privileged to true.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = readableCreateOptions(module)?.createOptions;
        if (!createOptions) return;
        const securityContext = k8sMember(createOptions, 'securityContext')?.value;
        if (!isObject(securityContext)) return;
        for (const property of securityContext.properties) {
          const key = CONTAINER_KEYS.find((name) => name.toLowerCase() === keyName(property).toLowerCase());
          if (!key) continue;
          const value = property.value;
          const privilegedTrue = key === 'privileged' && value.type === 'JSONLiteral' && value.value === true;
          tools.report({
            module,
            range: createOptions.fileRange(property.key),
            messageId: 'containerKey',
            data: {
              module: module.name,
              key: keyName(property),
              ...(key === 'privileged' && !privilegedTrue
                ? { lost: 'it has no effect', remedy: 'remove the key' }
                : { lost: LOST[key], remedy: REMEDY[key] }),
            },
            suggest: privilegedTrue ? [privilegedSuggestion(module, securityContext, property, tools)] : [],
          });
        }
      },
    });
  },
});
