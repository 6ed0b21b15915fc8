// `pnpm mutation:manifest`: the manifest model's mutants against its own tests (see
// vitest.stryker-manifest.config.ts); `pnpm mutation` runs them against the whole in-process suite.
import base from './stryker.config.mjs';

export default {
  ...base,
  mutate: ['packages/eslint-plugin-ase-gpu/src/manifest/**/*.ts', '!**/index.ts'],
  vitest: { ...base.vitest, configFile: 'vitest.stryker-manifest.config.ts' },
};
