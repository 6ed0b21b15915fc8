import { isGpuDevicePath } from '../docker/device-paths.js';
import { mergeIntoCreateOptions } from '../fix/merge-object.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfigMember, hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isArray, isNumberLiteral, isObject, isStringLiteral, keyName, stringAt, type JSONNode, type JSONObject } from '../manifest/json-ast.js';
import { K8S_SECTION, k8sMember, k8sResourceEntries } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { moduleEnvValue } from '../manifest/module-env.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { LARGEST_GPU_COUNT } from '../settings/device-profile.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'ignoredDeviceRequests' | 'ignoredRuntime' | 'ignoredGpuDevice' | 'addGpuLimit' | 'addGpuLimitAndRecreate';

export const GPU_RESOURCE = 'nvidia.com/gpu';

interface Trigger {
  readonly node: JSONNode;
  readonly messageId: 'ignoredDeviceRequests' | 'ignoredRuntime' | 'ignoredGpuDevice';
  readonly data: Record<string, string>;
  /** GPUs the Docker setting gave the container; `all` for every GPU of the device. */
  readonly count: number | 'all';
}

function isGpuRequest(entry: JSONObject): boolean {
  const driver = stringAt(entry, 'Driver', { ignoreCase: true });
  if (driver && driver.value.toLowerCase() === 'nvidia') return true;
  const capabilities = findProperty(entry, 'Capabilities', { ignoreCase: true })?.value;
  return isArray(capabilities) && capabilities.elements.some((set) => isArray(set) && set.elements.some((capability) => isStringLiteral(capability) && capability.value.toLowerCase() === 'gpu'));
}

/** Docker's reading of one request: Count -1 is every GPU, DeviceIDs name them, neither is one GPU. */
function requestCount(entry: JSONObject): number | 'all' {
  const count = findProperty(entry, 'Count', { ignoreCase: true })?.value;
  const ids = findProperty(entry, 'DeviceIDs', { ignoreCase: true })?.value;
  if (count?.type === 'JSONUnaryExpression' && count.operator === '-') return 'all';
  if (isNumberLiteral(count) && count.value < 0) return 'all';
  if (isNumberLiteral(count) && Number.isInteger(count.value) && count.value > 0) return count.value;
  if (isArray(ids) && ids.elements.length > 0) return ids.elements.length;
  return 1;
}

function findTriggers(createOptions: CreateOptions): Trigger[] {
  const triggers: Trigger[] = [];
  const requests = hostConfigMember(createOptions, 'DeviceRequests');
  if (requests && isArray(requests.value)) {
    const gpuRequests = requests.value.elements.filter((entry): entry is JSONObject => isObject(entry) && isGpuRequest(entry));
    if (gpuRequests.length > 0) {
      const counts = gpuRequests.map(requestCount);
      const count = counts.includes('all') ? 'all' : (counts as number[]).reduce((sum, value) => sum + value, 0);
      triggers.push({ node: requests.key, messageId: 'ignoredDeviceRequests', data: {}, count });
    }
  }
  const runtime = hostConfigValue(createOptions, 'Runtime');
  // The nvidia runtime exposes what NVIDIA_VISIBLE_DEVICES names, which CUDA images set to "all".
  if (isStringLiteral(runtime) && runtime.value.toLowerCase() === 'nvidia') triggers.push({ node: runtime, messageId: 'ignoredRuntime', data: { runtime: runtime.value }, count: 'all' });
  const devices = hostConfigValue(createOptions, 'Devices');
  if (isArray(devices)) {
    const gpuNodes = devices.elements
      .map((entry) => (isObject(entry) ? stringAt(entry, 'PathOnHost', { ignoreCase: true }) : undefined))
      .filter((path) => path !== undefined && !isPlaceholder(path.value) && isGpuDevicePath(path.value));
    const numbered = new Set(gpuNodes.filter((path) => /^\/dev\/nvidia\d+$/u.test(path!.value.trim())).map((path) => path!.value.trim())).size;
    for (const path of gpuNodes) triggers.push({ node: path!, messageId: 'ignoredGpuDevice', data: { device: path!.value }, count: Math.max(1, numbered) });
  }
  return triggers;
}

/** The module already uses one of the two GPU mechanisms of the device: an exclusive limit, or sharing by env. */
function usesKubernetesGpus(module: ModuleModel): boolean {
  if (k8sResourceEntries(module.createOptions, 'limits').some((entry) => keyName(entry) === GPU_RESOURCE)) return true;
  const visible = moduleEnvValue(module, 'NVIDIA_VISIBLE_DEVICES')?.value?.trim().toLowerCase();
  return visible !== undefined && visible !== '' && visible !== 'void' && visible !== 'none';
}

export default createRule<[], MessageIds>({
  name: 'no-docker-gpu-requests',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Docker GPU requests (DeviceRequests, the nvidia runtime, GPU device nodes) without a Kubernetes GPU request',
      recommended: 'warn',
      strict: 'error',
      owns: ['RES-DOCKER-GPU-IGNORED'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      ignoredDeviceRequests:
        'Module "{{module}}" asks for GPUs in HostConfig.DeviceRequests, which the GPU device ignores, so Kubernetes reserves no GPU for it.',
      ignoredRuntime:
        'Module "{{module}}" selects the "{{runtime}}" runtime in HostConfig.Runtime, which the GPU device ignores, so Kubernetes reserves no GPU for it.',
      ignoredGpuDevice:
        'Module "{{module}}" maps the GPU device node "{{device}}" in HostConfig.Devices, which the GPU device ignores, so Kubernetes reserves no GPU for it.',
      addGpuLimit: 'Add k8s-experimental.resources.limits "nvidia.com/gpu": {{count}}.',
      addGpuLimitAndRecreate: 'Add k8s-experimental.resources.limits "nvidia.com/gpu": {{count}} and the Recreate deployment strategy.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const applied = appliedCreateOptions(module);
        if (!applied) return;
        const { createOptions, root } = applied;
        const triggers = findTriggers(createOptions);
        if (triggers.length === 0 || usesKubernetesGpus(module)) return;
        const gpuCount = tools.profile.gpuCount;
        // Every GPU of a device of unknown size: one, which every GPU device has.
        const wanted = triggers.reduce((most, trigger) => Math.max(most, trigger.count === 'all' ? (gpuCount ?? 1) : trigger.count), 0);
        const count = Math.min(wanted, gpuCount ?? LARGEST_GPU_COUNT);
        // An existing strategy is require-recreate-strategy's to change.
        const addStrategy = !k8sMember(createOptions, 'strategy');
        const patch = { [K8S_SECTION]: { resources: { limits: { [GPU_RESOURCE]: count } }, ...(addStrategy ? { strategy: { type: 'Recreate' } } : {}) } };
        const edits = count > 0 ? mergeIntoCreateOptions(tools.innerDocument(createOptions), root, patch) : null;
        const fix = tools.fixFrom(edits ? tools.innerEdits(createOptions, edits) : null);
        for (const trigger of triggers) {
          const data = { module: module.name, ...trigger.data, count: String(count) };
          tools.report({
            module,
            range: createOptions.fileRange(trigger.node),
            messageId: trigger.messageId,
            data,
            suggest: [fix && { messageId: addStrategy ? 'addGpuLimitAndRecreate' : 'addGpuLimit', data, fix }],
          });
        }
      },
    });
  },
});
