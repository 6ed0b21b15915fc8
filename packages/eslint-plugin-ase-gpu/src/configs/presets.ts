import type { AseGpuDocs, Severity } from '../rule-harness/rule-api.js';

export type PresetName = 'recommended' | 'strict' | 'migration' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict', 'migration', 'all'];

/**
 * File names real manifests have. The rules act only on files the manifest model recognises by
 * content, so wide globs are safe.
 */
export const MANIFEST_FILES = ['**/*[Dd]eployment*.json', '**/*[Mm]anifest*.json', '**/*.template.json', '**/layered*.json'];

type RuleEntry = Severity | [Severity, Record<string, unknown>];

interface RuleWithDocs {
  readonly meta: { readonly docs?: AseGpuDocs };
}

/** The rule settings of a preset, derived from each rule's metadata. */
export function presetRules(rules: Readonly<Record<string, RuleWithDocs>>, preset: PresetName, prefix = 'ase-gpu/'): Record<string, RuleEntry> {
  const result: Record<string, RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (!docs) continue;
    const severity: Severity = preset === 'all' ? 'error' : preset === 'strict' ? docs.strict : docs.recommended;
    if (severity === 'off') continue;
    const options = preset === 'migration' ? docs.migrationOptions : preset === 'recommended' ? docs.recommendedOptions : undefined;
    result[`${prefix}${name}`] = options ? [severity, { ...options }] : severity;
  }
  return result;
}
