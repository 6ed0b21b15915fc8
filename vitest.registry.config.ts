import { defineConfig } from 'vitest/config';

// `pnpm test:registry`: the packages published to a local registry and installed by name
// (test/e2e/registry.test.ts). Minutes, not seconds: kept out of `pnpm test`, run by .ci/run.
export default defineConfig({
  test: {
    include: ['test/e2e/registry.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
