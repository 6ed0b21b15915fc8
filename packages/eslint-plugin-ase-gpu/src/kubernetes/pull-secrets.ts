import { formatPath } from '../manifest/format-path.js';
import type { ManifestModel, ModuleModel, RegistryCredentialModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { credentialMatchesImage, imagePullSecretName, registryHost } from './names.js';
import type { ImagePullSecret, Origin } from './types.js';

function credentialOrigin(credential: RegistryCredentialModel): Origin {
  const node = credential.address ?? credential.property.key;
  const path = ['runtime', 'settings', 'registryCredentials', credential.name, ...(credential.address ? ['address'] : [])];
  return { range: node.range, path: `$edgeAgent.${formatPath(path)}` };
}

/**
 * One Secret per credential that is the first (in manifest order) whose address the agent matches with
 * a module image (DockerUtil.cs, FirstAuthConfig). Credentials with placeholder values cannot be judged
 * and are left out; an image whose first match is such a credential gets no Secret here.
 */
export function imagePullSecrets(model: ManifestModel): ImagePullSecret[] {
  const usable = model.registryCredentials.filter((credential) => {
    const username = credential.username?.value;
    const address = credential.address?.value;
    return username !== undefined && address !== undefined;
  });
  const modulesOf = new Map<RegistryCredentialModel, ModuleModel[]>();
  for (const module of model.modules) {
    const image = module.image?.value;
    if (image === undefined || isPlaceholder(image)) continue;
    const credential = usable.find((candidate) => credentialMatchesImage(candidate.address!.value, image));
    if (!credential) continue;
    const list = modulesOf.get(credential);
    if (list) list.push(module);
    else modulesOf.set(credential, [module]);
  }
  const result: ImagePullSecret[] = [];
  for (const credential of usable) {
    const modules = modulesOf.get(credential);
    const username = credential.username!.value;
    const address = credential.address!.value;
    if (!modules || isPlaceholder(username) || isPlaceholder(address)) continue;
    const secret = imagePullSecretName(username, address);
    result.push({ credential, name: secret.name, valid: secret.ok, host: registryHost(address), modules, origin: credentialOrigin(credential) });
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
