import { describe, expect, it } from 'vitest';
import type { FormatContext } from '../../src/format/context.js';
import { builtinFormatter } from '../../src/format/registry.js';
import { formatAzurePipelines } from '../../src/format/azure-pipelines.js';
import { formatJson } from '../../src/format/json.js';
import { oneLine } from '../../src/format/one-line.js';
import { shownPath } from '../../src/format/paths.js';
import { formatStylish } from '../../src/format/stylish.js';
import { formatGithub, GITHUB_ANNOTATION_CAP } from '../../src/format/github.js';
import { formatSarif } from '../../src/format/sarif.js';
import { makeResult, type LintMessage } from '../../src/lint/types.js';

const context: FormatContext = { cwd: '/w', color: false, toolVersion: '1.2.3', rule: () => undefined };
const fix = { range: [0, 1] as [number, number], text: '' };
const message = (extra: Partial<LintMessage>): LintMessage => ({ ruleId: 'ase-gpu/r', severity: 2, message: 'Problem.', line: 1, column: 2, ...extra }) as LintMessage;

describe('stylish', () => {
  it('lays out ESLint columns, a location line, and the summary with fixable counts and suggestions', () => {
    const results = [
      makeResult('/w/site/a.json', [
        message({ line: 12, column: 3, module: 'scorer', createOptionsPath: 'HostConfig.Binds[0]', fix }),
        message({ severity: 1, message: 'Two\n   lines.', line: 3, column: 14, module: 'scorer', createOptionsPath: '' }),
        message({ ruleId: null, severity: 1, message: 'Plain.', line: 0, column: 0, suggestions: [{ desc: 'd', fix }] }),
      ]),
      makeResult('/w/clean.json', []),
      makeResult('/elsewhere/b.json', [message({ fatal: true, message: '  Fatal.  ', module: 'm' })]),
    ];
    expect(formatStylish(results, context)).toBe(
      [
        '',
        'site/a.json',
        '  12:3  error    Problem.  ase-gpu/r',
        '                 scorer › createOptions › HostConfig.Binds[0]',
        '  3:14  warning  Two lines.  ase-gpu/r',
        '                 scorer › createOptions',
        '   0:0  warning  Plain.  ',
        '',
        '/elsewhere/b.json',
        '  1:2  error  Fatal.  ase-gpu/r',
        '              m',
        '',
        '✖ 4 problems (2 errors, 2 warnings)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '  1 other problem has a suggestion: `--apply-suggestions` applies it (review the diff), editors offer it as quick fixes.',
        '',
      ].join('\n'),
    );
  });

  it('colours, singular and plural, suggestions without fixes, nothing for clean results', () => {
    expect(formatStylish([makeResult('/w/a.json', [])], context)).toBe('');
    const one = [makeResult('/w/a.json', [message({ severity: 1, suggestions: [{ desc: 'd', fix }] }), message({ severity: 1, suggestions: [{ desc: 'd', fix }] })])];
    expect(formatStylish(one, context).split('\n').slice(-3)).toEqual([
      '✖ 2 problems (0 errors, 2 warnings)',
      '  2 problems have suggestions: `--apply-suggestions` applies them (review the diff), editors offer them as quick fixes.',
      '',
    ]);
    const fixableWarning = [makeResult('/w/a.json', [message({ severity: 1, fix }), message({ suggestions: [{ desc: 'd', fix }] })])];
    expect(formatStylish(fixableWarning, context).split('\n').at(-2)).toBe('  1 other problem has a suggestion: `--apply-suggestions` applies it (review the diff), editors offer it as quick fixes.');
    const single = [makeResult('/w/a.json', [message({ fix })])];
    expect(formatStylish(single, context).split('\n').slice(-3)).toEqual(['✖ 1 problem (1 error, 0 warnings)', '  1 error and 0 warnings potentially fixable with the `--fix` option.', '']);
    const warned = [makeResult('/w/a.json', [message({ severity: 1, fix })])];
    expect(formatStylish(warned, { ...context, color: true })).toBe(
      '\n\u001B[4ma.json\u001B[24m\n  \u001B[2m1:2\u001B[22m  \u001B[33mwarning\u001B[39m  Problem.  \u001B[2mase-gpu/r\u001B[22m\n\n\u001B[33m\u001B[1m✖ 1 problem (0 errors, 1 warning)\u001B[22m\u001B[39m\n\u001B[33m\u001B[1m  0 errors and 1 warning potentially fixable with the `--fix` option.\u001B[22m\u001B[39m\n',
    );
    const errored = [makeResult('/w/a.json', [message({ suggestions: [{ desc: 'd', fix }] })])];
    expect(formatStylish(errored, { ...context, color: true })).toBe(
      '\n\u001B[4ma.json\u001B[24m\n  \u001B[2m1:2\u001B[22m  \u001B[31merror\u001B[39m  Problem.  \u001B[2mase-gpu/r\u001B[22m\n\n\u001B[31m\u001B[1m✖ 1 problem (1 error, 0 warnings)\u001B[22m\u001B[39m\n\u001B[2m  1 problem has a suggestion: `--apply-suggestions` applies it (review the diff), editors offer it as quick fixes.\u001B[22m\n',
    );
  });
});

describe('json', () => {
  it('is ESLint\'s array of results, without the source', () => {
    const result = { ...makeResult('/w/a.json', [message({ module: 'm' })]), source: 'text' };
    expect(formatJson([result], context)).toBe(
      '[{"filePath":"/w/a.json","messages":[{"ruleId":"ase-gpu/r","severity":2,"message":"Problem.","line":1,"column":2,"module":"m"}],"suppressedMessages":[],"errorCount":1,"fatalErrorCount":0,"warningCount":0,"fixableErrorCount":0,"fixableWarningCount":0,"usedDeprecatedRules":[]}]',
    );
  });
});

describe('helpers', () => {
  it('oneLine joins lines and trims them; a text without breaks is trimmed only', () => {
    expect(oneLine('  a  ')).toBe('a');
    expect(oneLine('a\n\n  b  \r\nc\r')).toBe('a b c');
    expect(oneLine(' a \r b ')).toBe('a b');
  });

  it('shownPath: relative inside the working directory, as it is outside or at it', () => {
    expect(shownPath('/w/a/b.json', '/w')).toBe('a/b.json');
    expect(shownPath('/x/b.json', '/w')).toBe('/x/b.json');
    expect(shownPath('/w', '/w')).toBe('/w');
    expect(shownPath('/w/../wx/b.json', '/w')).toBe('/w/../wx/b.json');
  });

  it('builtinFormatter returns each built-in format', async () => {
    expect(await builtinFormatter('stylish')).toBe(formatStylish);
    expect(await builtinFormatter('json')).toBe(formatJson);
    expect(await builtinFormatter('sarif')).toBe(formatSarif);
    expect(await builtinFormatter('github')).toBe(formatGithub);
    expect((await builtinFormatter('junit')).name).toBe('formatJunit');
    expect(await builtinFormatter('azure-pipelines')).toBe(formatAzurePipelines);
  });
});

describe('github cap', () => {
  it('says how many annotations the per-step cap hides, per level', () => {
    const many = Array.from({ length: GITHUB_ANNOTATION_CAP + 2 }, () => message({}));
    const warnings = Array.from({ length: GITHUB_ANNOTATION_CAP + 1 }, () => message({ severity: 1 }));
    const lines = formatGithub([makeResult('/w/a.json', [...many, ...warnings])], context).split('\n');
    expect(lines.slice(-3)).toEqual([
      'ase-gpu-lint: 12 error(s) and 11 warning(s).',
      'ase-gpu-lint: GitHub shows at most 10 error and 10 warning annotations per step, so 2 error(s) and 1 warning(s) are not annotated on the pull request: every problem is listed in this log, and `--format sarif` with code scanning shows them all.',
      '',
    ]);
    expect(formatGithub([makeResult('/w/a.json', [])], context)).toBe('');
    const onlyWarnings = formatGithub([makeResult('/w/a.json', warnings)], context).split('\n');
    expect(onlyWarnings.at(-2)).toBe('ase-gpu-lint: GitHub shows at most 10 error and 10 warning annotations per step, so 0 error(s) and 1 warning(s) are not annotated on the pull request: every problem is listed in this log, and `--format sarif` with code scanning shows them all.');
    const exact = formatGithub([makeResult('/w/a.json', Array.from({ length: GITHUB_ANNOTATION_CAP }, () => message({})))], context).split('\n');
    expect(exact.slice(-2)).toEqual(['ase-gpu-lint: 10 error(s) and 0 warning(s).', '']);
    expect(formatGithub([makeResult('/w/a.json', [message({ fatal: true, severity: 1, endLine: 2 })])], context)).toBe('::error file=a.json,line=1,col=2,endLine=2,endColumn=2,title=ase-gpu/r::Problem.\nase-gpu-lint: 1 error(s) and 0 warning(s).\n');
  });
});
