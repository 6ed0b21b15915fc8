import { getTranslation } from '../kubernetes/index.js';
import type { Translation } from '../kubernetes/types.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'secondHostNetwork' | 'hostNetworkUnsupported';
type Tools = ManifestTools<MessageIds>;

/** The ASE update that made host network work for IoT Edge modules (ASE release notes 2105 known issue, fixed in 2110). */
const FIRST_HOST_NETWORK_ASE = 2110;
function checkHostNetwork(translation: Translation, tools: Tools): void {
  const hostModules = translation.modules.filter((translated) => translated.deployment.pod.hostNetwork && !translated.module.createOptions?.parseError);
  const aseVersion = Number.parseInt(tools.profile.aseVersion, 10);
  if (aseVersion < FIRST_HOST_NETWORK_ASE) {
    for (const translated of hostModules) {
      tools.report({ module: translated.module, range: translated.deployment.pod.hostNetwork!.origin.range, messageId: 'hostNetworkUnsupported', data: { module: translated.module.name, aseVersion: tools.profile.aseVersion } });
    }
  }
  // The other host-network modules may sit in the base deployment or another layer.
  if (!translation.wholeDeployment) return;
  const [first, ...others] = hostModules;
  for (const translated of others) {
    tools.report({ module: translated.module, range: translated.deployment.pod.hostNetwork!.origin.range, messageId: 'secondHostNetwork', data: { module: translated.module.name, first: first!.module.name } });
  }
}

export default createRule<[], MessageIds>({
  name: 'valid-network-mode',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require host-network modules that the GPU device can run: at most one, on ASE 2110 or later',
      recommended: 'error',
      strict: 'error',
      owns: ['NET-HOST-NETWORK'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      secondHostNetwork:
        'Module "{{module}}" uses NetworkMode "host" like module "{{first}}", but the GPU device runs one host-network module, so this one fails.',
      hostNetworkUnsupported:
        'Module "{{module}}" uses NetworkMode "host", which works from ASE 2110 (the profile says {{aseVersion}}), so it does not start on the GPU device.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        // NetworkMode values other than host and NetworkingConfig deploy, ignored: no-ignored-settings (warn) reports them.
        checkHostNetwork(getTranslation(tools.model, tools.profile), tools);
      },
    });
  },
});
