import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../packages/eslint-plugin-ase-gpu/src/index.js';
import { CATALOGUE, expectedFixPolicies } from './rules-catalogue.js';

const repo = join(import.meta.dirname, '..');
const pluginDir = join(repo, 'packages/eslint-plugin-ase-gpu');

function names(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

interface RuleMeta {
  type: string;
  fixable?: string;
  hasSuggestions?: boolean;
  languages?: string[];
  messages: Record<string, string>;
  docs: { description: string; url: string; recommended: string; strict: string; fixPolicy: string; owns: string[]; migrationOptions?: Record<string, unknown>; recommendedOptions?: Record<string, unknown> };
}

const rules = plugin.rules as Record<string, { meta: RuleMeta }>;
const ruleNames = Object.keys(rules).sort();

describe('one rule, four places, one name', () => {
  it('every rule file is exported by the plugin', () => {
    expect(names(join(pluginDir, 'src/rules'), '.ts').filter((name) => name !== 'index')).toEqual(ruleNames);
  });
  it('every rule has a test file, and every test file a rule', () => {
    expect(names(join(pluginDir, 'tests/rules'), '.test.ts')).toEqual(ruleNames);
  });
  it('every rule has a doc page, and every doc page a rule', () => {
    expect(names(join(repo, 'rules-docs'), '.md').filter((name) => name !== 'TEMPLATE')).toEqual(ruleNames);
  });
  it('every rule has a fixture folder, and every fixture folder a rule', () => {
    expect(readdirSync(join(repo, 'fixtures/rules')).sort()).toEqual(ruleNames);
  });
  it('every rule of the catalogue (domain/rules.md) is implemented, and no other', () => {
    expect(ruleNames).toEqual(Object.keys(CATALOGUE).sort());
  });
});

describe.each(ruleNames)('metadata of %s', (name) => {
  const meta = rules[name]!.meta;
  const entry = CATALOGUE[name];

  it('has a description that starts with Require, Disallow or Enforce and no final period', () => {
    expect(meta.docs.description).toMatch(/^(?:Require|Disallow|Enforce) .+[^. ]$/u);
  });
  it('has messages that are whole sentences naming the module', () => {
    for (const message of Object.values(meta.messages)) {
      expect(message).toMatch(/\.$/u);
      expect(message).toMatch(/^[A-Z]/u);
    }
  });
  it('links its doc page', () => {
    expect(meta.docs.url.endsWith(`/rules-docs/${name}.md`)).toBe(true);
  });
  it('declares the manifest language', () => {
    expect(meta.languages).toContain('ase-gpu/manifest');
  });
  it('has the severities and fix policy of the catalogue', () => {
    expect(entry).toBeDefined();
    expect({ recommended: meta.docs.recommended, strict: meta.docs.strict }).toEqual({ recommended: entry!.recommended, strict: entry!.strict });
    expect(expectedFixPolicies(entry!.fix)).toContain(meta.docs.fixPolicy);
  });
  it('declares fixable and hasSuggestions as its fix policy needs', () => {
    const policy = meta.docs.fixPolicy;
    expect(Boolean(meta.fixable)).toBe(policy.includes('fix') || policy.includes('option'));
    expect(Boolean(meta.hasSuggestions)).toBe(policy.includes('suggestion') || policy.includes('option'));
    expect(Boolean(meta.docs.migrationOptions)).toBe(policy.includes('option'));
  });
  it('has a doc page with the standard sections and a generated header', () => {
    const doc = readFileSync(join(repo, 'rules-docs', `${name}.md`), 'utf8');
    for (const heading of ['## What it catches', '## Why it fails on the GPU device', '## Examples', '## Options', '## Fix', '## When not to use it']) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain(`# ase-gpu/${name}\n`);
  });
});

describe('presets', () => {
  const configs = plugin.configs;
  const severities = (preset: 'recommended' | 'strict') =>
    Object.fromEntries(
      Object.entries(CATALOGUE)
        .filter(([name, entry]) => entry[preset] !== 'off' && name in rules)
        .map(([name, entry]) => [`ase-gpu/${name}`, entry[preset]]),
    );

  it('recommended and strict follow the catalogue; recommended adds the options that quiet what deploys', () => {
    const recommended = Object.fromEntries(
      Object.entries(severities('recommended')).map(([id, severity]) => {
        const options = rules[id.slice('ase-gpu/'.length)]!.meta.docs.recommendedOptions;
        return [id, options ? [severity, options] : severity];
      }),
    );
    expect(configs.recommended.rules).toEqual(recommended);
    expect(configs.strict.rules).toEqual(severities('strict'));
  });
  it('recommendedOptions only turn reports off: every value is false', () => {
    for (const name of ruleNames) {
      for (const value of Object.values(rules[name]!.meta.docs.recommendedOptions ?? {})) expect(value).toBe(false);
    }
  });
  it('all turns every rule on at error', () => {
    expect(configs.all.rules).toEqual(Object.fromEntries(ruleNames.map((name) => [`ase-gpu/${name}`, 'error'])));
  });
  it('migration is recommended with every opt fix switched on', () => {
    const expected = Object.fromEntries(
      Object.entries(severities('recommended')).map(([id, severity]) => {
        const options = rules[id.slice('ase-gpu/'.length)]!.meta.docs.migrationOptions;
        return [id, options ? [severity, options] : severity];
      }),
    );
    expect(configs.migration.rules).toEqual(expected);
    for (const [id, setting] of Object.entries(configs.migration.rules ?? {})) {
      if (Array.isArray(setting)) expect(setting[1]).toMatchObject({ autofix: true });
      else expect(rules[id.slice('ase-gpu/'.length)]!.meta.docs.fixPolicy.includes('option')).toBe(false);
    }
  });
  it('each preset is a flat config with the manifest language and real manifest file names', () => {
    for (const config of Object.values(configs)) {
      expect(config.language).toBe('ase-gpu/manifest');
      expect(config.files).toEqual(['**/*[Dd]eployment*.json', '**/*[Mm]anifest*.json', '**/*.template.json', '**/layered*.json']);
      expect(config.plugins?.['ase-gpu']).toBe(plugin);
    }
  });
  it('the plugin names itself for caching', () => {
    const pkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'ase-gpu' });
  });
});

// ase-gpu-lint skips the schema check for options that come from these presets (config/resolve.ts):
// this is where they are checked, by ESLint's own validator, as `eslint` with the plugin does.
describe('preset options', () => {
  it.each(['recommended', 'strict', 'migration', 'all'] as const)('every option of the %s preset passes its rule\'s schema', async (name) => {
    const { Linter } = await import('eslint');
    const preset = plugin.configs[name] as { rules: Record<string, unknown> };
    const optioned = Object.entries(preset.rules).filter(([, entry]) => Array.isArray(entry) && entry.length > 1);
    if (name === 'recommended') expect(optioned.length).toBeGreaterThan(0);
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify('{}', [{ ...preset, files: ['**/*.json'] }], { filename: 'deployment.json' });
    expect(messages).toEqual([]);
    const broken = Object.fromEntries(optioned.map(([id, entry]) => [id, [...(entry as unknown[]).slice(0, 1), { notAnOption: true }]]));
    if (optioned.length > 0) expect(() => linter.verify('{}', [{ ...preset, files: ['**/*.json'], rules: broken }], { filename: 'deployment.json' })).toThrow(/notAnOption|additional properties/u);
  });
});
