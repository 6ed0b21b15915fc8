import { strykerVitestConfig } from './vitest.stryker.config.js';

// The manifest model's mutants, against the tests of the model and what is built on it directly
// (the Kubernetes translation, the fixes, the createOptions rules): nearly every test of the plugin
// parses a manifest, so with the whole suite each surviving mutant cost the whole suite (20 to 30 s
// on this machine, over an hour for the scope); the rule tests' share of the kills is small.
export default strykerVitestConfig([
  'packages/eslint-plugin-ase-gpu/tests/manifest/**/*.test.ts',
  'packages/eslint-plugin-ase-gpu/tests/kubernetes/**/*.test.ts',
  'packages/eslint-plugin-ase-gpu/tests/fix/**/*.test.ts',
  'packages/eslint-plugin-ase-gpu/tests/rules/create-options-*.test.ts',
  'packages/eslint-plugin-ase-gpu/tests/rules/valid-create-options.test.ts',
  'packages/eslint-plugin-ase-gpu/tests/rules/no-duplicate-keys.test.ts',
]);
