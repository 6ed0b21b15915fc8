import { chunkedAfterEdits, type DecodedEdit } from '../helpers/chunk-layout.js';
import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, TEST_CHUNK_SIZE, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const FPGA = 'microsoft.com/fpga_catapult';
const GPU = 'nvidia.com/gpu';

interface ModuleState {
  readonly createOptions: unknown;
  readonly env?: Record<string, unknown>;
}

/**
 * The manifest after a change to module `name`: in the object and string encodings the manifest built
 * from the changed module; chunked, the original chunks edited by `edits` (in place when each edit stays
 * inside one chunk, else rewritten into one string).
 */
function after(name: string, before: ModuleState, changed: ModuleState, edits: readonly DecodedEdit[], encoding: Encoding): string {
  if (encoding !== 'chunked') return buildManifest({ modules: { [name]: changed } }, encoding).code;
  const code = buildManifest({ modules: { [name]: { createOptions: before.createOptions, env: changed.env } } }, 'chunked').code;
  return edits.length === 0 ? code : chunkedAfterEdits(code, name, JSON.stringify(before.createOptions), TEST_CHUNK_SIZE, edits);
}

const resourcesBefore = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { [FPGA]: 2 }, requests: { [FPGA]: 2 } } } };
const resourcesAfter = { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { [GPU]: 1 }, requests: { [GPU]: 1 } } } };
const resourceEdits: DecodedEdit[] = [
  { from: `"${FPGA}"`, to: `"${GPU}"` },
  { after: `"${FPGA}":`, from: '2', to: '1' },
  { after: '"requests":{', from: `"${FPGA}"`, to: `"${GPU}"` },
  { after: `"requests":{"${FPGA}":`, from: '2', to: '1' },
];

function resourcesCase(encoding: Encoding, autofix: boolean) {
  const built = buildManifest({ modules: { scorer: { createOptions: resourcesBefore } } }, encoding);
  const converted = after('scorer', { createOptions: resourcesBefore }, { createOptions: resourcesAfter }, resourceEdits, encoding);
  const error = (kind: 'limits' | 'requests', occurrence: number) => ({
    messageId: 'fpgaResource',
    data: { module: 'scorer', kind },
    ...built.at('scorer', `"${FPGA}"`, occurrence),
    suggestions: [{ messageId: 'useGpu', data: { count: 1 }, output: converted }],
  });
  return {
    name: `FPGA limits and requests become one GPU in both on a one-GPU device (${encoding}, autofix ${autofix})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 1 } },
    ...(autofix ? { options: [{ autofix: true }] } : {}),
    output: autofix ? converted : null,
    errors: [error('limits', 1), error('requests', 2)],
  };
}

const devicesBefore = {
  HostConfig: {
    Devices: [
      { PathOnHost: '/dev/catapult0', PathInContainer: '/dev/catapult0', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/video0', PathInContainer: '/dev/video0', CgroupPermissions: 'rwm' },
      { PathOnHost: '/dev/catapult1', PathInContainer: '/dev/catapult1', CgroupPermissions: 'rwm' },
    ],
  },
};
const [catapult0, video0, catapult1] = devicesBefore.HostConfig.Devices;
const compact = (value: unknown) => JSON.stringify(value);

function devicesCase(encoding: Encoding, autofix: boolean) {
  const built = buildManifest({ modules: { host: { createOptions: devicesBefore } } }, encoding);
  const without = (...kept: unknown[]) => ({ createOptions: { HostConfig: { Devices: kept } } });
  const before = { createOptions: devicesBefore };
  const first = after('host', before, without(video0, catapult1), [{ from: `${compact(catapult0)},`, to: '' }], encoding);
  const second = after('host', before, without(catapult0, video0), [{ from: `,${compact(catapult1)}`, to: '' }], encoding);
  const both = after('host', before, without(video0), [{ from: `${compact(catapult0)},`, to: '' }, { from: `,${compact(catapult1)}`, to: '' }], encoding);
  return {
    name: `catapult devices are removed, other devices stay for no-host-devices (${encoding}, autofix ${autofix})`,
    ...codeOf(built),
    ...(autofix ? { options: [{ autofix: true }] } : {}),
    output: autofix ? both : null,
    errors: [
      {
        messageId: 'fpgaDevice',
        data: { module: 'host', device: '/dev/catapult0' },
        ...built.at('host', '"/dev/catapult0"'),
        suggestions: [{ messageId: 'removeDevice', data: { device: '/dev/catapult0' }, output: first }],
      },
      {
        messageId: 'fpgaDevice',
        data: { module: 'host', device: '/dev/catapult1' },
        ...built.at('host', '"/dev/catapult1"'),
        suggestions: [{ messageId: 'removeDevice', data: { device: '/dev/catapult1' }, output: second }],
      },
    ],
  };
}

function wireserverCase(encoding: Encoding) {
  const before = { createOptions: { Env: ['MODEL_NAME=resnet50', 'WIRESERVER_ADDRESS=10.139.218.1'] }, env: { WIRESERVER_ADDRESS: { value: '10.139.218.1' }, BATCH: { value: '4' } } };
  const built = buildManifest({ modules: { scorer: before } }, encoding);
  const envSectionRemoved = after('scorer', before, { createOptions: before.createOptions, env: { BATCH: { value: '4' } } }, [], encoding);
  const envRemoved = after('scorer', before, { createOptions: { Env: ['MODEL_NAME=resnet50'] }, env: before.env }, [{ from: ',"WIRESERVER_ADDRESS=10.139.218.1"', to: '' }], encoding);
  return {
    name: `WIRESERVER_ADDRESS in the env section and in createOptions.Env (${encoding})`,
    ...codeOf(built),
    output: null,
    errors: [
      {
        messageId: 'wireserver',
        data: { module: 'scorer' },
        ...built.at('scorer', '"WIRESERVER_ADDRESS=10.139.218.1"'),
        suggestions: [{ messageId: 'removeWireserver', data: {}, output: envRemoved }],
      },
      {
        messageId: 'wireserver',
        data: { module: 'scorer' },
        ...locate(built.code, '"WIRESERVER_ADDRESS": {'),
        endColumn: locate(built.code, '"WIRESERVER_ADDRESS": {').column + '"WIRESERVER_ADDRESS"'.length,
        suggestions: [{ messageId: 'removeWireserver', data: {}, output: envSectionRemoved }],
      },
    ],
  };
}

/** The seed's FPGA module: one --fix pass converts everything, whichever finding ESLint picks first. */
function seedModuleCase(encoding: Encoding) {
  const options = {
    Env: ['WIRESERVER_ADDRESS=10.139.218.1'],
    HostConfig: { Privileged: true, Devices: [catapult0] },
    'k8s-experimental': { resources: { limits: { [FPGA]: 2 } } },
  };
  const env = { WIRESERVER_ADDRESS: { value: '10.139.218.1' } };
  const built = buildManifest({ modules: { fpgascorer: { createOptions: options, env } } }, encoding);
  const before = { createOptions: options, env };
  const envEdit = { from: '"Env":["WIRESERVER_ADDRESS=10.139.218.1"],', to: '' };
  const deviceEdit = { from: `,"Devices":[${compact(catapult0)}]`, to: '' };
  const limitEdits = [
    { from: `"${FPGA}"`, to: `"${GPU}"` },
    { after: `"${FPGA}":`, from: '2', to: '1' },
  ];
  const converted = after(
    'fpgascorer',
    before,
    { createOptions: { HostConfig: { Privileged: true }, 'k8s-experimental': { resources: { limits: { [GPU]: 1 } } } }, env: {} },
    [envEdit, deviceEdit, ...limitEdits],
    encoding,
  );
  const only = (createOptions: unknown, edits: DecodedEdit[], changedEnv: Record<string, unknown> = env) => after('fpgascorer', before, { createOptions, env: changedEnv }, edits, encoding);
  const sectionAt = locate(built.code, '"WIRESERVER_ADDRESS": {');
  return {
    name: `the seed FPGA module is converted in one fix (${encoding})`,
    ...codeOf(built),
    settings: { 'ase-gpu': { gpuCount: 1 } },
    options: [{ autofix: true }],
    output: converted,
    errors: [
      {
        messageId: 'wireserver',
        data: { module: 'fpgascorer' },
        ...built.at('fpgascorer', '"WIRESERVER_ADDRESS=10.139.218.1"'),
        suggestions: [{ messageId: 'removeWireserver', data: {}, output: only({ HostConfig: options.HostConfig, 'k8s-experimental': options['k8s-experimental'] }, [envEdit]) }],
      },
      {
        messageId: 'fpgaDevice',
        data: { module: 'fpgascorer', device: '/dev/catapult0' },
        ...built.at('fpgascorer', '"/dev/catapult0"'),
        suggestions: [
          { messageId: 'removeDevice', data: { device: '/dev/catapult0' }, output: only({ Env: options.Env, HostConfig: { Privileged: true }, 'k8s-experimental': options['k8s-experimental'] }, [deviceEdit]) },
        ],
      },
      {
        messageId: 'fpgaResource',
        data: { module: 'fpgascorer', kind: 'limits' },
        ...built.at('fpgascorer', `"${FPGA}"`),
        suggestions: [
          { messageId: 'useGpu', data: { count: 1 }, output: only({ Env: options.Env, HostConfig: options.HostConfig, 'k8s-experimental': { resources: { limits: { [GPU]: 1 } } } }, limitEdits) },
        ],
      },
      {
        messageId: 'wireserver',
        data: { module: 'fpgascorer' },
        ...sectionAt,
        endColumn: sectionAt.column + '"WIRESERVER_ADDRESS"'.length,
        suggestions: [{ messageId: 'removeWireserver', data: {}, output: only(options, [], {}) }],
      },
    ],
  };
}

function requestsOnlyCase(encoding: Encoding) {
  const options = { 'k8s-experimental': { resources: { requests: { [FPGA]: '4' } } } };
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  const converted = after(
    'scorer',
    { createOptions: options },
    { createOptions: { 'k8s-experimental': { resources: { requests: { [GPU]: 2 }, limits: { [GPU]: 2 } } } } },
    [
      { from: `"${FPGA}"`, to: `"${GPU}"` },
      { from: '"4"', to: '2' },
      { after: `"4"}`, from: '', to: `,"limits":{"${GPU}":2}` },
    ],
    encoding,
  );
  return {
    name: `FPGA requests only: limits are added, capped by gpuCount (${encoding})`,
    ...codeOf(built),
    options: [{ autofix: true }],
    output: converted,
    errors: [
      {
        messageId: 'fpgaResource',
        data: { module: 'scorer', kind: 'requests' },
        ...built.at('scorer', `"${FPGA}"`),
        suggestions: [{ messageId: 'useGpu', data: { count: 2 }, output: converted }],
      },
    ],
  };
}

function gpuAlreadyCase(encoding: Encoding) {
  const options = { 'k8s-experimental': { resources: { limits: { [GPU]: 1, [FPGA]: 1 } } } };
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  const converted = after('scorer', { createOptions: options }, { createOptions: { 'k8s-experimental': { resources: { limits: { [GPU]: 1 } } } } }, [{ from: `,"${FPGA}":1`, to: '' }], encoding);
  return {
    name: `a module that already asks for a GPU: the FPGA entry goes (${encoding})`,
    ...codeOf(built),
    options: [{ autofix: true }],
    output: converted,
    errors: [
      {
        messageId: 'fpgaResource',
        data: { module: 'scorer', kind: 'limits' },
        ...built.at('scorer', `"${FPGA}"`),
        suggestions: [{ messageId: 'useGpu', data: { count: 0 }, output: converted }],
      },
    ],
  };
}

function placeholderCountCase(encoding: Encoding) {
  const options = { 'k8s-experimental': { resources: { limits: { [FPGA]: '${FPGA_COUNT}' } } } };
  const built = buildManifest({ modules: { scorer: { createOptions: options } } }, encoding);
  return {
    name: `an FPGA count the rule cannot read: reported, nothing offered (${encoding})`,
    ...codeOf(built),
    options: [{ autofix: true }],
    output: null,
    errors: [{ messageId: 'fpgaResource', data: { module: 'scorer', kind: 'limits' }, ...built.at('scorer', `"${FPGA}"`) }],
  };
}

runRuleTests('no-fpga-resources', {
  valid: ENCODINGS.flatMap((encoding) => [
    {
      name: `the GPU form (${encoding})`,
      ...codeOf(buildManifest({ modules: { scorer: { createOptions: resourcesAfter, env: { MODEL_NAME: { value: 'resnet50' } } } } }, encoding)),
    },
    {
      name: `other devices and the /etc/hosts bind belong to other rules (${encoding})`,
      ...codeOf(buildManifest({ modules: { host: { createOptions: { HostConfig: { Binds: ['/etc/hosts:/etc/hosts'], Devices: [video0] } } } } }, encoding)),
    },
    {
      name: `a variable that only starts like WIRESERVER_ADDRESS, and an Env entry without "=" (${encoding})`,
      ...codeOf(buildManifest({ modules: { host: { createOptions: { Env: ['WIRESERVER_ADDRESS_BACKUP=1', 'WIRESERVER_ADDRESS'] }, env: { WIRESERVER: { value: 'x' } } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [
    resourcesCase(encoding, false),
    resourcesCase(encoding, true),
    devicesCase(encoding, false),
    devicesCase(encoding, true),
    wireserverCase(encoding),
    seedModuleCase(encoding),
    gpuAlreadyCase(encoding),
    placeholderCountCase(encoding),
  ]),
});

runRuleTests('no-fpga-resources', { valid: [], invalid: ENCODINGS.map(requestsOnlyCase) }, { gpuCount: 2 });

const images = (...names: string[]) => ({ modules: Object.fromEntries(names.map((image, index) => [`module${index + 1}`, { image }])) });
const armImages = images('arm32v7/python:3.9', 'contoso.azurecr.io/detector:1.0-arm64v8', 'nvcr.io/nvidia/l4t-base:r32.4.3', 'contoso.azurecr.io/camera:2.1.0-linux-aarch64');

runRuleTests('no-fpga-resources', {
  valid: [
    {
      name: 'x86-64, multi-arch and placeholder image names',
      ...codeOf(
        buildManifest(
          images(
            'mcr.microsoft.com/azure-cognitive-services/vision/spatial-analysis/diagnostics:1.0',
            'contoso.azurecr.io/detector:1.0-amd64',
            'contoso.azurecr.io/detector:1.0-amd64-arm64v8',
            'contoso.azurecr.io/camera:${MODULE_TAG}',
            '${MODULES.armDetector}',
            'contoso.azurecr.io/armory:1.0',
          ),
          'string',
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'images built for ARM: a Docker Hub namespace, a tag, a Jetson base and a platform suffix',
      ...codeOf(buildManifest(armImages, 'string')),
      output: null,
      errors: [
        ['module1', 'arm32v7/python:3.9', 'arm32v7'],
        ['module2', 'contoso.azurecr.io/detector:1.0-arm64v8', 'arm64v8'],
        ['module3', 'nvcr.io/nvidia/l4t-base:r32.4.3', 'l4t'],
        ['module4', 'contoso.azurecr.io/camera:2.1.0-linux-aarch64', 'aarch64'],
      ].map(([module, image, word]) => ({ messageId: 'armImage', data: { module, image, word }, ...locate(buildManifest(armImages, 'string').code, JSON.stringify(image)) })),
    },
  ],
});
