import { describe, expect, it } from 'vitest';
import { locateMessages, type LintedFile } from '../../src/lint/locate.js';
import type { LintMessage } from '../../src/lint/types.js';

/**
 * A stand-in model over a text of 100 characters per line: offsets 0-99 are in no module, 100-199 in
 * module "a" outside createOptions, 200-249 in a's createOptions root, 250-299 at HostConfig.Binds[0].
 */
const linted: LintedFile = {
  offsetAt: (line, column) => (line - 1) * 100 + column - 1,
  model: {
    createOptionsPathAt: (offset: number) =>
      offset >= 250 && offset < 300 ? { module: { name: 'a' }, path: ['HostConfig', 'Binds', 0] } : offset >= 200 && offset < 250 ? { module: { name: 'a' }, path: [] } : undefined,
    moduleAt: (offset: number) => (offset >= 100 && offset < 300 ? { name: 'a' } : undefined),
  } as unknown as LintedFile['model'],
};

const at = (line: number, column: number, ruleId: string | null = 'r'): LintMessage => ({ ruleId, severity: 2, message: 'm', line, column }) as LintMessage;

describe('locateMessages', () => {
  it('adds the module, and the createOptions path ("" at its root), to findings of rules only', () => {
    const messages = [at(1, 5), at(2, 1), at(3, 1), at(3, 51), at(3, 51, null), at(0, 0), { ...at(3, 51), line: Number.NaN }];
    locateMessages(messages, linted);
    expect(messages.map(({ module, createOptionsPath }) => [module, createOptionsPath])).toEqual([
      [undefined, undefined],
      ['a', undefined],
      ['a', ''],
      ['a', 'HostConfig.Binds[0]'],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('without a model it changes nothing', () => {
    const messages = [at(3, 51)];
    locateMessages(messages, undefined);
    expect(messages).toEqual([at(3, 51)]);
  });
});
