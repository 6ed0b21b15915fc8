import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/config/errors.js';
import { applySuppressions, loadSuppressions, saveSuppressions } from '../../src/lint/suppressions.js';
import { makeResult, type LintMessage, type LintResult } from '../../src/lint/types.js';

const folders: string[] = [];
afterEach(() => {
  while (folders.length > 0) rmSync(folders.pop()!, { recursive: true, force: true });
});
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'ase-gpu-suppressions-'));
  folders.push(made);
  return made;
}

const error = (ruleId: string, line = 1): LintMessage => ({ ruleId, severity: 2, message: ruleId, line, column: 1 }) as LintMessage;
const warning = (ruleId: string): LintMessage => ({ ruleId, severity: 1, message: ruleId, line: 1, column: 1 }) as LintMessage;

function results(): LintResult[] {
  return [makeResult('/w/a.json', [error('r1'), error('r1', 2), error('r2'), warning('r3'), { ...error('x'), ruleId: null } as LintMessage]), makeResult('/w/b.json', [])];
}

describe('loadSuppressions', () => {
  it('reads a well-formed file into prototype-less tables; a missing file is empty', () => {
    const root = folder();
    expect(Object.keys(loadSuppressions(join(root, 'missing.json')))).toEqual([]);
    writeFileSync(join(root, 's.json'), '{"__proto__": {"constructor": {"count": 2}}, "a.json": {}}');
    const data = loadSuppressions(join(root, 's.json'));
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.keys(data)).toEqual(['__proto__', 'a.json']);
    expect(data['__proto__']!['constructor']).toEqual({ count: 2 });
    expect(Object.getPrototypeOf(data['__proto__']!)).toBeNull();
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  const bad: [string, string][] = [
    ['[]', 's.json: the suppressions file must be an object of files.'],
    ['null', 's.json: the suppressions file must be an object of files.'],
    ['1', 's.json: the suppressions file must be an object of files.'],
    ['{"a": null}', 's.json: "a" must be an object of rules.'],
    ['{"a": []}', 's.json: "a" must be an object of rules.'],
    ['{"a": {"r": null}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{"a": {"r": []}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{"a": {"r": {"count": "1"}}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{"a": {"r": {"count": 0}}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{"a": {"r": {"count": 1.5}}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{"a": {"r": {}}}', 's.json: "a"["r"] must be { "count": n } with a positive whole number n.'],
    ['{', 's.json: the suppressions file is not valid JSON.'],
  ];
  for (const [content, message] of bad) {
    it(`${content}: ${message}`, () => {
      const root = folder();
      writeFileSync(join(root, 's.json'), content);
      // The error itself, not toThrow(message): that also passes when `undefined` is thrown.
      let error: unknown;
      try {
        loadSuppressions(join(root, 's.json'), 's.json');
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toBe(message);
    });
  }

  it('a device or a folder: what it is', () => {
    const root = folder();
    symlinkSync('/dev/zero', join(root, 'zero.json'));
    expect(() => loadSuppressions(join(root, 'zero.json'), 'zero.json')).toThrow('zero.json: cannot read the suppressions file: it is a character device, not a regular file.');
    expect(() => loadSuppressions(root, 'dir')).toThrow('dir: cannot read the suppressions file: it is a folder, not a regular file.');
  });
});

describe('applySuppressions', () => {
  it('records every error with suppress "all", counting per rule, and suppresses them', () => {
    const list = results();
    const outcome = applySuppressions(list, Object.create(null), { cwd: '/w', suppress: 'all', prune: false });
    expect(outcome.changed).toBe(true);
    expect(JSON.parse(JSON.stringify(outcome.data))).toEqual({ 'a.json': { r1: { count: 2 }, r2: { count: 1 } } });
    expect(list[0]!.messages.map((message) => message.ruleId)).toEqual(['r3', null]);
    expect(list[0]!.suppressedMessages.map((message) => message.ruleId)).toEqual(['r1', 'r1', 'r2']);
    expect(list[0]!.suppressedMessages[0]).toEqual(expect.objectContaining({ suppressions: [{ kind: 'file', justification: '' }] }));
    expect([list[0]!.errorCount, list[0]!.warningCount, list[0]!.fatalErrorCount]).toEqual([1, 1, 0]);
    expect(outcome.unused).toEqual([]);
  });

  it('records only the named rules; an unchanged count is no change', () => {
    const outcome = applySuppressions(results(), Object.create(null), { cwd: '/w', suppress: ['r2'], prune: false });
    expect(JSON.parse(JSON.stringify(outcome.data))).toEqual({ 'a.json': { r2: { count: 1 } } });
    const again = applySuppressions(results(), outcome.data, { cwd: '/w', suppress: ['r2'], prune: false });
    expect(again.changed).toBe(false);
  });

  it('more errors than recorded: all of them are reported; fewer: listed as unused, or pruned', () => {
    const data = { 'a.json': { r1: { count: 1 }, r2: { count: 3 }, gone: { count: 1 } } };
    const list = results();
    const outcome = applySuppressions(list, data, { cwd: '/w', suppress: undefined, prune: false });
    expect(outcome.changed).toBe(false);
    expect(outcome.unused).toEqual(['a.json: r2', 'a.json: gone']);
    expect(list[0]!.messages.map((message) => message.ruleId)).toEqual(['r1', 'r1', 'r3', null]);
    // The input is not changed.
    expect(data['a.json'].r2.count).toBe(3);
    const pruned = applySuppressions(results(), data, { cwd: '/w', suppress: undefined, prune: true });
    expect(pruned.changed).toBe(true);
    expect(pruned.unused).toEqual([]);
    expect(JSON.parse(JSON.stringify(pruned.data))).toEqual({ 'a.json': { r1: { count: 1 }, r2: { count: 1 } } });
    const empty = applySuppressions([makeResult('/w/a.json', [])], { 'a.json': { r: { count: 1 } } }, { cwd: '/w', suppress: undefined, prune: true });
    expect(JSON.parse(JSON.stringify(empty.data))).toEqual({});
  });

  it('a file named __proto__ is recorded like any other', () => {
    const outcome = applySuppressions([makeResult('/w/__proto__', [error('r1')])], Object.create(null), { cwd: '/w', suppress: 'all', prune: false });
    expect(JSON.stringify(outcome.data)).toBe('{"__proto__":{"r1":{"count":1}}}');
    expect(({} as Record<string, unknown>).r1).toBeUndefined();
  });
});

describe('saveSuppressions', () => {
  it('writes files and rules sorted, drops empty files, and replaces an existing file', () => {
    const root = folder();
    const path = join(root, 'deep', 's.json');
    saveSuppressions(path, { 'b.json': { z: { count: 1 }, a: { count: 2 } }, 'a.json': {}, ['__proto__']: { r: { count: 1 } } });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "__proto__": {\n    "r": {\n      "count": 1\n    }\n  },\n  "b.json": {\n    "a": {\n      "count": 2\n    },\n    "z": {\n      "count": 1\n    }\n  }\n}\n');
    saveSuppressions(path, {});
    expect(readFileSync(path, 'utf8')).toBe('{}\n');
  });

  it('a write that fails is one line', () => {
    const root = folder();
    writeFileSync(join(root, 'file'), '');
    expect(() => saveSuppressions(join(root, 'file', 's.json'), {}, 'file/s.json')).toThrow('cannot write the suppressions file to file/s.json: a part of its path is a file, not a folder (ENOTDIR).');
  });
});

describe('suppressions at their edges', () => {
  it('suppresses the errors of a recorded rule, never its warnings', () => {
    const list = [makeResult('/w/a.json', [error('r1'), warning('r1')])];
    applySuppressions(list, { 'a.json': { r1: { count: 1 } } }, { cwd: '/w', suppress: undefined, prune: false });
    expect(list[0]!.messages).toEqual([warning('r1')]);
    expect(list[0]!.suppressedMessages.map((message) => [message.ruleId, message.severity])).toEqual([['r1', 2]]);
    expect([list[0]!.errorCount, list[0]!.warningCount]).toEqual([0, 1]);
  });

  it('reads a count of one, and refuses to replace a read-only suppressions file', () => {
    const root = folder();
    const path = join(root, 's.json');
    writeFileSync(path, '{"a.json": {"r": {"count": 1}}}');
    expect(loadSuppressions(path)['a.json']).toEqual({ r: { count: 1 } });
    chmodSync(path, 0o444);
    expect(() => saveSuppressions(path, {}, 's.json')).toThrow('cannot write the suppressions file s.json: it is read-only (mode 0444).');
    expect(readFileSync(path, 'utf8')).toBe('{"a.json": {"r": {"count": 1}}}');
  });
});
