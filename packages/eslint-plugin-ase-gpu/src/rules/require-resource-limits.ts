import { cgroupLimitName } from '../docker/cgroup-limits.js';
import { mergeIntoCreateOptions } from '../fix/merge-object.js';
import { isQuantity } from '../kubernetes/quantities.js';
import { hostConfig } from '../manifest/host-config.js';
import { findProperty, isObject, keyName, staticValue } from '../manifest/json-ast.js';
import { K8S_SECTION, k8sMember, k8sResourceEntries, k8sSection } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { autofixDefaultOptions, autofixMigrationOptions, autofixOptionSchema, type AutofixOption } from '../rule-harness/autofix-option.js';

type Resource = 'memory' | 'cpu';
type Options = [{ memory?: string; cpu?: string } & AutofixOption];
type MessageIds = 'missingLimits' | 'missingLimitsDockerSet' | 'addLimits';

/** HostConfig fields that no-docker-resource-limits moves into limits.<resource> (exact translations). */
const DOCKER_SOURCES: Readonly<Record<Resource, readonly string[]>> = {
  memory: ['Memory'],
  cpu: ['NanoCpus', 'CpuQuota'],
};

function setsSomething(value: unknown): boolean {
  return !(value === null || value === undefined || value === false || value === '' || (typeof value === 'number' && value <= 0));
}

/** The Docker field (as written) that no-docker-resource-limits will move into this limit, if any. */
function dockerSource(module: ModuleModel, resource: Resource): string | undefined {
  const host = hostConfig(module.createOptions);
  const property = host?.properties.findLast((member) => {
    const name = cgroupLimitName(keyName(member));
    return name !== undefined && DOCKER_SOURCES[resource].includes(name) && setsSomething(staticValue(member.value));
  });
  return property ? `HostConfig.${keyName(property)}` : undefined;
}

function describeMissing(missing: readonly Resource[]): string {
  return missing.length === 2 ? 'memory and CPU limits' : missing[0] === 'cpu' ? 'CPU limit' : 'memory limit';
}

export default createRule<Options, MessageIds>({
  name: 'require-resource-limits',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require memory and CPU limits in k8s-experimental.resources for every user module',
      recommended: 'off',
      strict: 'warn',
      owns: ['the seed\'s "memory and CPU limits are good practice"'],
      fixPolicy: 'option',
      migrationOptions: autofixMigrationOptions(),
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: autofixOptionSchema('Add the default values with --fix instead of offering them as a suggestion. Without default values there is nothing to add.', {
      memory: { type: 'string', pattern: '^[+]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|[eE][+]?\\d+)?$', description: 'The team default memory limit (a Kubernetes quantity such as "512Mi"); the suggestion adds it to modules without one.' },
      cpu: { type: 'string', pattern: '^[+]?(\\d+(\\.\\d*)?|\\.\\d+)(m|k|M|G|T|P|E|[eE][+]?\\d+)?$', description: 'The team default CPU limit (a Kubernetes quantity such as "500m"); the suggestion adds it to modules without one.' },
    }),
    defaultOptions: autofixDefaultOptions(),
    messages: {
      missingLimits:
        'Module "{{module}}" has no {{missing}} in k8s-experimental.resources.limits, so on the GPU device it can starve the modules it shares the node with.',
      missingLimitsDockerSet:
        'Module "{{module}}" has no {{missing}} in k8s-experimental.resources.limits, so it can starve others on the GPU device. Move {{docker}} there.',
      addLimits: 'Add the team default limits {{values}} to k8s-experimental.resources.limits.',
    },
  },
  defaultOptions: autofixDefaultOptions(),
  create(context, [options]) {
    const defaults: Partial<Record<Resource, string>> = {};
    if (options.memory !== undefined && isQuantity(options.memory)) defaults.memory = options.memory;
    if (options.cpu !== undefined && isQuantity(options.cpu)) defaults.cpu = options.cpu;
    return defineManifestVisitor(context, {
      module(module, tools) {
        if (module.system) return;
        const createOptions = module.createOptions;
        if (createOptions && (createOptions.parseError || (createOptions.root && !createOptions.rootObject))) return;
        const limits = new Set(k8sResourceEntries(createOptions, 'limits').map(keyName));
        const missing = (['memory', 'cpu'] as const).filter((resource) => !limits.has(resource));
        if (missing.length === 0) return;
        const fromDocker = missing.map((resource) => dockerSource(module, resource)).filter((source): source is string => source !== undefined);
        // A Docker limit that no-docker-resource-limits moves wins over a team default.
        const toAdd = missing.filter((resource) => defaults[resource] !== undefined && dockerSource(module, resource) === undefined);
        const root = createOptions?.rootObject;
        let fix = null;
        if (root && toAdd.length > 0) {
          const values = Object.fromEntries(toAdd.map((resource) => [resource, defaults[resource]!]));
          const edits = mergeIntoCreateOptions(tools.innerDocument(createOptions!), root, { [K8S_SECTION]: { resources: { limits: values } } });
          fix = tools.fixFrom(edits ? tools.innerEdits(createOptions!, edits) : null);
        }
        const data = {
          module: module.name,
          missing: describeMissing(missing),
          docker: fromDocker.join(' and '),
          values: toAdd.map((resource) => `${resource} "${defaults[resource]}"`).join(' and '),
        };
        tools.report({
          module,
          range: reportRange(module),
          messageId: fromDocker.length > 0 ? 'missingLimitsDockerSet' : 'missingLimits',
          data,
          fix: options.autofix ? fix : null,
          suggest: [fix ? { messageId: 'addLimits', data, fix } : null],
        });
      },
    });
  },
});

/** Where the limits would go: the deepest of limits, resources, the section, or else the module's name. */
function reportRange(module: ModuleModel): readonly [number, number] {
  const createOptions = module.createOptions;
  const section = k8sSection(createOptions);
  const resources = k8sMember(createOptions, 'resources');
  const limits = isObject(resources?.value) ? findProperty(resources.value, 'limits', { ignoreCase: true }) : undefined;
  const key = limits?.key ?? resources?.key ?? (section ? findProperty(createOptions!.rootObject, K8S_SECTION)!.key : undefined);
  return key && createOptions ? createOptions.fileRange(key) : module.property.key.range;
}
