import { getTranslation } from '../kubernetes/index.js';
import type { Translation } from '../kubernetes/types.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../util/manifest-rule.js';

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
        'Module "{{module}}" uses NetworkMode "host" like module "{{first}}": on the GPU device the IoT Edge proxy sidecar of each host-network pod binds ports 35000 and 35001 on the node, so only one host-network module can run and this one fails to start. Keep NetworkMode "host" on one module and reach the others through their Services.',
      hostNetworkUnsupported:
        'Module "{{module}}" uses NetworkMode "host", which does not work for IoT Edge modules on ASE software older than 2110 (the device profile says {{aseVersion}}): the module does not start on the GPU device. Update the device to 2110 or later, or remove NetworkMode "host" and declare the ports peers use.',
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
