// Replaced at build time by a bundle of these two functions (scripts/vendor.mjs), so that the published
// plugin has no runtime dependency on @typescript-eslint/utils and its TypeScript peer range.
export { applyDefault, RuleCreator } from '@typescript-eslint/utils/eslint-utils';
