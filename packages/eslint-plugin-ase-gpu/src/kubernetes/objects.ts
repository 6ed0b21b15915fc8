import { classifyBindSource, isFileLikeSource } from '../manifest/binds.js';
import type { ModuleModel } from '../manifest/model.js';
import { ORIGINAL_MODULE_ID } from './translate.js';
import type { EnvVar, ModuleTranslation, Origin, Volume, VolumeMount } from './types.js';

export type ObjectPath = readonly (string | number)[];

/** Where a field of a rendered object came from, or what produced it. */
export interface FieldOrigin {
  readonly path: ObjectPath;
  readonly origin: Origin | undefined;
  /** Set when the agent, not the manifest, produced the field. */
  readonly text?: string;
}

/** A Kubernetes object as plain data (what `kubectl get -o yaml` would show), with field origins. */
export interface KubernetesObject {
  readonly module: ModuleModel;
  readonly kind: 'ServiceAccount' | 'Service' | 'Deployment' | 'PersistentVolumeClaim';
  readonly name: string;
  readonly origin: Origin;
  readonly body: Record<string, unknown>;
  readonly fields: readonly FieldOrigin[];
}

/** The namespace of IoT Edge modules on Azure Stack Edge. */
export const NAMESPACE = 'iotedge';

class Fields {
  readonly list: FieldOrigin[] = [];
  add(path: ObjectPath, origin: Origin | undefined, text?: string): void {
    this.list.push(text === undefined ? { path, origin } : { path, origin, text });
  }
}

function envItem(variable: EnvVar): Record<string, unknown> {
  return { name: variable.name, value: variable.value };
}

function volumeBody(volume: Volume): Record<string, unknown> {
  if (volume.spec) return volume.spec;
  if (volume.hostPath) return { name: volume.name, hostPath: { path: volume.hostPath.path, type: volume.hostPath.type } };
  const claim = volume.persistentVolumeClaim!;
  return { name: volume.name, persistentVolumeClaim: claim.readOnly ? { claimName: claim.claimName, readOnly: true } : { claimName: claim.claimName } };
}

/** What a generated volume really is on the device, which the manifest does not say. */
function volumeText(volume: Volume): string | undefined {
  if (volume.hostPath && isFileLikeSource(classifyBindSource(volume.hostPath.path))) return 'a file, socket or device on the node VM: the DirectoryOrCreate check fails and the pod never starts';
  if (volume.hostPath) return 'a directory on the Kubernetes node VM, created empty if missing; not a device share';
  if (volume.persistentVolumeClaim) return `needs the claim "${volume.persistentVolumeClaim.claimName}": a device share with Edge compute`;
  return undefined;
}

function mountBody(mount: VolumeMount): Record<string, unknown> {
  if (mount.spec) return mount.spec;
  return mount.readOnly ? { name: mount.name, mountPath: mount.mountPath, readOnly: true } : { name: mount.name, mountPath: mount.mountPath };
}

function deployment(translation: ModuleTranslation): KubernetesObject {
  const { deployment: spec, container } = translation;
  const pod = spec.pod;
  const fields = new Fields();
  const base = ['spec', 'template', 'spec'] as const;
  const moduleContainer: Record<string, unknown> = { name: container.name, image: container.image?.value ?? '' };
  const c = [...base, 'containers', 1] as const;
  fields.add([...c, 'image'], container.image?.origin);
  if (container.command) {
    moduleContainer.command = [...container.command.value];
    fields.add([...c, 'command'], container.command.origin);
  }
  if (container.args) {
    moduleContainer.args = [...container.args.value];
    fields.add([...c, 'args'], container.args.origin);
  }
  if (container.workingDir) {
    moduleContainer.workingDir = container.workingDir.value;
    fields.add([...c, 'workingDir'], container.workingDir.origin);
  }
  moduleContainer.env = container.env.map(envItem);
  container.env.forEach((variable, index) => fields.add([...c, 'env', index], variable.source === 'agent' ? undefined : variable.origin, variable.source === 'agent' ? 'set by the agent' : undefined));
  if (container.ports.length > 0) {
    moduleContainer.ports = container.ports.map((port) => ({ containerPort: port.containerPort, protocol: port.protocol }));
    container.ports.forEach((port, index) => fields.add([...c, 'ports', index], port.origin));
  }
  if (container.privileged) {
    moduleContainer.securityContext = { privileged: true };
    fields.add([...c, 'securityContext'], container.privileged.origin);
  }
  if (container.volumeMounts.length > 0) {
    moduleContainer.volumeMounts = container.volumeMounts.map(mountBody);
    container.volumeMounts.forEach((mount, index) => fields.add([...c, 'volumeMounts', index], mount.origin));
  }
  if (container.resources) {
    const toMap = (list: typeof container.resources.limits): Record<string, unknown> => Object.fromEntries(list.map((entry) => [entry.resource, entry.quantity]));
    const resources: Record<string, unknown> = {};
    if (container.resources.limits.length > 0) resources.limits = toMap(container.resources.limits);
    if (container.resources.requests.length > 0) resources.requests = toMap(container.resources.requests);
    moduleContainer.resources = resources;
    fields.add([...c, 'resources'], container.resources.origin);
  }

  const podSpec: Record<string, unknown> = { serviceAccountName: pod.serviceAccountName };
  for (const field of ['hostNetwork', 'hostIPC', 'hostPID'] as const) {
    const mode = pod.modes[field];
    if (!mode) continue;
    podSpec[field] = mode.value;
    fields.add([...base, field], mode.origin);
  }
  if (pod.hostNetwork) podSpec.dnsPolicy = pod.dnsPolicy;
  if (pod.nodeSelector) {
    podSpec.nodeSelector = pod.nodeSelector.value;
    fields.add([...base, 'nodeSelector'], pod.nodeSelector.origin);
  }
  if (pod.securityContext) {
    podSpec.securityContext = pod.securityContext.value;
    fields.add([...base, 'securityContext'], pod.securityContext.origin);
  }
  if (pod.imagePullSecrets.length > 0) {
    podSpec.imagePullSecrets = pod.imagePullSecrets.map((name) => ({ name }));
    translation.imagePullSecrets.forEach((secret, index) => fields.add([...base, 'imagePullSecrets', index], secret.origin));
  }
  podSpec.containers = [{ name: 'proxy', image: '<the device proxy image>' }, moduleContainer];
  fields.add([...base, 'containers', 0], undefined, 'the IoT Edge sidecar, listening on localhost:35000 and 35001');
  if (pod.volumes.length > 0) {
    podSpec.volumes = pod.volumes.map(volumeBody);
    pod.volumes.forEach((volume, index) => fields.add([...base, 'volumes', index], volume.origin, volumeText(volume)));
  }

  const templateMetadata: Record<string, unknown> = { name: spec.name, labels: spec.labels, annotations: { ...spec.podAnnotations } };
  spec.annotations.forEach((annotation) => fields.add(['spec', 'template', 'metadata', 'annotations', annotation.key], annotation.origin));
  fields.add(['spec', 'template', 'metadata', 'annotations', ORIGINAL_MODULE_ID], undefined, 'set by the agent: the module id');
  const deploymentSpec: Record<string, unknown> = { replicas: spec.replicas.value, selector: { matchLabels: spec.labels } };
  fields.add(['spec', 'replicas'], spec.replicas.origin);
  if (spec.strategy) {
    deploymentSpec.strategy = spec.strategy.value;
    fields.add(['spec', 'strategy'], spec.strategy.origin);
  }
  deploymentSpec.template = { metadata: templateMetadata, spec: podSpec };
  return {
    module: translation.module,
    kind: 'Deployment',
    name: spec.name,
    origin: translation.origin,
    body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: spec.name, namespace: NAMESPACE, labels: spec.labels }, spec: deploymentSpec },
    fields: fields.list,
  };
}

function service(translation: ModuleTranslation): KubernetesObject | undefined {
  const object = translation.service;
  if (!object) return undefined;
  const fields = new Fields();
  const metadata: Record<string, unknown> = { name: object.name, namespace: NAMESPACE, labels: { ...object.labels } };
  if (object.annotations.length > 0) {
    metadata.annotations = Object.fromEntries(object.annotations.map((annotation) => [annotation.key, annotation.value]));
    object.annotations.forEach((annotation) => fields.add(['metadata', 'annotations', annotation.key], annotation.origin));
  }
  const spec: Record<string, unknown> = { type: object.type, selector: { ...object.selector } };
  const typeText =
    object.typeSource === 'no-port-bindings' ? 'ClusterIP: no PortBindings'
    : object.typeSource === 'device-default' ? "the device's default type for modules with PortBindings"
    : undefined;
  fields.add(['spec', 'type'], object.typeOrigin ?? object.portBindings, typeText);
  if (object.loadBalancerIP) {
    spec.loadBalancerIP = object.loadBalancerIP.value;
    fields.add(['spec', 'loadBalancerIP'], object.loadBalancerIP.origin);
  }
  spec.ports = object.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.targetPort, protocol: port.protocol }));
  object.ports.forEach((port, index) => fields.add(['spec', 'ports', index], port.origin));
  return { module: object.module, kind: 'Service', name: object.name, origin: translation.origin, body: { apiVersion: 'v1', kind: 'Service', metadata, spec }, fields: fields.list };
}

/**
 * A module's objects in the order the agent reconciles them (ServiceAccount, Service, Deployment,
 * PersistentVolumeClaims), as plain data with the origin of each field.
 */
export function toKubernetesObjects(translation: ModuleTranslation): KubernetesObject[] {
  const objects: KubernetesObject[] = [
    {
      module: translation.module,
      kind: 'ServiceAccount',
      name: translation.serviceAccount.name,
      origin: translation.origin,
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: translation.serviceAccount.name, namespace: NAMESPACE, labels: translation.deployment.labels, annotations: translation.serviceAccount.annotations } },
      fields: [],
    },
  ];
  const svc = service(translation);
  if (svc) objects.push(svc);
  objects.push(deployment(translation));
  for (const claim of translation.persistentVolumeClaims) {
    objects.push({
      module: translation.module,
      kind: 'PersistentVolumeClaim',
      name: claim.name,
      origin: claim.origin,
      body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim.name, namespace: NAMESPACE }, spec: { accessModes: [claim.accessMode] } },
      fields: [{ path: ['spec'], origin: undefined, text: 'created by the agent only when it has a storage class; on Azure Stack Edge the share provides this claim' }],
    });
  }
  return objects;
}
