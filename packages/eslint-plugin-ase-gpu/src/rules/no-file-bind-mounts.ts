import { removeElementsOrProperty } from '../fix/array-member-edits.js';
import { replaceValue } from '../fix/json-edits.js';
import { addK8sVolumeEdits } from '../fix/k8s-volumes.js';
import { isDns1123Label } from '../kubernetes/validation.js';
import { classifyBindSource, isFileLikeSource, parseBind, type BindSourceKind } from '../manifest/binds.js';
import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { hostConfig } from '../manifest/host-config.js';
import { findProperty, isArray, isObject, isStringLiteral, stringAt, type JSONObject, type JSONProperty, type JSONStringLiteral } from '../manifest/json-ast.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import type { ModuleModel } from '../manifest/model.js';
import { moduleEnvValue } from '../manifest/module-env.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';
import { appliedCreateOptions } from '../manifest/readable-create-options.js';
import { trimChar, trimEndChar } from '../manifest/trim.js';

type MessageIds =
  | 'dockerSocket'
  | 'iotedgeSocket'
  | 'socket'
  | 'device'
  | 'timeZoneFile'
  | 'knownFile'
  | 'fileByExtension'
  | 'removeBind'
  | 'removeBindKeepTz'
  | 'removeBindSetTz'
  | 'bindParentDirectory'
  | 'useConfigMap';

/** Windows paths are no-binds' (the agent mis-splits them); this rule leaves them alone. */
const WINDOWS_PATH = /^[A-Za-z]:[\\/]|\\/u;
const TIME_ZONE_FILES = new Set(['/etc/localtime', '/etc/timezone']);
/** Directories whose whole content a parent-directory bind would replace or expose. */
const SYSTEM_DIRECTORIES = new Set(['/', '/etc', '/dev', '/proc', '/sys', '/run', '/var', '/var/run', '/var/lib', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/boot', '/root', '/home', '/tmp', '/opt', '/mnt', '/srv']);
/** Files a program writes at run time: a read-only ConfigMap cannot stand in for them. */
const RUNTIME_DATA = /\.(?:log|db|sqlite|csv|sock)$/iu;

/** One bind of a file, socket or device, from `Binds` or from a `Mounts` entry of type bind. */
interface FileBind {
  readonly node: JSONStringLiteral;
  readonly hostPath: string;
  readonly containerPath: string;
  readonly kind: BindSourceKind;
  /** The array (`Binds` or `Mounts`) and the entry's index in it, for removal. */
  readonly list: JSONProperty;
  readonly index: number;
  /** Edits that point the bind at other paths. */
  readonly repoint: (host: string, container: string) => InnerEdit[];
}

function trimSlashes(path: string): string {
  return path.length > 1 ? trimEndChar(path, '/') : path;
}

function splitPath(path: string): { parent: string; base: string } {
  const clean = trimSlashes(path.trim());
  const slash = clean.lastIndexOf('/');
  return { parent: slash <= 0 ? '/' : clean.slice(0, slash), base: clean.slice(slash + 1) };
}

function collectFileBinds(createOptions: CreateOptions, host: JSONObject, tools: ManifestTools<MessageIds>): FileBind[] {
  const found: FileBind[] = [];
  const document = tools.innerDocument(createOptions);
  const binds = findProperty(host, 'Binds', { ignoreCase: true });
  if (binds && isArray(binds.value)) {
    binds.value.elements.forEach((element, index) => {
      if (!isStringLiteral(element) || isPlaceholder(element.value) || WINDOWS_PATH.test(element.value)) return;
      const bind = parseBind(element.value);
      if (!bind) return;
      const kind = classifyBindSource(bind.hostPath);
      if (!isFileLikeSource(kind)) return;
      found.push({
        node: element,
        hostPath: bind.hostPath,
        containerPath: bind.containerPath,
        kind,
        list: binds,
        index,
        repoint: (hostPath, containerPath) => [replaceValue(document, element, [hostPath, containerPath, ...(bind.options === undefined ? [] : [bind.options])].join(':'))],
      });
    });
  }
  const mounts = findProperty(host, 'Mounts', { ignoreCase: true });
  if (mounts && isArray(mounts.value)) {
    mounts.value.elements.forEach((element, index) => {
      if (!isObject(element)) return;
      const type = stringAt(element, 'Type', { ignoreCase: true });
      const source = stringAt(element, 'Source', { ignoreCase: true });
      const target = stringAt(element, 'Target', { ignoreCase: true });
      if (!type || type.value.toLowerCase() !== 'bind' || !source || isPlaceholder(source.value)) return;
      const kind = classifyBindSource(source.value);
      if (!isFileLikeSource(kind)) return;
      found.push({
        node: source,
        hostPath: source.value,
        containerPath: target?.value ?? '',
        kind,
        list: mounts,
        index,
        repoint: (hostPath, containerPath) => (target ? [replaceValue(document, source, hostPath), replaceValue(document, target, containerPath)] : []),
      });
    });
  }
  return found;
}

function messageFor(bind: FileBind): MessageIds {
  const path = trimSlashes(bind.hostPath.trim());
  switch (bind.kind) {
    case 'socket':
      if (path.endsWith('/docker.sock')) return 'dockerSocket';
      return /\/iotedge\//u.test(path) ? 'iotedgeSocket' : 'socket';
    case 'device':
      return 'device';
    case 'known-file':
      return TIME_ZONE_FILES.has(path) ? 'timeZoneFile' : 'knownFile';
    default:
      return 'fileByExtension';
  }
}

/** A ConfigMap and volume name from a file name (`appsettings.json` → `appsettings-json`), when one exists. */
function configMapName(base: string): string | undefined {
  const name = trimEndChar(trimChar(base.toLowerCase().replace(/[^a-z0-9-]+/gu, '-'), '-').slice(0, 63), '-');
  return isDns1123Label(name) ? name : undefined;
}

function k8sVolumeNames(createOptions: CreateOptions): Set<string> {
  const volumes = k8sMember(createOptions, 'volumes')?.value;
  const names = new Set<string>();
  if (!isArray(volumes)) return names;
  for (const entry of volumes.elements) {
    const volume = isObject(entry) ? findProperty(entry, 'volume', { ignoreCase: true })?.value : undefined;
    const name = isObject(volume) ? stringAt(volume, 'name')?.value : undefined;
    if (name) names.add(name);
  }
  return names;
}

export default createRule<[], MessageIds>({
  name: 'no-file-bind-mounts',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow binds of files, sockets and devices, which Kubernetes mounts as host directories',
      recommended: 'error',
      strict: 'error',
      owns: ['ST-BIND-FILE', 'ST-DOCKER-SOCKET'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      dockerSocket:
        'Module "{{module}}" binds the Docker socket "{{source}}", which the GPU device does not have, so the module stays in ContainerCreating.',
      iotedgeSocket:
        'Module "{{module}}" binds the IoT Edge socket "{{source}}", which the GPU device does not have, so the module stays in ContainerCreating.',
      socket:
        'Module "{{module}}" binds the socket "{{source}}"; the GPU device mounts binds as directories, so the module stays in ContainerCreating.',
      device:
        'Module "{{module}}" binds the device node "{{source}}"; the GPU device mounts binds as directories, so the module stays in ContainerCreating.',
      timeZoneFile:
        'Module "{{module}}" binds the time zone file "{{source}}"; the GPU device mounts binds as directories, so the module stays in ContainerCreating. Set TZ.',
      knownFile:
        'Module "{{module}}" binds the file "{{source}}"; the GPU device mounts binds as directories, so the module stays in ContainerCreating.',
      fileByExtension:
        'Module "{{module}}" binds "{{source}}", a file by its extension; the GPU device mounts binds as directories, so the module stays in ContainerCreating.',
      removeBind: 'Remove the bind of "{{source}}".',
      removeBindKeepTz: 'Remove the bind of "{{source}}"; TZ "{{tz}}" already sets the time zone.',
      removeBindSetTz: 'Remove the bind of "{{source}}" (the module then runs in UTC until TZ, for example "Europe/Berlin", is set in its env).',
      bindParentDirectory: 'Bind the parent directory "{{hostParent}}" to "{{containerParent}}" instead.',
      useConfigMap: 'Mount the file from ConfigMap "{{configMap}}" (key "{{key}}", created in the iotedge namespace) through k8s-experimental.volumes instead.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const applied = appliedCreateOptions(module);
        if (!applied) return;
        const { createOptions } = applied;
        const host = hostConfig(createOptions);
        if (!host) return;
        for (const bind of collectFileBinds(createOptions, host, tools)) {
          const messageId = messageFor(bind);
          const data = { module: module.name, source: bind.hostPath };
          tools.report({
            module,
            range: createOptions.fileRange(bind.node),
            messageId,
            data,
            suggest: suggestionsFor(bind, messageId, module, createOptions, host, tools),
          });
        }
      },
    });
  },
});

function suggestionsFor(
  bind: FileBind,
  messageId: MessageIds,
  module: ModuleModel,
  createOptions: CreateOptions,
  host: JSONObject,
  tools: ManifestTools<MessageIds>,
): (Suggestion<MessageIds> | null)[] {
  const data = { module: module.name, source: bind.hostPath };
  const removal = removeElementsOrProperty(host, bind.list, new Set([bind.index]));
  const suggestion = (id: MessageIds, extra: Record<string, unknown>, edits: (InnerEdit | null)[] | null): Suggestion<MessageIds> | null => {
    const fix = tools.fixFrom(edits ? tools.innerEdits(createOptions, edits) : null);
    return fix ? { messageId: id, data: { ...data, ...extra }, fix } : null;
  };
  switch (messageId) {
    case 'dockerSocket':
    case 'iotedgeSocket':
    case 'socket':
      return [suggestion('removeBind', {}, removal)];
    case 'timeZoneFile': {
      const tz = moduleEnvValue(module, 'TZ')?.value;
      return [tz ? suggestion('removeBindKeepTz', { tz }, removal) : suggestion('removeBindSetTz', {}, removal)];
    }
    case 'fileByExtension':
      return [parentDirectorySuggestion(bind, suggestion), configMapSuggestion(bind, createOptions, removal, tools, suggestion)];
    default:
      return [];
  }
}

type MakeSuggestion = (id: MessageIds, extra: Record<string, unknown>, edits: (InnerEdit | null)[] | null) => Suggestion<MessageIds> | null;

/** ASE release notes: "If possible, map the parent directory" — when both sides name the same file outside system directories. */
function parentDirectorySuggestion(bind: FileBind, suggestion: MakeSuggestion): Suggestion<MessageIds> | null {
  if (!bind.containerPath.startsWith('/')) return null;
  const hostSide = splitPath(bind.hostPath);
  const containerSide = splitPath(bind.containerPath);
  if (hostSide.base !== containerSide.base || SYSTEM_DIRECTORIES.has(hostSide.parent) || SYSTEM_DIRECTORIES.has(containerSide.parent)) return null;
  const edits = bind.repoint(hostSide.parent, containerSide.parent);
  return edits.length > 0 ? suggestion('bindParentDirectory', { hostParent: hostSide.parent, containerParent: containerSide.parent }, edits) : null;
}

/** A ConfigMap volume mounted with subPath at the file's container path (read-only: ConfigMaps are). */
function configMapSuggestion(
  bind: FileBind,
  createOptions: CreateOptions,
  removal: InnerEdit[] | null,
  tools: ManifestTools<MessageIds>,
  suggestion: MakeSuggestion,
): Suggestion<MessageIds> | null {
  if (!bind.containerPath.startsWith('/') || RUNTIME_DATA.test(bind.hostPath.trim())) return null;
  const key = splitPath(bind.hostPath).base;
  const name = configMapName(key);
  if (!name || k8sVolumeNames(createOptions).has(name)) return null;
  const entry = {
    volume: { name, configMap: { name } },
    volumeMounts: [{ name, mountPath: trimSlashes(bind.containerPath), subPath: key, readOnly: true }],
  };
  const document = tools.innerDocument(createOptions);
  const addition = addK8sVolumeEdits(document, createOptions, entry);
  if (!removal || !addition) return null;
  return suggestion('useConfigMap', { configMap: name, key }, [...removal, ...addition]);
}
