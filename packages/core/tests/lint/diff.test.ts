import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/lint/diff.js';

describe('unifiedDiff', () => {
  it('shows three lines of context around a change, as git does', () => {
    const before = `${Array.from({ length: 11 }, (_, index) => `line ${index + 1}`).join('\n')}\n`;
    const after = before.replace('line 6\n', 'line six\n');
    expect(unifiedDiff('d.json', before, after)).toBe(
      ['--- a/d.json', '+++ b/d.json', '@@ -3,7 +3,7 @@', ' line 3', ' line 4', ' line 5', '-line 6', '+line six', ' line 7', ' line 8', ' line 9', ''].join('\n'),
    );
  });
});
