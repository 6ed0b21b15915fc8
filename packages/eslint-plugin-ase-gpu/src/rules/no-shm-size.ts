import { setAtPath } from '../fix/json-edits.js';
import { addK8sVolumeEdits } from '../fix/k8s-volumes.js';
import { formatBytes } from '../kubernetes/quantities.js';
import { parseBind } from '../manifest/binds.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfig, hostConfigMember, hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isArray, isNumberLiteral, isObject, isStringLiteral, stringAt } from '../manifest/json-ast.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';
import { trimEndChar } from '../manifest/trim.js';

type MessageIds = 'ignoredShmSize' | 'useHostIpc' | 'mountMemoryEmptyDir';

const SHM = '/dev/shm';
const VOLUME_NAME = 'dshm';

function isShm(path: string): boolean {
  return trimEndChar(path, '/') === SHM;
}

function isHostIpc(createOptions: CreateOptions): boolean {
  const value = hostConfigValue(createOptions, 'IpcMode');
  return isStringLiteral(value) && value.value.toLowerCase() === 'host';
}

/** `k8s-experimental.volumes` entries, as `{volume, volumeMounts}` objects. */
function k8sVolumeEntries(createOptions: CreateOptions) {
  const volumes = k8sMember(createOptions, 'volumes')?.value;
  return isArray(volumes) ? volumes.elements.filter(isObject) : [];
}

/** A volume of `k8s-experimental.volumes` mounted at /dev/shm: the module sizes /dev/shm itself. */
function k8sMountsShm(createOptions: CreateOptions): boolean {
  return k8sVolumeEntries(createOptions).some((entry) => {
    const mounts = findProperty(entry, 'volumeMounts', { ignoreCase: true })?.value;
    return isArray(mounts) && mounts.elements.some((mount) => isObject(mount) && isShmString(stringAt(mount, 'mountPath')?.value));
  });
}

function isShmString(value: string | undefined): boolean {
  return value !== undefined && isShm(value);
}

/** Binds or Mounts that target /dev/shm: a second mount at the same path would be rejected. */
function dockerMountsShm(createOptions: CreateOptions): boolean {
  const binds = hostConfigValue(createOptions, 'Binds');
  if (isArray(binds) && binds.elements.some((entry) => isStringLiteral(entry) && isShmString(parseBind(entry.value)?.containerPath))) return true;
  const mounts = hostConfigValue(createOptions, 'Mounts');
  return isArray(mounts) && mounts.elements.some((mount) => isObject(mount) && isShmString(stringAt(mount, 'Target', { ignoreCase: true })?.value));
}

function hasVolumeNamed(createOptions: CreateOptions, name: string): boolean {
  return k8sVolumeEntries(createOptions).some((entry) => {
    const volume = findProperty(entry, 'volume', { ignoreCase: true })?.value;
    return isObject(volume) && stringAt(volume, 'name')?.value === name;
  });
}

export default createRule<[], MessageIds>({
  name: 'no-shm-size',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow HostConfig.ShmSize, which the Kubernetes agent ignores',
      recommended: 'warn',
      strict: 'warn',
      owns: ['RES-SHM'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      ignoredShmSize:
        'Module "{{module}}" sets HostConfig.ShmSize {{size}} ({{quantity}}), which the GPU device ignores: /dev/shm stays 64Mi and programs needing more fail.',
      useHostIpc: 'Set HostConfig.IpcMode to "host" (the container shares the host IPC namespace and its /dev/shm).',
      mountMemoryEmptyDir: 'Mount a memory emptyDir "dshm" of {{quantity}} at /dev/shm through k8s-experimental.volumes.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const applied = appliedCreateOptions(module);
        if (!applied) return;
        const { createOptions } = applied;
        const property = hostConfigMember(createOptions, 'ShmSize');
        const size = property?.value;
        if (!property || !isNumberLiteral(size) || !Number.isSafeInteger(size.value) || size.value <= 0) return;
        if (isHostIpc(createOptions) || k8sMountsShm(createOptions)) return;
        const quantity = formatBytes(size.value);
        const document = tools.innerDocument(createOptions);
        const host = hostConfig(createOptions)!;
        const ipc = tools.fixFrom(tools.innerEdits(createOptions, [setAtPath(document, host, ['IpcMode'], 'host', { ignoreCase: true })]));
        const entry = {
          volume: { name: VOLUME_NAME, emptyDir: { medium: 'Memory', sizeLimit: quantity } },
          volumeMounts: [{ name: VOLUME_NAME, mountPath: SHM }],
        };
        let emptyDir = null;
        if (!dockerMountsShm(createOptions) && !hasVolumeNamed(createOptions, VOLUME_NAME)) {
          const edits = addK8sVolumeEdits(document, createOptions, entry);
          emptyDir = tools.fixFrom(edits ? tools.innerEdits(createOptions, edits) : null);
        }
        const data = { module: module.name, size: String(size.value), quantity };
        tools.report({
          module,
          range: createOptions.fileRange(property.key),
          messageId: 'ignoredShmSize',
          data,
          suggest: [ipc && { messageId: 'useHostIpc', data, fix: ipc }, emptyDir && { messageId: 'mountMemoryEmptyDir', data, fix: emptyDir }],
        });
      },
    });
  },
});
