import { setAtPath } from '../fix/json-edits.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isObject, isStringLiteral, keyName, stringAt, type JSONNode } from '../manifest/json-ast.js';
import { isExtendedResource, k8sMember, k8sResourceEntries, K8S_SECTION } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'missingRecreate';

interface Trigger {
  readonly node: JSONNode;
  readonly reason: string;
}

/**
 * What makes a rolling update deadlock on the single-node device, first found first: an exclusive
 * resource the old pod holds. Volume claims are not: the agent's claims are ReadWriteMany or
 * ReadOnlyMany (KubernetesPvcMapper), which the new pod mounts beside the old one.
 */
function findTrigger(module: ModuleModel): Trigger | undefined {
  const createOptions = module.createOptions;
  for (const kind of ['limits', 'requests'] as const) {
    const extended = k8sResourceEntries(createOptions, kind).find((entry) => isExtendedResource(keyName(entry)));
    if (extended) return { node: extended.key, reason: `it holds the extended resource "${keyName(extended)}" exclusively` };
  }
  const networkMode = hostConfigValue(createOptions, 'NetworkMode');
  if (isStringLiteral(networkMode) && networkMode.value.toLowerCase() === 'host') return { node: networkMode, reason: 'it uses the host network, whose ports the old pod still holds' };
  return undefined;
}

function hasRecreate(module: ModuleModel): boolean {
  const strategy = k8sMember(module.createOptions, 'strategy')?.value;
  const type = isObject(strategy) ? stringAt(strategy, 'type', { ignoreCase: true }) : undefined;
  return type?.value === 'Recreate';
}

export default createRule<[], MessageIds>({
  name: 'require-recreate-strategy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the Recreate deployment strategy for modules that hold GPUs or other extended resources, or the host network',
      recommended: 'warn',
      strict: 'error',
      owns: ['RES-RECREATE'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      missingRecreate:
        'Module "{{module}}" needs k8s-experimental.strategy.type "Recreate" because {{reason}}; on the GPU device a rolling update waits forever.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        if (!readable || hasRecreate(module)) return;
        const { createOptions, root } = readable;
        const trigger = findTrigger(module);
        if (!trigger) return;
        const strategy = k8sMember(createOptions, 'strategy');
        const section = findProperty(root, K8S_SECTION);
        const document = tools.innerDocument(createOptions);
        // A rollingUpdate block is invalid next to Recreate: replace the whole strategy then.
        const edit =
          section && !isObject(section.value)
            ? null
            : strategy && isObject(strategy.value) && !strategy.value.properties.some((member) => keyName(member).toLowerCase() === 'rollingupdate')
              ? setAtPath(document, strategy.value, ['type'], 'Recreate', { ignoreCase: true })
              : strategy && isObject(section?.value)
                ? setAtPath(document, section.value, [keyName(strategy)], { type: 'Recreate' })
                : setAtPath(document, root, [K8S_SECTION, 'strategy'], { type: 'Recreate' });
        tools.report({
          module,
          range: createOptions.fileRange(trigger.node),
          messageId: 'missingRecreate',
          data: { module: module.name, reason: trigger.reason },
          fix: tools.fixFrom(tools.innerEdits(createOptions, [edit])),
        });
      },
    });
  },
});
