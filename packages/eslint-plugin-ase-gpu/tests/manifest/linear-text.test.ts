import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyBindSource } from '../../src/manifest/binds.js';
import { hasBracedPlaceholder, isPlaceholder } from '../../src/manifest/placeholders.js';

// Regression: these replaced regexes that are quadratic on adversarial text (found by test/hostile/regex.test.ts).
const text = fc.string({ unit: fc.constantFrom('$', '{', '}', 'A', 'B', '_', '1', 'a', '/', ' '), maxLength: 24 });

describe('placeholder detection without backtracking', () => {
  it('matches exactly what the regexes matched', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(hasBracedPlaceholder(value)).toBe(/\$\{[^}]*\}/u.test(value));
        expect(isPlaceholder(value)).toBe(/\$\{[^}]*\}|\$[A-Z][A-Z0-9_]{2,}/u.test(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers on 200,000 unclosed "${" at once', () => {
    const hostile = '${'.repeat(200_000);
    expect(hasBracedPlaceholder(hostile)).toBe(false);
    expect(hasBracedPlaceholder(`${hostile}}`)).toBe(true);
  });
});

describe('bind paths with trailing slashes', () => {
  it('reads /etc/hosts/ and /etc/hosts/// like /etc/hosts', () => {
    expect(classifyBindSource('/etc/hosts/')).toBe(classifyBindSource('/etc/hosts'));
    expect(classifyBindSource('/etc/hosts///')).toBe(classifyBindSource('/etc/hosts'));
    expect(classifyBindSource('/dev/shm/')).toBe(classifyBindSource('/dev/shm'));
  });

  it('classifies a path of 100,000 slashes followed by a letter', () => {
    expect(() => classifyBindSource(`${'/'.repeat(100_000)}x`)).not.toThrow();
  });
});
