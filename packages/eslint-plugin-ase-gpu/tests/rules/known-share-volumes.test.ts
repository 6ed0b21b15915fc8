import { buildManifest, ENCODINGS, type Encoding } from '../helpers/manifest-builder.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const codeOf = ({ code, filename }: { code: string; filename: string }) => ({ code, filename });
const shares = { shares: ['input', 'output'] };
const mounts = (...list: unknown[]) => ({ HostConfig: { Mounts: list } });
const built = (encoding: Encoding, createOptions: unknown) => buildManifest({ modules: { analyzer: { createOptions } } }, encoding);

/** The Mounts entry as it stands in each encoding (compact JSON inside strings, laid out in objects). */
function entryLocation(input: ReturnType<typeof built>, encoding: Encoding, entry: Record<string, unknown>, anchor: string) {
  if (encoding !== 'object') return input.at('analyzer', JSON.stringify(entry));
  const start = input.code.lastIndexOf('{', input.code.indexOf(anchor));
  const end = input.code.indexOf('}', start) + 1;
  const position = (offset: number) => {
    const before = input.code.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  const from = position(start);
  const to = position(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

runRuleTests(
  'known-share-volumes',
  {
    valid: ENCODINGS.flatMap((encoding) => [
      { name: `volume Mounts of known shares (${encoding})`, ...codeOf(built(encoding, mounts({ Type: 'volume', Source: 'input', Target: '/in' }, { Type: 'volume', Source: 'Output', Target: '/out' }))) },
      { name: `bind Mounts are not claims (${encoding})`, ...codeOf(built(encoding, mounts({ Type: 'bind', Source: '/var/cache', Target: '/cache' }))) },
    ]),
    invalid: ENCODINGS.flatMap((encoding) => {
      const unknownEntry = { Type: 'volume', Source: 'videoin', Target: '/media' };
      const unknown = built(encoding, mounts(unknownEntry));
      const invalidEntry = { Type: 'volume', Source: '___', Target: '/data' };
      const invalid = built(encoding, mounts(invalidEntry));
      return [
        {
          name: `a share the device does not have (${encoding})`,
          ...codeOf(unknown),
          output: null,
          errors: [{ messageId: 'unknownShare', data: { module: 'analyzer', claim: 'videoin', shares: '"input", "output"' }, ...entryLocation(unknown, encoding, unknownEntry, '"/media"') }],
        },
        {
          name: `a Source that leaves no claim name (${encoding})`,
          ...codeOf(invalid),
          output: null,
          errors: [{ messageId: 'invalidClaimName', data: { module: 'analyzer', source: '___', reason: 'leaves no letter or digit' }, ...entryLocation(invalid, encoding, invalidEntry, '"/data"') }],
        },
      ];
    }),
  },
  shares,
);

runRuleTests('known-share-volumes', {
  valid: ENCODINGS.map((encoding) => ({
    name: `without a share list any share name is accepted (${encoding})`,
    ...codeOf(built(encoding, mounts({ Type: 'volume', Source: 'videoin', Target: '/media' }))),
  })),
  invalid: [],
});
