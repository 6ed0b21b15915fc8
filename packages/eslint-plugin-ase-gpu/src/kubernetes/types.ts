/**
 * What the device's IoT Edge agent creates from a manifest (domain notes, sections 1-9), object by
 * object. Every field that comes from the manifest carries its `Origin`, so that a rule can be a short
 * statement over a `Translation` and still report at the exact place in the file.
 */
import type { ModuleModel, RegistryCredentialModel, ManifestModel } from '../manifest/model.js';
import type { DeviceProfile, ServiceType } from '../settings/device-profile.js';

/** Where a translated field came from. */
export interface Origin {
  /** File offsets `[start, end)`; inner createOptions nodes are already mapped to the file. */
  readonly range: readonly [number, number];
  /** A human path: `modules.camera.settings.createOptions › HostConfig.PortBindings["80/tcp"][0].HostPort`. */
  readonly path: string;
}

/** A translated value and where it came from. */
export interface Traced<T> {
  readonly value: T;
  readonly origin: Origin;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

// ---- containers ----------------------------------------------------------------------------------

export type EnvSource =
  /** The module's `env` section. */
  | 'env-section'
  /** `createOptions.Env`. */
  | 'create-options'
  /** Added by the agent (`IOTEDGE_*`, `EdgeDeviceHostName`, `RuntimeLogLevel`). */
  | 'agent';

export interface EnvVar {
  readonly name: string;
  /** The value as the container sees it; agent values only known on the device are written `<like this>`. */
  readonly value: string;
  readonly source: EnvSource;
  /** Whether the value is only known on the device (agent variables such as the device id). */
  readonly deviceValue: boolean;
  /** For `env-section` the entry's key; for `create-options` the Env string; for `agent` the module key. */
  readonly origin: Origin;
}

export interface ContainerPort {
  readonly containerPort: number;
  readonly protocol: Protocol;
  /** The ExposedPorts key. */
  readonly origin: Origin;
}

export type VolumeSource =
  /** `HostConfig.Binds`. */
  | 'binds'
  /** `HostConfig.Mounts` with `Type: bind`. */
  | 'mount-bind'
  /** `HostConfig.Mounts` with `Type: volume`. */
  | 'mount-volume'
  /** `k8s-experimental.volumes[].volume`, copied verbatim. */
  | 'k8s-experimental';

export interface Volume {
  /** The pod volume name (the agent's `SanitizeDNSLabel` of the source for Binds and Mounts). */
  readonly name: string;
  readonly source: VolumeSource;
  /** Binds and bind Mounts: a hostPath of type DirectoryOrCreate on the Kubernetes node VM. */
  readonly hostPath: { readonly path: string; readonly type: 'DirectoryOrCreate' } | undefined;
  /** Volume Mounts: the claim named after the Mount's Source. */
  readonly persistentVolumeClaim: { readonly claimName: string; readonly readOnly: boolean } | undefined;
  /** `k8s-experimental.volumes[].volume` as plain data. */
  readonly spec: Readonly<Record<string, unknown>> | undefined;
  readonly readOnly: boolean;
  /** The Binds entry, the Mounts entry, or the k8s-experimental `volume` object. */
  readonly origin: Origin;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly source: VolumeSource;
  /** `k8s-experimental.volumes[].volumeMounts[i]` as plain data (subPath, mountPropagation...). */
  readonly spec: Readonly<Record<string, unknown>> | undefined;
  readonly origin: Origin;
}

export interface ResourceQuantity {
  readonly resource: string;
  readonly kind: 'limits' | 'requests';
  /** As written: a string or a JSON number. */
  readonly quantity: string | number;
  /** Whether Kubernetes parses it as a quantity. */
  readonly valid: boolean;
  /** The entry's key in `k8s-experimental.resources.<kind>`. */
  readonly origin: Origin;
}

export interface Resources {
  readonly limits: readonly ResourceQuantity[];
  readonly requests: readonly ResourceQuantity[];
  /** The `resources` member. */
  readonly origin: Origin;
}

export interface ModuleContainer {
  /** The sanitised module name. */
  readonly name: string;
  /** As the agent reads it: trimmed, `:latest` added when untagged (origin: `settings.image`). */
  readonly image: Traced<string> | undefined;
  /** `Entrypoint` (beta6+), when an array of strings. */
  readonly command: Traced<readonly string[]> | undefined;
  /** `Cmd`, when an array of strings. */
  readonly args: Traced<readonly string[]> | undefined;
  readonly workingDir: Traced<string> | undefined;
  /** In the agent's order: env section, createOptions.Env, agent variables (Kubernetes keeps the last of a name). */
  readonly env: readonly EnvVar[];
  readonly ports: readonly ContainerPort[];
  /** `HostConfig.Privileged: true` → `securityContext.privileged`. */
  readonly privileged: Traced<boolean> | undefined;
  readonly volumeMounts: readonly VolumeMount[];
  readonly resources: Resources | undefined;
}

/** The iotedged sidecar of every module pod; it listens on localhost:35000 and 35001. */
export interface ProxyContainer {
  readonly name: 'proxy';
  readonly ports: readonly [35000, 35001];
}

// ---- pod and Deployment --------------------------------------------------------------------------

export interface Annotation {
  /** The key after the agent's sanitisation. */
  readonly key: string;
  readonly value: string;
  /** The `Labels` member. */
  readonly origin: Origin;
}

export interface PodSpec {
  readonly serviceAccountName: string;
  readonly hostNetwork: Traced<true> | undefined;
  /** `ClusterFirstWithHostNet` with host network, else Kubernetes' default. */
  readonly dnsPolicy: 'ClusterFirst' | 'ClusterFirstWithHostNet';
  readonly hostIPC: Traced<true> | undefined;
  readonly hostPID: Traced<true> | undefined;
  /**
   * The agent's `bool?` for each mode (IsHostNetwork, IsHostIpc, IsHostPid): true for `host`, false for
   * another mode (`bridge`, `private`), absent when the mode is not set.
   */
  readonly modes: {
    readonly hostNetwork: Traced<boolean> | undefined;
    readonly hostIPC: Traced<boolean> | undefined;
    readonly hostPID: Traced<boolean> | undefined;
  };
  readonly nodeSelector: Traced<Readonly<Record<string, unknown>>> | undefined;
  /** Pod-level securityContext (also applies to the proxy sidecar). Container-level keys are dropped. */
  readonly securityContext: Traced<Readonly<Record<string, unknown>>> | undefined;
  /** After de-duplication by name (first wins, a read-write PVC preferred). */
  readonly volumes: readonly Volume[];
  readonly imagePullSecrets: readonly string[];
  readonly containers: readonly [ProxyContainer, ModuleContainer];
}

export interface DeploymentObject {
  readonly name: string;
  /** 0 for `status: stopped`, else 1 (origin: the status member, or the module key). */
  readonly replicas: Traced<0 | 1>;
  readonly labels: Readonly<Record<string, string>>;
  /** Pod-template annotations from `Labels`. */
  readonly annotations: readonly Annotation[];
  /** Every pod-template annotation: those of `Labels` and `net.azure-devices.edge.original-moduleid`. */
  readonly podAnnotations: Readonly<Record<string, string | null>>;
  /** `k8s-experimental.strategy` verbatim; absent = RollingUpdate 25%/25%. */
  readonly strategy: Traced<Readonly<Record<string, unknown>>> | undefined;
  readonly pod: PodSpec;
}

export interface ServiceAccountObject {
  readonly name: string;
  /** `net.azure-devices.edge.original-moduleid` → the module id. */
  readonly annotations: Readonly<Record<string, string>>;
}

// ---- Service ----------------------------------------------------------------------------------

export interface ServicePort {
  /** `exposedport-<port>-<proto>` or `hostport-<containerPort>-<proto>`. */
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: Protocol;
  readonly source: 'exposed-port' | 'port-binding';
  /** ExposedPorts key, or the binding's HostPort value. */
  readonly origin: Origin;
}

export type ServiceTypeSource =
  /** `k8s-experimental.serviceOptions.type`. */
  | 'service-options'
  /** No PortBindings member: ClusterIP. */
  | 'no-port-bindings'
  /** A PortBindings member, even `{}` or without a usable HostPort: the device's default (LoadBalancer on ASE). */
  | 'device-default';

export interface ServiceObject {
  readonly module: ModuleModel;
  readonly name: string;
  readonly type: ServiceType;
  readonly typeSource: ServiceTypeSource;
  /** The serviceOptions.type value, when it decided the type. */
  readonly typeOrigin: Origin | undefined;
  readonly loadBalancerIP: Traced<string> | undefined;
  /** After the agent's merge keyed by Service port number (the last of a number wins), in first-seen order. */
  readonly ports: readonly ServicePort[];
  /** Every port before the merge: exposed ports first, then bindings. */
  readonly candidatePorts: readonly ServicePort[];
  /** The `HostConfig.PortBindings` member that made the type the device default, when present. */
  readonly portBindings: Origin | undefined;
  /** From `Labels`, as on the pod template. */
  readonly annotations: readonly Annotation[];
  /** The module and device labels (metadata.labels). */
  readonly labels: Readonly<Record<string, string>>;
  /** The same labels: the Service selects the module's pod by module and device. */
  readonly selector: Readonly<Record<string, string>>;
}

// ---- storage and registry --------------------------------------------------------------------

export interface PersistentVolumeClaimObject {
  readonly module: ModuleModel;
  /** `SanitizeDNSLabel(Source)`. */
  readonly name: string;
  readonly accessMode: 'ReadWriteMany' | 'ReadOnlyMany';
  /** The Mounts entry. */
  readonly origin: Origin;
}

export interface ImagePullSecret {
  readonly credential: RegistryCredentialModel;
  /** The Secret name the agent computes (also when it is invalid). */
  readonly name: string;
  readonly valid: boolean;
  /** The address's host (scheme dropped, cut at the first `/`), for messages: the agent matches images against the whole address. */
  readonly host: string;
  /** Modules whose image is on this registry. */
  readonly modules: readonly ModuleModel[];
  /** The credential's `address` (or the credential key when it has none). */
  readonly origin: Origin;
}

// ---- what goes wrong ------------------------------------------------------------------------

/** What makes the agent throw or the API server reject an object: the deployment pass fails. */
export type FailureCode =
  | 'create-options-invalid'
  | 'module-type-not-docker'
  | 'name-collision'
  | 'name-too-long'
  | 'name-invalid-label'
  | 'name-invalid-service'
  | 'name-reserved'
  | 'command-not-array'
  | 'annotation-key-invalid'
  | 'env-name-invalid'
  | 'mount-incomplete'
  | 'volume-name-invalid'
  | 'volume-name-collision'
  | 'volume-mount-unknown-volume'
  | 'mount-path-duplicate'
  | 'quantity-invalid'
  | 'extended-resource-invalid'
  | 'requests-exceed-limits'
  | 'strategy-invalid'
  | 'secret-name-invalid'
  | 'port-out-of-range'
  | 'duplicate-port-name'
  | 'mixed-protocol-load-balancer'
  | 'load-balancer-ip-invalid'
  /** A value the agent's JSON reader cannot convert to its member's type (ReadOnly "yes", WorkingDir [..]). */
  | 'value-type-invalid'
  /** Two createOptions keys outside the typed members that differ only by case (`Cmd`, `cmd`): the agent throws. */
  | 'create-options-key-case-collision'
  /** An image the agent's DockerConfig cannot read (`app:`, `a:b:c`). */
  | 'image-invalid'
  /** Two `Labels` keys that give one annotation key: the agent's dictionary throws. */
  | 'annotation-key-collision';

/** What the agent silently drops or overrides: the deployment runs, without it. */
export type DropCode =
  /** A createOptions field of domain section 2 marked ignored. */
  | 'ignored-field'
  /** restartPolicy, imagePullPolicy, startupOrder. */
  | 'ignored-module-setting'
  /** NetworkMode / IpcMode / PidMode other than `host`. */
  | 'ignored-mode'
  /** Binds entry with fewer than two `:`-separated parts. */
  | 'bind-unparsable'
  /** Mounts `Type` other than bind/volume. */
  | 'mount-type-ignored'
  /** A volume whose sanitised name repeats an earlier one. */
  | 'volume-deduplicated'
  /** ExposedPorts / PortBindings key that is not `<port>[/tcp|udp|sctp]`. */
  | 'port-key-invalid'
  /** Binding with missing, empty or non-integer HostPort. */
  | 'binding-without-host-port'
  /** `HostIp` of a binding. */
  | 'host-ip-ignored'
  /** A Service port lost to another with the same number. */
  | 'port-merged'
  /** `createOptions.Env` entry without `=` or starting with `=`. */
  | 'env-without-equals'
  /** A user env var the agent's own variable overrides. */
  | 'env-overridden'
  /** A k8s-experimental section under another spelling or place. */
  | 'k8s-section-ignored'
  | 'k8s-section-not-object'
  | 'k8s-unknown-key'
  /** Container-level keys in the pod securityContext. */
  | 'security-context-container-key'
  /** serviceOptions.type not ClusterIP/NodePort/LoadBalancer. */
  | 'service-type-unknown'
  /** serviceOptions on a module without ports (no Service). */
  | 'service-options-unused'
  /** loadBalancerIP on a Service that is not a LoadBalancer. */
  | 'load-balancer-ip-unused'
  /** edgeAgent's image, createOptions and env: the device runs its own agent. */
  | 'edge-agent-settings';

export interface TranslationIssue<Code extends string = string> {
  readonly code: Code;
  /** The module concerned (undefined only for manifest-wide issues). */
  readonly module: ModuleModel | undefined;
  readonly origin: Origin;
  /** A short explanation in the agent's terms, one sentence. */
  readonly message: string;
  /** Details for messages (field names, ports, names). */
  readonly data: Readonly<Record<string, string | number>>;
}

export type Failure = TranslationIssue<FailureCode>;
export type Dropped = TranslationIssue<DropCode>;

/** Operational facts a migrating team must know that are not lint findings (rules.md "info"). */
export type NoteCode =
  /** A LoadBalancer Service: the module gets its own external IP, not the device's. */
  | 'external-ip'
  /** `status: stopped`: replicas 0, the pod is deleted. */
  | 'stopped'
  /** `:latest` or untagged image: Kubernetes pulls on every start (fails offline). */
  | 'image-always-pulled'
  /** Upper-case module name: Kubernetes objects are lower-case (DNS is case-insensitive). */
  | 'name-lowercased'
  /** Characters deleted from the module name: peers using the raw name do not resolve. */
  | 'name-characters-removed'
  /** Volume Mounts need a PVC of that name (an ASE share with Edge compute). */
  | 'claim-required'
  /** Ports reachable in the cluster as `<service>:<port>`. */
  | 'cluster-address';

export type Note = TranslationIssue<NoteCode>;

// ---- the translation ------------------------------------------------------------------------

export interface ModuleTranslation {
  readonly module: ModuleModel;
  /** The sanitised name used for every object of the module. */
  readonly name: string;
  /** The module's key in the manifest. */
  readonly origin: Origin;
  /** `modules.<name>` or `systemModules.<name>`. */
  readonly path: string;
  readonly serviceAccount: ServiceAccountObject;
  readonly deployment: DeploymentObject;
  /** The module container (the second container of the pod). */
  readonly container: ModuleContainer;
  readonly env: readonly EnvVar[];
  readonly volumes: readonly Volume[];
  readonly volumeMounts: readonly VolumeMount[];
  readonly service: ServiceObject | undefined;
  readonly persistentVolumeClaims: readonly PersistentVolumeClaimObject[];
  readonly imagePullSecrets: readonly ImagePullSecret[];
  readonly failures: readonly Failure[];
  readonly dropped: readonly Dropped[];
  readonly notes: readonly Note[];
}

export interface Translation {
  readonly model: ManifestModel;
  readonly profile: DeviceProfile;
  /** In manifest order, system modules included. */
  readonly modules: readonly ModuleTranslation[];
  readonly services: readonly ServiceObject[];
  readonly persistentVolumeClaims: readonly PersistentVolumeClaimObject[];
  /** One per registry credential used by at least one image. */
  readonly imagePullSecrets: readonly ImagePullSecret[];
  readonly failures: readonly Failure[];
  readonly dropped: readonly Dropped[];
  readonly notes: readonly Note[];
  /**
   * False for a layered fragment without a base deployment in the profile: checks over the whole
   * deployment (name collisions, edgeHub ports, external IP counts) cannot be judged from it.
   */
  readonly wholeDeployment: boolean;
  /** The translation of a module, by its manifest name. */
  module(name: string | ModuleModel): ModuleTranslation | undefined;
}
