import { getTranslation, parsePortKey } from '../kubernetes/index.js';
import { hostConfigValue } from '../manifest/host-config.js';
import { findProperty, isObject, keyName, type JSONProperty } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';

type MessageIds = 'proxyPort' | 'nodePort';

/** The ports of the iotedged proxy sidecar in every module pod (domain notes §5; Helm `iotedged.ports`). */
const PROXY_PORTS: ReadonlyMap<number, string> = new Map([
  [35000, 'the IoT Edge management API'],
  [35001, 'the IoT Edge workload API'],
]);

/** Node ports ASE keeps for itself (ASE release notes, known issue #9): they only clash on the host network. */
const ASE_NODE_PORTS: ReadonlyMap<number, string> = new Map([
  [31000, 'the Kubernetes dashboard'],
  [31001, 'the Edge container registry'],
]);

interface DeclaredPort {
  readonly property: JSONProperty;
  readonly field: 'ExposedPorts' | 'PortBindings';
  readonly port: number;
  readonly protocol: string;
}

/**
 * Container ports as ExposedPorts and PortBindings keys declare them, read with the agent's key parser.
 * A binding's key names the port the module listens on whatever its HostPort; the HostPort only
 * becomes a Service port, which does not clash with the pod's own ports.
 */
function declaredPorts(module: ModuleModel): DeclaredPort[] {
  const createOptions = module.createOptions;
  const exposed = findProperty(createOptions?.rootObject, 'ExposedPorts', { ignoreCase: true })?.value;
  const bindings = hostConfigValue(createOptions, 'PortBindings');
  const result: DeclaredPort[] = [];
  for (const [field, map] of [['ExposedPorts', exposed], ['PortBindings', bindings]] as const) {
    if (!isObject(map)) continue;
    for (const property of map.properties) {
      const parsed = parsePortKey(keyName(property));
      if (parsed) result.push({ property, field, port: parsed.port, protocol: parsed.protocol });
    }
  }
  return result;
}

export default createRule<[], MessageIds>({
  name: 'no-reserved-ports',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow container ports that the IoT Edge proxy sidecar or the device itself already uses',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-PROXY-PORTS', 'ASE node ports 31000/31001 for host network'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      proxyPort:
        'Module "{{module}}" cannot use port {{port}} ({{field}} "{{key}}") on the GPU device: its pod\'s IoT Edge proxy holds it for {{purpose}}{{where}}.',
      nodePort:
        'Module "{{module}}" uses NetworkMode "host" and port {{port}} ({{field}} "{{key}}"), which the GPU device reserves for {{purpose}}, so it cannot bind it.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const createOptions = module.createOptions;
        // edgeAgent's createOptions are not applied on the device.
        if (!createOptions || createOptions.parseError || module.system === 'edgeAgent') return;
        const translated = getTranslation(tools.model, tools.profile).module(module);
        if (!translated) return;
        const hostNetwork = translated.deployment.pod.hostNetwork !== undefined;
        for (const declared of declaredPorts(module)) {
          // The sidecar and the ASE services listen on TCP; a UDP or SCTP socket of the same number does not clash.
          if (declared.protocol !== 'TCP') continue;
          const base = { module: module.name, port: declared.port, field: declared.field, key: keyName(declared.property) };
          const range = createOptions.fileRange(declared.property.key);
          const proxyPurpose = PROXY_PORTS.get(declared.port);
          if (proxyPurpose) {
            const where = hostNetwork ? ' and, with NetworkMode "host", on the node' : '';
            tools.report({ module, range, messageId: 'proxyPort', data: { ...base, purpose: proxyPurpose, where } });
            continue;
          }
          const nodePurpose = ASE_NODE_PORTS.get(declared.port);
          if (nodePurpose && hostNetwork) tools.report({ module, range, messageId: 'nodePort', data: { ...base, purpose: nodePurpose } });
        }
      },
    });
  },
});
