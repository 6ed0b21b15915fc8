import { getTranslation } from '../kubernetes/index.js';
import type { ServicePort } from '../kubernetes/types.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';
import { describeServicePort } from './shared/service-phrases.js';

type MessageIds = 'invalidPortKey' | 'unusableHostPort' | 'portOutOfRange' | 'duplicatePortName' | 'portLost';

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** Why a lost Service port matters, and what to change, as one clause. */
function lossAdvice(lost: ServicePort, kept: ServicePort): string {
  return lost.protocol === kept.protocol ? 'give one of them another port number' : `give the ${lost.protocol} one another port number`;
}

export default createRule<[], MessageIds>({
  name: 'valid-port-bindings',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require ExposedPorts and PortBindings that the agent turns into exactly the Service ports they declare',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-HOSTPORT-INVALID', 'NET-DUPLICATE-PORT-NAME', 'NET-SAME-PORT-TWO-PROTOCOLS'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      invalidPortKey:
        'Module "{{module}}": {{field}} key "{{key}}" is not one port with tcp, udp or sctp, so the GPU device publishes nothing for it.',
      unusableHostPort:
        'Module "{{module}}" binds "{{key}}" {{reason}}, so the GPU device publishes nothing for it. Set HostPort to a string such as "{{example}}".',
      portOutOfRange:
        'Module "{{module}}" uses port {{port}} ({{where}}), outside 1-65535, so Kubernetes rejects the Service and the deployment fails on the GPU device.',
      duplicatePortName:
        'Module "{{module}}" binds container port {{key}} to HostPorts {{hostPorts}}, repeating port name "{{name}}", so the deployment fails on the GPU device.',
      portLost:
        'Module "{{module}}": {{lost}} and {{kept}} are both Service port {{port}}, so the GPU device drops the first; {{advice}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        if (module.createOptions?.parseError) return;
        const translated = getTranslation(tools.model, tools.profile).module(module);
        if (!translated) return;
        const report = (range: readonly [number, number], messageId: MessageIds, data: Record<string, unknown>): void =>
          tools.report({ module, range, messageId, data: { module: module.name, ...data } });

        for (const dropped of translated.dropped) {
          if (dropped.code === 'port-key-invalid') {
            report(dropped.origin.range, 'invalidPortKey', { field: text(dropped.data.field), key: text(dropped.data.key) });
          } else if (dropped.code === 'binding-without-host-port') {
            const key = text(dropped.data.key);
            const hostPort = text(dropped.data.hostPort);
            const reason = hostPort.trim() === '' ? 'without a HostPort' : `to the HostPort "${hostPort}", which is not one port number`;
            report(dropped.origin.range, 'unusableHostPort', { key, reason, example: key.split('/')[0] });
          }
        }
        for (const failure of translated.failures) {
          if (failure.code === 'port-out-of-range') {
            const key = text(failure.data.key);
            const where = /hostport$/iu.test(failure.origin.path) ? `the HostPort of "${key}"` : `the ${text(failure.data.field)} key "${key}"`;
            report(failure.origin.range, 'portOutOfRange', { port: failure.data.port, where });
          } else if (failure.code === 'duplicate-port-name') {
            const name = text(failure.data.name);
            const ports = translated.service?.ports.filter((port) => port.name === name) ?? [];
            const first = ports[0];
            // Reported once per name, at the second binding: the first is the one to keep.
            if (!first || failure.origin.range[0] !== ports[1]?.origin.range[0]) continue;
            report(failure.origin.range, 'duplicatePortName', {
              key: `"${first.targetPort}/${first.protocol.toLowerCase()}"`,
              hostPorts: ports.map((port) => port.port).join(', '),
              name,
            });
          }
        }

        const service = translated.service;
        if (!service) return;
        for (const candidate of service.candidatePorts) {
          if (service.ports.includes(candidate)) continue;
          const kept = service.ports.find((port) => port.port === candidate.port);
          // The same container port declared twice (ExposedPorts and a same-number binding) loses nothing.
          if (!kept || (kept.targetPort === candidate.targetPort && kept.protocol === candidate.protocol)) continue;
          report(candidate.origin.range, 'portLost', {
            lost: describeServicePort(candidate),
            kept: describeServicePort(kept),
            port: candidate.port,
            advice: lossAdvice(candidate, kept),
          });
        }
      },
    });
  },
});
