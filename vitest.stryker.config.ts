import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The in-process tests, for mutation testing (stryker.config.mjs): the CLI tests under test/ run the
// built CLI in a subprocess, where a mutant of the sources is never active, and the playground's test
// drives the built bundle in Chromium.
//
// Test files share one module graph (isolate: false): a mutant activates at run time, so the sources
// load once per run instead of once per test file (the whole suite: 15 s instead of 70). The sources'
// caches are WeakMaps keyed by the objects of one lint, so nothing of one mutant's run reaches the next.
// The files that mock node modules keep their own graph.
/**
 * A mutant's run stops at its first failing test (bail), so the files that fail fastest go first: the
 * file that failed last time (the next mutant is most often in the same function), then the quickest
 * files. Vitest's own order puts the slowest first (the property tests), right for a full run, not here.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const state = (file: TestSpecification) => cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    const size = (file: TestSpecification) => cache.getFileStats(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`)?.size ?? 0;
    return [...files].sort((a, b) => {
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1;
      const stateA = state(a);
      const stateB = state(b);
      if (stateA?.failed !== stateB?.failed) return stateA?.failed ? -1 : 1;
      if (stateA && stateB) return stateA.duration - stateB.duration;
      return size(a) - size(b);
    });
  }
}

const MOCKING = ['packages/core/tests/lint/write-failures.test.ts', 'packages/core/tests/lint/workers.test.ts'];

/** The in-process suite, or the test files given (`include`), for Stryker's vitest runner. */
export function strykerVitestConfig(include: readonly string[] = ['packages/*/tests/**/*.test.ts']) {
  return defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 120_000,
      sequence: { sequencer: QuickestFirst },
      projects: [
        {
          test: {
            name: 'shared',
            include: [...include],
            exclude: ['packages/playground/**', ...MOCKING],
            pool: 'threads',
            isolate: false,
          },
        },
        { test: { name: 'mocking', include: MOCKING, pool: 'threads' } },
      ],
    },
  });
}

export default strykerVitestConfig();
