import { describe, expect, it } from 'vitest';
import type { FormatContext, RuleInfo } from '../../src/format/context.js';
import { formatSarif } from '../../src/format/sarif.js';
import { formatStylish } from '../../src/format/stylish.js';
import { makeResult, type LintMessage } from '../../src/lint/types.js';

interface Driver {
  rules: { id: string; name: string; fullDescription: { text: string } }[];
}

/** The rules the SARIF log describes for one finding of each rule given. */
function describedRules(rules: Record<string, RuleInfo>): Driver['rules'] {
  const context: FormatContext = { cwd: '/w', color: false, toolVersion: '1', rule: (id) => rules[id] };
  const messages = Object.keys(rules).map((ruleId) => ({ ruleId, severity: 2, message: 'm', line: 1, column: 1 }) as LintMessage);
  const log = JSON.parse(formatSarif([makeResult('/w/a.json', messages)], context)) as { runs: { tool: { driver: Driver } }[] };
  return log.runs[0]!.tool.driver.rules;
}

describe('sarif rule descriptions', () => {
  it('takes the first paragraph after the generated header, skipping headings, tables and comments', () => {
    const doc = [
      '<!-- begin generated header -->',
      '# ase-gpu/r',
      '',
      'Header text that is not the rule own.',
      '<!-- end generated header -->',
      '# Title',
      '',
      '| a | b',
      '   ',
      '  The rule   explains',
      'itself here.',
      '',
      'More.',
    ].join('\n');
    expect(describedRules({ 'ase-gpu/r': { id: 'ase-gpu/r', description: 'Short.', doc } })[0]!.fullDescription.text).toBe('The rule explains itself here.');
  });

  it('falls back to the short description when the page has no paragraph of its own', () => {
    const doc = '<!-- begin generated header -->\n# ase-gpu/r\n<!-- end generated header -->\n\n## Options\n';
    expect(describedRules({ 'ase-gpu/r': { id: 'ase-gpu/r', description: 'Short.', doc } })[0]!.fullDescription.text).toBe('Short.');
  });

  it('names a rule in PascalCase from the last part of its id, a leading digit kept', () => {
    expect(describedRules({ 'team/1st-rule': { id: 'team/1st-rule' }, 'a/b/c-d': { id: 'a/b/c-d' } }).map((rule) => rule.name)).toEqual(['1stRule', 'CD']);
  });
});

describe('stylish in colour', () => {
  it('dims the module and createOptions location line', () => {
    const context: FormatContext = { cwd: '/w', color: true, toolVersion: '1', rule: () => undefined };
    const text = formatStylish([makeResult('/w/a.json', [{ ruleId: 'ase-gpu/r', severity: 2, message: 'm', line: 1, column: 2, module: 'cam' } as LintMessage])], context);
    expect(text.split('\n')[3]).toBe('              \u001B[2mcam\u001B[22m');
  });
});
