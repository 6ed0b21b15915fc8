import { getTranslation } from '../kubernetes/index.js';
import { sanitizeDnsLabel } from '../kubernetes/names.js';
import type { ModuleTranslation } from '../kubernetes/types.js';
import type { CreateOptions } from '../manifest/create-options.js';
import { isObject, stringAt } from '../manifest/json-ast.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type ManifestTools } from '../rule-harness/manifest-rule.js';

type MessageIds = 'unknownShare' | 'invalidClaimName';

/** Claim names of the device's shares: a share's PersistentVolumeClaim carries the share's name. */
function shareClaims(shares: readonly string[]): Set<string> {
  return new Set(shares.map((share) => sanitizeDnsLabel(share).name));
}

function checkModule(translated: ModuleTranslation, tools: ManifestTools<MessageIds>): void {
  const module = translated.module;
  const createOptions = module.createOptions!;
  for (const failure of translated.failures) {
    // A volume Mount whose Source leaves no valid claim name (the Mounts entry is the origin).
    if (failure.code !== 'volume-name-invalid' || !isVolumeMount(createOptions, failure.origin.range)) continue;
    const source = String(failure.data.source);
    const name = String(failure.data.name);
    tools.report({
      module,
      range: failure.origin.range,
      messageId: 'invalidClaimName',
      data: { module: module.name, source, reason: name === '' ? 'leaves no letter or digit' : `becomes "${name}", longer than 63 characters` },
    });
  }
  const shares = tools.profile.shares;
  if (!shares) return;
  const known = shareClaims(shares);
  for (const claim of translated.persistentVolumeClaims) {
    if (known.has(claim.name)) continue;
    tools.report({
      module,
      range: claim.origin.range,
      messageId: 'unknownShare',
      data: { module: module.name, claim: claim.name, shares: shares.map((share) => `"${share}"`).join(', ') || 'none' },
    });
  }
}

/** Whether the node at an origin is a Mounts entry of Type volume (a bind's name is valid-mounts' finding). */
function isVolumeMount(createOptions: CreateOptions, range: readonly [number, number]): boolean {
  const decoded = createOptions.decodedOffsetAt(range[0]);
  const node = decoded === undefined ? undefined : createOptions.nodeAt(decoded);
  return isObject(node) && stringAt(node, 'Type', { ignoreCase: true })?.value.toLowerCase() === 'volume';
}

export default createRule<[], MessageIds>({
  name: 'known-share-volumes',
  meta: {
    type: 'problem',
    docs: {
      description: "Require volume Mounts to name one of the device's shares by a valid claim name",
      recommended: 'warn',
      strict: 'error',
      owns: ['ST-VOLUME-SHARE'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      unknownShare:
        'Module "{{module}}" mounts the volume claim "{{claim}}", which is none of the device\'s shares ({{shares}}), so on the GPU device the pod stays Pending.',
      invalidClaimName:
        'Module "{{module}}" mounts the volume "{{source}}", whose name {{reason}} as a claim name, so the deployment fails on the GPU device.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        if (!module.createOptions?.rootObject) return;
        const translated = getTranslation(tools.model, tools.profile).module(module);
        if (translated) checkModule(translated, tools);
      },
    });
  },
});
