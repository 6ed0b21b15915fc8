// Mutation testing of the code that decides what is written and reported: the plugin's manifest
// model and fixes, the CLI's formatters and lint pipeline. Not run in CI (it takes long): `pnpm
// mutation` runs all four scopes; `pnpm mutation:manifest` (or :fix, :format, :lint) one of them.
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
  // A static mutant is one that only module loading reaches (a constant table, a regular expression
  // compiled once): each would need every test run again in a fresh module graph, minutes per mutant.
  // They are left out (Stryker reports them as ignored, outside the score); every function of these
  // modules is still mutated, and the tables are exercised through them.
  ignoreStatic: true,
  ignorePatterns: ['fixtures/corpus-*', '.stryker-tmp', 'reports'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  concurrency: 2,
  // A mutant that loops forever is caught by Stryker's hit limit or this (the slowest test file takes
  // about two seconds); the default minute per timeout made one looping mutant cost more than a hundred.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
};
