import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { locate } from '../helpers/locate.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const longRegistry = 'contosomanufacturingvisionprod01'; // 32 characters
const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });

function manifest(encoding: Encoding, username: string, address: string, image: string) {
  return buildManifest(
    {
      modules: { detector: { image, createOptions: { HostConfig: { Privileged: true } } } },
      registryCredentials: { registry: { username, password: 'secret', address } },
    },
    encoding,
  );
}

runRuleTests('registry-secret-names', {
  valid: ENCODINGS.flatMap((encoding) => [
    { name: `a 31-character ACR name (${encoding})`, ...codeOf(manifest(encoding, longRegistry.slice(0, 31), `${longRegistry.slice(0, 31)}.azurecr.io`, `${longRegistry.slice(0, 31)}.azurecr.io/detector:1.0`)) },
    // The credential is not used by any image: the agent creates no Secret from it.
    { name: `an unused long credential (${encoding})`, ...codeOf(manifest(encoding, longRegistry, `${longRegistry}.azurecr.io`, 'mcr.microsoft.com/detector:1.0')) },
    { name: `Docker Hub's own address for a Docker Hub image (${encoding})`, ...codeOf(manifest(encoding, 'contoso', 'https://index.docker.io/v1/', 'contoso/detector:1.0')) },
    { name: `an address with a scheme that no image uses (${encoding})`, ...codeOf(manifest(encoding, 'contoso', 'https://contoso.azurecr.io', 'mcr.microsoft.com/detector:1.0')) },
    { name: `placeholders (${encoding})`, ...codeOf(manifest(encoding, '$CONTAINER_REGISTRY_USERNAME', '$CONTAINER_REGISTRY_ADDRESS', '${MODULES.detector}')) },
  ]),
  invalid: ENCODINGS.flatMap((encoding) => {
    const acr = manifest(encoding, longRegistry, `${longRegistry}.azurecr.io`, `${longRegistry}.azurecr.io/detector:1.0`);
    const byIp = manifest(encoding, 'builder', '10.0.0.5:5000', '10.0.0.5:5000/detector:1.0');
    const unmatched = (address: string, image: string, fixed: string) => {
      const built = manifest(encoding, 'contoso', address, image);
      return {
        name: `an address the agent never matches: ${address} (${encoding})`,
        ...codeOf(built),
        output: null,
        errors: [{ messageId: 'unmatchedAddress', data: { credential: 'registry', address, modules: '"detector"', fixed }, ...locate(built.code, JSON.stringify(address)) }],
      };
    };
    return [
      unmatched('https://contoso.azurecr.io', 'contoso.azurecr.io/detector:1.0', 'contoso.azurecr.io'),
      unmatched('contoso.azurecr.io/vision', 'contoso.azurecr.io/vision/detector:1.0', 'contoso.azurecr.io'),
      unmatched('docker.io/contoso', 'contoso/detector:1.0', 'https://index.docker.io/v1/'),
      {
        name: `a 32-character ACR name (${encoding})`,
        ...codeOf(acr),
        output: null,
        errors: [
          {
            messageId: 'invalidSecretName',
            data: {
              credential: 'registry',
              modules: '"detector"',
              secret: `${longRegistry}-${longRegistry}.azurecr.io`,
              reason: `a part of it has ${longRegistry.length * 2 + 1} characters, over 63`,
              advice:
                'For Azure Container Registry, use a registry name of at most 31 characters, or a token with a short username',
            },
            ...locate(acr.code, `"${longRegistry}.azurecr.io"`),
          },
        ],
      },
      {
        name: `an IP-addressed registry (${encoding})`,
        ...codeOf(byIp),
        output: null,
        errors: [
          {
            messageId: 'invalidSecretName',
            data: {
              credential: 'registry',
              modules: '"detector"',
              secret: 'builder-10...',
              reason: 'its part "0" has no letter to start a DNS label',
              advice: 'Address the registry by a DNS name whose parts start with a letter instead of an IP address',
            },
            ...locate(byIp.code, '"10.0.0.5:5000"'),
          },
        ],
      },
    ];
  }),
});
