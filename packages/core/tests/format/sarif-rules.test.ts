import { describe, expect, it } from 'vitest';
import type { FormatContext, RuleInfo } from '../../src/format/context.js';
import { formatSarif } from '../../src/format/sarif.js';
import { formatJunit } from '../../src/format/junit.js';
import { makeResult, type LintMessage } from '../../src/lint/types.js';

const DOC = `<!-- begin generated header -->
# ase-gpu/no-binds
| a | b |
<!-- end generated header -->

<!-- a comment -->

Binds   do not reach
the share.

## Why


More.
`;

const rules: Record<string, RuleInfo> = {
  'ase-gpu/no-binds': { id: 'ase-gpu/no-binds', description: 'Disallow binds', url: 'https://x/no-binds', type: 'problem', doc: DOC, fixable: true, hasSuggestions: true },
  'ase-gpu/my-rule-name': { id: 'ase-gpu/my-rule-name', description: 'Require things', url: 'https://x/my', fixable: false },
};
const context: FormatContext = { cwd: '/w', color: false, toolVersion: '1', rule: (id) => rules[id] };

interface Log {
  runs: { tool: { driver: { rules: unknown[] } }; artifacts: unknown[]; results: { ruleIndex?: number; properties?: unknown; locations: { physicalLocation: Record<string, unknown> }[] }[] }[];
}

describe('sarif rules', () => {
  it('describes each rule once, from its documentation, and indexes results and artifacts', () => {
    const fix = { range: [0, 1], text: '' };
    const messages = [
      { ruleId: 'ase-gpu/no-binds', severity: 2, message: 'a', line: 2, column: 3, fix },
      { ruleId: 'ase-gpu/my-rule-name', severity: 1, message: 'b', line: 4, column: 1, endLine: 5 },
      { ruleId: 'ase-gpu/no-binds', severity: 1, message: 'c', line: 6, column: 1, endLine: 6, endColumn: 4 },
      { ruleId: 'other/x', severity: 2, message: 'd', line: 0, column: 0 },
    ] as unknown as LintMessage[];
    const log = JSON.parse(formatSarif([makeResult('/w/a.json', messages), makeResult('/w/a.json', []), makeResult('/w/b.json', [])], context)) as Log;
    const run = log.runs[0]!;
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'ase-gpu/no-binds',
        name: 'NoBinds',
        shortDescription: { text: 'Disallow binds' },
        fullDescription: { text: 'Binds do not reach the share.', markdown: 'Binds do not reach the share.' },
        help: { text: DOC.replace('<!-- a comment -->', '').replace(/<!--[\s\S]*?-->/gu, '').replace(/\n{3,}/gu, '\n\n').trim(), markdown: expect.any(String) },
        helpUri: 'https://x/no-binds',
        properties: { category: 'problem', tags: ['azure-iot-edge', 'azure-stack-edge'], fixable: true, hasSuggestions: true },
      },
      {
        id: 'ase-gpu/my-rule-name',
        name: 'MyRuleName',
        shortDescription: { text: 'Require things' },
        fullDescription: { text: 'Require things', markdown: 'Require things' },
        help: { text: 'Require things\n\nSee https://x/my', markdown: 'Require things\n\nSee https://x/my' },
        helpUri: 'https://x/my',
        properties: { tags: ['azure-iot-edge', 'azure-stack-edge'], fixable: false, hasSuggestions: false },
      },
      {
        id: 'other/x',
        name: 'X',
        shortDescription: { text: 'other/x' },
        fullDescription: { text: 'other/x', markdown: 'other/x' },
        help: { text: 'other/x', markdown: 'other/x' },
        properties: { tags: ['azure-iot-edge', 'azure-stack-edge'], fixable: false, hasSuggestions: false },
      },
    ]);
    expect((run.tool.driver.rules[0] as { help: { text: string } }).help.text).toBe('# ase-gpu/no-binds\n| a | b |\n\nBinds   do not reach\nthe share.\n\n## Why\n\nMore.');
    expect(run.results.map((result) => result.ruleIndex)).toEqual([0, 1, 0, 2]);
    expect(run.results.map((result) => result.properties)).toEqual([{ fixable: true }, undefined, undefined, undefined]);
    expect(run.results.map((result) => result.locations[0]!.physicalLocation.region)).toEqual([
      { startLine: 2, startColumn: 3 },
      { startLine: 4, startColumn: 1, endLine: 5, endColumn: 1 },
      { startLine: 6, startColumn: 1, endLine: 6, endColumn: 4 },
      undefined,
    ]);
    expect(run.artifacts).toEqual([{ location: { uri: 'a.json', uriBaseId: '%SRCROOT%' } }, { location: { uri: 'b.json', uriBaseId: '%SRCROOT%' } }]);
    expect(run.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'a.json', uriBaseId: '%SRCROOT%', index: 0 });
  });
});

describe('junit class names', () => {
  it('drop only the last extension', () => {
    const output = formatJunit([makeResult('/w/a.b.json', []), makeResult('/w/c.d.json', [{ ruleId: 'r', severity: 2, message: 'm', line: 1, column: 1 } as LintMessage])], context);
    expect(output).toContain('<testcase time="0" name="a.b.json" classname="a.b" />');
    expect(output).toContain('<testcase time="0" name="org.ase-gpu-lint.r" classname="c.d">');
  });
});
