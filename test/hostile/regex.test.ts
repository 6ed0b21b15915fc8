import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression literal in the plugin's and the core's sources, run against long
 * adversarial strings built from its own characters. A linear regex takes about twice as long on
 * twice the input; backtracking blow-ups take four times (quadratic) or explode. Timing is compared
 * between lengths n and 4n (the median of five runs each), so machine speed cancels out. A regex that
 * is slow in absolute terms and grows faster than linearly is measured twice more, as a suspect, at
 * larger sizes: it is flagged only when both agree, so that a moment of a busy machine cannot make a
 * linear regex look quadratic.
 */

const root = join(import.meta.dirname, '../..');
const SOURCE_DIRS = ['packages/eslint-plugin-ase-gpu/src', 'packages/core/src'];

interface FoundRegex {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'vendor' ? [] : sourceFiles(path);
    return /\.[cm]?ts$/u.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

function collectRegexes(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const text = readFileSync(file, 'utf8');
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf('/');
        const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
        found.push({ where: `${relative(root, file)}:${line + 1}`, source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return found;
}

/** Characters a regex mentions (literals, escapes, class members), plus the usual suspects. */
function alphabetOf(source: string): string[] {
  const chars = new Set<string>(['a', 'A', '0', ' ', '\t', '\n', '\r\n', '.', ':', '/', '\\', '-', '_', '$', '{', '}', '=', ',', '"', '@', 'é', '😀']);
  for (const match of source.matchAll(/\\([dDsSwW])|\\u\{?([0-9a-fA-F]{4,5})\}?|\\(.)|([^\\[\]()^$|*+?{}])/gu)) {
    if (match[2]) chars.add(String.fromCodePoint(Number.parseInt(match[2], 16)));
    else if (match[3]) chars.add(match[3] === 'n' ? '\n' : match[3] === 't' ? '\t' : match[3]);
    else if (match[4]) chars.add(match[4]);
  }
  return [...chars];
}

/** Attack strings of roughly `length` units: one or two characters repeated, then a character that breaks the match. */
function attacks(alphabet: readonly string[], length: number): { input: string; unit: string }[] {
  const result: { input: string; unit: string }[] = [];
  for (const a of alphabet) {
    result.push({ input: a.repeat(length) + '\u0000', unit: a });
    result.push({ input: a.repeat(length) + '!', unit: a });
  }
  for (let i = 0; i < alphabet.length; i++) {
    for (let j = i + 1; j < alphabet.length; j += 3) result.push({ input: (alphabet[i]! + alphabet[j]!).repeat(length >> 1) + '\u0000', unit: alphabet[i]! + alphabet[j]! });
  }
  return result;
}

function runOnce(regex: RegExp, input: string): number {
  const start = performance.now();
  regex.lastIndex = 0;
  regex.test(input);
  if (regex.global || regex.sticky) for (const _ of input.matchAll(new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`))) void _;
  return performance.now() - start;
}

/**
 * The median of five runs: one run slowed by another process moves it no more than one sped up. One
 * untimed run first: V8 interprets a regex at first and compiles it after, which would make the first
 * size measured look slow and the growth after it look small.
 */
function timeOf(regex: RegExp, input: string): number {
  runOnce(regex, input);
  const times = Array.from({ length: 5 }, () => runOnce(regex, input)).sort((a, b) => a - b);
  return times[2]!;
}

/** The attack of `length` units built like `input` (its repeated unit and its breaking end). */
function resized(input: string, length: number, unit: string): string {
  return unit.repeat(Math.max(1, Math.round(length / unit.length))) + input.slice(-1);
}

/**
 * How much eight times the input costs (quadratic 64x, linear 8x: far from CONFIRM_GROWTH either way),
 * up to a size where a quadratic regex takes hundreds of milliseconds, so that a moment of a busy
 * machine is small beside the measurement.
 */
function confirmedGrowth(regex: RegExp, input: string, unit: string): number {
  const small = Math.max(timeOf(regex, resized(input, LARGE / 4, unit)), 0.05);
  return timeOf(regex, resized(input, 2 * LARGE, unit)) / small;
}

/**
 * Regexes that never see user text, by location and source, with the reason. Each is still found
 * (the location is checked) so that the list cannot go stale silently.
 */
const NOT_USER_TEXT: Readonly<Record<string, string>> = {
  'packages/eslint-plugin-ase-gpu/src/manifest/create-options.ts /\\s*\\(\\d+:\\d+\\)\\s*$/u': "strips the position suffix from jsonc-eslint-parser's own error messages, which are short",
};

const SMALL = 2_000;
const LARGE = 8_000;
/** Only a regex this slow on the large input is looked at (linear ones take microseconds). */
const SLOW_MS = 20;
/** 4x the input: linear about 4x; quadratic about 16x. */
const MAX_GROWTH = 9;
/** 8x the input: linear about 8x; quadratic about 64x. */
const CONFIRM_GROWTH = 20;

describe('regular expressions that see user text are linear', () => {
  const regexes = collectRegexes();

  it('finds the regexes of the sources', () => {
    expect(regexes.length).toBeGreaterThan(20);
    expect(regexes.some((regex) => regex.where.startsWith('packages/eslint-plugin-ase-gpu/src/manifest/'))).toBe(true);
  });

  it('no regex grows faster than linearly on adversarial input', () => {
    const slow: string[] = [];
    for (const found of regexes) {
      if (NOT_USER_TEXT[`${found.where.replace(/:\d+$/u, '')} /${found.source}/${found.flags}`]) continue;
      const regex = new RegExp(found.source, found.flags);
      const alphabet = alphabetOf(found.source);
      const large = attacks(alphabet, LARGE);
      const small = attacks(alphabet, SMALL);
      large.forEach(({ input, unit }, index) => {
        const bigTime = timeOf(regex, input);
        if (bigTime < SLOW_MS) return;
        const smallTime = Math.max(timeOf(regex, small[index]!.input), 0.05);
        const growth = bigTime / smallTime;
        if (growth <= MAX_GROWTH) return;
        // A suspect is flagged when two more measurements, at larger sizes, agree.
        const confirmations = [confirmedGrowth(regex, input, unit), confirmedGrowth(regex, input, unit)];
        if (confirmations.every((confirmed) => confirmed > CONFIRM_GROWTH)) {
          slow.push(`${found.where} /${found.source}/${found.flags}: ${smallTime.toFixed(2)} ms -> ${bigTime.toFixed(2)} ms (x${growth.toFixed(1)}; confirmed x${confirmations.map((confirmed) => confirmed.toFixed(1)).join(', x')}) on ${JSON.stringify(input.slice(0, 12))}...`);
        }
      });
    }
    expect(slow).toEqual([]);
  }, 300_000);

  it('lists as not seeing user text only regexes that exist', () => {
    const present = new Set(regexes.map((found) => `${found.where.replace(/:\d+$/u, '')} /${found.source}/${found.flags}`));
    expect(Object.keys(NOT_USER_TEXT).filter((key) => !present.has(key))).toEqual([]);
  });

  it('would catch a backtracking regex (the check is not vacuous)', () => {
    // Exponential: 8 more characters cost about 2^8 = 256 times as much, far above the bar of 9.
    const regex = /^(a+)+$/u;
    const small = Math.max(timeOf(regex, `${'a'.repeat(14)}!`), 0.01);
    const large = timeOf(regex, `${'a'.repeat(22)}!`);
    expect(large / small).toBeGreaterThan(MAX_GROWTH);
  });

  it('would confirm a quadratic regex, and clear a linear one', () => {
    expect(confirmedGrowth(/a*c/u, `${'a'.repeat(LARGE)}!`, 'a')).toBeGreaterThan(CONFIRM_GROWTH);
    expect(confirmedGrowth(/a+!/u, `${'a'.repeat(LARGE)}!`, 'a')).toBeLessThanOrEqual(CONFIRM_GROWTH);
  });
});
