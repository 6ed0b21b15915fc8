/**
 * The device profile: what the rules need to know about the Azure Stack Edge Pro GPU device a
 * manifest is deployed to. One schema, read from ESLint `settings["ase-gpu"]` and reused by the
 * core linter's `.aseGpurc` JSON Schema.
 */

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** The transports of the IoT device SDKs, as `UpstreamProtocol` names them, plus HTTPS. */
export const LEAF_DEVICE_PROTOCOLS = ['Amqp', 'AmqpWs', 'Mqtt', 'MqttWs', 'Https'] as const;
export type LeafDeviceProtocol = (typeof LEAF_DEVICE_PROTOCOLS)[number];

export interface Exemption {
  /** Rule id, with or without the `ase-gpu/` prefix. */
  readonly rule: string;
  /** Module name the exemption is limited to. */
  readonly module?: string;
  /** Glob (relative to the working directory) of the files it is limited to. */
  readonly file?: string;
  readonly reason?: string;
  /** Last day (YYYY-MM-DD) on which the exemption applies. */
  readonly expires?: string;
}

export interface DeviceProfileSettings {
  aseVersion?: string;
  kubernetesVersion?: string;
  agentVersion?: string;
  gpuCount?: number;
  leafDeviceProtocols?: LeafDeviceProtocol[];
  nodeLabels?: Record<string, string>;
  extendedResources?: string[];
  shares?: string[];
  externalServiceIps?: number;
  externalServiceIpRange?: string;
  defaultServiceType?: ServiceType;
  mixedProtocolLoadBalancer?: boolean;
  maxChunkLength?: number;
  maxChunks?: number;
  manifestKind?: 'auto' | 'template' | 'deployment';
  baseDeployment?: string;
  exemptions?: Exemption[];
}

export interface DeviceProfile {
  readonly aseVersion: string;
  readonly kubernetesVersion: string;
  /** Kubernetes minor version (27 for 1.27). */
  readonly kubernetesMinor: number;
  readonly agentVersion: string;
  /** GPUs available to Kubernetes; undefined when the profile does not say (see LARGEST_GPU_COUNT). */
  readonly gpuCount: number | undefined;
  /** How leaf (downstream) devices connect to edgeHub; undefined when the profile does not say. */
  readonly leafDeviceProtocols: readonly LeafDeviceProtocol[] | undefined;
  /** The labels of the device's Kubernetes node; undefined when the profile does not list them. */
  readonly nodeLabels: Readonly<Record<string, string>> | undefined;
  /** Extended resources the node offers besides nvidia.com/gpu; undefined when the profile does not list them. */
  readonly extendedResources: readonly string[] | undefined;
  readonly shares: readonly string[] | undefined;
  readonly externalServiceIps: number | undefined;
  readonly externalServiceIpRange: string | undefined;
  readonly defaultServiceType: ServiceType;
  readonly mixedProtocolLoadBalancer: boolean;
  readonly maxChunkLength: number;
  readonly maxChunks: number;
  readonly manifestKind: 'auto' | 'template' | 'deployment';
  readonly baseDeployment: string | undefined;
  readonly exemptions: readonly Exemption[];
}

export const SETTINGS_KEY = 'ase-gpu';

/** ASE software update → Kubernetes server version (domain section 0.1). */
const KUBERNETES_BY_ASE_VERSION: readonly (readonly [number, string])[] = [
  [2105, '1.20'],
  [2309, '1.25'],
  [2403, '1.27'],
  [2607, '1.35'],
];

export const DEVICE_PROFILE_DEFAULTS = {
  aseVersion: '2403',
  agentVersion: '0.1.0-beta15',
  defaultServiceType: 'LoadBalancer',
  mixedProtocolLoadBalancer: false,
  maxChunkLength: 512,
  maxChunks: 8,
  manifestKind: 'auto',
} as const;

/** JSON Schema (draft-07) of `settings["ase-gpu"]`. */
export const deviceProfileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    aseVersion: {
      type: 'string',
      pattern: '^\\d{4}$',
      default: DEVICE_PROFILE_DEFAULTS.aseVersion,
      description: 'The device software update (YYMM, e.g. "2403"); selects the Kubernetes version when kubernetesVersion is unset, and whether host network works (2110 and later).',
    },
    kubernetesVersion: {
      type: 'string',
      pattern: '^\\d+\\.\\d+(\\.\\d+)?$',
      description: 'Kubernetes server version of the device (e.g. "1.27"); env names with ":" are accepted from 1.32.',
    },
    agentVersion: {
      type: 'string',
      default: DEVICE_PROFILE_DEFAULTS.agentVersion,
      description: 'The IoT Edge agent on the device (0.1.0-beta15 on every ASE update since 2309).',
    },
    gpuCount: {
      type: 'integer',
      minimum: 0,
      description: 'GPUs available to Kubernetes on the device. Unset: no count is assumed, and only more GPUs than the largest Pro GPU model has (2) are reported.',
    },
    leafDeviceProtocols: {
      type: 'array',
      items: { enum: [...LEAF_DEVICE_PROTOCOLS] },
      uniqueItems: true,
      description: 'How leaf (downstream) devices connect to edgeHub: AmqpWs, MqttWs and Https need port 443 on the edgehub Service. Unset: 443 is asked for only when a module sets UpstreamProtocol to AmqpWs or MqttWs.',
    },
    nodeLabels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'The labels of the device\'s Kubernetes node (kubectl get node --show-labels). Set: a k8s-experimental.nodeSelector that no label matches is reported. Unset: node selectors are not judged.',
    },
    extendedResources: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      description: 'Extended resources the device\'s Kubernetes node offers besides nvidia.com/gpu. Set: a request for any other extended resource is reported. Unset: they are not judged.',
    },
    shares: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      description: 'Names of the device shares with "Use the share with Edge compute" enabled. Unset: rules that need it stay quiet about names they cannot judge.',
    },
    externalServiceIps: {
      type: 'integer',
      minimum: 0,
      description: 'How many Kubernetes external service IPs the device has (the LoadBalancer budget).',
    },
    externalServiceIpRange: {
      type: 'string',
      pattern: '^\\d{1,3}(\\.\\d{1,3}){3}(\\s*-\\s*\\d{1,3}(\\.\\d{1,3}){3}|/\\d{1,2})$',
      description: 'The Kubernetes external service IP range, as "first-last" or a CIDR block.',
    },
    defaultServiceType: {
      enum: ['ClusterIP', 'NodePort', 'LoadBalancer'],
      default: DEVICE_PROFILE_DEFAULTS.defaultServiceType,
      description: "The agent's Service type for modules with PortBindings (LoadBalancer on ASE).",
    },
    mixedProtocolLoadBalancer: {
      type: 'boolean',
      default: DEVICE_PROFILE_DEFAULTS.mixedProtocolLoadBalancer,
      description: 'Whether the device serves TCP and UDP on one LoadBalancer Service (the release notes through 2403 say it does not).',
    },
    maxChunkLength: {
      type: 'integer',
      minimum: 16,
      default: DEVICE_PROFILE_DEFAULTS.maxChunkLength,
      description: 'Longest createOptions chunk the tools accept.',
    },
    maxChunks: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: DEVICE_PROFILE_DEFAULTS.maxChunks,
      description: 'Most createOptions chunks the tools accept.',
    },
    manifestKind: {
      enum: ['auto', 'template', 'deployment'],
      default: DEVICE_PROFILE_DEFAULTS.manifestKind,
      description: 'template or deployment; auto: a file whose name contains "template", or which holds ${...} placeholders, is a template.',
    },
    baseDeployment: {
      type: 'string',
      description: 'The base deployment that layered deployments in scope are applied on top of; when set, whole-deployment rules also judge layered fragments.',
    },
    exemptions: {
      type: 'array',
      description: 'Findings a team has accepted, each with the reason and an optional expiry date.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule'],
        properties: {
          rule: { type: 'string', minLength: 1, description: 'Rule id (ase-gpu/<name> or <name>).' },
          module: { type: 'string', minLength: 1, description: 'Limit to this module.' },
          file: { type: 'string', minLength: 1, description: 'Limit to files matching this glob.' },
          reason: { type: 'string', description: 'Why the finding is accepted.' },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day (YYYY-MM-DD) the exemption applies.' },
        },
      },
    },
  },
} as const;

/** GPUs of the largest Azure Stack Edge Pro GPU model: what a deployment can hold at most when the profile gives no gpuCount. */
export const LARGEST_GPU_COUNT = 2;

export function kubernetesVersionFor(aseVersion: string): string {
  const numeric = Number.parseInt(aseVersion, 10);
  let version = KUBERNETES_BY_ASE_VERSION[0]![1];
  for (const [ase, kubernetes] of KUBERNETES_BY_ASE_VERSION) if (numeric >= ase) version = kubernetes;
  return version;
}

function minorOf(version: string): number {
  return Number.parseInt(version.split('.')[1] ?? '0', 10);
}

const resolved = new WeakMap<object, DeviceProfile>();
/** Stands for "no settings", so that files without settings share one profile (and one translation per model). */
const NO_SETTINGS: DeviceProfileSettings = Object.freeze({});

function pick<T>(value: unknown, guard: (value: unknown) => boolean, fallback: T): T {
  return guard(value) ? (value as T) : fallback;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The device profile for a settings object (ESLint `context.settings`), defaults filled in. */
export function resolveDeviceProfile(settings: Readonly<Record<string, unknown>> | undefined): DeviceProfile {
  const raw = settings?.[SETTINGS_KEY];
  const source = raw && typeof raw === 'object' ? (raw as DeviceProfileSettings) : NO_SETTINGS;
  const cached = resolved.get(source);
  if (cached) return cached;
  const aseVersion = pick(source.aseVersion, isString, DEVICE_PROFILE_DEFAULTS.aseVersion);
  const kubernetesVersion = pick(source.kubernetesVersion, isString, kubernetesVersionFor(aseVersion));
  const profile: DeviceProfile = {
    aseVersion,
    kubernetesVersion,
    kubernetesMinor: minorOf(kubernetesVersion),
    agentVersion: pick(source.agentVersion, isString, DEVICE_PROFILE_DEFAULTS.agentVersion),
    gpuCount: pick<number | undefined>(source.gpuCount, isCount, undefined),
    leafDeviceProtocols: Array.isArray(source.leafDeviceProtocols)
      ? source.leafDeviceProtocols.filter((protocol): protocol is LeafDeviceProtocol => (LEAF_DEVICE_PROTOCOLS as readonly unknown[]).includes(protocol))
      : undefined,
    nodeLabels:
      source.nodeLabels && typeof source.nodeLabels === 'object' && !Array.isArray(source.nodeLabels)
        ? Object.fromEntries(Object.entries(source.nodeLabels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
        : undefined,
    extendedResources: Array.isArray(source.extendedResources) ? source.extendedResources.filter((name): name is string => typeof name === 'string') : undefined,
    shares: Array.isArray(source.shares) ? source.shares.filter((share): share is string => typeof share === 'string') : undefined,
    externalServiceIps: pick<number | undefined>(source.externalServiceIps, isCount, undefined),
    externalServiceIpRange: pick<string | undefined>(source.externalServiceIpRange, isString, undefined),
    defaultServiceType: pick(source.defaultServiceType, (value) => value === 'ClusterIP' || value === 'NodePort' || value === 'LoadBalancer', DEVICE_PROFILE_DEFAULTS.defaultServiceType),
    mixedProtocolLoadBalancer: pick(source.mixedProtocolLoadBalancer, (value) => typeof value === 'boolean', DEVICE_PROFILE_DEFAULTS.mixedProtocolLoadBalancer),
    maxChunkLength: pick(source.maxChunkLength, (value) => isCount(value) && (value as number) >= 16, DEVICE_PROFILE_DEFAULTS.maxChunkLength),
    maxChunks: pick(source.maxChunks, (value) => isCount(value) && (value as number) >= 1, DEVICE_PROFILE_DEFAULTS.maxChunks),
    manifestKind: pick(source.manifestKind, (value) => value === 'auto' || value === 'template' || value === 'deployment', DEVICE_PROFILE_DEFAULTS.manifestKind),
    baseDeployment: pick<string | undefined>(source.baseDeployment, isString, undefined),
    exemptions: Array.isArray(source.exemptions) ? source.exemptions.filter((entry) => entry && typeof entry === 'object' && typeof entry.rule === 'string') : [],
  };
  resolved.set(source, profile);
  return profile;
}
