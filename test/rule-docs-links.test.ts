import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../packages/eslint-plugin-ase-gpu/src/index.js';
import { runRulesCommand } from '../packages/core/src/commands/rules.js';
import type { CliIO } from '../packages/core/src/cli/io.js';
import { formatSarif } from '../packages/core/src/format/sarif.js';
import type { LintResult } from '../packages/core/src/lint/types.js';
import { readRuleDoc, ruleInfoLookup } from '../packages/core/src/rules-info.js';

// The short messages leave the how-to to the rule page; these tests make sure every way a user has
// of reaching that page (docs.url in editors, helpUri in SARIF viewers, `ase-gpu-lint rules <id>`
// offline) leads to it, and that the page cites only what the user can open.
const repo = join(import.meta.dirname, '..');
const pluginPackage = JSON.parse(readFileSync(join(repo, 'packages/eslint-plugin-ase-gpu/package.json'), 'utf8')) as {
  repository: { url: string };
  aseGpu: { docsBaseUrl: string };
};
const rules = plugin.rules as Record<string, { meta: { docs: { url: string; description: string } } }>;
const names = Object.keys(rules).sort();

const AGENT_SOURCE = 'https://github.com/Azure/iotedge/blob/edge-on-k8s-public-preview-beta15/';
const K8S_DOC = 'https://github.com/microsoft/iotedge-k8s-doc/blob/e95776d0460bd0625859a4435a6be7d764abddd4/';

function body(doc: string): string {
  return doc.replace(/<!-- begin generated header -->[\s\S]*?<!-- end generated header -->/u, '');
}

describe('the way to each rule page', () => {
  it('docs.url is the page in the repository the package names', () => {
    const repository = pluginPackage.repository.url.replace(/^git\+/u, '').replace(/\.git$/u, '');
    expect(pluginPackage.aseGpu.docsBaseUrl).toBe(`${repository}/blob/main/rules-docs/`);
    for (const name of names) expect(rules[name]!.meta.docs.url).toBe(`${pluginPackage.aseGpu.docsBaseUrl}${name}.md`);
  });

  it('SARIF gives every rule its docs.url as helpUri and its page as help', () => {
    const messages = names.map((name, index) => ({ ruleId: `ase-gpu/${name}`, severity: 2 as const, message: 'x.', line: index + 1, column: 1 }));
    const result: LintResult = {
      filePath: join(repo, 'deployment.json'),
      messages,
      suppressedMessages: [],
      errorCount: messages.length,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    const sarif = JSON.parse(formatSarif([result], { cwd: repo, color: false, toolVersion: '0.0.0', rule: ruleInfoLookup(new Map([['ase-gpu', plugin as never]])) })) as {
      runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { markdown: string } }[] } } }[];
    };
    const byId = new Map(sarif.runs[0]!.tool.driver.rules.map((rule) => [rule.id, rule]));
    for (const name of names) {
      const rule = byId.get(`ase-gpu/${name}`);
      expect(rule?.helpUri).toBe(rules[name]!.meta.docs.url);
      expect(rule?.help.markdown).toContain('## Why it fails on the GPU device');
    }
  });

  it.each(names)('`rules %s` prints its page', async (name) => {
    const doc = readRuleDoc(name);
    expect(doc).toBe(readFileSync(join(repo, 'rules-docs', `${name}.md`), 'utf8'));
    let stdout = '';
    const io = { cwd: repo, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } } as unknown as CliIO;
    expect(await runRulesCommand([name], io)).toBe(0);
    expect(stdout).toContain(`ase-gpu/${name}`);
    expect(stdout).toContain('Why it fails on the GPU device');
  });
});

describe.each(names)('citations of %s', (name) => {
  const doc = body(readFileSync(join(repo, 'rules-docs', `${name}.md`), 'utf8'));
  const links = [...doc.matchAll(/\]\((https?:[^)\s]+)\)/gu)].map((match) => match[1]!);

  it('cites nothing a user cannot open: no private notes, no paths of this repository', () => {
    expect(doc).not.toMatch(/domain notes|domain\/|\.\.\/shared|§|ASE-(?:MIG|RN|TS)\b|\bIKD\b|`[KDT]\/|open question/u);
  });
  it('links the agent source at the beta15 tag with a line, and the Kubernetes guide at its commit', () => {
    for (const link of links.filter((url) => url.startsWith('https://github.com/Azure/iotedge/blob/'))) {
      if (link.startsWith(AGENT_SOURCE)) expect(link).toMatch(/\.(?:cs|md)(?:#L\d+)?$/u);
      if (link.startsWith(AGENT_SOURCE) && link.endsWith('.cs')) expect.fail(`${link} has no line anchor`);
    }
    for (const link of links.filter((url) => url.startsWith('https://github.com/microsoft/iotedge-k8s-doc/'))) expect(link.startsWith(K8S_DOC)).toBe(true);
  });
  it('links at least one public source for its constraint', () => {
    expect(links.length).toBeGreaterThan(0);
  });
});
