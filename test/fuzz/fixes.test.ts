import { Linter } from 'eslint';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../packages/eslint-plugin-ase-gpu/src/index.js';
import { buildManifestModel } from '../../packages/eslint-plugin-ase-gpu/src/manifest/build-model.js';
import { parseJSONText } from '../../packages/eslint-plugin-ase-gpu/src/manifest/parse-json.js';
import { counterexamples } from './counterexamples.js';
import { manifestCase, writeManifest, type GeneratedManifest } from './manifest-arbitrary.js';

/**
 * Fuzzed manifests through every fix the plugin can make: the `all` and `migration` presets'
 * autofixes, then every suggestion alone, then all suggestions together followed by another --fix,
 * as a migration run that accepts them would. Whatever the rules do, a manifest must stay a manifest.
 */

// CI: a fixed seed and a moderate number of runs. `pnpm fuzz` sets a random seed and thousands of runs.
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const BOM = '\uFEFF';

const require = createRequire(import.meta.url);
const eslintDir = dirname(require.resolve('eslint/package.json'));
// ESLint's own fix application (as --fix and editors apply suggestions).
const SourceCodeFixer = require(join(eslintDir, 'lib/linter/source-code-fixer.js')) as {
  applyFixes(text: string, messages: unknown[], shouldFix: boolean): { output: string };
};

type Message = Linter.LintMessage;
const linter = new Linter({ configType: 'flat' });
const presets = { all: [plugin.configs.all], migration: [plugin.configs.migration] } as const;

// ---- what a fix must keep --------------------------------------------------------------------------

type Family = 'object' | 'text' | 'none';

interface Shape {
  readonly bom: boolean;
  readonly json: Record<string, unknown>;
  readonly eols: Set<string>;
  readonly indents: string[];
  readonly modules: Map<string, { family: Family; range: readonly [number, number]; value: unknown }>;
}

function strip(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function eolKinds(text: string): Set<string> {
  const kinds = new Set<string>();
  for (const match of text.matchAll(/\r\n|\n|\r/gu)) kinds.add(match[0] === '\r\n' ? 'CRLF' : match[0] === '\n' ? 'LF' : 'CR');
  return kinds;
}

/** The plain data of a module with its createOptions decoded and joined, as the agent sees it. */
function agentView(module: Record<string, unknown>): unknown {
  const settings = (module.settings ?? {}) as Record<string, unknown>;
  const chunkKeys = Object.keys(settings).filter((key) => /^createoptions\d*$/iu.test(key)).sort();
  const rest = Object.fromEntries(Object.entries(settings).filter(([key]) => !chunkKeys.includes(key)));
  const joined = chunkKeys.map((key) => settings[key]);
  const options = joined.length === 0 ? undefined : typeof joined[0] === 'string' ? JSON.parse(joined.join('')) : joined[0];
  return { ...module, settings: { ...rest, createOptions: options } };
}

function shapeOf(text: string, filename: string): Shape {
  const body = strip(text);
  const json = JSON.parse(body) as Record<string, unknown>;
  const model = buildManifestModel(parseJSONText(body, 'JSON'), body, { filename });
  expect(model, 'the text is still a manifest').toBeDefined();
  const desired = ((json.modulesContent as Record<string, Record<string, unknown>>).$edgeAgent!['properties.desired'] ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const plain = { ...desired.modules, edgeHub: desired.systemModules!.edgeHub!, edgeAgent: desired.systemModules!.edgeAgent! };
  const modules = new Map<string, { family: Family; range: readonly [number, number]; value: unknown }>();
  for (const module of model!.modules) {
    const encoding = module.createOptions?.encoding;
    const family: Family = encoding === undefined ? 'none' : encoding === 'object' ? 'object' : 'text';
    expect(module.createOptions?.parseError, `createOptions of ${module.name} still parse`).toBeUndefined();
    modules.set(module.name, { family, range: module.property.range, value: agentView(plain[module.name] as Record<string, unknown>) });
  }
  const indents = body.split(/\r\n|\n|\r/u).map((line) => /^[ \t]*/u.exec(line)![0]);
  return { bom: text.startsWith(BOM), json, eols: eolKinds(body), indents, modules };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** Modules on which a rule reported something (their content is the rule's to change). */
function modulesWithFindings(messages: readonly Message[], text: string, shape: Shape): Map<string, Set<string>> {
  const body = strip(text);
  const result = new Map<string, Set<string>>();
  for (const message of messages) {
    const offset = offsetOf(body, message.line, message.column);
    for (const [name, module] of shape.modules) {
      if (offset < module.range[0] || offset >= module.range[1]) continue;
      if (!result.has(name)) result.set(name, new Set());
      result.get(name)!.add(message.ruleId ?? '');
    }
  }
  return result;
}

function indentUnitOf(input: GeneratedManifest['text']): string {
  return /\n(\t| +)"/u.exec(input)![1]!;
}

function expectKept(step: string, input: string, before: Shape, output: string, filename: string, touched: Map<string, Set<string>>): Shape {
  let after: Shape;
  try {
    after = shapeOf(output, filename);
  } catch (error) {
    throw new Error(`${step}: the output is no longer a valid manifest (${String(error)}):\n${output}`);
  }
  expect(after.bom, `${step}: BOM`).toBe(before.bom);
  for (const kind of after.eols) expect(before.eols.has(kind), `${step}: ${kind} line endings appeared`).toBe(true);
  const unit = indentUnitOf(input);
  for (const indent of after.indents) {
    if (unit === '\t') expect(indent, `${step}: tab indentation`).toMatch(/^\t*$/u);
    else expect(indent.length % unit.length === 0 && /^ *$/u.test(indent), `${step}: indentation "${indent}" in a file indented by ${unit.length}`).toBe(true);
  }
  expect([...after.modules.keys()].sort(), `${step}: modules`).toEqual([...before.modules.keys()].sort());

  const content = (shape: Shape) => shape.json.modulesContent as Record<string, Record<string, Record<string, unknown>>>;
  expect(content(after).$edgeHub, `${step}: $edgeHub`).toEqual(content(before).$edgeHub);
  const agent = (shape: Shape) => content(shape).$edgeAgent!['properties.desired'] as Record<string, unknown>;
  expect(agent(after).runtime, `${step}: runtime`).toEqual(agent(before).runtime);
  expect(agent(after).schemaVersion, `${step}: schemaVersion`).toEqual(agent(before).schemaVersion);

  for (const [name, module] of before.modules) {
    const now = after.modules.get(name)!;
    const rules = touched.get(name);
    if (!rules) {
      expect(now.value, `${step}: module "${name}" had no finding and must not change`).toEqual(module.value);
      continue;
    }
    const keep = (value: unknown) => {
      const { version, type, status, restartPolicy, settings } = value as Record<string, unknown>;
      return { version, type, status, restartPolicy, image: (settings as Record<string, unknown>).image };
    };
    expect(keep(now.value), `${step}: module "${name}" identity`).toEqual(keep(module.value));
    if (module.family !== 'none' && now.family !== module.family) {
      expect(module.family === 'object' && now.family === 'text' && rules.has('ase-gpu/create-options-encoding'), `${step}: module "${name}" createOptions went from ${module.family} to ${now.family}`).toBe(true);
    }
  }
  return after;
}

function applySuggestion(text: string, message: Message, index: number): string {
  return SourceCodeFixer.applyFixes(text, [{ ...message, fix: message.suggestions![index]!.fix }], true).output;
}

function applyFirstSuggestions(text: string, messages: readonly Message[]): string {
  const fixes = messages.filter((message) => message.suggestions?.length).map((message) => ({ ...message, fix: message.suggestions![0]!.fix }));
  return SourceCodeFixer.applyFixes(text, fixes, true).output;
}

function fixUntilStable(step: string, text: string, config: Linter.Config[], filename: string): Linter.FixReport {
  const report = linter.verifyAndFix(text, config, { filename });
  expect(report.messages.filter((message) => message.fatal), `${step}: fatal`).toEqual([]);
  expect(report.messages.filter((message) => message.fix).map((message) => message.ruleId), `${step}: fixes left after ten passes`).toEqual([]);
  const again = linter.verifyAndFix(report.output, config, { filename });
  expect(again.output, `${step}: a second --fix changed the file`).toBe(report.output);
  return report;
}

// ---- the properties --------------------------------------------------------------------------------

describe('fuzzed manifests through every fix', () => {
  it('lints generated manifests under the presets (the property below is not vacuous)', () => {
    const generated = fc.sample(manifestCase.map(writeManifest), { numRuns: 20, seed: 7 });
    const findings = generated.map((manifest) => linter.verify(manifest.text, presets.all, { filename: manifest.filename }).length);
    expect(findings.filter((count) => count > 0).length).toBeGreaterThan(10);
  });

  for (const [name, config] of Object.entries(presets)) {
    it(`--fix with the ${name} preset, and every suggestion, keeps the manifest whole and converges`, () => {
      fc.assert(
        fc.property(manifestCase, (spec) => {
          const manifest = writeManifest(spec);
          const { text, filename } = manifest;
          const before = shapeOf(text, filename);
          const messages = linter.verify(text, config, { filename });
          expect(messages.filter((message) => message.fatal)).toEqual([]);
          const touched = modulesWithFindings(messages, text, before);

          const fixed = fixUntilStable(`${name} --fix`, text, config, filename);
          expectKept(`${name} --fix`, text, before, fixed.output, filename, touched);

          const withSuggestions = fixed.messages.filter((message) => message.suggestions?.length);
          for (const message of withSuggestions) {
            message.suggestions!.forEach((suggestion, index) => {
              const output = applySuggestion(fixed.output, message, index);
              expectKept(`${name}: suggestion ${suggestion.messageId ?? suggestion.desc} of ${message.ruleId}`, text, before, output, filename, touched);
            });
          }
          if (withSuggestions.length === 0) return;
          const migrated = fixUntilStable(`${name}: suggestions, then --fix`, applyFirstSuggestions(fixed.output, fixed.messages), config, filename);
          expectKept(`${name}: suggestions, then --fix`, text, before, migrated.output, filename, touched);
        }),
        { numRuns: RUNS, seed: SEED, examples: counterexamples.map((example) => [example]) },
      );
      // A second per run at most on a busy machine: a long `pnpm fuzz` run must not time out.
    }, Math.max(120_000, RUNS * 1_000));
  }
});
