import { describe, expect, it } from 'vitest';
import { pathKey, toYaml, yamlString } from '../../src/explain/yaml.js';

describe('toYaml', () => {
  it('writes block mappings and sequences with comments at paths', () => {
    const comments = new Map([
      [pathKey(['spec', 'type']), 'default type'],
      [pathKey(['spec', 'ports', 0]), 'from PortBindings'],
      [pathKey(['spec']), 'the spec'],
      [pathKey(['args', 1]), 'second'],
    ]);
    const yaml = toYaml({ kind: 'Service', spec: { type: 'LoadBalancer', ports: [{ name: 'p', port: 80 }], selector: {} }, args: ['a', 'b'], empty: [], nested: [[1, 2]] }, comments);
    expect(yaml).toBe(
      [
        'kind: Service',
        'spec:  # the spec',
        '  type: LoadBalancer  # default type',
        '  ports:',
        '    - name: p  # from PortBindings',
        '      port: 80',
        '  selector: {}',
        'args:',
        '  - a',
        '  - b  # second',
        'empty: []',
        'nested:',
        '  - - 1',
        '    - 2',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['plain', 'plain'],
    ['<device id>', '<device id>'],
    ['http://localhost:35001', 'http://localhost:35001'],
    ['', '""'],
    ['yes', '"yes"'],
    ['True', '"True"'],
    ['010', '"010"'],
    ['1e3', '"1e3"'],
    ['a: b', '"a: b"'],
    ['a #b', '"a #b"'],
    ['-x', '"-x"'],
    ['*alias', '"*alias"'],
    [' padded', '" padded"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['$edgeHub', '$edgeHub'],
  ])('quotes %j as %s', (text, expected) => {
    expect(yamlString(text)).toBe(expected);
  });

  it('writes scalars of every JSON type and a comment on a collection item that starts a list entry', () => {
    expect(toYaml({ num: 1.5, t: true, z: null, s: '2', n: 'y' })).toBe('num: 1.5\nt: true\nz: null\ns: "2"\n"n": "y"\n');
    expect(toYaml([{ a: 1, b: [] }], new Map([[pathKey([0]), 'first']]))).toBe('- a: 1  # first\n  b: []\n');
  });
});
