import { getTranslation } from '../kubernetes/index.js';
import { imagePullSecretName, registryHost } from '../kubernetes/names.js';
import type { ManifestModel, ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';

type MessageIds = 'invalidSecretName' | 'unmatchedAddress';

/** What the agent compares with a credential address for an image with a registry-less path (`user/image`). */
const DOCKER_HUB_ADDRESS = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The registry the agent reads from an image (DockerUtil.TryParseDomainFromImage): the first path
 * component when it has "." or ":", Docker Hub's address for other multi-component names, none for one
 * component (public Docker Hub images, pulled without credentials).
 */
function imageDomain(image: string): string | undefined {
  const parts = image.split('/');
  if (parts.length < 2) return undefined;
  const first = parts[0]!;
  return first.includes('.') || first.includes(':') ? first : DOCKER_HUB_ADDRESS;
}

/**
 * Credentials whose address can equal no image's registry (DockerUtil.FirstAuthConfig compares the
 * address as written): a scheme or a path, except Docker Hub's own address. With the modules whose
 * images come from the registry the address names, and the address the agent would match.
 */
function unmatchedCredentials(model: ManifestModel): { credential: ManifestModel['registryCredentials'][number]; modules: ModuleModel[]; fixed: string }[] {
  const found: { credential: ManifestModel['registryCredentials'][number]; modules: ModuleModel[]; fixed: string }[] = [];
  for (const credential of model.registryCredentials) {
    const address = credential.address?.value.trim();
    if (address === undefined || isPlaceholder(address) || !address.includes('/') || address.toLowerCase() === DOCKER_HUB_ADDRESS) continue;
    const host = registryHost(address).toLowerCase();
    const fixed = DOCKER_HUB_HOSTS.has(host) ? DOCKER_HUB_ADDRESS : host;
    const modules = model.modules.filter((module) => {
      const image = module.image?.value;
      if (image === undefined || isPlaceholder(image) || module.system === 'edgeAgent') return false;
      const domain = imageDomain(image.trim());
      return domain !== undefined && domain.toLowerCase() === fixed;
    });
    if (modules.length > 0) found.push({ credential, modules, fixed });
  }
  return found;
}

function advice(reason: string): string {
  switch (reason) {
    case 'segment-too-long':
      return 'For Azure Container Registry, use a registry name of at most 31 characters, or a token with a short username';
    case 'empty-segment':
      return 'Address the registry by a DNS name whose parts start with a letter instead of an IP address';
    default:
      return 'Shorten the username or the registry address';
  }
}

function describeReason(reason: string, segment: string | undefined): string {
  switch (reason) {
    case 'segment-too-long':
      return `a part of it has ${segment?.length ?? 0} characters, over 63`;
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
      description: 'Require registry credentials that the agent matches to images and whose image pull Secret name Kubernetes accepts',
      recommended: 'error',
      strict: 'error',
      owns: ['REG-SECRET-NAME'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      unmatchedAddress:
        'Credential "{{credential}}" address "{{address}}" matches no image as written, so {{modules}} get no pull Secret on the GPU device; write "{{fixed}}".',
      invalidSecretName:
        'Credential "{{credential}}" ({{modules}}) gives pull Secret "{{secret}}", invalid as {{reason}}; the GPU deployment fails. {{advice}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        for (const { credential, modules, fixed } of unmatchedCredentials(tools.model)) {
          tools.report({
            module: modules[0]!,
            range: credential.address!.range,
            messageId: 'unmatchedAddress',
            data: { credential: credential.name, address: credential.address!.value, modules: modules.map((module) => `"${module.name}"`).join(', '), fixed },
          });
        }
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
