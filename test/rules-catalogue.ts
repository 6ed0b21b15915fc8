import catalogue from './rules-catalogue.json' with { type: 'json' };

/**
 * The rule catalogue of domain/rules.md, transcribed into rules-catalogue.json: public names, preset severities and fix policy.
 * `rules-consistency.test.ts` holds the rules' metadata to it; `tools/check-catalogue.mjs` (run by .ci/run) checks the transcription against rules.md itself.
 */
export interface CatalogueEntry {
  readonly recommended: 'error' | 'warn' | 'off';
  readonly strict: 'error' | 'warn' | 'off';
  readonly fix: string;
}

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = catalogue as Record<string, CatalogueEntry>;

/**
 * The fix policies a rule's metadata may declare for a catalogue fix column. A `fix` rule may add
 * suggestions for the cases its autofix cannot make safely (section 12: "a fix that cannot be made
 * safely becomes a suggestion"), e.g. no-binds' unlisted named volumes, valid-mounts' tmpfs entries.
 */
export function expectedFixPolicies(fix: string): string[] {
  if (fix === '-') return ['none'];
  if (fix.startsWith('fix + opt')) return ['fix+option'];
  if (fix.startsWith('fix (exact translations only), sugg')) return ['fix+suggestion'];
  if (fix === 'fix (see below)') return ['fix+suggestion'];
  if (fix.startsWith('fix')) return ['fix', 'fix+suggestion'];
  if (fix.startsWith('opt')) return ['option'];
  if (fix.startsWith('sugg')) return ['suggestion'];
  return [fix];
}
