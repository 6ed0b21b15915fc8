import { parseBind } from '../manifest/binds.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isArray, isBooleanLiteral, isObject, isStringLiteral, staticValue, type JSONExpression, type JSONObject } from '../manifest/json-ast.js';
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

function fromMounts(scope: ModuleScope, volumes: Volume[], mounts: VolumeMount[], claims: PersistentVolumeClaimObject[]): void {
  const list = hostConfigValue(scope.createOptions, 'Mounts');
  if (!isArray(list)) return;
  for (const entry of list.elements) {
    if (!isObject(entry)) continue;
    const origin = originIn(scope, entry);
    const fields = { Type: mountField(entry, 'Type'), Source: mountField(entry, 'Source'), Target: mountField(entry, 'Target') };
    const missing = Object.entries(fields)
      .filter(([, node]) => !isStringLiteral(node) || node.value.trim() === '')
      .map(([field]) => field);
    if (missing.length > 0) {
      scope.sink.fail('mount-incomplete', origin, `A Mounts entry lacks ${missing.join(', ')}; the agent requires Type, Source and Target and throws for the whole module.`, { missing: missing.join(', ') });
      continue;
    }
    const type = (fields.Type as { value: string }).value;
    const source = (fields.Source as { value: string }).value;
    const target = (fields.Target as { value: string }).value;
    const readOnlyNode = mountField(entry, 'ReadOnly');
    const readOnly = isBooleanLiteral(readOnlyNode) && readOnlyNode.value === true;
    const kind = type.toLowerCase();
    if (kind !== 'bind' && kind !== 'volume') {
      scope.sink.drop('mount-type-ignored', originIn(scope, fields.Type!), `The Mounts entry of Type "${type}" is ignored: the agent translates only bind and volume.`, { type, target });
      continue;
    }
    const name = volumeName(scope, source, origin, 'Mounts Source');
    if (!name) continue;
    if (kind === 'bind') {
      volumes.push({ name, source: 'mount-bind', hostPath: { path: source, type: 'DirectoryOrCreate' }, persistentVolumeClaim: undefined, spec: undefined, readOnly, origin });
      mounts.push({ name, mountPath: target, readOnly, source: 'mount-bind', spec: undefined, origin });
    } else {
      volumes.push({ name, source: 'mount-volume', hostPath: undefined, persistentVolumeClaim: { claimName: name, readOnly }, spec: undefined, readOnly, origin });
      mounts.push({ name, mountPath: target, readOnly, source: 'mount-volume', spec: undefined, origin });
      claims.push({ module: scope.module, name, accessMode: readOnly ? 'ReadOnlyMany' : 'ReadWriteMany', origin });
      scope.sink.note('claim-required', originIn(scope, fields.Source!), `The pod mounts the claim "${name}": on the device it must be a share with "Use the share with Edge compute", or the pod waits in Pending.`, { claim: name });
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

function plainObject(node: JSONExpression | undefined): Record<string, unknown> | undefined {
  const value = isObject(node) ? staticValue(node) : undefined;
  return value ? { ...(value as Record<string, unknown>) } : undefined;
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
 * The same Binds or Mounts entry written twice: the agent eliminates the repeated mount. Returns the
 * repeats (every generated mount but the first of its name, path and mode), in one pass.
 */
function repeatedGeneratedMounts(mounts: readonly VolumeMount[]): Set<VolumeMount> {
  const seen = new Set<string>();
  const repeated = new Set<VolumeMount>();
  for (const mount of mounts) {
    if (mount.source === 'k8s-experimental') continue;
    const key = JSON.stringify([mount.name, mount.mountPath, mount.readOnly]);
    if (seen.has(key)) repeated.add(mount);
    seen.add(key);
  }
  return repeated;
}

/** Every volumeMount must name a pod volume and use its own mountPath. */
function checkMounts(scope: ModuleScope, volumes: readonly Volume[], mounts: readonly VolumeMount[], repeated: ReadonlySet<VolumeMount>): void {
  const names = new Set(volumes.map((volume) => volume.name));
  const paths = new Set<string>();
  for (const mount of mounts) {
    if (repeated.has(mount)) continue;
    if (mount.source === 'k8s-experimental' && !names.has(mount.name)) {
      scope.sink.fail('volume-mount-unknown-volume', mount.origin, `The volumeMount "${mount.name}" names no volume of the pod; Kubernetes rejects the Deployment.`, { name: mount.name });
    }
    if (paths.has(mount.mountPath)) {
      scope.sink.fail('mount-path-duplicate', mount.origin, `Two volume mounts use the path "${mount.mountPath}"; Kubernetes rejects the Deployment.`, { mountPath: mount.mountPath });
    }
    paths.add(mount.mountPath);
  }
}

export function translateVolumes(scope: ModuleScope): VolumeTranslation {
  const generated: Volume[] = [];
  const volumeMounts: VolumeMount[] = [];
  const claims: PersistentVolumeClaimObject[] = [];
  fromBinds(scope, generated, volumeMounts);
  fromMounts(scope, generated, volumeMounts, claims);
  const volumes = deduplicate(scope, generated);
  fromExtensions(scope, volumes, volumes, volumeMounts);
  const repeated = repeatedGeneratedMounts(volumeMounts);
  checkMounts(scope, volumes, volumeMounts, repeated);
  const uniqueMounts = volumeMounts.filter((mount) => !repeated.has(mount));
  const claimOrigins = new Set(volumes.filter((volume) => volume.persistentVolumeClaim).map((volume) => volume.origin));
  const keptClaims = claims.filter((claim) => claimOrigins.has(claim.origin));
  return { volumes, volumeMounts: uniqueMounts, claims: keptClaims };
}
