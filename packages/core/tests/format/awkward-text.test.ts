import { describe, expect, it } from 'vitest';
import type { FormatContext } from '../../src/format/context.js';
import { formatGithub } from '../../src/format/github.js';
import { formatJunit } from '../../src/format/junit.js';
import { formatSarif, relativeUri } from '../../src/format/sarif.js';
import { makeResult, type LintMessage } from '../../src/lint/types.js';
import { xmlProblem } from './strict-xml.js';

/**
 * Reports of file names and messages that carry the characters each format must escape: the exact
 * text of each, so that an escaping slip in any of them fails here.
 */

const CWD = '/w';
const AWKWARD_FILE = '/w/dir, a:b%/de\nploy #?é.json';
const OUTSIDE_FILE = '/elsewhere/x y%.json';
const context: FormatContext = { cwd: CWD, color: false, toolVersion: '9.9.9', rule: () => undefined };

const located: LintMessage = {
  ruleId: 'ase-gpu/no-binds',
  severity: 2,
  message: `Module "a<&>'" ]]> \u0001 x`,
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  module: 'm\u0007n',
  createOptionsPath: 'HostConfig.Binds[0]',
} as LintMessage;
const unlocated: LintMessage = { ruleId: null, severity: 1, message: 'multi\r\nline 100%, a:b', line: 0, column: 0 } as LintMessage;

const results = [makeResult(AWKWARD_FILE, [located, unlocated]), makeResult(OUTSIDE_FILE, [])];

describe('formatters on awkward text', () => {
  it('github: % and line breaks escaped in data; also : and , in properties', () => {
    expect(formatGithub(results, context)).toBe(
      [
        `::error file=dir%2C a%3Ab%25/de%0Aploy #?é.json,line=3,col=5,endLine=3,endColumn=9,title=ase-gpu/no-binds::Module "a<&>'" ]]> \u0001 x (m\u0007n › createOptions › HostConfig.Binds[0])`,
        '::warning file=dir%2C a%3Ab%25/de%0Aploy #?é.json,title=ase-gpu-lint::multi%0D%0Aline 100%25, a:b',
        'ase-gpu-lint: 1 error(s) and 1 warning(s).',
        '',
      ].join('\n'),
    );
  });

  it('github: a rule id with : and , is escaped as a property', () => {
    const odd = makeResult('/w/a.json', [{ ruleId: 'x:y,z', severity: 2, message: 'm', line: 1, column: 2 } as LintMessage]);
    expect(formatGithub([odd], context).split('\n')[0]).toBe('::error file=a.json,line=1,col=2,title=x%3Ay%2Cz::m');
  });

  it('junit: markup escaped, characters XML cannot hold made visible, ]]> split, well-formed', () => {
    const output = formatJunit(results, context);
    expect(output).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites>',
        '<testsuite package="org.ase-gpu-lint" time="0" tests="2" errors="2" name="dir, a:b%/de&#10;ploy #?é.json">',
        '<testcase time="0" name="org.ase-gpu-lint.ase-gpu/no-binds" classname="dir, a:b%/de&#10;ploy #?é"><error message="Module &quot;a&lt;&amp;&gt;&apos;&quot; ]]&gt; \\u0001 x"><![CDATA[line 3, col 5, Error - Module "a<&>\'" ]]]]><![CDATA[> \\u0001 x (m\\u0007n › createOptions › HostConfig.Binds[0]) (ase-gpu/no-binds)]]></error></testcase>',
        '<testcase time="0" name="org.ase-gpu-lint.unknown" classname="dir, a:b%/de&#10;ploy #?é"><failure message="multi&#13;&#10;line 100%, a:b"><![CDATA[line 0, col 0, Warning - multi\r\nline 100%, a:b ()]]></failure></testcase>',
        '</testsuite>',
        '<testsuite package="org.ase-gpu-lint" time="0" tests="1" errors="0" name="/elsewhere/x y%.json">',
        '<testcase time="0" name="/elsewhere/x y%.json" classname="/elsewhere/x y%" />',
        '</testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    expect(xmlProblem(output)).toBeUndefined();
  });

  it('junit: every character XML 1.0 forbids becomes a visible escape, and the report stays well-formed', () => {
    const forbidden = ['\u0000', '\u0008', '\u000B', '\u000C', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF'];
    const allowed = ['\t', ' ', '\uD7FF', '\uE000', '\uFFFD', '\u{10000}', '\u{10FFFF}'];
    const message = { ruleId: 'r', severity: 2, message: [...forbidden, ...allowed].join('|'), line: 1, column: 1 } as LintMessage;
    const output = formatJunit([makeResult(`/w/${forbidden.join('-')}.json`, [message])], context);
    expect(xmlProblem(output)).toBeUndefined();
    const shown = '\\u0000|\\u0008|\\u000B|\\u000C|\\u001F|\\uD800|\\uDFFF|\\uFFFE|\\uFFFF|&#9;| |\uD7FF|\uE000|\uFFFD|\u{10000}|\u{10FFFF}';
    expect(output).toContain(`<error message="${shown}">`);
    expect(output).toContain('name="\\u0000-\\u0008-\\u000B-\\u000C-\\u001F-\\uD800-\\uDFFF-\\uFFFE-\\uFFFF.json"');
    expect(output).toContain(`<![CDATA[line 1, col 1, Error - ${shown.replace('&#9;', '\t')} (r)]]>`);
  });

  it('the strict XML check rejects what it must', () => {
    expect(xmlProblem('<a>\u0001</a>')).toBe('a character XML 1.0 does not allow');
    expect(xmlProblem('<a b="<"/>')).toBe('"<" in text at offset 6');
    expect(xmlProblem('<a>&nbsp;</a>')).toBe('an unknown entity at offset 3');
    expect(xmlProblem('<a><b></a></b>')).toBe('a mismatched end tag at offset 8');
    expect(xmlProblem('<a><![CDATA[x</a>')).toBe('an unterminated CDATA section at offset 3');
    expect(xmlProblem('<a/><b/>')).toBe('a second root element at offset 6');
    expect(xmlProblem('<a b="1"c="2"/>')).toBe('attributes without space between them at offset 8');
    expect(xmlProblem('<a b=1/>')).toBe('an unquoted attribute at offset 4');
    expect(xmlProblem('<a>')).toBe('an unclosed <a> at offset 3');
    expect(xmlProblem('<a b="1" b="2"/>')).toBe('a bad or repeated attribute at offset 9');
  });

  it('sarif: artifact URIs are RFC 3986 references: relative ones percent-encoded per segment, others file: URLs', () => {
    const encoded = 'dir%2C%20a%3Ab%25/de%0Aploy%20%23%3F%C3%A9.json';
    const expected = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'ase-gpu-lint', version: '9.9.9', informationUri: 'https://github.com/ase-gpu-lint/ase-gpu-lint', rules: [{ id: 'ase-gpu/no-binds', name: 'NoBinds', shortDescription: { text: 'ase-gpu/no-binds' }, fullDescription: { text: 'ase-gpu/no-binds', markdown: 'ase-gpu/no-binds' }, help: { text: 'ase-gpu/no-binds', markdown: 'ase-gpu/no-binds' }, properties: { tags: ['azure-iot-edge', 'azure-stack-edge'], fixable: false, hasSuggestions: false } }] } },
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///w/' } },
          artifacts: [{ location: { uri: encoded, uriBaseId: '%SRCROOT%' } }, { location: { uri: 'file:///elsewhere/x%20y%25.json' } }],
          results: [
            {
              ruleId: 'ase-gpu/no-binds',
              ruleIndex: 0,
              level: 'error',
              message: { text: located.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encoded, uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } }, logicalLocations: [{ fullyQualifiedName: 'm\u0007n.createOptions.HostConfig.Binds[0]', kind: 'member' }] }],
            },
            { level: 'warning', message: { text: unlocated.message }, locations: [{ physicalLocation: { artifactLocation: { uri: encoded, uriBaseId: '%SRCROOT%', index: 0 } } }] },
          ],
          columnKind: 'utf16CodeUnits',
        },
      ],
    };
    expect(formatSarif(results, context)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    // Resolved against the base, each URI names the file again.
    expect(decodeURIComponent(new URL(encoded, 'file:///w/').pathname)).toBe('/w/dir, a:b%/de\nploy #?é.json');
  });

  it('relativeUri keeps what RFC 3986 allows in a segment and encodes the rest', () => {
    expect(relativeUri("a-b_c.d~e!f'g(h)i*j/k")).toBe("a-b_c.d~e!f'g(h)i*j/k");
    expect(relativeUri('a b/c?d#e[f]g@h;i=j&k+l$m')).toBe('a%20b/c%3Fd%23e%5Bf%5Dg%40h%3Bi%3Dj%26k%2Bl%24m');
  });
});
