import { parseBind } from '../manifest/binds.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isArray, isObject, isStringLiteral, staticValue, type JSONExpression, type JSONObject } from '../manifest/json-ast.js';
import { coerceKubernetesBooleans, newtonsoftBoolean, newtonsoftStringOf } from './coerce.js';
import { k8sMember } from '../manifest/k8s-experimental.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { sanitizeDnsLabel } from './names.js';
import { originIn, type ModuleScope } from './scope.js';
import type { Origin, PersistentVolumeClaimObject, Volume, VolumeMount } from './types.js';
import { isDns1123Label } from './validation.js';

export interface VolumeTranslation {
  readonly volumes: Volume[];
  readonly volumeMounts: VolumeMount[];
  readonly claims: PersistentVolumeClaimObject[];
}

function volumeName(scope: ModuleScope, source: string, origin: Origin, what: string): string | undefined {
  const result = sanitizeDnsLabel(source);
  if (result.ok) return result.name;
  if (isPlaceholder(source)) return undefined;
  const why = result.reason === 'empty' ? 'leaves no letter or digit' : `gives "${result.name}", longer than 63 characters`;
  scope.sink.fail('volume-name-invalid', origin, `The ${what} "${source}" ${why} as a volume name, so the agent throws.`, { source, name: result.name });
  return undefined;
}

function fromBinds(scope: ModuleScope, volumes: Volume[], mounts: VolumeMount[]): void {
  const binds = hostConfigValue(scope.createOptions, 'Binds');
  if (!isArray(binds)) return;
  for (const entry of binds.elements) {
    if (!isStringLiteral(entry)) continue;
    const origin = originIn(scope, entry);
    const bind = parseBind(entry.value);
    if (!bind) {
      scope.sink.drop('bind-unparsable', origin, `The Binds entry "${entry.value}" has no ":<container path>", so the agent skips it.`, { entry: entry.value });
      continue;
    }
    const name = volumeName(scope, bind.hostPath, origin, 'Binds host path');
    if (!name) continue;
    volumes.push({ name, source: 'binds', hostPath: { path: bind.hostPath, type: 'DirectoryOrCreate' }, persistentVolumeClaim: undefined, spec: undefined, readOnly: bind.readOnly, origin });
    mounts.push({ name, mountPath: bind.containerPath, readOnly: bind.readOnly, source: 'binds', spec: undefined, origin });
  }
}

function mountField(mount: JSONObject, name: string): JSONExpression | undefined {
  return findProperty(mount, name, { ignoreCase: true })?.value;
}

interface ReadMount {
  readonly kind: 'bind' | 'volume';
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
  readonly sourceNode: JSONExpression;
  readonly origin: Origin;
}

/**
 * The Mounts entries the agent translates, in its order: it first throws for the whole module when an
 * entry lacks Type, Source or Target (null or absent), then takes the bind mounts, then the volume
 * mounts (KubernetesDeploymentMapper.CollectModuleVolumes). Other types, `Type: ""` included, are skipped.
 */
function readMounts(scope: ModuleScope): ReadMount[] {
  const list = hostConfigValue(scope.createOptions, 'Mounts');
  if (!isArray(list)) return [];
  const read: ReadMount[] = [];
  for (const entry of list.elements) {
    if (!isObject(entry)) continue;
    const origin = originIn(scope, entry);
    const nodes = { Type: mountField(entry, 'Type'), Source: mountField(entry, 'Source'), Target: mountField(entry, 'Target') };
    const texts = Object.fromEntries(Object.entries(nodes).map(([field, node]) => [field, newtonsoftStringOf(node)])) as Record<keyof typeof nodes, ReturnType<typeof newtonsoftStringOf>>;
    const missing = Object.entries(texts)
      .filter(([, text]) => text === undefined || (text.ok && text.value === null))
      .map(([field]) => field);
    if (missing.length > 0) {
      scope.sink.fail('mount-incomplete', origin, `A Mounts entry lacks ${missing.join(', ')}; the agent requires Type, Source and Target and throws for the whole module.`, { missing: missing.join(', ') });
      continue;
    }
    const wrong = Object.entries(texts).find(([, text]) => !text!.ok);
    if (wrong) {
      const node = nodes[wrong[0] as keyof typeof nodes]!;
      scope.sink.fail('value-type-invalid', originIn(scope, node), `Mounts ${wrong[0]} must be a string; the agent cannot read this value and throws.`, { field: `Mounts.${wrong[0]}` });
      continue;
    }
    const value = (field: keyof typeof nodes): string => (texts[field] as { value: string }).value;
    const type = value('Type');
    const kind = type.toLowerCase();
    if (kind !== 'bind' && kind !== 'volume') {
      if (!isPlaceholder(type)) {
        scope.sink.drop('mount-type-ignored', originIn(scope, nodes.Type!), `The Mounts entry of Type "${type}" is ignored: the agent translates only bind and volume.`, { type, target: value('Target') });
      }
      continue;
    }
    const readOnlyNode = mountField(entry, 'ReadOnly');
    const readOnly = newtonsoftBoolean(readOnlyNode);
    if (readOnly && !readOnly.ok) {
      scope.sink.fail('value-type-invalid', originIn(scope, readOnlyNode!), 'Mounts ReadOnly must be true or false; the agent cannot read this value and throws.', { field: 'Mounts.ReadOnly' });
      continue;
    }
    if (value('Target') === '') {
      scope.sink.fail('mount-incomplete', originIn(scope, nodes.Target!), 'A Mounts entry has an empty Target; Kubernetes rejects a volume mount without a path.', { missing: 'Target' });
      continue;
    }
    read.push({ kind, source: value('Source'), target: value('Target'), readOnly: readOnly?.ok === true && readOnly.value, sourceNode: nodes.Source!, origin });
  }
  return [...read.filter((mount) => mount.kind === 'bind'), ...read.filter((mount) => mount.kind === 'volume')];
}

function fromMounts(scope: ModuleScope, volumes: Volume[], mounts: VolumeMount[], claims: PersistentVolumeClaimObject[]): void {
  for (const mount of readMounts(scope)) {
    const { source, target, readOnly, origin } = mount;
    const name = volumeName(scope, source, origin, 'Mounts Source');
    if (!name) continue;
    if (mount.kind === 'bind') {
      volumes.push({ name, source: 'mount-bind', hostPath: { path: source, type: 'DirectoryOrCreate' }, persistentVolumeClaim: undefined, spec: undefined, readOnly, origin });
      mounts.push({ name, mountPath: target, readOnly, source: 'mount-bind', spec: undefined, origin });
    } else {
      volumes.push({ name, source: 'mount-volume', hostPath: undefined, persistentVolumeClaim: { claimName: name, readOnly }, spec: undefined, readOnly, origin });
      mounts.push({ name, mountPath: target, readOnly, source: 'mount-volume', spec: undefined, origin });
      claims.push({ module: scope.module, name, accessMode: readOnly ? 'ReadOnlyMany' : 'ReadWriteMany', origin });
      scope.sink.note('claim-required', originIn(scope, mount.sourceNode), `The pod mounts the claim "${name}": on the device it must be a share with "Use the share with Edge compute", or the pod waits in Pending.`, { claim: name });
    }
  }
}

/** Same-name volumes from Binds and Mounts: one is kept (a read-write claim first, else the first). */
function deduplicate(scope: ModuleScope, volumes: readonly Volume[]): Volume[] {
  const groups = new Map<string, Volume[]>();
  for (const volume of volumes) {
    const group = groups.get(volume.name);
    if (group) group.push(volume);
    else groups.set(volume.name, [volume]);
  }
  const result: Volume[] = [];
  for (const [name, group] of groups) {
    const kept = group.find((volume) => volume.persistentVolumeClaim && !volume.readOnly) ?? group[0]!;
    result.push(kept);
    for (const volume of group) {
      if (volume === kept) continue;
      scope.sink.drop('volume-deduplicated', volume.origin, `This entry gives the volume name "${name}" again, so the pod mounts the volume of the other entry instead.`, { name, keptPath: kept.origin.path });
    }
  }
  return result;
}

/** A k8s-experimental object as plain data, after the agent's reading of its bool members. */
function plainObject(node: JSONExpression | undefined): Record<string, unknown> | undefined {
  const value = isObject(node) ? staticValue(node) : undefined;
  return value ? (coerceKubernetesBooleans(value) as Record<string, unknown>) : undefined;
}

function fromExtensions(scope: ModuleScope, generated: readonly Volume[], volumes: Volume[], mounts: VolumeMount[]): void {
  const list = k8sMember(scope.createOptions, 'volumes')?.value;
  if (!isArray(list)) return;
  const names = new Set(generated.map((volume) => volume.name));
  for (const entry of list.elements) {
    if (!isObject(entry)) continue;
    const volumeNode = findProperty(entry, 'volume', { ignoreCase: true })?.value;
    const spec = plainObject(volumeNode);
    if (spec && isObject(volumeNode)) {
      const origin = originIn(scope, volumeNode);
      const nameNode = findProperty(volumeNode, 'name')?.value;
      const name = isStringLiteral(nameNode) ? nameNode.value : '';
      const nameOrigin = nameNode ? originIn(scope, nameNode) : origin;
      if (!isDns1123Label(name)) {
        scope.sink.fail('volume-name-invalid', nameOrigin, `The volume name "${name}" is not a DNS-1123 label (lower-case letters, digits and "-", at most 63); Kubernetes rejects the Deployment.`, { name });
      } else if (names.has(name)) {
        scope.sink.fail('volume-name-collision', nameOrigin, `The volume name "${name}" is already used by another volume of the pod; Kubernetes rejects the Deployment.`, { name });
      }
      names.add(name);
      volumes.push({ name, source: 'k8s-experimental', hostPath: undefined, persistentVolumeClaim: undefined, spec, readOnly: false, origin });
    }
    const mountList = findProperty(entry, 'volumeMounts', { ignoreCase: true })?.value;
    if (!isArray(mountList)) continue;
    for (const mountNode of mountList.elements) {
      const mountSpec = plainObject(mountNode ?? undefined);
      if (!mountSpec || !isObject(mountNode)) continue;
      const name = typeof mountSpec.name === 'string' ? mountSpec.name : '';
      const mountPath = typeof mountSpec.mountPath === 'string' ? mountSpec.mountPath : '';
      mounts.push({ name, mountPath, readOnly: mountSpec.readOnly === true, source: 'k8s-experimental', spec: mountSpec, origin: originIn(scope, mountNode) });
    }
  }
}

/**
 * Every volumeMount must name a pod volume and use its own mountPath. The agent removes repeated volumes
 * but never repeated mounts: the same Binds entry written twice gives two mounts at one path, which the
 * API server rejects.
 */
function checkMounts(scope: ModuleScope, volumes: readonly Volume[], mounts: readonly VolumeMount[]): void {
  const names = new Set(volumes.map((volume) => volume.name));
  const paths = new Set<string>();
  for (const mount of mounts) {
    if (mount.source === 'k8s-experimental' && !names.has(mount.name)) {
      scope.sink.fail('volume-mount-unknown-volume', mount.origin, `The volumeMount "${mount.name}" names no volume of the pod; Kubernetes rejects the Deployment.`, { name: mount.name });
    }
    if (paths.has(mount.mountPath)) {
      scope.sink.fail('mount-path-duplicate', mount.origin, `Two volume mounts use the path "${mount.mountPath}"; Kubernetes rejects the Deployment.`, { mountPath: mount.mountPath });
    }
    paths.add(mount.mountPath);
  }
}

/**
 * The pod's volumes in the agent's order: the k8s-experimental volumes as written, then those of Binds,
 * bind Mounts and volume Mounts with one per name; mounts in the order Binds, bind Mounts, volume Mounts,
 * k8s-experimental.
 */
export function translateVolumes(scope: ModuleScope): VolumeTranslation {
  const generated: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  const claims: PersistentVolumeClaimObject[] = [];
  fromBinds(scope, generated, volumeMounts);
  fromMounts(scope, generated, volumeMounts, claims);
  const deduplicated = deduplicate(scope, generated);
  const extensions: Volume[] = [];
  fromExtensions(scope, deduplicated, extensions, volumeMounts);
  const volumes = [...extensions, ...deduplicated];
  checkMounts(scope, volumes, volumeMounts);
  const claimOrigins = new Set(volumes.filter((volume) => volume.persistentVolumeClaim).map((volume) => volume.origin));
  const keptClaims = claims.filter((claim) => claimOrigins.has(claim.origin));
  return { volumes, volumeMounts, claims: keptClaims };
}
