import { keyName, type JSONExpression, type JSONNode } from '../manifest/json-ast.js';

/**
 * JSON shapes of the typed fields of Docker's create-container parameters, as the agent's
 * Newtonsoft models (`D/models/*`) and the Docker Engine API read them.
 */
export type Shape =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'any'
  | { readonly arrayOf: Shape }
  | { readonly mapOf: Shape }
  | { readonly fields: Readonly<Record<string, Shape>> };

const stringList: Shape = { arrayOf: 'string' };
const stringMap: Shape = { mapOf: 'string' };
const anyObject: Shape = { mapOf: 'any' };
const portBinding: Shape = { fields: { HostIp: 'string', HostPort: 'string' } };

const mount: Shape = {
  fields: {
    Type: 'string',
    Source: 'string',
    Target: 'string',
    ReadOnly: 'boolean',
    Consistency: 'string',
    BindOptions: anyObject,
    VolumeOptions: anyObject,
    TmpfsOptions: anyObject,
  },
};

const hostConfig: Shape = {
  fields: {
    Binds: stringList,
    Mounts: { arrayOf: mount },
    PortBindings: { mapOf: { arrayOf: portBinding } },
    Privileged: 'boolean',
    NetworkMode: 'string',
    IpcMode: 'string',
    PidMode: 'string',
    UTSMode: 'string',
    UsernsMode: 'string',
    Runtime: 'string',
    Devices: { arrayOf: { fields: { PathOnHost: 'string', PathInContainer: 'string', CgroupPermissions: 'string' } } },
    DeviceRequests: { arrayOf: { fields: { Driver: 'string', Count: 'integer', DeviceIDs: stringList, Capabilities: { arrayOf: stringList }, Options: stringMap } } },
    DeviceCgroupRules: stringList,
    Memory: 'integer',
    MemorySwap: 'integer',
    MemoryReservation: 'integer',
    KernelMemory: 'integer',
    NanoCpus: 'integer',
    CpuShares: 'integer',
    CpuPeriod: 'integer',
    CpuQuota: 'integer',
    CpuRealtimePeriod: 'integer',
    CpuRealtimeRuntime: 'integer',
    CpusetCpus: 'string',
    CpusetMems: 'string',
    PidsLimit: 'integer',
    ShmSize: 'integer',
    OomKillDisable: 'boolean',
    ReadonlyRootfs: 'boolean',
    PublishAllPorts: 'boolean',
    Init: 'boolean',
    AutoRemove: 'boolean',
    CapAdd: stringList,
    CapDrop: stringList,
    SecurityOpt: stringList,
    GroupAdd: stringList,
    Dns: stringList,
    DnsOptions: stringList,
    DnsSearch: stringList,
    ExtraHosts: stringList,
    Links: stringList,
    VolumesFrom: stringList,
    Sysctls: stringMap,
    Tmpfs: stringMap,
    StorageOpt: stringMap,
    LogConfig: { fields: { Type: 'string', Config: stringMap } },
    RestartPolicy: { fields: { Name: 'string', MaximumRetryCount: 'integer' } },
    Ulimits: { arrayOf: { fields: { Name: 'string', Soft: 'integer', Hard: 'integer' } } },
  },
};

export const createOptionsShape: Shape = {
  fields: {
    Hostname: 'string',
    Domainname: 'string',
    User: 'string',
    Env: stringList,
    Cmd: stringList,
    Entrypoint: stringList,
    WorkingDir: 'string',
    Image: 'string',
    Labels: stringMap,
    ExposedPorts: { mapOf: anyObject },
    Volumes: { mapOf: anyObject },
    Tty: 'boolean',
    OpenStdin: 'boolean',
    StdinOnce: 'boolean',
    AttachStdin: 'boolean',
    AttachStdout: 'boolean',
    AttachStderr: 'boolean',
    NetworkDisabled: 'boolean',
    StopSignal: 'string',
    StopTimeout: 'integer',
    HostConfig: hostConfig,
    NetworkingConfig: { fields: { EndpointsConfig: { mapOf: anyObject } } },
  },
};

export interface ShapeMismatch {
  readonly node: JSONExpression;
  readonly path: readonly (string | number)[];
  readonly expected: Shape;
}

const INTEGER_TEXT = /^[+-]?\d+$/u;
const BOOLEAN_TEXT = /^(?:true|false)$/iu;

/** Whether a scalar is accepted where `shape` is expected, with Newtonsoft's coercions. */
function acceptsScalar(node: JSONExpression, shape: 'string' | 'integer' | 'number' | 'boolean'): boolean {
  if (node.type === 'JSONObjectExpression' || node.type === 'JSONArrayExpression') return false;
  if (node.type !== 'JSONLiteral') return node.type === 'JSONUnaryExpression' && (shape === 'integer' || shape === 'number' || shape === 'string');
  const value = node.value;
  if (value === null) return true;
  switch (shape) {
    case 'string':
      return true;
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && INTEGER_TEXT.test(value.trim()));
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
    case 'boolean':
      return typeof value === 'boolean' || typeof value === 'number' || (typeof value === 'string' && BOOLEAN_TEXT.test(value.trim()));
  }
}

function isNull(node: JSONNode): boolean {
  return node.type === 'JSONLiteral' && node.value === null;
}

/** Typed fields by lower-case name (Newtonsoft binds them case-insensitively; the first declared wins). */
const fieldIndexes = new WeakMap<object, Map<string, Shape>>();

function fieldIndex(shape: { readonly fields: Readonly<Record<string, Shape>> }): Map<string, Shape> {
  let index = fieldIndexes.get(shape);
  if (!index) {
    index = new Map();
    for (const [name, field] of Object.entries(shape.fields)) if (!index.has(name.toLowerCase())) index.set(name.toLowerCase(), field);
    fieldIndexes.set(shape, index);
  }
  return index;
}

/**
 * Every place where a value does not have the shape the agent deserialises, outermost first.
 * `exclude` skips fields another rule owns (a string `Cmd` belongs to cmd-entrypoint-array); the path
 * it is given is only valid during the call. One path is extended and shortened as the walk goes, and
 * copied only into a mismatch: this runs on every module of every file.
 */
export function findShapeMismatches(
  root: JSONExpression,
  rootShape: Shape,
  path: readonly (string | number)[] = [],
  exclude: (path: readonly (string | number)[], node: JSONExpression) => boolean = () => false,
): ShapeMismatch[] {
  const mismatches: ShapeMismatch[] = [];
  const current = [...path];
  const mismatch = (node: JSONExpression, expected: Shape): void => {
    mismatches.push({ node, path: [...current], expected });
  };
  const visit = (node: JSONExpression, shape: Shape): void => {
    if (shape === 'any' || isNull(node) || exclude(current, node)) return;
    if (typeof shape === 'string') {
      if (!acceptsScalar(node, shape)) mismatch(node, shape);
      return;
    }
    if ('arrayOf' in shape) {
      if (node.type !== 'JSONArrayExpression') return mismatch(node, shape);
      node.elements.forEach((element, index) => {
        if (!element) return;
        current.push(index);
        visit(element, shape.arrayOf);
        current.pop();
      });
      return;
    }
    if (node.type !== 'JSONObjectExpression') return mismatch(node, shape);
    const fields = 'mapOf' in shape ? undefined : fieldIndex(shape);
    for (const property of node.properties) {
      const key = keyName(property);
      const field = fields ? fields.get(key.toLowerCase()) : (shape as { readonly mapOf: Shape }).mapOf;
      if (!field) continue;
      current.push(key);
      visit(property.value, field);
      current.pop();
    }
  };
  visit(root, rootShape);
  return mismatches;
}

export function describeShape(shape: Shape): string {
  if (typeof shape === 'string') {
    return shape === 'integer' ? 'an integer' : shape === 'any' ? 'any value' : `a ${shape}`;
  }
  if ('arrayOf' in shape) {
    const inner = shape.arrayOf;
    return typeof inner === 'string' ? `an array of ${inner}s` : 'an array';
  }
  if ('mapOf' in shape) return shape.mapOf === 'string' ? 'an object of strings' : 'an object';
  return 'an object';
}
