import { formatPath } from '../manifest/format-path.js';
import type { ManifestModel, ModuleModel, RegistryCredentialModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { imagePullSecretName, imageRegistryHost, registryHost } from './names.js';
import type { ImagePullSecret, Origin } from './types.js';

function credentialOrigin(credential: RegistryCredentialModel): Origin {
  const node = credential.address ?? credential.property.key;
  const path = ['runtime', 'settings', 'registryCredentials', credential.name, ...(credential.address ? ['address'] : [])];
  return { range: node.range, path: `$edgeAgent.${formatPath(path)}` };
}

/**
 * One Secret per credential whose address host equals (case-insensitively) the registry host of at
 * least one module image. Credentials with placeholder values cannot be judged and are left out.
 */
export function imagePullSecrets(model: ManifestModel): ImagePullSecret[] {
  const result: ImagePullSecret[] = [];
  for (const credential of model.registryCredentials) {
    const username = credential.username?.value;
    const address = credential.address?.value;
    if (username === undefined || address === undefined || isPlaceholder(username) || isPlaceholder(address)) continue;
    const host = registryHost(address);
    const modules = model.modules.filter((module: ModuleModel) => {
      const image = module.image?.value;
      const imageHost = image === undefined ? undefined : imageRegistryHost(image);
      return imageHost !== undefined && imageHost.toLowerCase() === host.toLowerCase();
    });
    if (modules.length === 0) continue;
    const secret = imagePullSecretName(username, address);
    result.push({ credential, name: secret.name, valid: secret.ok, host, modules, origin: credentialOrigin(credential) });
  }
  return result;
}

export function secretFailureMessage(secret: ImagePullSecret): string {
  const result = imagePullSecretName(secret.credential.username!.value, secret.credential.address!.value);
  if (result.ok) return '';
  const reason =
    result.reason === 'empty-segment' ? `its part "${result.segment ?? ''}" keeps no letter`
    : result.reason === 'segment-too-long' ? `its part "${result.segment ?? ''}" is longer than 63 characters`
    : 'it is longer than 253 characters';
  return `The image pull Secret name "${result.name}" built from registry credential "${secret.credential.name}" is invalid because ${reason}; the agent throws.`;
}
