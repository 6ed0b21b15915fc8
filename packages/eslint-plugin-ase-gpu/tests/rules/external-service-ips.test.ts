import { locate } from '../helpers/locate.js';
import { buildManifest, ENCODINGS, type Encoding, type ManifestSpec } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const profile = (settings: Record<string, unknown>) => ({ 'ase-gpu': settings });
const bound = (port: string, extra: Record<string, unknown> = {}) => ({ HostConfig: { PortBindings: { [`${port}/tcp`]: [{ HostPort: port }] } }, ...extra });
const serviceOptions = (options: Record<string, unknown>) => ({ 'k8s-experimental': { serviceOptions: options } });

/** edgeHub, web and api are LoadBalancers; internal is kept ClusterIP. */
const BUDGET_SPEC: ManifestSpec = {
  modules: {
    web: { createOptions: bound('80') },
    internal: { createOptions: bound('9000', serviceOptions({ type: 'ClusterIP' })) },
    api: { createOptions: { ExposedPorts: { '8080/tcp': {} }, ...serviceOptions({ type: 'LoadBalancer' }) } },
    worker: { createOptions: { ExposedPorts: { '7000/tcp': {} } } },
  },
};

function overBudget(encoding: Encoding) {
  const built = buildManifest(BUDGET_SPEC, encoding);
  return {
    name: `three LoadBalancers on a device with two external IPs (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: profile({ externalServiceIps: 2 }),
    output: null,
    errors: [
      {
        messageId: 'overBudget',
        data: { module: 'api', position: 3, needed: 3, available: 2, modules: '"edgeHub", "web", "api"' },
        ...built.at('api', '"LoadBalancer"'),
      },
    ],
  };
}

function noBudget(encoding: Encoding) {
  const built = buildManifest({ modules: { web: { createOptions: bound('80') } } }, encoding);
  return {
    name: `a device without external IPs: the first LoadBalancer, edgeHub, is over (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: profile({ externalServiceIps: 0 }),
    output: null,
    errors: [{ messageId: 'overBudget', data: { module: 'edgeHub', position: 1, needed: 2, available: 0, modules: '"edgeHub", "web"' }, ...built.at('edgeHub', '"5671"') }],
  };
}

function addresses(encoding: Encoding) {
  const lb = (ip: string, port: string) => ({ createOptions: bound(port, serviceOptions({ loadBalancerIP: ip })) });
  const built = buildManifest(
    {
      modules: {
        camera: lb('10.0.0.101', '554'),
        recorder: lb('10.0.0.101', '8554'),
        dashboard: lb('10.0.0.50', '3000'),
        dns: lb('172.28.0.10', '53'),
        internal: { createOptions: { ExposedPorts: { '9000/tcp': {} }, ...serviceOptions({ loadBalancerIP: '10.0.0.105' }) } },
        pinned: { createOptions: bound('9100', serviceOptions({ type: 'NodePort', loadBalancerIP: '10.0.0.106' })) },
        typo: lb('10.0.0.300', '9200'),
      },
    },
    encoding,
  );
  return {
    name: `loadBalancerIP duplicated, out of range, reserved and unused (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: profile({ externalServiceIpRange: '10.0.0.100 - 10.0.0.110' }),
    output: null,
    errors: [
      { messageId: 'ipDuplicate', data: { module: 'recorder', ip: '10.0.0.101', other: 'camera' }, ...built.at('recorder', '"10.0.0.101"') },
      { messageId: 'ipOutOfRange', data: { module: 'dashboard', ip: '10.0.0.50', range: '10.0.0.100 - 10.0.0.110' }, ...built.at('dashboard', '"10.0.0.50"') },
      { messageId: 'ipReserved', data: { module: 'dns', ip: '172.28.0.10', purpose: 'the cluster DNS' }, ...built.at('dns', '"172.28.0.10"') },
      { messageId: 'ipUnused', data: { module: 'internal', ip: '10.0.0.105', type: 'ClusterIP', reason: 'the module has no PortBindings' }, ...built.at('internal', '"10.0.0.105"') },
      { messageId: 'ipUnused', data: { module: 'pinned', ip: '10.0.0.106', type: 'NodePort', reason: 'serviceOptions.type says so' }, ...built.at('pinned', '"10.0.0.106"') },
    ],
  };
}

function cidrRange(encoding: Encoding) {
  const built = buildManifest(
    {
      modules: {
        inside: { createOptions: bound('80', serviceOptions({ loadBalancerIP: '10.0.0.111' })) },
        outside: { createOptions: bound('81', serviceOptions({ loadBalancerIP: '10.0.0.112' })) },
      },
    },
    encoding,
  );
  return {
    name: `a CIDR range (${encoding})`,
    code: built.code,
    filename: built.filename,
    settings: profile({ externalServiceIpRange: '10.0.0.96/28' }),
    output: null,
    errors: [{ messageId: 'ipOutOfRange', data: { module: 'outside', ip: '10.0.0.112', range: '10.0.0.96/28' }, ...built.at('outside', '"10.0.0.112"') }],
  };
}

const shared = (port: string) => ({
  createOptions: bound(port, { Labels: { 'metallb.universe.tf/allow-shared-ip': 'front' }, ...serviceOptions({ loadBalancerIP: '10.0.0.101' }) }),
});

/** A layered fragment that adds two modules with one address: the budget and uniqueness need the whole deployment. */
const layered = JSON.stringify(
  {
    content: {
      modulesContent: {
        $edgeAgent: {
          'properties.desired.modules.camera': {
            type: 'docker',
            settings: { image: 'contoso.azurecr.io/camera:1.0', createOptions: JSON.stringify(bound('554', serviceOptions({ loadBalancerIP: '10.0.0.101' }))) },
          },
          'properties.desired.modules.recorder': {
            type: 'docker',
            settings: { image: 'contoso.azurecr.io/recorder:1.0', createOptions: JSON.stringify(bound('8554', serviceOptions({ loadBalancerIP: '10.0.0.101' }))) },
          },
        },
      },
    },
  },
  null,
  2,
);

runRuleTests('external-service-ips', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      { name: `no budget configured (${encoding})`, ...codeOf(buildManifest(BUDGET_SPEC, encoding)) },
      { name: `exactly the budget (${encoding})`, ...codeOf(buildManifest(BUDGET_SPEC, encoding)), settings: profile({ externalServiceIps: 3 }) },
      { name: `two Services sharing an address through MetalLB's annotation (${encoding})`, ...codeOf(buildManifest({ modules: { web: shared('80'), api: shared('8080') } }, encoding)) },
      {
        name: `an address inside the range, and a placeholder (${encoding})`,
        ...codeOf(
          buildManifest(
            { modules: { web: { createOptions: bound('80', serviceOptions({ loadBalancerIP: '10.0.0.100' })) }, api: { createOptions: bound('81', serviceOptions({ loadBalancerIP: '${API_IP}' })) } } },
            encoding,
          ),
        ),
        settings: profile({ externalServiceIpRange: '10.0.0.100-10.0.0.110' }),
      },
      {
        name: `a range the profile spells wrongly is not checked (${encoding})`,
        ...codeOf(buildManifest({ modules: { web: { createOptions: bound('80', serviceOptions({ loadBalancerIP: '10.0.0.50' })) } } }, encoding)),
        settings: profile({ externalServiceIpRange: '10.0.0.110-10.0.0.100' }),
      },
    ]),
    { name: 'a layered fragment without a base deployment', code: layered, filename: 'layered.deployment.json', settings: profile({ externalServiceIps: 0 }) },
  ],
  invalid: [
    ...ENCODINGS.flatMap((encoding) => [overBudget(encoding), noBudget(encoding), addresses(encoding), cidrRange(encoding)]),
    {
      name: 'a layered fragment with a base deployment',
      code: layered,
      filename: 'layered.deployment.json',
      settings: profile({ externalServiceIps: 1, baseDeployment: 'base.deployment.json' }),
      output: null,
      errors: [
        { messageId: 'overBudget', data: { module: 'recorder', position: 2, needed: 2, available: 1, modules: '"camera", "recorder"' }, ...locate(layered, '\\"8554\\"') },
        { messageId: 'ipDuplicate', data: { module: 'recorder', ip: '10.0.0.101', other: 'camera' }, ...locate(layered, '\\"10.0.0.101\\"', 2) },
      ],
    },
  ],
});
