import { removeElementsOrProperty } from '../fix/array-member-edits.js';
import { appendElement, appendElements, insertProperty, renameKey, replaceValue, setAtPath, type JSONDocument } from '../fix/json-edits.js';
import { classifyBindSource, isFileLikeSource, parseBind, shareNameOf, FPGA_SHARE_ROOT, type ParsedBind } from '../manifest/binds.js';
import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { hostConfig, hostConfigMember } from '../manifest/host-config.js';
import { findProperty, isArray, isObject, isStringLiteral, stringAt, type JSONArray, type JSONObject, type JSONProperty, type JSONStringLiteral } from '../manifest/json-ast.js';
import { k8sMember, K8S_SECTION } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { sanitizeDnsLabel } from '../kubernetes/names.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type FixFunction, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { trimEndChar } from '../manifest/trim.js';

type MessageIds =
  | 'shareBind'
  | 'shareSubpathBind'
  | 'shareMountBind'
  | 'namedVolumeBind'
  | 'relativePathBind'
  | 'hostPathBind'
  | 'windowsBind'
  | 'toVolumeMount'
  | 'toNamedVolumeMount'
  | 'toSubPathVolume';

/** A Docker named volume name (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`); anything else without a leading `/` is a relative path. */
const VOLUME_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]+$/u;
/** `C:\data`, `\\server\share` or any backslash: the agent splits these at the drive colon. */
const WINDOWS_PATH = /^[A-Za-z]:[\\/]|\\/u;

interface MountSpec {
  readonly Type: 'volume' | 'bind';
  readonly Source: string;
  readonly Target: string;
  readonly ReadOnly?: true;
}

function mountOf(type: MountSpec['Type'], source: string, bind: ParsedBind): MountSpec {
  return { Type: type, Source: source, Target: bind.containerPath, ...(bind.readOnly ? { ReadOnly: true as const } : {}) };
}

/**
 * Moves one Binds entry to `HostConfig.Mounts`: the entry leaves Binds (and Binds goes when it empties),
 * the Mount is appended to Mounts, created when missing (in the place of Binds when Binds goes).
 */
function bindToMountEdits(document: JSONDocument, host: JSONObject, binds: JSONProperty, index: number, mount: MountSpec): InnerEdit[] | null {
  return bindsToMountsEdits(document, host, binds, [{ index, mount }]);
}

/** Moves several Binds entries to Mounts in one set of edits (one insertion, one removal per entry). */
function bindsToMountsEdits(document: JSONDocument, host: JSONObject, binds: JSONProperty, moves: readonly AutoMove[]): InnerEdit[] | null {
  const mounts = findProperty(host, 'Mounts', { ignoreCase: true });
  if (mounts && !isArray(mounts.value)) return null;
  const array = binds.value as JSONArray;
  const specs = moves.map((move) => move.mount);
  if (array.elements.length === moves.length && !mounts) return [renameKey(binds, 'Mounts'), replaceValue(document, array, specs)];
  const removal = removeElementsOrProperty(host, binds, new Set(moves.map((move) => move.index)));
  if (!removal) return null;
  if (!mounts) return [...removal, insertProperty(document, host, 'Mounts', specs)];
  const appended = appendElements(document, mounts.value as JSONArray, specs);
  return appended ? [...removal, appended] : null;
}

/** Names of the pod volumes a module already has (k8s-experimental, Binds, Mounts), as the agent names them. */
function podVolumeNames(createOptions: CreateOptions): Set<string> {
  const names = new Set<string>();
  const volumes = k8sMember(createOptions, 'volumes')?.value;
  if (isArray(volumes)) {
    for (const entry of volumes.elements) {
      const volume = isObject(entry) ? findProperty(entry, 'volume', { ignoreCase: true })?.value : undefined;
      const name = isObject(volume) ? stringAt(volume, 'name') : undefined;
      if (name) names.add(name.value);
    }
  }
  const binds = hostConfigMember(createOptions, 'Binds')?.value;
  if (isArray(binds)) {
    for (const entry of binds.elements) {
      const parsed = isStringLiteral(entry) ? parseBind(entry.value) : undefined;
      const name = parsed ? sanitizeDnsLabel(parsed.hostPath) : undefined;
      if (name?.ok) names.add(name.name);
    }
  }
  const mounts = hostConfigMember(createOptions, 'Mounts')?.value;
  if (isArray(mounts)) {
    for (const entry of mounts.elements) {
      const source = isObject(entry) ? stringAt(entry, 'Source', { ignoreCase: true }) : undefined;
      const name = source ? sanitizeDnsLabel(source.value) : undefined;
      if (name?.ok) names.add(name.name);
    }
  }
  return names;
}

/**
 * A share sub-path as a `k8s-experimental.volumes` entry: the share's claim (the agent names claims with
 * SanitizeDNSLabel of the share, as for a volume Mount) mounted with `subPath`. Null when no volume name
 * is free or the section cannot take it.
 */
function subPathVolumeEdit(document: JSONDocument, createOptions: CreateOptions, share: string, subPath: string, bind: ParsedBind): InnerEdit | null {
  const root = createOptions.rootObject;
  const claim = sanitizeDnsLabel(share);
  const name = sanitizeDnsLabel(`${share}-${subPath}`);
  if (!root || !claim.ok || !name.ok || podVolumeNames(createOptions).has(name.name)) return null;
  const entry = {
    volume: { name: name.name, persistentVolumeClaim: { claimName: claim.name, ...(bind.readOnly ? { readOnly: true } : {}) } },
    volumeMounts: [{ name: name.name, mountPath: bind.containerPath, subPath, ...(bind.readOnly ? { readOnly: true } : {}) }],
  };
  const section = findProperty(root, K8S_SECTION);
  if (section && !isObject(section.value)) return null;
  const volumes = k8sMember(createOptions, 'volumes');
  if (volumes) return isArray(volumes.value) ? appendElement(document, volumes.value, entry) : null;
  return setAtPath(document, root, [K8S_SECTION, 'volumes'], [entry]);
}

/** A Binds entry that --fix moves to Mounts, and the Mounts entry it becomes. */
interface AutoMove {
  readonly index: number;
  readonly mount: MountSpec;
}

export interface NoBindsOptions {
  /**
   * Report host directories in Binds, which the agent mounts exactly as a bind Mount: the seed asks for
   * the Mounts form (default, kept by strict, migration and all); recommended turns it off.
   */
  readonly reportHostDirectories: boolean;
}

/**
 * What --fix does with a Binds entry: the Mounts entry it becomes, when that is certain (a share root,
 * a named volume the device profile lists, a host path the options report), else undefined
 * (suggestions, reports only).
 */
function autoMove(text: string, profile: { readonly shares: readonly string[] | undefined }, options: NoBindsOptions): MountSpec | undefined {
  if (isPlaceholder(text) || WINDOWS_PATH.test(text)) return undefined;
  const bind = parseBind(text);
  if (!bind || !bind.containerPath.startsWith('/')) return undefined;
  const kind = classifyBindSource(bind.hostPath);
  switch (kind) {
    case 'share-root':
      return mountOf('volume', shareNameOf(bind.hostPath)!, bind);
    case 'named-volume':
      return VOLUME_NAME.test(bind.hostPath) && (profile.shares?.includes(bind.hostPath) ?? false) ? mountOf('volume', bind.hostPath, bind) : undefined;
    case 'host-path':
      return options.reportHostDirectories ? mountOf('bind', bind.hostPath, bind) : undefined;
    default:
      return undefined;
  }
}

/**
 * `/home/hcsshares/$SHARE` or `/home/hcsshares/${SHARE}`: a share path whose share name is a
 * placeholder. Whatever the name becomes, the path is an FPGA share path and loses its data.
 */
function placeholderShare(text: string): ParsedBind | undefined {
  const bind = text.trimStart().startsWith(FPGA_SHARE_ROOT) ? parseBind(text) : undefined;
  return bind && bind.hostPath.trim().startsWith(FPGA_SHARE_ROOT) ? bind : undefined;
}

interface BindEntry {
  readonly module: ModuleModel;
  readonly createOptions: CreateOptions;
  readonly host: JSONObject;
  /** The Binds or Mounts property that holds the entry. */
  readonly holder: JSONProperty;
  readonly index: number;
  readonly node: JSONStringLiteral;
  /** The fix every fixable entry of the module shares: all of them move to Mounts in one pass. */
  readonly moduleFix: FixFunction | null;
}

export default createRule<[NoBindsOptions], MessageIds>({
  name: 'no-binds',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow HostConfig.Binds, which the GPU device mounts from its Kubernetes node instead of the device shares',
      recommended: 'error',
      strict: 'error',
      owns: ['ST-BINDS', 'ST-BINDS-ASE-SHARE', 'ST-NAMED-VOLUME-IN-BINDS'],
      // rules.md: share sub-paths, and named volumes the profile does not list, get suggestions.
      fixPolicy: 'fix+suggestion',
      // rules.md: a host directory deploys as the same hostPath as a bind Mount.
      recommendedOptions: { reportHostDirectories: false },
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: { reportHostDirectories: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportHostDirectories: true }],
    messages: {
      shareBind:
        'Module "{{module}}" binds the FPGA share path "{{hostPath}}", an empty node directory on the GPU device, so "{{containerPath}}" misses share "{{share}}".',
      shareSubpathBind:
        'Module "{{module}}" binds "{{hostPath}}" (share "{{share}}", folder "{{subPath}}"), an empty node directory on the GPU device: "{{containerPath}}" misses it.',
      shareMountBind:
        'Module "{{module}}" bind-mounts the FPGA share path "{{hostPath}}", an empty node directory on the GPU device: "{{containerPath}}" misses "{{share}}".',
      namedVolumeBind:
        'Module "{{module}}" binds the Docker named volume "{{volume}}", which the GPU device mounts as a node directory, so its data is silently lost.',
      relativePathBind:
        'Module "{{module}}" binds the relative path "{{hostPath}}", which the GPU device mounts with nothing to be relative to, so "{{containerPath}}" lacks its data.',
      hostPathBind:
        'Module "{{module}}" binds the host directory "{{hostPath}}", which the GPU device mounts from its node VM; its docs ask for a Mounts entry of Type "bind".',
      windowsBind:
        'Module "{{module}}" binds the Windows path "{{entry}}", which the GPU device splits at every ":", so it mounts a wrong directory of the node.',
      toVolumeMount: 'Replace the bind with a volume Mount of the share "{{share}}" (the share must exist on the GPU device with "Use the share with Edge compute" enabled).',
      toNamedVolumeMount: 'Replace the bind with a volume Mount of "{{volume}}" (a share of that name must exist on the GPU device with "Use the share with Edge compute" enabled).',
      toSubPathVolume:
        'Mount folder "{{subPath}}" of share "{{share}}" through k8s-experimental.volumes (the share must be enabled for Edge compute).',
    },
  },
  create(context, [options]) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = module.createOptions;
        if (!createOptions || createOptions.parseError) return;
        const host = hostConfig(createOptions);
        if (!host) return;
        const binds = findProperty(host, 'Binds', { ignoreCase: true });
        if (binds && isArray(binds.value)) {
          const moves = binds.value.elements.flatMap((node, index) => {
            const mount = isStringLiteral(node) ? autoMove(node.value, tools.profile, options) : undefined;
            return mount ? [{ index, mount }] : [];
          });
          const document = tools.innerDocument(createOptions);
          const moduleFix = moves.length > 0 ? tools.fixFrom(tools.innerEdits(createOptions, bindsToMountsEdits(document, host, binds, moves) ?? [null])) : null;
          binds.value.elements.forEach((node, index) => {
            if (isStringLiteral(node)) checkBind({ module, createOptions, host, holder: binds, index, node, moduleFix }, tools, options);
          });
        }
        const mounts = findProperty(host, 'Mounts', { ignoreCase: true });
        if (mounts && isArray(mounts.value)) {
          mounts.value.elements.forEach((mount, index) => {
            if (isObject(mount)) checkShareMount(module, createOptions, host, mounts, index, mount, tools);
          });
        }
      },
    });
  },
});

function checkBind(entry: BindEntry, tools: ManifestTools<MessageIds>, options: NoBindsOptions): void {
  const { module, createOptions, host, holder, index, node, moduleFix } = entry;
  const text = node.value;
  const range = createOptions.fileRange(node);
  const data = { module: module.name };
  if (isPlaceholder(text)) {
    const share = placeholderShare(text);
    if (share) {
      const name = share.hostPath.trim().slice(FPGA_SHARE_ROOT.length).split('/')[0]!;
      // No fix: the share name is filled in later, and a sub-path needs a claim name now.
      tools.report({ module, range, messageId: 'shareBind', data: { ...data, hostPath: share.hostPath, containerPath: share.containerPath, share: name } });
    }
    return;
  }
  if (WINDOWS_PATH.test(text)) {
    tools.report({ module, range, messageId: 'windowsBind', data: { ...data, entry: text } });
    return;
  }
  const bind = parseBind(text);
  // Entries without a container path are ignored by the agent: nothing is mounted.
  if (!bind) return;
  const kind = classifyBindSource(bind.hostPath);
  if (isFileLikeSource(kind)) return;
  const document = tools.innerDocument(createOptions);
  const canMount = bind.containerPath.startsWith('/');
  const moveTo = (mount: MountSpec) => (canMount ? tools.fixFrom(tools.innerEdits(createOptions, bindToMountEdits(document, host, holder, index, mount) ?? [null])) : null);
  const paths = { ...data, hostPath: bind.hostPath, containerPath: bind.containerPath };
  switch (kind) {
    case 'share-root': {
      const share = shareNameOf(bind.hostPath)!;
      tools.report({ module, range, messageId: 'shareBind', data: { ...paths, share }, fix: canMount ? moduleFix : null });
      return;
    }
    case 'share-subpath': {
      const share = shareNameOf(bind.hostPath)!;
      const subPath = trimEndChar(bind.hostPath.trim().slice(FPGA_SHARE_ROOT.length + share.length + 1), '/');
      const removal = removeElementsOrProperty(host, holder, new Set([index]));
      const addition = canMount ? subPathVolumeEdit(document, createOptions, share, subPath, bind) : null;
      const fix = removal && addition ? tools.fixFrom(tools.innerEdits(createOptions, [...removal, addition])) : null;
      tools.report({
        module,
        range,
        messageId: 'shareSubpathBind',
        data: { ...paths, share, subPath },
        suggest: [fix ? { messageId: 'toSubPathVolume', data: { share, subPath }, fix } : null],
      });
      return;
    }
    case 'named-volume': {
      const volume = bind.hostPath;
      if (!VOLUME_NAME.test(volume)) {
        // A bind Mount needs an absolute source: no fix.
        tools.report({ module, range, messageId: 'relativePathBind', data: { ...paths } });
        return;
      }
      const fix = moveTo(mountOf('volume', volume, bind));
      const known = tools.profile.shares?.includes(volume) ?? false;
      tools.report({
        module,
        range,
        messageId: 'namedVolumeBind',
        data: { ...paths, volume },
        fix: known && canMount ? moduleFix : null,
        suggest: [!known && fix ? { messageId: 'toNamedVolumeMount', data: { volume }, fix } : null],
      });
      return;
    }
    default:
      if (options.reportHostDirectories) tools.report({ module, range, messageId: 'hostPathBind', data: paths, fix: canMount ? moduleFix : null });
  }
}

/** A Mounts entry of Type "bind" on an FPGA share path loses its data exactly as a Binds entry does. */
function checkShareMount(
  module: ModuleModel,
  createOptions: CreateOptions,
  host: JSONObject,
  mounts: JSONProperty,
  index: number,
  mount: JSONObject,
  tools: ManifestTools<MessageIds>,
): void {
  const type = stringAt(mount, 'Type', { ignoreCase: true });
  const source = stringAt(mount, 'Source', { ignoreCase: true });
  if (!type || !source || type.value.toLowerCase() !== 'bind' || isPlaceholder(source.value)) return;
  const kind = classifyBindSource(source.value);
  if (kind !== 'share-root' && kind !== 'share-subpath') return;
  const share = shareNameOf(source.value)!;
  const target = stringAt(mount, 'Target', { ignoreCase: true })?.value ?? '';
  const document = tools.innerDocument(createOptions);
  const data = { module: module.name, hostPath: source.value, containerPath: target, share };
  if (kind === 'share-root') {
    const fix = tools.fixFrom(tools.innerEdits(createOptions, [replaceValue(document, type, 'volume'), replaceValue(document, source, share)]));
    tools.report({ module, range: createOptions.fileRange(source), messageId: 'shareMountBind', data, fix });
    return;
  }
  const subPath = trimEndChar(source.value.trim().slice(FPGA_SHARE_ROOT.length + share.length + 1), '/');
  const readOnly = findProperty(mount, 'ReadOnly', { ignoreCase: true })?.value;
  const bind: ParsedBind = { hostPath: source.value, containerPath: target, readOnly: readOnly?.type === 'JSONLiteral' && readOnly.value === true, options: undefined };
  const removal = removeElementsOrProperty(host, mounts, new Set([index]));
  const addition = target.startsWith('/') ? subPathVolumeEdit(document, createOptions, share, subPath, bind) : null;
  const fix = removal && addition ? tools.fixFrom(tools.innerEdits(createOptions, [...removal, addition])) : null;
  tools.report({
    module,
    range: createOptions.fileRange(source),
    messageId: 'shareSubpathBind',
    data: { ...data, subPath },
    suggest: [fix ? { messageId: 'toSubPathVolume', data: { share, subPath }, fix } : null],
  });
}
