import { addExposedPortsEdits } from '../fix/exposed-ports.js';
import { getTranslation } from '../kubernetes/index.js';
import type { EnvVar, ModuleTranslation } from '../kubernetes/types.js';
import { createRule } from '../rule-harness/create-rule.js';
import { allPeerReferences, variableLabel, type Reference } from './shared/peer-references.js';
import { defineManifestVisitor, type ManifestTools, type Suggestion } from '../rule-harness/manifest-rule.js';
import { exposureOfAddedPorts, portKey } from './shared/service-phrases.js';

type MessageIds = 'noService' | 'missingPort' | 'remappedPort' | 'addExposedPort';
type Tools = ManifestTools<MessageIds>;

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

function checkReference(translated: ModuleTranslation, variable: EnvVar, range: readonly [number, number], reference: Reference, tools: Tools): void {
  const module = translated.module;
  const { target, port } = reference;
  const service = target.service;
  const base = { module: module.name, target: target.module.name, variable: variableLabel(variable), service: target.name, reference: reference.token };
  // A raw name the agent changed does not resolve at all: module-names reports it (an error).
  if (reference.host.toLowerCase() !== target.name) return;
  if (!service) {
    tools.report({ module, range, messageId: 'noService', data: base, suggest: [exposeSuggestion(reference, tools)] });
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
      missingPort:
        'Module "{{module}}" reaches "{{target}}" on port {{port}} ({{variable}}), but on the GPU device Service "{{service}}" has only {{ports}}. Expose "{{key}}".',
      remappedPort:
        'Module "{{module}}" reaches "{{target}}" on port {{port}} ({{variable}}), but on the GPU device Service "{{service}}" serves it on port {{hostPort}}.',
      addExposedPort: 'Add ExposedPorts "{{key}}" to module "{{target}}" so that its Service listens on {{port}}; {{exposure}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        for (const [translated, references] of allPeerReferences(translation)) {
          for (const { variable, range, reference } of references) checkReference(translated, variable, range, reference, tools);
        }
      },
    });
  },
});
