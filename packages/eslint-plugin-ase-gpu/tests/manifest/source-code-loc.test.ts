import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestLanguage } from '../../src/language/manifest-language.js';
import type { ManifestSourceCode } from '../../src/language/manifest-source-code.js';

function sourceCodeOf(text: string): ManifestSourceCode {
  const file = { body: text, path: 'deployment.json' };
  const parsed = manifestLanguage.parse(file);
  if (!parsed.ok) throw new Error('the generated text must parse');
  return manifestLanguage.createSourceCode(file, parsed);
}

/** ESLint's convention, computed the slow, obvious way: lines end at LF (a CRLF's CR stays on its line). */
function naiveLoc(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - (before.lastIndexOf('\n') + 1) };
}

// Regression: the base class rescanned a long line for every call (quadratic on one-line manifests).
describe('ManifestSourceCode#getLocFromIndex', () => {
  // No lone CR: the base class breaks lines at LF only, but places the end of the file by the parser's count, which includes CR.
  it('agrees with the obvious computation at every offset, with LF, CRLF and one long line', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, 2, '\t'), fc.constantFrom('\n', '\r\n'), (value, indent, eol) => {
        // Raw line breaks never occur inside JSON strings, so replacing them changes only the layout.
        const text = JSON.stringify(value, null, indent).replaceAll('\n', eol);
        const sourceCode = sourceCodeOf(text);
        for (let index = 0; index <= text.length; index++) expect(sourceCode.getLocFromIndex(index)).toEqual(naiveLoc(text, index));
      }),
      { numRuns: 100 },
    );
  });

  it('answers in any order, including backwards over a 200,000-character line', () => {
    const text = `{"a": "${'x'.repeat(200_000)}"}`;
    const sourceCode = sourceCodeOf(text);
    for (let index = text.length - 1; index > 0; index -= 997) expect(sourceCode.getLocFromIndex(index)).toEqual({ line: 1, column: index });
  });
});

describe('ManifestSourceCode#getIndexFromLoc', () => {
  it('is the inverse of getLocFromIndex at every offset, with LF and CRLF', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(undefined, 2), fc.constantFrom('\n', '\r\n'), (value, indent, eol) => {
        const text = JSON.stringify(value, null, indent).replaceAll('\n', eol);
        const sourceCode = sourceCodeOf(text);
        for (let index = 0; index <= text.length; index++) expect(sourceCode.getIndexFromLoc(naiveLoc(text, index))).toBe(index);
      }),
      { numRuns: 100 },
    );
  });
});
