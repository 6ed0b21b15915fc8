import { getTranslation } from '../kubernetes/index.js';
import type { ServicePort } from '../kubernetes/types.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor } from '../util/manifest-rule.js';
import { describeServicePort } from '../util/service-phrases.js';

type MessageIds = 'invalidPortKey' | 'unusableHostPort' | 'portOutOfRange' | 'duplicatePortName' | 'portLost';

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** Why a lost Service port matters, and what to change, as one clause. */
function lossAdvice(lost: ServicePort, kept: ServicePort): string {
  if (lost.protocol !== kept.protocol) return `one port number cannot carry both ${lost.protocol} and ${kept.protocol} through the agent; give one of them another port number`;
  return 'give one of them another Service port number';
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
        'Module "{{module}}" declares the {{field}} key "{{key}}", which is not one port with tcp, udp or sctp; the agent silently drops it, so the GPU device publishes nothing for it. Write one key per port, such as "8080/tcp".',
      unusableHostPort:
        'Module "{{module}}" binds "{{key}}" {{reason}}; the agent silently drops such a binding, so the GPU device publishes nothing for it. Set HostPort to one port number as a string, such as "{{example}}".',
      portOutOfRange:
        'Module "{{module}}" uses port {{port}} ({{where}}), outside 1-65535: Kubernetes rejects the Service, and since Services are created before Deployments the whole deployment fails on the GPU device. Use a port between 1 and 65535.',
      duplicatePortName:
        'Module "{{module}}" binds container port {{key}} to several HostPorts ({{hostPorts}}): the agent names each Service port "{{name}}", Kubernetes rejects a Service with duplicate port names, and the whole deployment fails on the GPU device. Keep one binding for this container port.',
      portLost:
        'Module "{{module}}" declares {{lost}} and {{kept}}, which both become Service port {{port}}; the agent keeps one entry per port number, so on the GPU device {{lost}} is silently lost. To keep both, {{advice}}.',
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
