import { createOptionsShape, type Shape } from '../../packages/eslint-plugin-ase-gpu/src/docker/create-options-shapes.js';

/**
 * Test-only: createOptions as a tree of JSON text (so that `__proto__` is a key like any other and
 * `1e400` keeps its digits), the paths of it that rules read, and mutations that put a value of every
 * JSON type at each of them.
 */
export type Tree = { readonly obj: readonly (readonly [string, Tree])[] } | { readonly arr: readonly Tree[] } | { readonly raw: string };
export type TreePath = readonly (string | number)[];

export function fromValue(value: unknown): Tree {
  if (Array.isArray(value)) return { arr: value.map(fromValue) };
  if (value !== null && typeof value === 'object') return { obj: Object.entries(value).map(([key, member]) => [key, fromValue(member)] as const) };
  return { raw: JSON.stringify(value) };
}

/** Compact JSON text of a tree. Iterative: the trees of the size tests are deep or long. */
export function textOf(tree: Tree): string {
  if ('raw' in tree) return tree.raw;
  if ('arr' in tree) return `[${tree.arr.map(textOf).join(',')}]`;
  return `{${tree.obj.map(([key, member]) => `${JSON.stringify(key)}:${textOf(member)}`).join(',')}}`;
}

/** The same tree laid out with two-space indentation from `indent` (the object encoding of a template). */
export function laidOut(tree: Tree, indent: string): string {
  if ('raw' in tree) return tree.raw;
  const inner = `${indent}  `;
  if ('arr' in tree) return tree.arr.length === 0 ? '[]' : `[\n${tree.arr.map((item) => inner + laidOut(item, inner)).join(',\n')}\n${indent}]`;
  return tree.obj.length === 0 ? '{}' : `{\n${tree.obj.map(([key, member]) => `${inner}${JSON.stringify(key)}: ${laidOut(member, inner)}`).join(',\n')}\n${indent}}`;
}

/** Every path of a tree that holds a value (the root excluded), with the containers among them. */
export function pathsOf(tree: Tree, prefix: TreePath = []): { path: TreePath; container: boolean }[] {
  const result: { path: TreePath; container: boolean }[] = [];
  if ('obj' in tree) {
    for (const [key, member] of tree.obj) {
      result.push({ path: [...prefix, key], container: !('raw' in member) }, ...pathsOf(member, [...prefix, key]));
    }
  } else if ('arr' in tree) {
    tree.arr.forEach((member, index) => result.push({ path: [...prefix, index], container: !('raw' in member) }, ...pathsOf(member, [...prefix, index])));
  }
  return result;
}

/** The tree with the value at `path` replaced. */
export function replaceAt(tree: Tree, path: TreePath, value: Tree): Tree {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if ('obj' in tree) return { obj: tree.obj.map(([key, member]) => [key, key === head ? replaceAt(member, rest, value) : member] as const) };
  if ('arr' in tree) return { arr: tree.arr.map((member, index) => (index === head ? replaceAt(member, rest, value) : member)) };
  return tree;
}

/** The tree with a member added to the object at `path` (the root when empty). */
export function addMemberAt(tree: Tree, path: TreePath, key: string, value: Tree): Tree {
  if (path.length === 0) return 'obj' in tree ? { obj: [...tree.obj, [key, value]] } : tree;
  const [head, ...rest] = path;
  if ('obj' in tree) return { obj: tree.obj.map(([name, member]) => [name, name === head ? addMemberAt(member, rest, key, value) : member] as const) };
  if ('arr' in tree) return { arr: tree.arr.map((member, index) => (index === head ? addMemberAt(member, rest, key, value) : member)) };
  return tree;
}

/** A value of every JSON type, and the shapes that tripped rules before. */
export const SWEEP_VALUES: readonly [string, Tree][] = [
  ['null', { raw: 'null' }],
  ['true', { raw: 'true' }],
  ['0', { raw: '0' }],
  ['-1', { raw: '-1' }],
  ['1e400', { raw: '1e400' }],
  ['""', { raw: '""' }],
  ['"x"', { raw: '"x"' }],
  ['[]', { arr: [] }],
  ['[{}]', { arr: [{ obj: [] }] }],
  ['{}', { obj: [] }],
  ['{"a":{}}', { obj: [['a', { obj: [] }]] }],
];

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** A value for every field of a Docker shape, so that every typed path exists in the sample. */
function sampleOf(shape: Shape): unknown {
  if (shape === 'string') return 'x';
  if (shape === 'integer' || shape === 'number') return 1024;
  if (shape === 'boolean') return true;
  if (shape === 'any') return {};
  if ('arrayOf' in shape) return [sampleOf(shape.arrayOf)];
  if ('mapOf' in shape) return { k: sampleOf(shape.mapOf) };
  return Object.fromEntries(Object.entries(shape.fields).map(([key, field]) => [key, sampleOf(field)]));
}

/** Values the rules look into (paths, ports, quantities), so that each rule gets past its first checks. */
const REALISTIC = {
  Env: ['A=1', 'https_proxy=http://proxy:3128'],
  Cmd: ['python', 'app.py'],
  Entrypoint: ['/bin/sh', '-c'],
  ExposedPorts: { '8080/tcp': {}, '5000/udp': {} },
  Labels: { owner: 'x' },
  NetworkingConfig: { EndpointsConfig: { 'azure-iot-edge': { Aliases: ['cam'] } } },
  HostConfig: {
    Binds: ['/home/hcsshares/share1:/data', '/home/hcsshares/share1/sub:/sub:ro', 'models:/models', '/var/lib/x:/x', '/etc/hosts:/etc/hosts', 'C:\\d:/d'],
    Mounts: [
      { Type: 'bind', Source: '/home/hcsshares/share1', Target: '/m' },
      { Type: 'bind', Source: '/home/hcsshares/share1/sub', Target: '/n', ReadOnly: true },
      { Type: 'volume', Source: 'share2', Target: '/v' },
      { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1024 } },
    ],
    PortBindings: { '8080/tcp': [{ HostPort: '8080', HostIp: '0.0.0.0' }], '5000/udp': [{ HostPort: '5001' }], '443/tcp': [{ HostPort: '443' }] },
    Devices: [{ PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' }],
    DeviceRequests: [{ Driver: 'nvidia', Count: -1, DeviceIDs: ['0'], Capabilities: [['gpu']], Options: {} }],
    NetworkMode: 'host',
    IpcMode: 'host',
    PidMode: 'host',
    Runtime: 'nvidia',
    Memory: 536870912,
    MemoryReservation: 268435456,
    NanoCpus: 1500000000,
    CpuQuota: 50000,
    CpuShares: 512,
    ShmSize: 67108864,
  },
  'k8s-experimental': {
    volumes: [
      { volume: { name: 'dshm', emptyDir: { medium: 'Memory' } }, volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm', subPath: 'a', readOnly: true }] },
      { volume: { name: 'claim', persistentVolumeClaim: { claimName: 'share1', readOnly: true } }, volumeMounts: [{ name: 'claim', mountPath: '/c' }] },
      { volume: { name: 'host', hostPath: { path: '/data', type: 'Directory' } }, volumeMounts: [{ name: 'host', mountPath: '/h' }] },
    ],
    resources: {
      limits: { memory: '1Gi', cpu: '500m', 'nvidia.com/gpu': 1, 'microsoft.com/fpga_catapult': 1 },
      requests: { memory: '512Mi', cpu: 0.5, 'nvidia.com/gpu': '1' },
    },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    securityContext: { runAsUser: 1000, runAsNonRoot: true, fsGroup: 2000, supplementalGroups: [1, 2], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
    serviceOptions: { type: 'LoadBalancer', loadBalancerIP: '10.0.0.5' },
    strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } },
  },
};

function merge(base: unknown, overlay: unknown): unknown {
  if (overlay === null || typeof overlay !== 'object' || Array.isArray(overlay) || base === null || typeof base !== 'object' || Array.isArray(base)) return overlay;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overlay)) result[key] = key in result ? merge(result[key], value) : value;
  return result;
}

/** Every createOptions field of the Docker shapes, the k8s-experimental schema and the values rules read. */
export const SWEEP_BASE: Tree = fromValue(merge(sampleOf(createOptionsShape), REALISTIC));

/** createOptions as a module writes them, for wrong values among right ones. */
export const SWEEP_REALISTIC: Tree = fromValue(REALISTIC);

export interface Mutation {
  readonly name: string;
  readonly tree: Tree;
  /** A value of another type at a path, or a prototype name added as a key. */
  readonly family: 'value' | 'key';
}

function isObjectAt(tree: Tree, path: TreePath): boolean {
  let node: Tree | undefined = tree;
  for (const step of path) {
    if (!node || 'raw' in node) return false;
    node = 'obj' in node ? node.obj.find(([key]) => key === step)?.[1] : node.arr[step as number];
  }
  return node !== undefined && 'obj' in node;
}

/**
 * Every path of `tree` set to every sweep value, and every prototype name added as a key of every
 * object with every sweep value. `alone`: the module holds only the way to the changed value (fast,
 * one finding or two per module); otherwise the rest of `tree` stays around it.
 */
export function sweepMutations(tree: Tree, alone: boolean): Mutation[] {
  const result: Mutation[] = [];
  const paths = pathsOf(tree);
  for (const [label, value] of SWEEP_VALUES) {
    result.push({ name: `createOptions = ${label}`, tree: value, family: 'value' });
    for (const { path } of paths) {
      const changed = replaceAt(tree, path, value);
      result.push({ name: `${path.join('.')} = ${label}`, tree: alone ? branchTo(changed, path) : changed, family: 'value' });
    }
  }
  const objects = [[], ...paths.filter(({ path }) => isObjectAt(tree, path)).map(({ path }) => path)];
  for (const path of objects) {
    for (const key of PROTOTYPE_KEYS) {
      for (const [label, value] of SWEEP_VALUES) {
        const changed = addMemberAt(tree, path, key, value);
        result.push({ name: `${[...path, key].join('.')} = ${label}`, tree: alone ? branchTo(changed, [...path, key]) : changed, family: 'key' });
      }
    }
  }
  return result;
}

/**
 * The branch of `tree` that leads to `path`: every ancestor holds only the member on the way, the
 * object or array at `path` keeps all of its members (its siblings are the context rules read).
 */
export function branchTo(tree: Tree, path: TreePath): Tree {
  if (path.length === 0) return tree;
  const [head, ...rest] = path;
  if ('obj' in tree) return { obj: tree.obj.filter(([key]) => key === head).map(([key, member]) => [key, branchTo(member, rest)] as const) };
  if ('arr' in tree) return { arr: tree.arr.flatMap((member, index) => (index === head ? [branchTo(member, rest)] : [])) };
  return tree;
}
