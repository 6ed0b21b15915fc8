import { addExposedPortsEdits } from '../fix/exposed-ports.js';
import { getTranslation } from '../kubernetes/index.js';
import type { EnvVar, ModuleTranslation, Protocol, Translation } from '../kubernetes/types.js';
import { isStringLiteral } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../util/create-rule.js';
import { envVarNode, setEnvValue } from '../util/env-edits.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../util/manifest-rule.js';
import { exposureOfAddedPorts, portKey } from '../util/service-phrases.js';

type MessageIds = 'noService' | 'nameChanged' | 'missingPort' | 'remappedPort' | 'addExposedPort' | 'useServiceName';
type Tools = ManifestTools<MessageIds>;

/**
 * `name`, `name:port`, `scheme://[user@]name[:port][/path]`: a module name is letters, digits, `_` and
 * `-` (the deployment schema's module keys), so host names with a dot (external hosts) never match.
 */
const REFERENCE = /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/(?<user>[^@/\s]*@)?)?(?<host>[a-z0-9_-]+)(?::(?<port>\d{1,5}))?(?<rest>[/?#].*)?$/iu;

/** The ports clients of these schemes use when the reference names none. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443, mqtt: 1883, mqtts: 8883, amqp: 5672, amqps: 5671 };

/** Words of a variable name that say its value is a host (`MQTT_IP`, `testResultCoordinatorUrl`, `AZURE_ML_HOSTNAME`). */
const HOST_WORDS = new Set(['host', 'hostname', 'addr', 'address', 'server', 'url', 'uri', 'endpoint', 'broker', 'ip']);

function namesAHost(variable: string): boolean {
  const words = variable.replace(/([a-z0-9])([A-Z])/gu, '$1_$2').toLowerCase().split(/[^a-z0-9]+/u);
  return words.some((word) => HOST_WORDS.has(word));
}

interface Reference {
  readonly target: ModuleTranslation;
  /** The host as written. */
  readonly host: string;
  /** Offset of the host in the value. */
  readonly hostAt: number;
  readonly token: string;
  readonly port: number | undefined;
  readonly protocol: Protocol;
}

/** Other user modules by every spelling that names them: the raw id and the Service name, lower-case. */
function moduleIndex(translation: Translation): Map<string, ModuleTranslation> {
  const index = new Map<string, ModuleTranslation>();
  for (const translated of translation.modules) {
    // edgeHub is edgehub-ports' concern; a module whose createOptions do not parse has no judgeable Service.
    if (translated.module.system || translated.module.createOptions?.parseError) continue;
    index.set(translated.module.name.toLowerCase(), translated);
    index.set(translated.name, translated);
  }
  return index;
}

/** Whole-token references to other modules in one value. */
function referencesIn(variable: EnvVar, self: ModuleTranslation, index: Map<string, ModuleTranslation>): Reference[] {
  if (isPlaceholder(variable.value)) return [];
  const result: Reference[] = [];
  for (const match of variable.value.matchAll(/[^\s,;]+/gu)) {
    const groups = REFERENCE.exec(match[0])?.groups;
    if (!groups) continue;
    const { scheme, user, host, port, rest } = groups;
    // A bare word is a host only where the variable says so (`TargetModuleId=receiver` names a module for messages).
    if (!scheme && (rest || (!port && !namesAHost(variable.name)))) continue;
    const target = index.get(host!.toLowerCase());
    if (!target || target === self) continue;
    const number = port === undefined ? (scheme ? SCHEME_PORTS[scheme.toLowerCase()] : undefined) : Number.parseInt(port, 10);
    if (number !== undefined && (number < 1 || number > 65535)) continue;
    const hostAt = match.index + (scheme ? scheme.length + 3 + (user?.length ?? 0) : 0);
    result.push({ target, host: host!, hostAt, token: match[0], port: number, protocol: scheme?.toLowerCase() === 'udp' ? 'UDP' : 'TCP' });
  }
  return result;
}

function variableLabel(variable: EnvVar): string {
  return `${variable.source === 'env-section' ? 'env' : 'createOptions.Env'} ${variable.name}`;
}

function exposeSuggestion(reference: Reference, tools: Tools): Suggestion<MessageIds> | null {
  const { target, port, protocol } = reference;
  if (port === undefined) return null;
  // Another entry that already takes this Service port number would swallow the added key in the agent's merge.
  if (target.service?.candidatePorts.some((candidate) => candidate.port === port)) return null;
  const key = portKey(port, protocol);
  const fix = tools.fixFrom(addExposedPortsEdits(target.module, [key], tools));
  if (!fix) return null;
  return { messageId: 'addExposedPort', data: { target: target.module.name, key, port, exposure: exposureOfAddedPorts(target.service) }, fix };
}

/** Where a variable's value is written: the env section's string `value`, or the `NAME=value` element. */
function valueRange(module: ModuleModel, variable: EnvVar): readonly [number, number] | undefined {
  const node = envVarNode(module, variable);
  if (!node) return undefined;
  if (node.source === 'create-options') return node.createOptions.fileRange(node.element);
  return isStringLiteral(node.entry.value) ? node.entry.value.range : undefined;
}

function checkReference(translated: ModuleTranslation, variable: EnvVar, range: readonly [number, number], reference: Reference, tools: Tools): void {
  const module = translated.module;
  const { target, port } = reference;
  const service = target.service;
  const base = { module: module.name, target: target.module.name, variable: variableLabel(variable), service: target.name, reference: reference.token };
  if (!service) {
    tools.report({ module, range, messageId: 'noService', data: base, suggest: [exposeSuggestion(reference, tools)] });
    return;
  }
  if (reference.host.toLowerCase() !== target.name) {
    const value = variable.value.slice(0, reference.hostAt) + target.name + variable.value.slice(reference.hostAt + reference.host.length);
    const fix = tools.fixFrom(setEnvValue(module, variable, value, tools));
    tools.report({
      module,
      range,
      messageId: 'nameChanged',
      data: { ...base, host: reference.host },
      suggest: fix ? [{ messageId: 'useServiceName', data: { module: module.name, service: target.name, variable: base.variable }, fix }] : [],
    });
    return;
  }
  if (port === undefined || service.ports.some((candidate) => candidate.port === port && candidate.protocol === reference.protocol)) return;
  const remap = service.ports.find((candidate) => candidate.source === 'port-binding' && candidate.targetPort === port && candidate.protocol === reference.protocol);
  if (remap) {
    tools.report({ module, range, messageId: 'remappedPort', data: { ...base, port, hostPort: remap.port }, suggest: [exposeSuggestion(reference, tools)] });
    return;
  }
  const ports = service.ports.map((candidate) => candidate.port).join(', ');
  tools.report({ module, range, messageId: 'missingPort', data: { ...base, port, ports, key: portKey(port, reference.protocol) }, suggest: [exposeSuggestion(reference, tools)] });
}

export default createRule<[], MessageIds>({
  name: 'reachable-peers',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require modules that other modules address in their env to have a Service with that name and port',
      recommended: 'off',
      strict: 'warn',
      owns: ['NET-UNEXPOSED-PEER'],
      fixPolicy: 'suggestion',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noService:
        'Module "{{module}}" reaches "{{target}}" at "{{reference}}" ({{variable}}); that module declares no ports, so the GPU device has no Service "{{service}}".',
      nameChanged:
        'Module "{{module}}" reaches "{{target}}" as "{{host}}" ({{variable}}), but on the GPU device its Service is "{{service}}" and that host does not exist.',
      missingPort:
        'Module "{{module}}" reaches "{{target}}" on port {{port}} ({{variable}}), but on the GPU device Service "{{service}}" has only {{ports}}. Expose "{{key}}".',
      remappedPort:
        'Module "{{module}}" reaches "{{target}}" on port {{port}} ({{variable}}), but on the GPU device Service "{{service}}" serves it on port {{hostPort}}.',
      addExposedPort: 'Add ExposedPorts "{{key}}" to module "{{target}}" so that its Service listens on {{port}}; {{exposure}}.',
      useServiceName: 'Use the Service name "{{service}}" as the host in {{variable}} of module "{{module}}".',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        const index = moduleIndex(translation);
        for (const translated of translation.modules) {
          if (translated.module.system === 'edgeAgent') continue;
          for (const variable of translated.env) {
            if (variable.source === 'agent') continue;
            // Most values name no module: find references before mapping the value to the file.
            const references = referencesIn(variable, translated, index);
            if (references.length === 0) continue;
            const range = valueRange(translated.module, variable);
            if (!range) continue;
            const seen = new Set<string>();
            for (const reference of references) {
              const key = `${reference.target.name}:${reference.port ?? ''}`;
              if (seen.has(key)) continue;
              seen.add(key);
              checkReference(translated, variable, range, reference, tools);
            }
          }
        }
      },
    });
  },
});
