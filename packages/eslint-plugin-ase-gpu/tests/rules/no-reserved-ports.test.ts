import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const POD = '';
const NODE = ' and, with NetworkMode "host", on the node';
const MANAGEMENT = 'the IoT Edge management API';
const WORKLOAD = 'the IoT Edge workload API';

function proxyPorts(encoding: Encoding) {
  const options = { ExposedPorts: { '35000/tcp': {} }, HostConfig: { PortBindings: { '35001/tcp': [{ HostPort: '8081' }] } } };
  const built = buildManifest({ modules: { opcPublisher: { createOptions: options } } }, encoding);
  return {
    name: `the sidecar's ports declared by a module (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      {
        messageId: 'proxyPort',
        data: { module: 'opcPublisher', port: 35000, field: 'ExposedPorts', key: '35000/tcp', purpose: MANAGEMENT, where: POD },
        ...built.at('opcPublisher', '"35000/tcp"'),
      },
      {
        messageId: 'proxyPort',
        data: { module: 'opcPublisher', port: 35001, field: 'PortBindings', key: '35001/tcp', purpose: WORKLOAD, where: POD },
        ...built.at('opcPublisher', '"35001/tcp"'),
      },
    ],
  };
}

function hostNetworkPorts(encoding: Encoding) {
  const options = {
    ExposedPorts: { '35001': {}, '31001/udp': {} },
    HostConfig: { NetworkMode: 'host', PortBindings: { '31000/tcp': [{ HostPort: '31000' }], '31001/TCP': [{ HostPort: '9001' }] } },
  };
  const built = buildManifest({ modules: { gateway: { createOptions: options } } }, encoding);
  return {
    name: `a host-network module on the node's reserved ports (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [
      { messageId: 'proxyPort', data: { module: 'gateway', port: 35001, field: 'ExposedPorts', key: '35001', purpose: WORKLOAD, where: NODE }, ...built.at('gateway', '"35001"') },
      { messageId: 'nodePort', data: { module: 'gateway', port: 31000, field: 'PortBindings', key: '31000/tcp', purpose: 'the Kubernetes dashboard' }, ...built.at('gateway', '"31000/tcp"') },
      { messageId: 'nodePort', data: { module: 'gateway', port: 31001, field: 'PortBindings', key: '31001/TCP', purpose: 'the Edge container registry' }, ...built.at('gateway', '"31001/TCP"') },
    ],
  };
}

function edgeHubOnProxyPort(encoding: Encoding) {
  const options = {
    ExposedPorts: { '35000/tcp': {} },
    HostConfig: { PortBindings: { '5671/tcp': [{ HostPort: '5671' }], '8883/tcp': [{ HostPort: '8883' }], '443/tcp': [{ HostPort: '443' }] } },
  };
  const built = buildManifest({ modules: {}, edgeHub: { createOptions: options } }, encoding);
  return {
    name: `edgeHub's pod has the sidecar too (${encoding})`,
    code: built.code,
    filename: built.filename,
    output: null,
    errors: [{ messageId: 'proxyPort', data: { module: 'edgeHub', port: 35000, field: 'ExposedPorts', key: '35000/tcp', purpose: MANAGEMENT, where: POD }, ...built.at('edgeHub', '"35000/tcp"') }],
  };
}

const valid = (name: string, createOptions: unknown, encoding: Encoding) => ({ name: `${name} (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions } } }, encoding)) });

runRuleTests('no-reserved-ports', {
  valid: ENCODINGS.flatMap((encoding) => [
    // rules.md: a HostPort of 35000 with another container port is information, not a finding (the Service port is not in the pod).
    valid('HostPort 35000 for container port 8080', { HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: '35000' }] } } }, encoding),
    valid('31000 and 31001 without the host network', { ExposedPorts: { '31000/tcp': {} }, HostConfig: { PortBindings: { '31001/tcp': [{ HostPort: '31001' }] } } }, encoding),
    valid('UDP on the sidecar port numbers', { ExposedPorts: { '35000/udp': {}, '35001/udp': {} } }, encoding),
    valid('host network on ordinary ports', { ExposedPorts: { '8080/tcp': {} }, HostConfig: { NetworkMode: 'host' } }, encoding),
    valid('a placeholder key', { ExposedPorts: { '${PORT}/tcp': {} } }, encoding),
    valid('a key the agent drops', { ExposedPorts: { '35000-35001/tcp': {} } }, encoding),
    {
      name: `edgeAgent's createOptions are not applied (${encoding})`,
      ...codeOf(buildManifest({ modules: {}, edgeAgent: { createOptions: { ExposedPorts: { '35000/tcp': {} } } } }, encoding)),
    },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => [proxyPorts(encoding), hostNetworkPorts(encoding), edgeHubOnProxyPort(encoding)]),
});
