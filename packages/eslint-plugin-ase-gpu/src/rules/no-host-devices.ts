import { isFpgaDevicePath, isGpuDevicePath } from '../docker/device-paths.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { isArray, isObject, stringAt, type JSONExpression } from '../manifest/json-ast.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'ignoredDevice' | 'renamedUnderPrivileged';

function isTrue(node: JSONExpression | undefined): boolean {
  return node?.type === 'JSONLiteral' && node.value === true;
}

export default createRule<[], MessageIds>({
  name: 'no-host-devices',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow HostConfig.Devices entries other than GPU and FPGA ones, which the Kubernetes agent ignores',
      recommended: 'warn',
      strict: 'warn',
      owns: ['RES-DEVICES-IGNORED'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      ignoredDevice:
        'Module "{{module}}" maps the host device "{{device}}", but the GPU device ignores HostConfig.Devices, so the container does not get it.',
      renamedUnderPrivileged:
        'Module "{{module}}" maps "{{device}}" to "{{target}}", but the GPU device ignores HostConfig.Devices: the privileged container sees "{{device}}".',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = appliedCreateOptions(module)?.createOptions;
        if (!createOptions) return;
        const devices = hostConfigValue(createOptions, 'Devices');
        if (!isArray(devices)) return;
        const privileged = isTrue(hostConfigValue(createOptions, 'Privileged'));
        for (const entry of devices.elements) {
          if (!isObject(entry)) continue;
          const host = stringAt(entry, 'PathOnHost', { ignoreCase: true });
          if (!host || host.value.trim() === '' || isPlaceholder(host.value) || isGpuDevicePath(host.value) || isFpgaDevicePath(host.value)) continue;
          const target = stringAt(entry, 'PathInContainer', { ignoreCase: true })?.value;
          const renamed = target !== undefined && target !== '' && !isPlaceholder(target) && target !== host.value;
          // A privileged container sees every host device at its host path: only a new path is lost.
          if (privileged && !renamed) continue;
          tools.report({
            module,
            range: createOptions.fileRange(host),
            messageId: privileged ? 'renamedUnderPrivileged' : 'ignoredDevice',
            data: { module: module.name, device: host.value, target },
          });
        }
      },
    });
  },
});
