/** ESLint's rule types, as `--fix-type` takes them (`directive` = fixes of unused disable directives). */
export type FixType = 'problem' | 'suggestion' | 'layout' | 'directive';
export const FIX_TYPES: readonly FixType[] = ['problem', 'suggestion', 'layout', 'directive'];
