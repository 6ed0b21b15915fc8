// Replaced at build time by a bundle of this one function (scripts/vendor.mjs), so that the published
// plugin has no runtime dependency on @typescript-eslint/utils and its TypeScript peer range.
export { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
