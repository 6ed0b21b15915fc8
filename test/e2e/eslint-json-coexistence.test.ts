import json from '@eslint/json';
import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import aseGpu from '../../packages/eslint-plugin-ase-gpu/src/index.js';

// A user's config that lints all JSON with @eslint/json and manifests with our preset.
const repo = join(import.meta.dirname, '../..');
const manifest = readFileSync(join(repo, 'fixtures/examples/fpga-string/deployment.json'), 'utf8');
const packageJson = '{\n  "name": "app",\n  "name": "again"\n}\n';
const jsonConfig = { files: ['**/*.json'], plugins: { json }, language: 'json/json', rules: { 'json/no-duplicate-keys': 'error' } } as const;

function lint(config: Linter.Config[], text: string, filename: string) {
  return new Linter({ cwd: repo }).verify(text, config, { filename: join(repo, filename) });
}

function ruleIds(messages: Linter.LintMessage[]): string[] {
  return [...new Set(messages.map((message) => message.ruleId ?? 'fatal'))].sort();
}

describe('the presets next to @eslint/json', () => {
  const ours = lint([aseGpu.configs.recommended], manifest, 'deploy/deployment.json');

  it('@eslint/json after our preset: both run on manifests, with the same findings from ours', () => {
    const config = [aseGpu.configs.recommended, jsonConfig] as Linter.Config[];
    const messages = lint(config, manifest, 'deploy/deployment.json');
    const own = messages.filter((message) => message.ruleId?.startsWith('ase-gpu/'));
    expect(own.length).toBeGreaterThan(0);
    // Under json/json columns are the language's own; the findings and lines are the same.
    expect(own.map((message) => [message.ruleId, message.line, message.column])).toEqual(ours.map((message) => [message.ruleId, message.line, message.column]));
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(lint(config, packageJson, 'package.json').map((message) => message.ruleId)).toEqual(['json/no-duplicate-keys']);
  });

  it('@eslint/json kept away from manifests: each file gets its own language', () => {
    const config = [{ ...jsonConfig, ignores: aseGpu.configs.recommended.files as string[] }, aseGpu.configs.recommended] as Linter.Config[];
    expect(ruleIds(lint(config, manifest, 'deploy/deployment.json'))).toEqual(ruleIds(ours));
    expect(lint(config, packageJson, 'package.json').map((message) => message.ruleId)).toEqual(['json/no-duplicate-keys']);
  });

  it('says clearly what is wrong when @eslint/json rules meet the manifest language', () => {
    const config = [jsonConfig, aseGpu.configs.recommended] as Linter.Config[];
    expect(() => lint(config, manifest, 'deploy/deployment.json')).toThrow(/do not support the language "ase-gpu\/manifest"/u);
  });
});
