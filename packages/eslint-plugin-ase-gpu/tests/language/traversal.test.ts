import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

// The manifest language hands ESLint one reused step object (ManifestTraversal): what a rule sees must
// still be every node, entered and left in document order, with its parent and its selectors.
function visits(text: string, listeners: (seen: string[]) => Rule.RuleListener): string[] {
  const seen: string[] = [];
  const rule: Rule.RuleModule = { meta: { type: 'problem', schema: [] }, create: () => listeners(seen) };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(text, [{ files: ['**/*.json'], plugins: { 'ase-gpu': plugin, probe: { rules: { visit: rule } } }, language: 'ase-gpu/manifest', rules: { 'probe/visit': 'error' } }], { filename: 'deployment.json' });
  expect(messages).toEqual([]);
  return seen;
}

const label = (node: { type: string; value?: unknown }): string => (node.type === 'JSONLiteral' ? `${node.type}(${JSON.stringify(node.value)})` : node.type);

describe('the manifest language traversal', () => {
  it('enters and leaves every node in document order, with its parent', () => {
    const seen = visits('{"a": [1, {"b": null}], "c": true}', (log) => {
      const enter = (node: never, parent: never) => log.push(`> ${label(node)} in ${parent ? label(parent) : '-'}`);
      const leave = (node: never) => log.push(`< ${label(node)}`);
      const types = ['Program', 'JSONExpressionStatement', 'JSONObjectExpression', 'JSONProperty', 'JSONArrayExpression', 'JSONLiteral'];
      return Object.fromEntries(types.flatMap((type) => [[type, enter], [`${type}:exit`, leave]]));
    });
    expect(seen).toEqual([
      '> Program in -',
      '> JSONExpressionStatement in Program',
      '> JSONObjectExpression in JSONExpressionStatement',
      '> JSONProperty in JSONObjectExpression',
      '> JSONLiteral("a") in JSONProperty',
      '< JSONLiteral("a")',
      '> JSONArrayExpression in JSONProperty',
      '> JSONLiteral(1) in JSONArrayExpression',
      '< JSONLiteral(1)',
      '> JSONObjectExpression in JSONArrayExpression',
      '> JSONProperty in JSONObjectExpression',
      '> JSONLiteral("b") in JSONProperty',
      '< JSONLiteral("b")',
      '> JSONLiteral(null) in JSONProperty',
      '< JSONLiteral(null)',
      '< JSONProperty',
      '< JSONObjectExpression',
      '< JSONArrayExpression',
      '< JSONProperty',
      '> JSONProperty in JSONObjectExpression',
      '> JSONLiteral("c") in JSONProperty',
      '< JSONLiteral("c")',
      '> JSONLiteral(true) in JSONProperty',
      '< JSONLiteral(true)',
      '< JSONProperty',
      '< JSONObjectExpression',
      '< JSONExpressionStatement',
      '< Program',
    ]);
  });

  it('matches selectors that need the ancestry', () => {
    const seen = visits('{"a": {"b": 1}, "b": 2}', (log) => ({
      'JSONObjectExpression JSONObjectExpression > JSONProperty > JSONLiteral.value'(node: never) {
        log.push(label(node));
      },
    }));
    expect(seen).toEqual(['JSONLiteral(1)']);
  });

  it('can be walked again: each traversal starts from the root', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = [{ files: ['**/*.json'], plugins: { 'ase-gpu': plugin }, language: 'ase-gpu/manifest' }];
    linter.verify('{"a": 1}', config, { filename: 'deployment.json' });
    const sourceCode = linter.getSourceCode() as unknown as { traverse(): Iterable<{ target: { type: string }; phase: number }> };
    const walk = () => [...sourceCode.traverse()].length;
    // Program, statement, object, property, key, value: six nodes, entered and left. A reused step makes the
    // spread list one object repeated; the count still says how many steps each walk took.
    expect(walk()).toBe(12);
    expect(walk()).toBe(12);
  });
});
