import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'test/**/*.test.ts'],
    // Minutes of installs from a local registry: `pnpm test:registry` (vitest.registry.config.ts).
    exclude: [...configDefaults.exclude, 'test/e2e/registry.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
