import fc from 'fast-check';

/**
 * Test-only: fast-check arbitraries for whole deployment manifests as TEXT, in every createOptions
 * encoding and every layout the tools produce (or users hand-edit): indentation unit, LF / CRLF /
 * mixed line endings, a BOM, strings spelled with any legal escape, createOptions chunks cut anywhere.
 */

export type Encoding = 'object' | 'string' | 'chunked';
export type LineEnding = 'lf' | 'crlf' | 'crlf-final-lf' | 'mixed';

const awkwardText = fc.constantFrom('plain', 'ü😀', 'quote " back \\ slash /', 'tab\tnew\nline', '\u2028\u2029', '\u0000\u001f', 'é\ud83d\ude00', '');

const binds = fc.subarray(
  [
    '/home/hcsshares/share1:/data',
    '/home/hcsshares/edge-share:/mnt/in:ro',
    '/etc/hosts:/etc/hosts:ro',
    'models:/var/models',
    '/dev/shm:/dev/shm',
    'C:\\data:/data',
    '/tmp/ü😀:/x',
    '/var/run/docker.sock:/var/run/docker.sock',
    '/a:/a',
    '/b:/b',
  ],
  { minLength: 0 },
);

const portBindings = fc
  .subarray(
    [
      ['8080/tcp', [{ HostPort: '8080' }]],
      ['443/tcp', [{ HostPort: '8443' }]],
      ['5000/udp', [{ HostPort: '5000' }]],
      ['5000/tcp', [{ HostPort: '5000' }]],
      ['1883/tcp', [{ HostIp: '0.0.0.0', HostPort: '1883' }]],
      ['50051', [{ HostPort: '50051' }]],
      ['6000/tcp', []],
    ] as const,
    { minLength: 0 },
  )
  .map((entries) => Object.fromEntries(entries));

const env = fc.subarray(['A=1', 'Logging:Level=Debug', 'https_proxy=http://proxy:3128', 'WIRESERVER_ADDRESS=1.2.3.4', 'NAME=✓ "q"', 'EMPTY='], { minLength: 0 });

const quantities = fc.record(
  {
    'microsoft.com/fpga_catapult': fc.constantFrom(1, 2, '2'),
    'nvidia.com/gpu': fc.constantFrom(1, '1', 2),
    memory: fc.constantFrom('1Gi', '512Mi', '1.5G', '1 Gi', 536870912),
    cpu: fc.constantFrom('500m', '1', 0.5, '1.5 cores'),
  },
  { requiredKeys: [] },
);

const k8sExperimental = fc.record(
  {
    resources: fc.record({ limits: quantities, requests: quantities }, { requiredKeys: [] }),
    strategy: fc.constantFrom({ type: 'Recreate' }, { type: 'RollingUpdate' }, { Type: 'recreate' }),
    volumes: fc.constantFrom([], [{ volume: { name: 'dshm', emptyDir: { medium: 'Memory' } }, volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }] }], [{ volume: { name: 'e', emptyDir: {} }, volumeMounts: [] }]),
    securityContext: fc.constantFrom({ runAsNonRoot: true }, {}),
    nodeSelector: fc.constantFrom({ 'kubernetes.io/os': 'linux' }, {}),
    serviceOptions: fc.constantFrom({}, { type: 'LoadBalancer' }),
  },
  { requiredKeys: [] },
);

const hostConfig = fc.record(
  {
    Binds: binds,
    PortBindings: portBindings,
    Privileged: fc.boolean(),
    Memory: fc.constantFrom(536870912, 2147483648),
    NanoCpus: fc.constant(1500000000),
    ShmSize: fc.constant(67108864),
    Devices: fc.constantFrom([{ PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' }], []),
    // Empty Mounts beside Binds: several Mounts written into one empty array by one fix.
    Mounts: fc.constantFrom([{ Type: 'volume', Source: 'share1', Target: '/data' }], [], [{}]),
    NetworkMode: fc.constantFrom('host', 'bridge', 'azure-iot-edge'),
    LogConfig: fc.constantFrom({ Type: 'json-file', Config: { 'max-size': '10m' } }, { Config: {} }, {}),
    DeviceRequests: fc.constantFrom([], [{ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }], [{ Capabilities: [] }]),
    CapAdd: fc.constantFrom([], ['SYS_ADMIN']),
  },
  { requiredKeys: [] },
);

export const createOptionsValue = fc.record(
  {
    HostConfig: hostConfig,
    Env: env,
    Cmd: fc.constantFrom('python app.py --port 8080', ['python', 'app.py']),
    Entrypoint: fc.constantFrom('/bin/sh -c run', ['/bin/sh']),
    ExposedPorts: fc.constantFrom({ '8080/tcp': {} }, {}),
    Labels: fc.dictionary(fc.constantFrom('note', 'owner', 'ü'), awkwardText, { maxKeys: 2 }),
    Hostname: fc.constant('camera-1'),
    'k8s-experimental': k8sExperimental,
    k8s_experimental: fc.constant({ strategy: { type: 'Recreate' } }),
  },
  { requiredKeys: [] },
);

/** Values of every JSON type, put where another type belongs (1e400 is the type sweep's: a JS number cannot hold it). */
const WRONG_VALUES: readonly unknown[] = [null, true, 0, -1, '', 'x', [], [{}], {}, { a: {} }];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** A value of the wrong type at some path, or a prototype name added as a key of some object. */
export interface Twist {
  readonly kind: 'value' | 'key';
  readonly at: number;
  readonly value: number;
  readonly key: number;
}

const twist: fc.Arbitrary<Twist> = fc.record({ kind: fc.constantFrom('value', 'key'), at: fc.nat(), value: fc.nat(), key: fc.nat() });

/** Defines a member as an own property, so `__proto__` is a key like any other, never the prototype. */
function define(container: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function containers(value: unknown): { holder: Record<string, unknown> | unknown[]; key: string | number }[] {
  const result: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
    for (const [key, member] of entries) {
      result.push({ holder: node as Record<string, unknown> | unknown[], key });
      stack.push(member);
    }
  }
  return result;
}

/** createOptions with the twists applied to a copy (JSON.parse keeps `__proto__` as an own key). */
export function twisted(value: unknown, twists: readonly Twist[]): unknown {
  if (twists.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  for (const { kind, at, value: pick, key } of twists) {
    const wrong = JSON.parse(JSON.stringify(WRONG_VALUES[pick % WRONG_VALUES.length])) as unknown;
    if (kind === 'value') {
      const places = containers(copy);
      if (places.length === 0) continue;
      const place = places[at % places.length]!;
      define(place.holder, place.key, wrong);
    } else {
      const objects = [copy, ...containers(copy).map((place) => (place.holder as Record<string | number, unknown>)[place.key])].filter(
        (node): node is Record<string, unknown> => node !== null && typeof node === 'object' && !Array.isArray(node),
      );
      if (objects.length > 0) define(objects[at % objects.length]!, PROTOTYPE_KEYS[key % PROTOTYPE_KEYS.length]!, wrong);
    }
  }
  return copy;
}

/** Realistic createOptions, now and then with a wrong-typed value or a prototype key somewhere. */
export const hostileCreateOptions = fc.tuple(createOptionsValue, fc.array(twist, { maxLength: 2 })).map(([value, twists]) => twisted(value, twists));

const moduleEnv = fc.dictionary(
  fc.constantFrom('A', 'Logging:Level', 'https_proxy', 'WIRESERVER_ADDRESS', 'ÜNICODE', 'B'),
  awkwardText.map((value) => ({ value })),
  { maxKeys: 3 },
);

export interface ModuleCase {
  readonly name: string;
  readonly createOptions: unknown;
  readonly hasCreateOptions: boolean;
  readonly encoding: Encoding;
  readonly prettyOptions: boolean;
  readonly cuts: number[];
  readonly env: Record<string, { value: string }> | undefined;
  readonly image: string;
}

const moduleCase = (name: string): fc.Arbitrary<ModuleCase> =>
  fc.record({
    name: fc.constant(name),
    createOptions: hostileCreateOptions,
    hasCreateOptions: fc.constantFrom(true, true, true, true, false),
    encoding: fc.constantFrom<Encoding>('object', 'string', 'chunked'),
    prettyOptions: fc.boolean(),
    cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    env: fc.option(moduleEnv, { nil: undefined }),
    image: fc.constantFrom('contoso.azurecr.io/camera:1.0', '${MODULES.camera}', 'mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.0'),
  });

export interface ManifestCase {
  readonly modules: ModuleCase[];
  readonly edgeHubOptions: unknown;
  readonly template: boolean;
  readonly indent: string;
  readonly lineEnding: LineEnding;
  readonly bom: boolean;
  readonly finalNewline: boolean;
  /** Spelling choices for every string unit (raw, short escape, \uXXXX). */
  readonly spellings: number[];
}

export const manifestCase: fc.Arbitrary<ManifestCase> = fc.record({
  modules: fc
    .uniqueArray(fc.constantFrom('camera', 'scorer', 'sensor', 'uploader', 'gpumodule'), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((name) => moduleCase(name)))),
  edgeHubOptions: fc.constantFrom(
    { HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } } },
    { HostConfig: { PortBindings: { '443/tcp': [{ HostPort: '443' }] } } },
    {},
  ),
  template: fc.boolean(),
  indent: fc.constantFrom('  ', '    ', '\t'),
  lineEnding: fc.constantFrom<LineEnding>('lf', 'crlf', 'crlf-final-lf', 'mixed'),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  spellings: fc.array(fc.nat(), { minLength: 1, maxLength: 32 }),
});

// ---- writing JSON text with chosen spellings and layout ------------------------------------------

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

class Writer {
  #choice = 0;
  constructor(private readonly choices: readonly number[]) {}

  next(): number {
    const value = this.choices[this.#choice % this.choices.length]!;
    this.#choice++;
    return value + this.#choice;
  }

  /** A JSON string literal for `text`, each unit spelled in one of its legal forms. */
  string(text: string): string {
    let out = '"';
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      const code = text.charCodeAt(i);
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      const pairedHigh = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
      const mustEscape = code < 0x20 || char === '"' || char === '\\' || (surrogate && !pairedHigh && !(i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff));
      const pick = this.next() % 6;
      if (pairedHigh && !mustEscape && pick < 4) {
        out += char + text[i + 1]!;
        i++;
        continue;
      }
      if (!mustEscape && pick < 4) out += char;
      else if (SHORT[char] && pick !== 5) out += SHORT[char];
      else out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
    return `${out}"`;
  }

  /** Laid-out JSON like the tools write it; `raw` members are written verbatim (already JSON text). */
  value(value: unknown, indent: string, level: number): string {
    if (value instanceof RawJSON) return value.text;
    if (typeof value === 'string') return this.string(value);
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const pad = indent.repeat(level + 1);
    const close = indent.repeat(level);
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      return `[\n${value.map((item) => pad + this.value(item, indent, level + 1)).join(',\n')}\n${close}]`;
    }
    const entries = value instanceof RawMembers ? value.entries : Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, member]) => `${pad}${this.string(key)}: ${this.value(member, indent, level + 1)}`).join(',\n')}\n${close}}`;
  }
}

class RawJSON {
  constructor(readonly text: string) {}
}

/** An object whose members are written in this order (chunk keys after `image`). */
class RawMembers {
  constructor(readonly entries: [string, unknown][]) {}
}

function chunkKey(index: number): string {
  return index === 0 ? 'createOptions' : `createOptions${String(index).padStart(2, '0')}`;
}

function settingsFor(module: ModuleCase, writer: Writer): RawMembers {
  const entries: [string, unknown][] = [['image', module.image]];
  if (!module.hasCreateOptions) return new RawMembers(entries);
  // An object in a deployment manifest is what create-options-encoding fixes: generated on purpose.
  const encoding = module.encoding;
  if (encoding === 'object') {
    entries.push(['createOptions', module.createOptions]);
    return new RawMembers(entries);
  }
  const text = module.prettyOptions ? JSON.stringify(module.createOptions, null, 2) : JSON.stringify(module.createOptions);
  if (encoding === 'string') {
    entries.push(['createOptions', text]);
    return new RawMembers(entries);
  }
  const points = [...new Set(module.cuts.map((cut) => cut % text.length))].filter((cut) => cut > 0).sort((a, b) => a - b);
  const bounds = [0, ...points, text.length];
  for (let i = 0; i + 1 < bounds.length; i++) entries.push([chunkKey(i), new RawJSON(writer.string(text.slice(bounds[i], bounds[i + 1])))]);
  return new RawMembers(entries);
}

export interface GeneratedManifest {
  readonly text: string;
  readonly filename: string;
  readonly moduleNames: string[];
}

function applyLineEndings(text: string, lineEnding: LineEnding): string {
  if (lineEnding === 'lf') return text;
  if (lineEnding === 'crlf') return text.replaceAll('\n', '\r\n');
  if (lineEnding === 'crlf-final-lf') return text.replace(/\n(?=[^\n]*\n)/gu, '\r\n').replace(/\r\n$/u, '\n');
  let index = 0;
  return text.replaceAll('\n', () => (index++ % 3 === 0 ? '\n' : '\r\n'));
}

export function writeManifest(spec: ManifestCase): GeneratedManifest {
  const writer = new Writer(spec.spellings);
  const modules = Object.fromEntries(
    spec.modules.map((module) => [
      module.name,
      new RawMembers([
        ['version', '1.0'],
        ['type', 'docker'],
        ['status', 'running'],
        ['restartPolicy', 'always'],
        ['settings', settingsFor(module, writer)],
        ...(module.env ? ([['env', module.env]] as [string, unknown][]) : []),
      ]),
    ]),
  );
  const manifest = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1',
          runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25', loggingOptions: '', registryCredentials: { contoso: { username: 'contoso', password: 'p', address: 'contoso.azurecr.io' } } } },
          systemModules: {
            edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.1', createOptions: '{}' } },
            edgeHub: {
              type: 'docker',
              status: 'running',
              restartPolicy: 'always',
              settings: settingsFor(
                { name: 'edgeHub', createOptions: spec.edgeHubOptions, hasCreateOptions: true, encoding: spec.template ? 'object' : 'string', prettyOptions: false, cuts: [1], env: undefined, image: 'mcr.microsoft.com/azureiotedge-hub:1.1' },
                writer,
              ),
            },
          },
          modules,
        },
      },
      $edgeHub: {
        'properties.desired': {
          schemaVersion: '1.1',
          routes: Object.fromEntries(spec.modules.map((module) => [`${module.name}ToCloud`, `FROM /messages/modules/${module.name}/outputs/* INTO $upstream`])),
          storeAndForwardConfiguration: { timeToLiveSecs: 7200 },
        },
      },
    },
  };
  const body = writer.value(manifest, spec.indent, 0) + (spec.finalNewline ? '\n' : '');
  return {
    text: (spec.bom ? '\uFEFF' : '') + applyLineEndings(body, spec.lineEnding),
    filename: spec.template ? 'deployment.template.json' : 'deployment.json',
    moduleNames: spec.modules.map((module) => module.name),
  };
}
