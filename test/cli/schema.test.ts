import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

const requireFromCore = createRequire(join(REPO_ROOT, 'packages/core/package.json'));
const Ajv = requireFromCore('ajv') as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] } };
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/core/schema/aseGpurc.schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { rules: { properties: Record<string, unknown> }; settings: unknown };
};
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

describe('the shipped .aseGpurc JSON Schema', () => {
  it('is generated from the plugin: every rule, the device profile, the configuration keys', async () => {
    const plugin = (await import(join(REPO_ROOT, 'packages/eslint-plugin-ase-gpu/dist/index.js'))) as {
      default: { rules: Record<string, unknown> };
      deviceProfileSchema: unknown;
    };
    // Each rule by its full id and by its short id (`no-binds`), as the CLI reads both.
    expect(Object.keys(schema.definitions.rules.properties).sort()).toEqual(Object.keys(plugin.default.rules).flatMap((name) => [`ase-gpu/${name}`, name]).sort());
    expect(schema.definitions.settings).toEqual(plugin.deviceProfileSchema);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'root', 'extends', 'plugins', 'rules', 'settings', 'overrides', 'files', 'ignores']);
  });

  const valid: [string, unknown][] = [
    ['the --init starter', { $schema: './node_modules/ase-gpu-lint/schema/aseGpurc.schema.json', extends: ['ase-gpu:recommended'], settings: { aseVersion: '2403', gpuCount: 1, exemptions: [] }, rules: {} }],
    [
      'a team configuration',
      {
        root: true,
        extends: ['../org/.aseGpurc.json', '@contoso/ase-gpu-config', 'ase-gpu:strict'],
        plugins: ['eslint-plugin-contoso'],
        rules: { 'ase-gpu/no-fpga-resources': ['error', { autofix: true }], 'ase-gpu/no-binds': 'warn', 'no-shm-size': 'off', 'contoso/approved-registry': 2, '@contoso/team/rule': ['warn', { any: 1 }] },
        settings: { shares: ['models'], exemptions: [{ rule: 'no-binds', module: 'legacy', reason: 'Moves in Q3.', expires: '2027-09-30' }] },
        overrides: [{ files: ['legacy/**'], rules: { 'ase-gpu/no-binds': 'off' }, settings: { gpuCount: 2 } }],
        files: ['**/*.json'],
        ignores: 'generated',
      },
    ],
  ];
  for (const [name, config] of valid) {
    it(`accepts ${name}`, () => {
      expect(validate(config)).toBe(true);
    });
  }

  // The same mistakes the CLI stops on (test/cli/config.test.ts).
  const invalid: [string, unknown][] = [
    ['an unknown key', { rulez: {} }],
    ['a misspelled severity', { rules: { 'ase-gpu/no-binds': 'eror' } }],
    ['a misspelled rule', { rules: { 'ase-gpu/no-bind': 'error' } }],
    ['a misspelled short rule id', { rules: { 'no-bind': 'error' } }],
    ['bad rule options', { rules: { 'ase-gpu/no-fpga-resources': ['error', { autofix: 'yes' }] } }],
    ['an unknown rule option', { rules: { 'ase-gpu/no-fpga-resources': ['error', { autoFix: true }] } }],
    ['options for a rule that takes none', { rules: { 'ase-gpu/no-binds': ['error', { fast: true }] } }],
    ['a device profile value out of range', { settings: { gpuCount: -1 } }],
    ['a misspelled device profile key', { settings: { gpucount: 2 } }],
    ['an exemption date that is not a date', { settings: { exemptions: [{ rule: 'no-binds', reason: 'x', expires: 'next year' }] } }],
    ['an unknown built-in', { extends: 'ase-gpu:recomended' }],
    ['an override without files', { overrides: [{ rules: {} }] }],
  ];
  for (const [name, config] of invalid) {
    it(`rejects ${name}`, () => {
      expect(validate(config)).toBe(false);
    });
  }
});
