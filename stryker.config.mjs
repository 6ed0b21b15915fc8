// Mutation testing of the code that decides what is written and reported: the plugin's manifest
// model and fixes, the CLI's formatters and lint pipeline. Not run in CI (it takes long): `pnpm
// mutation` runs all four scopes; `pnpm mutation --mutate "packages/core/src/format/**/*.ts"` one.
// The CLI tests run the built CLI in a subprocess, which a mutant never reaches: only the in-process
// tests (vitest.stryker.config.ts) count, and each mutant runs just the tests that cover it.
// pnpm keeps the runner out of Stryker's own node_modules, where it looks for "@stryker-mutator/*".
const vitestRunner = import.meta.resolve('@stryker-mutator/vitest-runner');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: [vitestRunner],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  checkers: [],
  mutate: [
    'packages/eslint-plugin-ase-gpu/src/manifest/**/*.ts',
    'packages/eslint-plugin-ase-gpu/src/fix/**/*.ts',
    'packages/core/src/format/**/*.ts',
    'packages/core/src/lint/**/*.ts',
    '!**/*.d.ts',
    '!**/index.ts',
    // The worker thread's entry point: it runs only as a thread of the built CLI (the CLI tests run
    // it); workers.test.ts tests the pool that starts it.
    '!packages/core/src/lint/worker.ts',
  ],
  ignorePatterns: ['fixtures/corpus-*', '.stryker-tmp', 'reports'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
};
