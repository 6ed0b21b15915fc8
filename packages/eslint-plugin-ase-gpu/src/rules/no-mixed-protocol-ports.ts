import { getTranslation } from '../kubernetes/index.js';
import type { ServiceObject } from '../kubernetes/types.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { describeServicePort } from './shared/service-phrases.js';

type MessageIds = 'mixedProtocols';

function typeReason(service: ServiceObject): string {
  return service.typeSource === 'service-options' ? 'set by serviceOptions.type' : 'the device default';
}

export default createRule<[], MessageIds>({
  name: 'no-mixed-protocol-ports',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow TCP and UDP ports in one LoadBalancer Service',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-MIXED-PROTOCOL'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      mixedProtocols:
        'Module "{{module}}" has {{protocols}} ports ({{port}} is {{otherProtocol}}) in one LoadBalancer Service ({{typeReason}}); it fails on the GPU device.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        if (module.createOptions?.parseError) return;
        const translated = getTranslation(tools.model, tools.profile).module(module);
        const service = translated?.service;
        if (!translated || !service) return;
        // The translation decides (Service type, the profile's mixedProtocolLoadBalancer, ports after the merge).
        const failure = translated.failures.find((candidate) => candidate.code === 'mixed-protocol-load-balancer');
        if (!failure) return;
        const first = service.ports[0]!;
        const other = service.ports.find((port) => port.protocol !== first.protocol)!;
        const protocols = [...new Set(service.ports.map((port) => port.protocol))];
        tools.report({
          module,
          range: failure.origin.range,
          messageId: 'mixedProtocols',
          data: {
            module: module.name,
            typeReason: typeReason(service),
            protocols: protocols.length === 2 ? protocols.join(' and ') : `${protocols.slice(0, -1).join(', ')} and ${protocols.at(-1)}`,
            port: describeServicePort(other),
            otherProtocol: other.protocol,
          },
        });
      },
    });
  },
});
