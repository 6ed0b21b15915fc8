/**
 * Every test method of the agent's translation test classes has a counterpart here or a reason in
 * not-applicable.json. The C# files are read when ../shared is present; without it the checked-in list
 * (tools/conformance-methods.mjs writes it) is the reference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanAll, scanMethods, TEST_PROJECT } from '../../tools/conformance-methods.mjs';
import checkedIn from './agent-methods.json' with { type: 'json' };
import notApplicable from './not-applicable.json' with { type: 'json' };

interface Method {
  class: string;
  method: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const key = (method: Method): string => `${method.class}.${method.method}`;

/** The counterparts declared in this folder: `agentClass('<class>')`, then `test('<method>'` calls. */
function implemented(): Method[] {
  const result: Method[] = [];
  for (const file of readdirSync(here).filter((name) => name.endsWith('.test.ts') && name !== 'completeness.test.ts')) {
    const text = readFileSync(join(here, file), 'utf8');
    const className = /agentClass\('(\w+)'\)/u.exec(text)?.[1];
    if (!className) continue;
    for (const match of text.matchAll(/\btest\('(\w+)'/gu)) result.push({ class: className, method: match[1]! });
  }
  return result;
}

const reference: Method[] = existsSync(TEST_PROJECT) ? (scanAll() as Method[]) : checkedIn;

describe('conformance with the agent test project', () => {
  it('has a counterpart or a reason for every [Fact] and [Theory] of the translation test classes, and nothing else', () => {
    const done = implemented().map(key);
    const skipped = notApplicable.map(key);
    expect(new Set(done).size).toBe(done.length);
    expect(done.filter((name) => skipped.includes(name))).toEqual([]);
    expect([...done, ...skipped].sort()).toEqual(reference.map(key).sort());
    // The checked-in list is the C# files' list (when ../shared is present it is compared with them).
    expect(checkedIn.map(key)).toEqual(reference.map(key));
    expect(reference).toHaveLength(129);
  });

  it('lists at most a fifth of the methods as not applicable, each with a reason', () => {
    expect(notApplicable.length * 5).toBeLessThanOrEqual(reference.length);
    for (const entry of notApplicable) expect(entry.reason.length).toBeGreaterThan(20);
  });

  it('finds test methods after their attributes, whatever attributes or comments stand between', () => {
    const text = ['[Theory]', '[InlineData("a")]', '// a comment', '[Unit]', 'public void First(string a) => Assert.True(true);', '[Fact]', 'public async Task SecondAsync()', 'public void NotATest()'].join('\n');
    expect(scanMethods(text)).toEqual(['First', 'SecondAsync']);
  });
});
