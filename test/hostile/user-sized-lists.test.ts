import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../packages/core/src/explain/yaml.js';
import plugin from '../../packages/eslint-plugin-ase-gpu/src/index.js';
import { runCli, treesCleanedAfterEach } from '../cli/helpers.js';

/**
 * Lists as long as a user makes them: 130,000 modules (1.6 MB of `"m0":{}`) once overflowed the stack
 * (a spread of the module list into push). Nothing that walks a user-sized list may recurse over it or
 * spread it into a call's arguments.
 */

const MODULES = 130_000;
const tree = treesCleanedAfterEach();

function manifestWith(moduleCount: number): string {
  const modules: string[] = [];
  for (let i = 0; i < moduleCount; i++) modules.push(`"m${i}":{}`);
  return `{"modulesContent":{"$edgeAgent":{"properties.desired":{"schemaVersion":"1.1","runtime":{"type":"docker","settings":{}},"systemModules":{"edgeAgent":{"type":"docker","settings":{"image":"mcr.microsoft.com/azureiotedge-agent:1.1"}},"edgeHub":{"type":"docker","settings":{"image":"mcr.microsoft.com/azureiotedge-hub:1.1"}}},"modules":{${modules.join(',')}}}},"$edgeHub":{"properties.desired":{"schemaVersion":"1.1","routes":{}}}}}`;
}

const BIG = manifestWith(MODULES);

describe(`${MODULES.toLocaleString('en')} modules`, () => {
  it('is 1.6 MB of modules, as the report had it', () => {
    expect(BIG.length).toBeGreaterThan(1_500_000);
  });

  it('lints under the all preset: one finding per module without limits, one for edgeHub', () => {
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(BIG, [plugin.configs.all], { filename: 'deployment.json' });
    const byRule = new Map<string, number>();
    for (const message of messages) byRule.set(message.ruleId ?? '', (byRule.get(message.ruleId ?? '') ?? 0) + 1);
    // edgeHub without its ports once; every user module without resource limits once.
    expect(Object.fromEntries(byRule)).toEqual({ 'ase-gpu/edgehub-ports': 1, 'ase-gpu/require-resource-limits': MODULES });
    const limits = messages.filter((message) => message.ruleId === 'ase-gpu/require-resource-limits');
    expect([limits[0]!.line, limits[0]!.column]).toEqual([1, BIG.indexOf('"m0"') + 1]);
    expect([limits[MODULES - 1]!.line, limits[MODULES - 1]!.column]).toEqual([1, BIG.indexOf(`"m${MODULES - 1}"`) + 1]);
  }, 300_000);

  it('is explained by the CLI (the translation and the YAML of one module among them all)', () => {
    const t = tree({ 'deployment.json': BIG });
    const last = `m${MODULES - 1}`;
    const run = runCli(['explain', 'deployment.json', '--module', last], { cwd: t.root, timeout: 300_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`# Module "${last}" (modules.${last}, line 1) → Kubernetes name "${last}"`);
    expect(run.stdout.match(/^kind: Deployment$/gmu)).toHaveLength(1);
  }, 300_000);
});

describe('the YAML writer of explain', () => {
  it('writes a list of 130,000 entries and a map of 130,000 keys', () => {
    const list = Array.from({ length: MODULES }, (_, index) => ({ name: `m${index}` }));
    const yaml = toYaml({ list, map: Object.fromEntries(list.map((entry) => [entry.name, {}])) });
    expect(yaml.split('\n')).toHaveLength(2 * MODULES + 3);
    expect(yaml.startsWith('list:\n  - name: m0\n  - name: m1\n')).toBe(true);
    expect(yaml.endsWith(`  m${MODULES - 1}: {}\n`)).toBe(true);
  });
});
