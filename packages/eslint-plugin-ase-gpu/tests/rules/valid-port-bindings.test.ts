import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

function droppedEntries(encoding: Encoding) {
  const options = {
    HostConfig: {
      PortBindings: {
        '80/tcp': [{}],
        '81/tcp': [{ HostPort: '' }],
        '82/tcp': [{ HostPort: '8000-8010' }],
        '8000-8010/tcp': [{ HostPort: '8000' }],
      },
    },
    ExposedPorts: { '9000/quic': {} },
  };
  const built = buildManifest({ modules: { web: { createOptions: options } } }, encoding);
  const at = (snippet: string) => built.at('web', snippet);
  return {
    name: `bindings and keys the agent drops (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      { messageId: 'unusableHostPort', data: { module: 'web', key: '80/tcp', reason: 'without a HostPort', example: '80' }, ...at('{}') },
      { messageId: 'unusableHostPort', data: { module: 'web', key: '81/tcp', reason: 'without a HostPort', example: '81' }, ...at('""') },
      {
        messageId: 'unusableHostPort',
        data: { module: 'web', key: '82/tcp', reason: 'to the HostPort "8000-8010", which is not one port number', example: '82' },
        ...at('"8000-8010"'),
      },
      { messageId: 'invalidPortKey', data: { module: 'web', field: 'PortBindings', key: '8000-8010/tcp' }, ...at('"8000-8010/tcp"') },
      { messageId: 'invalidPortKey', data: { module: 'web', field: 'ExposedPorts', key: '9000/quic' }, ...at('"9000/quic"') },
    ],
  };
}

function rejectedServices(encoding: Encoding) {
  const options = {
    ExposedPorts: { '70000/tcp': {} },
    HostConfig: { PortBindings: { '81/tcp': [{ HostPort: '0' }], '82/tcp': [{ HostPort: '9082' }, { HostPort: '9083' }, { HostPort: '9084' }] } },
  };
  const built = buildManifest({ modules: { web: { createOptions: options } } }, encoding);
  const at = (snippet: string) => built.at('web', snippet);
  return {
    name: `ports that make Kubernetes reject the Service (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      { messageId: 'portOutOfRange', data: { module: 'web', port: 70000, where: 'the ExposedPorts key "70000/tcp"' }, ...at('"70000/tcp"') },
      { messageId: 'portOutOfRange', data: { module: 'web', port: 0, where: 'the HostPort of "81/tcp"' }, ...at('"0"') },
      // Once, at the second binding: the first is the one to keep.
      { messageId: 'duplicatePortName', data: { module: 'web', key: '"82/tcp"', hostPorts: '9082, 9083, 9084', name: 'hostport-82-tcp' }, ...at('"9083"') },
    ],
  };
}

function lostPorts(encoding: Encoding) {
  const options = {
    ExposedPorts: { '53/tcp': {}, '53/udp': {}, '8080/tcp': {} },
    HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } },
    'k8s-experimental': { serviceOptions: { type: 'ClusterIP' } },
  };
  const built = buildManifest({ modules: { dns: { createOptions: options } } }, encoding);
  const at = (snippet: string) => built.at('dns', snippet);
  return {
    name: `Service ports lost in the merge by port number (${encoding})`,
    code: built.code,
    filename: built.filename,
    errors: [
      {
        messageId: 'portLost',
        data: {
          module: 'dns',
          lost: 'ExposedPorts "53/tcp"',
          kept: 'ExposedPorts "53/udp"',
          port: 53,
          advice: 'give the TCP one another port number',
        },
        ...at('"53/tcp"'),
      },
      {
        messageId: 'portLost',
        data: { module: 'dns', lost: 'ExposedPorts "8080/tcp"', kept: 'PortBindings "80/tcp" (HostPort 8080)', port: 8080, advice: 'give one of them another port number' },
        ...at('"8080/tcp"'),
      },
    ],
  };
}

runRuleTests('valid-port-bindings', {
  valid: [
    ...ENCODINGS.flatMap((encoding) => [
      {
        name: `bindings with HostIp (ignored by the agent, not a finding) and numeric HostPorts (${encoding})`,
        ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '80' }], '443/tcp': [{ HostPort: 8443 }] } } } } } }, encoding)),
      },
      {
        name: `the same port in ExposedPorts and PortBindings loses nothing (${encoding})`,
        ...codeOf(buildManifest({ modules: { web: { createOptions: { ExposedPorts: { '80/tcp': {} }, HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } } } } }, encoding)),
      },
      {
        name: `placeholders (${encoding})`,
        ...codeOf(buildManifest({ modules: { web: { createOptions: { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '${WEB_PORT}' }], '${EXTRA_PORT}': [{ HostPort: '81' }] } } } } } }, encoding)),
      },
      { name: `a key without protocol is TCP (${encoding})`, ...codeOf(buildManifest({ modules: { web: { createOptions: { ExposedPorts: { '8080': {} } } } } }, encoding)) },
    ]),
    { name: 'unparseable createOptions (valid-create-options reports it)', ...codeOf(buildManifest({ modules: { web: { createOptions: '{"ExposedPorts": {"80-90/tcp": {}' } } }, 'string')) },
  ],
  invalid: ENCODINGS.flatMap((encoding) => [droppedEntries(encoding), rejectedServices(encoding), lostPorts(encoding)]),
});
