/**
 * The createOptions fields of domain section 2 that the Kubernetes agent silently ignores and that no
 * rule but `no-ignored-settings` reports (rules.md, "Ownership"). Left out on purpose:
 * - fields other rules own: Devices, DeviceRequests, Runtime, the cgroup limits, ShmSize, NetworkMode,
 *   NetworkingConfig, Cmd, Entrypoint;
 * - what rules.md calls "info": Tty, OpenStdin, Attach*, LogConfig;
 * - fields that only matter when an image is built (Shell, OnBuild, ArgsEscaped) and Image, which
 *   `settings.image` overrides on both platforms: nothing changes on the GPU device.
 */
export interface IgnoredDockerField {
  /** Where it sits: the createOptions root or HostConfig. */
  readonly parent: 'root' | 'HostConfig';
  /** Docker's spelling (matched case-insensitively, as both Docker and the agent's models do). */
  readonly name: string;
  /** What the module loses on the GPU device (a clause). */
  readonly consequence: string;
  /** What to do instead (a clause). */
  readonly advice: string;
}

const REMOVE = 'remove it';

const root = (name: string, consequence: string, advice: string): IgnoredDockerField => ({ parent: 'root', name, consequence, advice });
const host = (name: string, consequence: string, advice: string): IgnoredDockerField => ({ parent: 'HostConfig', name, consequence, advice });

export const IGNORED_DOCKER_FIELDS: readonly IgnoredDockerField[] = [
  root('User', "the container runs as the image's user", 'set runAsUser and runAsGroup in k8s-experimental.securityContext'),
  root('Hostname', 'the container gets the pod name as its host name', 'read the name from configuration'),
  root('Domainname', "the pod gets the cluster's DNS domain", REMOVE),
  root('StdinOnce', 'no standard input is attached', REMOVE),
  root('Healthcheck', 'Kubernetes runs no health check', 'make the module exit when it is unhealthy'),
  root('StopSignal', 'Kubernetes stops the container with SIGTERM', 'make the module shut down cleanly on SIGTERM'),
  root('StopTimeout', 'Kubernetes waits its default 30 seconds before it kills the container', 'make the module shut down within 30 seconds'),
  root('Volumes', 'no volume is created and the data is lost with the pod', 'mount a volume with HostConfig.Mounts'),
  root('MacAddress', 'the pod gets its address from the cluster network', REMOVE),
  root('NetworkDisabled', 'the pod keeps its network access', REMOVE),
  host('CapAdd', 'the container does not get these Linux capabilities', 'use HostConfig.Privileged only if the module truly needs them'),
  host('CapDrop', 'the container keeps the default capabilities', REMOVE),
  host('SecurityOpt', 'seccomp, AppArmor and SELinux options are not applied', 'use securityContext.seLinuxOptions, or remove it'),
  host('ReadonlyRootfs', 'the root filesystem stays writable', REMOVE),
  host('GroupAdd', 'the container does not join these groups', 'use k8s-experimental.securityContext.supplementalGroups'),
  host('UsernsMode', 'no user namespace is set up', REMOVE),
  host('UTSMode', 'the pod keeps its own host name namespace', REMOVE),
  host('Cgroup', 'Kubernetes places the container in its own cgroup', REMOVE),
  host('CgroupParent', 'Kubernetes places the container in its own cgroup', REMOVE),
  host('Init', 'no init process reaps zombie processes', 'add one (such as tini) to the image if needed'),
  host('Sysctls', 'these kernel parameters are not set', 'move them to k8s-experimental.securityContext.sysctls'),
  host('Tmpfs', 'no tmpfs is mounted', 'mount a memory emptyDir through k8s-experimental.volumes'),
  host('StorageOpt', 'the storage driver options are not applied', REMOVE),
  host('Isolation', 'the isolation mode is not applied', REMOVE),
  host('ExtraHosts', 'these /etc/hosts entries are not written', 'use names that DNS resolves, or IP addresses'),
  host('Dns', 'the pod uses the cluster DNS', 'rely on the cluster DNS, which forwards other names'),
  host('DnsOptions', 'the pod uses the cluster DNS options', REMOVE),
  host('DnsSearch', 'the pod uses the cluster search domains', 'use fully qualified names'),
  host('Links', 'no link is created', 'reach the peer by its Service name'),
  host('VolumesFrom', "the other container's volumes are not mounted", 'mount a shared volume with HostConfig.Mounts in both modules'),
  host('PublishAllPorts', 'no port is published beyond ExposedPorts and PortBindings', 'declare each port in PortBindings'),
  host('RestartPolicy', 'Kubernetes always restarts the container', REMOVE),
  host('AutoRemove', 'Kubernetes restarts the container instead of removing it', REMOVE),
];

/** The modes the agent translates only for `host`. */
export const HOST_ONLY_MODES = ['IpcMode', 'PidMode'] as const;
