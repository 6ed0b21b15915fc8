import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../src/index.js';

type Tests = Parameters<RuleTester['run']>[2];

/**
 * Runs RuleTester for one of the plugin's rules. Called from here so that RuleTester's estimate of
 * where a failing case stands is taken in this file (vitest's transformed line numbers would
 * otherwise point past the end of the test file and hide the real assertion).
 */
export function runRuleTests(name: string, tests: Tests, settings: Record<string, unknown> = {}): void {
  createRuleTester(settings).run(name, plugin.rules[name] as never, { ...tests, assertionOptions: ASSERTIONS } as Tests);
}

/**
 * Every invalid case names its messageId, its data and its full location. ESLint 10 reads these from
 * the tests object of `run`, not from the RuleTester's constructor.
 */
const ASSERTIONS = { requireMessage: 'messageId', requireLocation: true, requireData: true } as const;

// ESLint's RuleTester uses mocha-style globals; hand it vitest's.
const testerHooks = RuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown; afterAll: unknown };
testerHooks.describe = describe;
testerHooks.it = it;
testerHooks.itOnly = it.only;
testerHooks.afterAll = afterAll;

/** A RuleTester on the plugin's manifest language. */
function createRuleTester(settings: Record<string, unknown> = {}): RuleTester {
  return new RuleTester({
    plugins: { 'ase-gpu': plugin as never },
    language: 'ase-gpu/manifest',
    settings: { 'ase-gpu': settings },
  });
}

export { plugin };
