import type { ESLint, Linter } from 'eslint';
import { MANIFEST_FILES, PRESET_NAMES, presetRules, type PresetName } from './configs/presets.js';
import { manifestLanguage } from './language/manifest-language.js';
import { rules } from './rules/index.js';
import { pluginPackage } from './rule-harness/plugin-package.js';

export interface AseGpuPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly configs: Readonly<Record<PresetName, Linter.Config>>;
}

const configs = {} as Record<PresetName, Linter.Config>;

const plugin: AseGpuPlugin = {
  meta: { name: pluginPackage.name, version: pluginPackage.version, namespace: 'ase-gpu' },
  languages: { manifest: manifestLanguage as unknown as NonNullable<ESLint.Plugin['languages']>[string] },
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
  configs,
};

for (const name of PRESET_NAMES) {
  configs[name] = {
    name: `ase-gpu/${name}`,
    files: [...MANIFEST_FILES],
    plugins: { 'ase-gpu': plugin },
    language: 'ase-gpu/manifest',
    rules: presetRules(rules as never, name) as Linter.RulesRecord,
  };
}

export default plugin;
export { MANIFEST_FILES, PRESET_NAMES, presetRules };
export type { PresetName };
export { manifestLanguage, parseManifestText } from './language/manifest-language.js';
export { embeddedJsonProblems } from './manifest/embedded-json.js';
export type { EmbeddedJSONProblem } from './manifest/embedded-json.js';
export { ManifestSourceCode } from './language/manifest-source-code.js';
export {
  DEVICE_PROFILE_DEFAULTS,
  SETTINGS_KEY,
  deviceProfileSchema,
  kubernetesVersionFor,
  resolveDeviceProfile,
} from './settings/device-profile.js';
export type { DeviceProfile, DeviceProfileSettings, Exemption, LeafDeviceProtocol, ServiceType } from './settings/device-profile.js';
export { exemptionKey, getExemptionUsage, isExempted, isExpired, resetExemptionUsage } from './rule-harness/report.js';
export { getManifestModel } from './rule-harness/manifest-context.js';
export { defineManifestVisitor } from './rule-harness/manifest-rule.js';
export type { Finding, ManifestHandlers, ManifestTools } from './rule-harness/manifest-rule.js';
export type { AseGpuDocs, FixFunction, FixPolicy, RuleContext, RuleFix, RuleFixer, RuleListener, Severity } from './rule-harness/rule-api.js';
