import { getTranslation } from '../kubernetes/index.js';
import type { ServiceObject, Translation } from '../kubernetes/types.js';
import { isIPv4 } from '../kubernetes/validation.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { inIPv4Range, parseIPv4Range } from '../kubernetes/ip-range.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'overBudget' | 'ipUnused' | 'ipReserved' | 'ipOutOfRange' | 'ipDuplicate';
type Tools = ManifestTools<MessageIds>;

/** Fixed addresses of the device's service subnet 172.28.0.0/16 (ASE release notes, known issue #9). */
const RESERVED_SERVICE_IPS: ReadonlyMap<string, string> = new Map([
  ['172.28.0.1', 'the Kubernetes API server'],
  ['172.28.0.10', 'the cluster DNS'],
]);

/** MetalLB lets Services share an address when they carry this annotation with one value (the agent copies Labels onto the Service). */
const SHARED_IP_ANNOTATION = 'metallb.universe.tf/allow-shared-ip';

function typeReason(service: ServiceObject): string {
  if (service.typeSource === 'service-options') return 'serviceOptions.type says so';
  if (service.typeSource === 'no-port-bindings') return 'the module has no PortBindings';
  return "that is the device profile's defaultServiceType";
}

function sharingKey(service: ServiceObject): string | undefined {
  return service.annotations.find((annotation) => annotation.key === SHARED_IP_ANNOTATION)?.value;
}

/** The LoadBalancer Service that takes the first address past the budget, reported where its module became a LoadBalancer. */
function checkBudget(translation: Translation, tools: Tools): void {
  const available = tools.profile.externalServiceIps;
  if (available === undefined || !translation.wholeDeployment) return;
  const balancers = translation.services.filter((service) => service.type === 'LoadBalancer');
  if (balancers.length <= available) return;
  const service = balancers[available]!;
  const note = translation.module(service.module)?.notes.find((candidate) => candidate.code === 'external-ip');
  if (!note) return;
  tools.report({
    module: service.module,
    range: note.origin.range,
    messageId: 'overBudget',
    data: {
      module: service.module.name,
      position: available + 1,
      needed: balancers.length,
      available,
      modules: balancers.map((balancer) => `"${balancer.module.name}"`).join(', '),
    },
  });
}

function checkAddresses(translation: Translation, tools: Tools): void {
  const rangeText = tools.profile.externalServiceIpRange;
  const range = rangeText === undefined ? undefined : parseIPv4Range(rangeText);
  const claimed = new Map<string, ServiceObject[]>();
  for (const service of translation.services) {
    const ip = service.loadBalancerIP;
    // The literal's syntax is valid-k8s-experimental's finding.
    if (!ip || isPlaceholder(ip.value) || !isIPv4(ip.value)) continue;
    const module = service.module;
    const base = { module: module.name, ip: ip.value };
    if (service.type !== 'LoadBalancer') {
      tools.report({ module, range: ip.origin.range, messageId: 'ipUnused', data: { ...base, type: service.type, reason: typeReason(service) } });
      continue;
    }
    const purpose = RESERVED_SERVICE_IPS.get(ip.value);
    if (purpose) {
      tools.report({ module, range: ip.origin.range, messageId: 'ipReserved', data: { ...base, purpose } });
      continue;
    }
    if (range && !inIPv4Range(ip.value, range)) {
      tools.report({ module, range: ip.origin.range, messageId: 'ipOutOfRange', data: { ...base, range: rangeText } });
      continue;
    }
    // The other claimant may sit in the base deployment or another layer.
    if (!translation.wholeDeployment) continue;
    const earlier = claimed.get(ip.value) ?? [];
    const key = sharingKey(service);
    const rival = earlier.find((other) => key === undefined || sharingKey(other) !== key);
    if (rival) tools.report({ module, range: ip.origin.range, messageId: 'ipDuplicate', data: { ...base, other: rival.module.name } });
    claimed.set(ip.value, [...earlier, service]);
  }
}

export default createRule<[], MessageIds>({
  name: 'external-service-ips',
  meta: {
    type: 'problem',
    docs: {
      description: "Require LoadBalancer Services and their loadBalancerIP addresses to fit the device's Kubernetes external service IPs",
      recommended: 'warn',
      strict: 'warn',
      owns: ['NET-EXTERNAL-IPS (over budget)', 'NET-LB-IP (uniqueness, range, reserved addresses, ignored)'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      overBudget:
        'Module "{{module}}" needs external IP {{position}} of {{needed}} ({{modules}}), but the device has {{available}}, so on the GPU device its Service gets none.',
      ipUnused:
        'Module "{{module}}" sets serviceOptions.loadBalancerIP "{{ip}}", but its Service is {{type}} ({{reason}}), so the GPU device never assigns the address.',
      ipReserved:
        'Module "{{module}}" requests loadBalancerIP "{{ip}}", which the GPU device reserves for {{purpose}}, so the module gets no external IP.',
      ipOutOfRange:
        'Module "{{module}}" requests loadBalancerIP "{{ip}}", outside the external service IP range {{range}}, so on the GPU device it gets no external IP.',
      ipDuplicate:
        'Module "{{module}}" requests loadBalancerIP "{{ip}}", as module "{{other}}" does, so on the GPU device only one of the two gets an external IP.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        checkBudget(translation, tools);
        checkAddresses(translation, tools);
      },
    });
  },
});
