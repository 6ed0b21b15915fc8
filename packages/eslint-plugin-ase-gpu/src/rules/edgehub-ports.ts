import { addExposedPortsEdits } from '../fix/exposed-ports.js';
import { getTranslation } from '../kubernetes/index.js';
import type { ServiceObject, ServicePort } from '../kubernetes/types.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { hostConfigMember } from '../manifest/host-config.js';
import { findProperty, type JSONProperty } from '../manifest/json-ast.js';
import type { ManifestModel, ModuleModel } from '../manifest/model.js';
import { moduleEnvValue } from '../manifest/module-env.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { exposureOfAddedPorts, portKey } from './shared/service-phrases.js';

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

const AMQP = 5671;
const MQTT = 8883;
const WEBSOCKETS = 443;
const WEBSOCKET_PROTOCOLS = new Set(['amqpws', 'mqttws']);

/**
 * Why clients need 443 on edgeHub, or undefined when nothing in the manifest or the profile says they do:
 * a module (edgeHub and edgeAgent included) whose UpstreamProtocol is AmqpWs or MqttWs, which is how a
 * deployment says that its network passes only 443; or leaf devices that the profile says use WebSockets
 * or HTTPS.
 */
function webSocketUse(model: ManifestModel, profile: DeviceProfile): string | undefined {
  for (const module of model.modules) {
    const value = moduleEnvValue(module, 'UpstreamProtocol')?.value?.trim();
    if (value && WEBSOCKET_PROTOCOLS.has(value.toLowerCase())) return `UpstreamProtocol "${value}" of module "${module.name}"`;
  }
  const leaf = profile.leafDeviceProtocols?.find((protocol) => protocol === 'AmqpWs' || protocol === 'MqttWs' || protocol === 'Https');
  return leaf ? `leaf devices on ${leaf}, as the device profile says` : undefined;
}

/** Who cannot connect without the absent ports, as a clause. */
function clientsOf(absent: readonly number[], webSockets: string | undefined): string {
  const parts: string[] = [];
  const direct = [absent.includes(AMQP) ? 'AMQP (5671)' : undefined, absent.includes(MQTT) ? 'MQTT (8883)' : undefined].filter(Boolean);
  if (direct.length > 0) parts.push(`modules that reach edgeHub through IOTEDGE_GATEWAYHOSTNAME over ${direct.join(' or ')}`);
  if (absent.includes(WEBSOCKETS)) parts.push(`clients over WebSockets on 443 (${webSockets})`);
  return parts.join(', and ');
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
      description: 'Require edgeHub to publish the ports its clients use (5671, 8883, and 443 for WebSockets) on its Service under their own numbers',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-EDGEHUB-PORTS'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      missingPorts:
        'Module "{{module}}" exposes no ports {{ports}} as is, so the edgehub Service {{serviceState}} on the GPU device. Add {{keys}}; {{exposure}}.',
      remappedPort:
        'Module "{{module}}" binds port {{port}} to HostPort {{hostPort}}, so on the GPU device edgeHub is not on {{port}}. Expose "{{key}}"; {{exposure}}.',
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

        const webSockets = webSocketUse(tools.model, tools.profile);
        // Modules' SDKs use AMQP or MQTT, and the manifest does not say which: both are needed.
        const needed = webSockets ? [AMQP, MQTT, WEBSOCKETS] : [AMQP, MQTT];
        const absent: number[] = [];
        for (const port of needed) {
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
            clients: clientsOf(absent, webSockets),
            exposure,
          },
          fix: absent.every((port) => isFree(service, port)) ? tools.fixFrom(addExposedPortsEdits(module, keys, tools)) : null,
        });
      },
    });
  },
});
