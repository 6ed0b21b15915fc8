import { Linter } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../packages/eslint-plugin-ase-gpu/src/index.js';

// Every rule's fixtures: `fire-*.json` must be reported by the rule (and fixed exactly into
// `fire-*.fixed.json` when that file exists), `dont-fire-*.json` must not be.
const root = join(import.meta.dirname, '../fixtures/rules');
const ruleDirs = existsSync(root) ? readdirSync(root).filter((name) => !name.startsWith('.')) : [];

function configFor(rule: string, dir: string): Linter.Config[] {
  const settingsFile = join(dir, 'settings.json');
  const settings = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
  const optionsFile = join(dir, 'options.json');
  const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : undefined;
  return [
    {
      files: ['**/*.json'],
      plugins: { 'ase-gpu': plugin as never },
      language: 'ase-gpu/manifest',
      settings: { 'ase-gpu': settings },
      rules: { [`ase-gpu/${rule}`]: options ? ['error', options] : 'error' },
    },
  ];
}

describe.each(ruleDirs)('fixtures of %s', (rule) => {
  const dir = join(root, rule);
  const files = readdirSync(dir).filter((file) => /^(?:dont-)?fire-.*\.json$/u.test(file) && !file.endsWith('.fixed.json'));

  it('has at least one fire and one dont-fire fixture', () => {
    expect(files.some((file) => file.startsWith('fire-'))).toBe(true);
    expect(files.some((file) => file.startsWith('dont-fire-'))).toBe(true);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const linter = new Linter();
    const config = configFor(rule, dir);
    const filename = join(dir, file);
    const messages = linter.verify(text, config, { filename });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const own = messages.filter((message) => message.ruleId === `ase-gpu/${rule}`);
    if (file.startsWith('dont-fire-')) {
      expect(own).toEqual([]);
      return;
    }
    expect(own.length).toBeGreaterThan(0);
    const fixed = linter.verifyAndFix(text, config, { filename });
    expect(() => JSON.parse(fixed.output)).not.toThrow();
    const expectedFile = join(dir, file.replace(/\.json$/u, '.fixed.json'));
    if (existsSync(expectedFile)) expect(fixed.output).toBe(readFileSync(expectedFile, 'utf8'));
  });
});
