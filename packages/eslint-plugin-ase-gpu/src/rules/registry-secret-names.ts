import { getTranslation } from '../kubernetes/index.js';
import { imagePullSecretName } from '../kubernetes/names.js';
import { createRule } from '../util/create-rule.js';
import { defineManifestVisitor } from '../util/manifest-rule.js';

type MessageIds = 'invalidSecretName';

function advice(reason: string): string {
  switch (reason) {
    case 'segment-too-long':
      return 'For Azure Container Registry the first part is "<username>-<registry>", so registry names longer than 31 characters fail: use a shorter registry name, or a token or service principal whose username keeps that part within 63 characters';
    case 'empty-segment':
      return 'Address the registry by a DNS name whose parts start with a letter instead of an IP address';
    default:
      return 'Shorten the username or the registry address';
  }
}

function describeReason(reason: string, segment: string | undefined): string {
  switch (reason) {
    case 'segment-too-long':
      return `its part "${segment ?? ''}" is longer than 63 characters`;
    case 'empty-segment':
      return `its part "${segment ?? ''}" has no letter to start a DNS label`;
    default:
      return 'it is longer than 253 characters';
  }
}

export default createRule<[], MessageIds>({
  name: 'registry-secret-names',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require registry credentials whose image pull Secret name Kubernetes accepts',
      recommended: 'error',
      strict: 'error',
      owns: ['REG-SECRET-NAME'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      invalidSecretName:
        'Registry credential "{{credential}}" (used by {{modules}}) becomes the image pull Secret "{{secret}}", which Kubernetes rejects because {{reason}}: the agent fails and the whole deployment fails on the GPU device. {{advice}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        for (const secret of getTranslation(tools.model, tools.profile).imagePullSecrets) {
          if (secret.valid) continue;
          const { username, address } = secret.credential;
          const result = imagePullSecretName(username!.value, address!.value);
          if (result.ok) continue;
          tools.report({
            module: secret.modules[0],
            range: secret.origin.range,
            messageId: 'invalidSecretName',
            data: {
              credential: secret.credential.name,
              modules: secret.modules.map((module) => `"${module.name}"`).join(', '),
              secret: result.name,
              reason: describeReason(result.reason, result.segment),
              advice: advice(result.reason),
            },
          });
        }
      },
    });
  },
});
