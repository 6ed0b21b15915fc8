// Bundled in at build time, these two functions only (scripts/bundle.mjs), so that the published
// plugin has no runtime dependency on @typescript-eslint/utils and its TypeScript peer range.
export { applyDefault, RuleCreator } from '@typescript-eslint/utils/eslint-utils';
