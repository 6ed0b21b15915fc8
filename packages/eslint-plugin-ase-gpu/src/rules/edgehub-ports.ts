import { addExposedPortsEdits } from '../fix/exposed-ports.js';
import { getTranslation } from '../kubernetes/index.js';
import type { ServiceObject, ServicePort } from '../kubernetes/types.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfigMember } from '../manifest/host-config.js';
import { findProperty, type JSONProperty } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor } from '../util/manifest-rule.js';
import { EDGEHUB_PORTS, exposureOfAddedPorts, portKey } from '../util/service-phrases.js';

type MessageIds = 'missingPorts' | 'remappedPort';

const isStandardPort = (candidate: ServicePort, port: number): boolean =>
  candidate.port === port && candidate.targetPort === port && candidate.protocol === 'TCP';

/** The ExposedPorts or PortBindings text holds a placeholder: the ports are only known after substitution. */
function hasPlaceholderPorts(createOptions: CreateOptions | undefined): boolean {
  const root = createOptions?.rootObject;
  if (!createOptions || !root) return false;
  const members = [findProperty(root, 'ExposedPorts', { ignoreCase: true }), hostConfigMember(createOptions, 'PortBindings')];
  return members.some((member) => member && isPlaceholder(createOptions.text.slice(member.value.range[0], member.value.range[1])));
}

/** Where a user adds ports: PortBindings, ExposedPorts, createOptions, settings, or the module itself. */
function portsAnchor(module: ModuleModel): readonly [number, number] {
  const createOptions = module.createOptions;
  const inner: JSONProperty | undefined = createOptions?.rootObject
    ? (hostConfigMember(createOptions, 'PortBindings') ?? findProperty(createOptions.rootObject, 'ExposedPorts', { ignoreCase: true }))
    : undefined;
  if (createOptions && inner) return createOptions.fileRange(inner.key);
  if (createOptions) return createOptions.firstProperty.key.range;
  const settings = findProperty(module.node, 'settings');
  return (settings ?? module.property).key.range;
}

/** Adding `port/tcp` to ExposedPorts creates the port only when no other entry already takes that Service port number. */
function isFree(service: ServiceObject | undefined, port: number): boolean {
  return !service?.candidatePorts.some((candidate) => candidate.port === port);
}

export default createRule<[], MessageIds>({
  name: 'edgehub-ports',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require edgeHub to publish ports 5671, 8883 and 443 on its Service under their own numbers',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-EDGEHUB-PORTS'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      missingPorts:
        'Module "{{module}}" declares no port {{ports}} whose Service port equals the container port, so on the GPU device the edgehub Service {{serviceState}} and modules that reach edgeHub through IOTEDGE_GATEWAYHOSTNAME on its standard ports (5671 AMQP, 8883 MQTT, 443 HTTPS) cannot connect. Add ExposedPorts {{keys}}; {{exposure}}.',
      remappedPort:
        'Module "{{module}}" binds container port {{port}} to HostPort {{hostPort}}, so on the GPU device the edgehub Service listens on {{hostPort}} instead of {{port}} and modules that connect to edgeHub on port {{port}} cannot reach it. Set HostPort to "{{port}}" or add ExposedPorts "{{key}}"; {{exposure}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        // A layered fragment's edgeHub may come from the base deployment; without one named it cannot be judged.
        if (!translation.wholeDeployment) return;
        const module = tools.model.modules.find((candidate) => candidate.system === 'edgeHub');
        if (!module) return;
        const createOptions = module.createOptions;
        if (createOptions?.parseError || hasPlaceholderPorts(createOptions)) return;
        const service = translation.module(module)?.service;
        const candidates = service?.candidatePorts ?? [];
        const exposure = exposureOfAddedPorts(service);

        const absent: number[] = [];
        for (const port of EDGEHUB_PORTS) {
          if (service?.ports.some((kept) => isStandardPort(kept, port))) continue;
          // Declared, but lost in the agent's merge by port number: valid-port-bindings reports that.
          if (candidates.some((candidate) => isStandardPort(candidate, port))) continue;
          const remap = service?.ports.find((kept) => kept.source === 'port-binding' && kept.targetPort === port && kept.protocol === 'TCP');
          if (!remap) {
            absent.push(port);
            continue;
          }
          const key = portKey(port, 'TCP');
          tools.report({
            module,
            range: remap.origin.range,
            messageId: 'remappedPort',
            data: { module: module.name, port, hostPort: remap.port, key, exposure },
            fix: isFree(service, port) ? tools.fixFrom(addExposedPortsEdits(module, [key], tools)) : null,
          });
        }
        if (absent.length === 0) return;
        const keys = absent.map((port) => portKey(port, 'TCP'));
        tools.report({
          module,
          range: portsAnchor(module),
          messageId: 'missingPorts',
          data: {
            module: module.name,
            ports: absent.join(', '),
            keys: keys.map((key) => `"${key}"`).join(', '),
            serviceState: service ? 'lacks them' : 'does not exist',
            exposure,
          },
          fix: absent.every((port) => isFree(service, port)) ? tools.fixFrom(addExposedPortsEdits(module, keys, tools)) : null,
        });
      },
    });
  },
});
