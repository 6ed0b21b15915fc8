import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/format/stylish.js';
import type { LintMessage, LintResult } from '../../src/lint/types.js';

// A 50 MB manifest gave one file about 200,000 findings: widths taken with Math.max(...rows) overflowed
// the call stack ("Maximum call stack size exceeded") before anything was printed.
describe('stylish with more findings in one file than a call takes arguments', () => {
  it('prints every finding and the summary', () => {
    const count = 200_000;
    const messages: LintMessage[] = Array.from({ length: count }, (_, index) => ({
      ruleId: 'ase-gpu/no-binds',
      severity: index === count - 1 ? 2 : 1,
      message: `Finding ${index}.`,
      line: index + 1,
      column: 3,
    }) as LintMessage);
    const result: LintResult = {
      filePath: '/work/deployment.json',
      messages,
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: count - 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    const output = formatStylish([result], { cwd: '/work', color: false, toolVersion: '0', rule: () => undefined });
    const lines = output.split('\n');
    expect(lines[1]).toBe('deployment.json');
    expect(lines[2]).toBe('       1:3  warning  Finding 0.  ase-gpu/no-binds');
    expect(lines[count + 1]).toBe('  200000:3  error    Finding 199999.  ase-gpu/no-binds');
    expect(output).toContain('200000 problems (1 error, 199999 warnings)');
  });
});
