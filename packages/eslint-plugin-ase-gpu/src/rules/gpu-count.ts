import { parseQuantity } from '../kubernetes/quantities.js';
import { isNumberLiteral, isStringLiteral, keyName, staticValue, valueText, type JSONExpression, type JSONProperty } from '../manifest/json-ast.js';
import { k8sResourceEntries } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { LARGEST_GPU_COUNT } from '../settings/device-profile.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'notPositiveInteger' | 'aboveDevice' | 'aboveLargestModel' | 'overCommitted' | 'overLargestModel';

const GPU_RESOURCE = 'nvidia.com/gpu';

/** The effective `nvidia.com/gpu` entry of limits or requests (the last of duplicates). */
function gpuEntry(module: ModuleModel, kind: 'limits' | 'requests'): JSONProperty | undefined {
  return k8sResourceEntries(module.createOptions, kind)
    .filter((entry) => keyName(entry) === GPU_RESOURCE)
    .pop();
}

/** The amount asked for, or undefined when it cannot be judged here (placeholders, text that is no quantity). */
function amountOf(value: JSONExpression): number | undefined {
  if (isNumberLiteral(value)) return value.value;
  if (value.type === 'JSONUnaryExpression') {
    const plain = staticValue(value);
    return typeof plain === 'number' ? plain : undefined;
  }
  if (isStringLiteral(value) && !isPlaceholder(value.value)) return parseQuantity(value.value);
  return undefined;
}

function describe(value: JSONExpression): string {
  return isStringLiteral(value) ? JSON.stringify(value.value) : valueText(value);
}

function isStopped(module: ModuleModel): boolean {
  const status = module.status?.value;
  return isStringLiteral(status) && status.value.toLowerCase() === 'stopped';
}

export default createRule<[], MessageIds>({
  name: 'gpu-count',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require nvidia.com/gpu counts that are positive whole numbers the device can satisfy, per module and for the whole deployment',
      recommended: 'error',
      strict: 'error',
      owns: ['RES-GPU-COUNT'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      notPositiveInteger:
        'Module "{{module}}" asks for {{value}} nvidia.com/gpu in resources.{{kind}}, not a positive whole number: the GPU device rejects a fraction, and 0 gives no GPU.',
      aboveDevice:
        'Module "{{module}}" asks for {{value}} nvidia.com/gpu in k8s-experimental.resources.{{kind}}, but the GPU device has {{gpuCount}}, so the pod stays Pending.',
      aboveLargestModel:
        'Module "{{module}}" asks for {{value}} nvidia.com/gpu in k8s-experimental.resources.{{kind}}, above the {{largest}} of any GPU device, so the pod stays Pending.',
      overCommitted:
        'Module "{{module}}" holds {{value}} nvidia.com/gpu, {{total}} in all ({{holders}}) of the GPU device\'s {{gpuCount}}, so one of them stays Pending.',
      overLargestModel:
        'Module "{{module}}" holds {{value}} nvidia.com/gpu, {{total}} in all ({{holders}}), above the {{largest}} of any GPU device, so one of them stays Pending.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = appliedCreateOptions(module)?.createOptions;
        if (!createOptions) return;
        const gpuCount = tools.profile.gpuCount;
        for (const kind of ['limits', 'requests'] as const) {
          const entry = gpuEntry(module, kind);
          const amount = entry ? amountOf(entry.value) : undefined;
          if (!entry || amount === undefined) continue;
          const value = describe(entry.value);
          const range = createOptions.fileRange(entry.value);
          if (!Number.isInteger(amount) || amount <= 0) tools.report({ module, range, messageId: 'notPositiveInteger', data: { module: module.name, kind, value } });
          else if (gpuCount !== undefined && amount > gpuCount) tools.report({ module, range, messageId: 'aboveDevice', data: { module: module.name, kind, value, gpuCount } });
          else if (gpuCount === undefined && amount > LARGEST_GPU_COUNT) tools.report({ module, range, messageId: 'aboveLargestModel', data: { module: module.name, kind, value, largest: LARGEST_GPU_COUNT } });
        }
      },
      manifest(tools) {
        // The sum is a statement about the whole deployment: a layered fragment alone cannot make it.
        if (tools.model.layered && !tools.profile.baseDeployment) return;
        const gpuCount = tools.profile.gpuCount;
        const capacity = gpuCount ?? LARGEST_GPU_COUNT;
        const holders: string[] = [];
        let total = 0;
        for (const module of tools.model.modules) {
          const createOptions = appliedCreateOptions(module)?.createOptions;
          // A stopped module has no pod (replicas 0) and holds nothing.
          if (!createOptions || isStopped(module)) continue;
          const entry = gpuEntry(module, 'limits');
          const amount = entry ? amountOf(entry.value) : undefined;
          // Counts that are wrong on their own are reported per module, not summed.
          if (!entry || amount === undefined || !Number.isInteger(amount) || amount <= 0 || amount > capacity) continue;
          total += amount;
          holders.push(module.name);
          if (total > capacity) {
            const data = { module: module.name, value: describe(entry.value), total: String(total), holders: holders.join(', ') };
            tools.report({
              module,
              range: createOptions.fileRange(entry.value),
              ...(gpuCount === undefined ? { messageId: 'overLargestModel', data: { ...data, largest: LARGEST_GPU_COUNT } } : { messageId: 'overCommitted', data: { ...data, gpuCount } }),
            });
            return;
          }
        }
      },
    });
  },
});
