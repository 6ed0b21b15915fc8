import { setAtPath } from '../fix/json-edits.js';
import { getTranslation } from '../kubernetes/index.js';
import type { ServiceObject, ServicePort } from '../kubernetes/types.js';
import { findProperty, isObject } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { EDGEHUB_PORTS, exposureOfAddedPorts, portKey } from './shared/service-phrases.js';

type MessageIds = 'remappedPort' | 'addExposedPort';

/** edgeHub's standard ports belong to edgehub-ports. */
function isEdgeHubStandardPort(module: ModuleModel, port: ServicePort): boolean {
  return module.system === 'edgeHub' && port.protocol === 'TCP' && EDGEHUB_PORTS.includes(port.targetPort);
}

/** Bindings whose container port peers cannot reach under its own number on the module's Service. */
function remappedBindings(module: ModuleModel, service: ServiceObject): ServicePort[] {
  const names = service.ports.map((port) => port.name);
  return service.ports.filter(
    (port) =>
      port.source === 'port-binding' &&
      port.port !== port.targetPort &&
      !isEdgeHubStandardPort(module, port) &&
      // Several bindings of one container port are valid-port-bindings' finding.
      names.indexOf(port.name) === names.lastIndexOf(port.name) &&
      !service.ports.some((other) => other.port === port.targetPort && other.targetPort === port.targetPort && other.protocol === port.protocol),
  );
}

function addExposedPort(module: ModuleModel, key: string, tools: ManifestTools<MessageIds>) {
  const createOptions = module.createOptions;
  const root = createOptions?.rootObject;
  if (!createOptions || !root) return null;
  const exposed = findProperty(root, 'ExposedPorts', { ignoreCase: true });
  if (exposed && !isObject(exposed.value)) return null;
  const document = tools.innerDocument(createOptions);
  const edit = exposed && isObject(exposed.value) ? setAtPath(document, exposed.value, [key], {}) : setAtPath(document, root, ['ExposedPorts'], { [key]: {} });
  return tools.fixFrom(tools.innerEdits(createOptions, [edit]));
}

export default createRule<[], MessageIds>({
  name: 'host-port-matches-container-port',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require PortBindings to publish a container port under its own number, or peers to use the mapped port',
      recommended: 'warn',
      strict: 'warn',
      owns: ['NET-HOSTPORT-REMAP'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      remappedPort:
        'Module "{{module}}" publishes port {{containerPort}} as {{hostPort}}, so on the GPU device peers use {{service}}:{{hostPort}}, not port {{containerPort}}.',
      addExposedPort: 'Add ExposedPorts "{{key}}" to module "{{module}}" so that its Service also listens on {{containerPort}}; {{exposure}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        if (module.createOptions?.parseError) return;
        const service = getTranslation(tools.model, tools.profile).module(module)?.service;
        if (!service) return;
        for (const port of remappedBindings(module, service)) {
          const key = portKey(port.targetPort, port.protocol);
          // When another entry already takes that Service port number, the added key would be merged away.
          const free = !service.candidatePorts.some((candidate) => candidate.port === port.targetPort);
          const fix = free ? addExposedPort(module, key, tools) : null;
          tools.report({
            module,
            range: port.origin.range,
            messageId: 'remappedPort',
            data: { module: module.name, containerPort: port.targetPort, hostPort: port.port, service: service.name },
            suggest: fix
              ? [{ messageId: 'addExposedPort', data: { module: module.name, key, containerPort: port.targetPort, exposure: exposureOfAddedPorts(service) }, fix }]
              : [],
          });
        }
      },
    });
  },
});
