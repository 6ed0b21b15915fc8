import { removeElement, removeProperty, renameKey } from '../fix/json-edits.js';
import { addK8sVolumeEdits } from '../fix/k8s-volumes.js';
import { getTranslation } from '../kubernetes/index.js';
import { sanitizeDnsLabel } from '../kubernetes/names.js';
import { formatBytes } from '../kubernetes/quantities.js';
import type { ModuleTranslation } from '../kubernetes/types.js';
import { parseBind } from '../manifest/binds.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfig, hostConfigMember } from '../manifest/host-config.js';
import { findProperty, isArray, isNumberLiteral, isObject, isStringLiteral, type JSONObject } from '../manifest/json-ast.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'incompleteMount' | 'ignoredMountType' | 'sharedVolume' | 'invalidBindSource' | 'duplicateTarget' | 'suggestEmptyDir';

/** The Mounts entries of a module, with their file ranges (how the translation names its origins). */
function mountEntries(createOptions: CreateOptions): { entry: JSONObject; index: number; range: [number, number] }[] {
  const list = hostConfigMember(createOptions, 'Mounts')?.value;
  if (!isArray(list)) return [];
  return list.elements.flatMap((entry, index) => (isObject(entry) ? [{ entry, index, range: createOptions.fileRange(entry) }] : []));
}

/** What each generated volume was made from, as written (a Binds host path, a Mount's Source), by origin start. */
function writtenSources(createOptions: CreateOptions): Map<number, string> {
  const sources = new Map<number, string>();
  const binds = hostConfigMember(createOptions, 'Binds')?.value;
  if (isArray(binds)) {
    for (const element of binds.elements) {
      const hostPath = isStringLiteral(element) ? parseBind(element.value)?.hostPath : undefined;
      if (hostPath !== undefined) sources.set(createOptions.fileRange(element!)[0], hostPath);
    }
  }
  for (const mount of mountEntries(createOptions)) {
    const source = findProperty(mount.entry, 'Source', { ignoreCase: true })?.value;
    if (isStringLiteral(source)) sources.set(mount.range[0], source.value);
  }
  return sources;
}

function describeSource(source: string): string {
  return source === 'binds' ? 'Binds entry' : source === 'mount-volume' ? 'volume Mount' : 'bind Mount';
}

/** A memory emptyDir through k8s-experimental.volumes in place of a tmpfs Mount. */
function emptyDirSuggestion(createOptions: CreateOptions, mount: { entry: JSONObject; index: number }, target: string, tools: ManifestTools<MessageIds>) {
  const hostConfigObject = hostConfig(createOptions);
  const mountsProperty = hostConfigMember(createOptions, 'Mounts');
  if (!hostConfigObject || !mountsProperty || !isArray(mountsProperty.value)) return null;
  const name = sanitizeDnsLabel(`tmpfs-${target}`);
  if (!name.ok) return null;
  const sizeNode = findProperty(findProperty(mount.entry, 'TmpfsOptions', { ignoreCase: true })?.value as JSONObject | undefined, 'SizeBytes', { ignoreCase: true })?.value;
  const emptyDir: Record<string, unknown> = { medium: 'Memory' };
  if (isNumberLiteral(sizeNode) && sizeNode.value > 0) emptyDir.sizeLimit = formatBytes(sizeNode.value);
  const volumeEntry = { volume: { name: name.name, emptyDir }, volumeMounts: [{ name: name.name, mountPath: target }] };
  const document = tools.innerDocument(createOptions);
  const add = addK8sVolumeEdits(document, createOptions, volumeEntry);
  if (!add) return null;
  const remove = mountsProperty.value.elements.length === 1 ? removeProperty(hostConfigObject, mountsProperty) : removeElement(mountsProperty.value, mount.index);
  return tools.fixFrom(tools.innerEdits(createOptions, [remove, ...add]));
}

function checkModule(translated: ModuleTranslation, createOptions: CreateOptions, tools: ManifestTools<MessageIds>): void {
  const module = translated.module;
  const mounts = mountEntries(createOptions);
  const mountAt = new Map(mounts.map((mount) => [mount.range[0], mount]));

  for (const failure of translated.failures) {
    if (failure.code === 'mount-incomplete') {
      const mount = mountAt.get(failure.origin.range[0]);
      const destination = mount ? findProperty(mount.entry, 'Destination', { ignoreCase: true }) : undefined;
      const hasTarget = mount ? findProperty(mount.entry, 'Target', { ignoreCase: true }) : undefined;
      const canRename = destination && !hasTarget && String(failure.data.missing) === 'Target';
      tools.report({
        module,
        range: failure.origin.range,
        messageId: 'incompleteMount',
        data: {
          module: module.name,
          missing: failure.data.missing,
          advice: canRename ? 'rename Destination (the docker inspect spelling) to Target' : 'give the entry its Type ("bind" or "volume"), Source and Target',
        },
        fix: canRename ? tools.fixFrom(tools.innerEdits(createOptions, [renameKey(destination, 'Target')])) : null,
      });
    } else if (failure.code === 'mount-path-duplicate' && !failure.origin.path.includes('k8s-experimental')) {
      // Binds and Mounts only: a k8s-experimental volumeMount on a taken path is valid-k8s-experimental's.
      tools.report({ module, range: failure.origin.range, messageId: 'duplicateTarget', data: { module: module.name, target: failure.data.mountPath } });
    } else if (failure.code === 'volume-name-invalid' && mountAt.has(failure.origin.range[0])) {
      const mount = mountAt.get(failure.origin.range[0])!;
      const type = findProperty(mount.entry, 'Type', { ignoreCase: true })?.value;
      // Claim names of volume Mounts belong to known-share-volumes.
      if (isStringLiteral(type) && type.value.toLowerCase() === 'volume') continue;
      tools.report({ module, range: failure.origin.range, messageId: 'invalidBindSource', data: { module: module.name, source: failure.data.source } });
    }
  }

  let sources: Map<number, string> | undefined;
  const mountsByOrigin = new Map(translated.volumeMounts.map((mount) => [mount.origin.range[0], mount]));
  const keptByName = new Map(translated.volumes.filter((volume) => volume.source !== 'k8s-experimental').map((volume) => [volume.name, volume]));
  for (const dropped of translated.dropped) {
    if (dropped.code === 'mount-type-ignored') {
      const type = String(dropped.data.type);
      const target = String(dropped.data.target);
      const mount = mounts.find((candidate) => candidate.range[0] <= dropped.origin.range[0] && dropped.origin.range[1] <= candidate.range[1]);
      const isTmpfs = type.toLowerCase() === 'tmpfs';
      tools.report({
        module,
        range: dropped.origin.range,
        messageId: 'ignoredMountType',
        data: { module: module.name, type, target, advice: isTmpfs ? 'for memory-backed scratch space, use a k8s-experimental.volumes emptyDir with medium "Memory"' : 'use a bind or volume Mount, or a k8s-experimental.volumes entry' },
        suggest: [isTmpfs && mount ? { messageId: 'suggestEmptyDir', data: { target }, fix: emptyDirSuggestion(createOptions, mount, target, tools) } : null].filter(
          (suggestion): suggestion is NonNullable<typeof suggestion> => Boolean(suggestion?.fix),
        ) as never,
      });
    } else if (dropped.code === 'volume-deduplicated') {
      const name = String(dropped.data.name);
      const lostMount = mountsByOrigin.get(dropped.origin.range[0]);
      const kept = keptByName.get(name);
      if (!kept) continue;
      sources ??= writtenSources(createOptions);
      const lostSource = sources.get(dropped.origin.range[0]);
      const keptSource = sources.get(kept.origin.range[0]);
      // The same source written twice shares one volume on purpose.
      if (lostSource === undefined || keptSource === undefined || lostSource === keptSource) continue;
      tools.report({
        module,
        range: dropped.origin.range,
        messageId: 'sharedVolume',
        data: { module: module.name, what: describeSource(lostMount?.source ?? 'binds'), source: lostSource, other: keptSource, name },
      });
    }
  }
}

export default createRule<[], MessageIds>({
  name: 'valid-mounts',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HostConfig.Mounts entries that the agent can translate into the volumes they describe',
      recommended: 'error',
      strict: 'error',
      owns: ['ST-MOUNT-FIELDS', 'ST-MOUNT-TYPE', 'ST-NAME-COLLISION'],
      fixPolicy: 'fix+suggestion',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      incompleteMount:
        'Module "{{module}}" has a Mounts entry without {{missing}}, so the deployment fails on the GPU device; {{advice}}.',
      ignoredMountType:
        'Module "{{module}}" mounts Type "{{type}}" at {{target}}, which the GPU device ignores, so nothing is mounted; {{advice}}.',
      sharedVolume:
        'Module "{{module}}": this {{what}} of "{{source}}" and the one of "{{other}}" both become volume "{{name}}", so both mount "{{other}}".',
      invalidBindSource:
        'Module "{{module}}" binds "{{source}}", which leaves no valid volume name, so the deployment fails on the GPU device.',
      duplicateTarget:
        'Module "{{module}}" mounts a second volume at "{{target}}", so on the GPU device Kubernetes rejects the pod and the module is not created.',
      suggestEmptyDir: 'Replace the tmpfs Mount with a memory-backed emptyDir volume mounted at {{target}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = readableCreateOptions(module)?.createOptions;
        if (!createOptions) return;
        const translated = getTranslation(tools.model, tools.profile).module(module);
        if (translated) checkModule(translated, createOptions, tools);
      },
    });
  },
});
