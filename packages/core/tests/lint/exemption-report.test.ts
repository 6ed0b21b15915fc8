import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigResolver, type FileConfig } from '../../src/config/resolve.js';
import { lintText } from '../../src/lint/engine.js';
import { ExemptionTracker } from '../../src/lint/exemption-report.js';
import { deployment } from '../helpers/deployment.js';

/** One module asking for a GPU without the Recreate strategy: one require-recreate-strategy finding. */
const MANIFEST = `${JSON.stringify(
  deployment({ scorer: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'x:1', createOptions: JSON.stringify({ 'k8s-experimental': { resources: { limits: { 'nvidia.com/gpu': 1 } } } }) } } }),
  null,
  2,
)}\n`;

const roots: string[] = [];
afterEach(() => {
  while (roots.length > 0) rmSync(roots.pop()!, { recursive: true, force: true });
});

/** A folder with this .aseGpurc text, its configuration for deployment.json, and the file's exemption usage. */
async function configured(rc: string): Promise<{ root: string; rcPath: string; config: FileConfig; usage: Record<string, number> }> {
  const root = mkdtempSync(join(tmpdir(), 'ase-gpu-exemptions-'));
  roots.push(root);
  const rcPath = join(root, '.aseGpurc');
  writeFileSync(rcPath, rc);
  const resolver = new ConfigResolver({ cwd: root });
  const file = join(root, 'deployment.json');
  const config = resolver.effective(await resolver.forFolder(root), file);
  return { root, rcPath, config, usage: lintText(MANIFEST, file, config, root).exemptionUsage };
}

const RC = `{
  "root": true,
  "extends": [],
  "rules": { "ase-gpu/require-recreate-strategy": "error", "ase-gpu/valid-create-options": "error" },
  "settings": {
    "exemptions": [
      { "rule": "require-recreate-strategy", "module": "scorer", "reason": "One replica." },
      { "rule": "ase-gpu/valid-create-options", "module": "gone", "reason": "Retired." },
      { "rule": "ase-gpu/valid-create-options", "module": "scorer", "expires": "2020-01-31", "reason": "Temporary." },
      {"rule":"ase-gpu/require-recreate-strategy", "file": "other/**", "reason": "  "}
    ]
  }
}
`;

describe('ExemptionTracker', () => {
  it('reports unused, expired and reason-less exemptions at their rule in the configuration file', async () => {
    const { rcPath, config, usage } = await configured(RC);
    const tracker = new ExemptionTracker();
    tracker.record(config, usage);
    const results = tracker.report({ reportUnused: true, today: '2026-01-01' });
    expect(results.map((result) => result.filePath)).toEqual([rcPath]);
    expect(results[0]!.warningCount).toBe(4);
    expect(results[0]!.messages.map((message) => [message.line, message.column, message.severity, message.ruleId, message.message])).toEqual([
      [8, 17, 1, null, 'Unused exemption for ase-gpu/valid-create-options (module "gone"): no finding in the files linted needed it; remove it from the configuration.'],
      [9, 17, 1, null, 'Exemption for ase-gpu/valid-create-options (module "scorer") expired on 2020-01-31 and no longer silences findings: fix the findings, or renew it with a new "expires" date.'],
      [10, 15, 1, null, 'Exemption for ase-gpu/require-recreate-strategy (files "other/**") has no reason: add "reason" saying why the finding is accepted, so that reviewers and auditors can judge it.'],
      [10, 15, 1, null, 'Unused exemption for ase-gpu/require-recreate-strategy (files "other/**"): no finding in the files linted needed it; remove it from the configuration.'],
    ]);
  });

  it('reports no unused exemption without reportUnused, nor one that a second file used', async () => {
    const { config, usage } = await configured(RC);
    const tracker = new ExemptionTracker();
    // The file that used the exemption first, then one that did not: the use counts for the run.
    tracker.record(config, usage);
    tracker.record(config, {});
    const quiet = tracker.report({ reportUnused: false, today: '2026-01-01' });
    expect(quiet[0]!.messages.map((message) => message.message.slice(0, 40))).toEqual(['Exemption for ase-gpu/valid-create-optio', 'Exemption for ase-gpu/require-recreate-s']);
    // The expiry is judged on the day given: before it, the exemption is merely unused.
    const earlier = tracker.report({ reportUnused: true, today: '2020-01-01' });
    expect(earlier[0]!.messages.filter((message) => message.message.includes('(module "scorer")')).map((message) => message.message.slice(0, 16))).toEqual(['Unused exemption']);
  });

  it('reports nothing for exemptions that were used and are in order, or never reached', async () => {
    const { config, usage } = await configured(`{"root":true,"extends":[],"rules":{"ase-gpu/require-recreate-strategy":"error"},"settings":{"exemptions":[{"rule":"require-recreate-strategy","reason":"Accepted."}]}}`);
    const used = new ExemptionTracker();
    used.record(config, usage);
    expect(used.report({ reportUnused: true, today: '2026-01-01' })).toEqual([]);
    expect(new ExemptionTracker().report({ reportUnused: true })).toEqual([]);
  });

  it('places a problem at line 0 when the configuration file is gone, and at 1:1 when its rule cannot be found', async () => {
    const gone = await configured(RC);
    rmSync(gone.rcPath);
    const tracker = new ExemptionTracker();
    tracker.record(gone.config, gone.usage);
    expect(tracker.report({ reportUnused: true, today: '2026-01-01' })[0]!.messages.map((message) => [message.line, message.column])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const moved = await configured(RC);
    // The rule ids now stand where no "rule" key precedes them.
    writeFileSync(moved.rcPath, RC.replaceAll('"rule": ', '"x": ').replaceAll('"rule":', '"x":'));
    const again = new ExemptionTracker();
    again.record(moved.config, moved.usage);
    expect(again.report({ reportUnused: true, today: '2026-01-01' })[0]!.messages.map((message) => [message.line, message.column])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('finds the rule in YAML and in spaced JSON, and names exemptions without a scope or with both', async () => {
    const yaml = [
      'root: true',
      'extends: []',
      'rules:',
      '  ase-gpu/gpu-count: error',
      'settings:',
      '  exemptions:',
      '    - rule: ase-gpu/gpu-count',
      '    - rule: ase-gpu/valid-env',
      '      module: m',
      '      file: "x/**"',
      '      reason: Accepted.',
      '',
    ].join('\n');
    const root = mkdtempSync(join(tmpdir(), 'ase-gpu-exemptions-'));
    roots.push(root);
    writeFileSync(join(root, '.aseGpurc.yaml'), yaml);
    const resolver = new ConfigResolver({ cwd: root });
    const config = resolver.effective(await resolver.forFolder(root), join(root, 'deployment.json'));
    const tracker = new ExemptionTracker();
    tracker.record(config, {});
    expect(tracker.report({ reportUnused: true, today: '2026-01-01' })[0]!.messages.map((message) => [message.line, message.column, message.message])).toEqual([
      [7, 13, 'Exemption for ase-gpu/gpu-count has no reason: add "reason" saying why the finding is accepted, so that reviewers and auditors can judge it.'],
      [7, 13, 'Unused exemption for ase-gpu/gpu-count: no finding in the files linted needed it; remove it from the configuration.'],
      [8, 13, 'Unused exemption for ase-gpu/valid-env (module "m", files "x/**"): no finding in the files linted needed it; remove it from the configuration.'],
    ]);
    const spaced = await configured(
      '{"root": true, "extends": [], "rules": {"ase-gpu/gpu-count": "error"},\n "settings": {"exemptions": [\n {"reason": "see ase-gpu/gpu-count", "rule" : "ase-gpu/gpu-count"}]}}',
    );
    const again = new ExemptionTracker();
    again.record(spaced.config, {});
    expect(again.report({ reportUnused: true, today: '2026-01-01' })[0]!.messages.map((message) => [message.line, message.column])).toEqual([[3, 47]]);
  });
});
