import { defineConfig } from 'vitest/config';

// The in-process tests, for mutation testing (stryker.config.mjs): the CLI tests under test/ run the
// built CLI in a subprocess, where a mutant of the sources is never active.
export default defineConfig({
  test: {
    include: ['packages/*/tests/**/*.test.ts'],
    // The playground test drives the built bundle in Chromium: no mutant reaches it.
    exclude: ['packages/playground/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'threads',
  },
});
