import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { it as baseIt } from 'vitest';
import { renderTerminalDoc } from '../../packages/core/src/commands/terminal-doc.js';
import { REPO_ROOT, runCli, slowIt, treesCleanedAfterEach } from './helpers.js';

const it = slowIt();
const tree = treesCleanedAfterEach();

describe('rules <id> for a terminal', () => {
  baseIt('renders headings, wrapped paragraphs and items, indented code, aligned tables and links as text', () => {
    const page = [
      '<!-- begin generated header -->',
      '# ase-gpu/demo',
      '',
      '| preset | severity |',
      '|---|---|',
      '| recommended | **error** |',
      '<!-- end generated header -->',
      '',
      '## Why',
      '',
      'The agent turns each `Binds` entry into a **hostPath** volume; see [the guide](https://learn.microsoft.com/azure/databox-online/) and',
      '[no-file-bind-mounts](no-file-bind-mounts.md) for files.',
      '',
      '- first item that is long enough to be wrapped onto a second line by the renderer at forty',
      '  columns, continued here',
      '- second',
      '',
      '```json',
      '{ "HostConfig": { "Binds": ["/a:/a"] } }',
      '```',
      '',
      '### Options',
      'None.',
    ].join('\n');
    expect(renderTerminalDoc(page, 40).split('\n')).toEqual([
      'ase-gpu/demo',
      '============',
      '',
      '  preset       severity',
      '  recommended  error',
      '',
      'Why',
      '---',
      '',
      'The agent turns each Binds entry into a',
      'hostPath volume; see the guide',
      '(https://learn.microsoft.com/azure/databox-online/)',
      'and no-file-bind-mounts (ase-gpu-lint',
      'rules no-file-bind-mounts) for files.',
      '',
      '  - first item that is long enough to be',
      '    wrapped onto a second line by the',
      '    renderer at forty columns, continued',
      '    here',
      '  - second',
      '',
      '    { "HostConfig": { "Binds": ["/a:/a"] } }',
      '',
      'Options',
      '',
      'None.',
      '',
    ]);
  });

  const SYNTAX = [/^#{1,6} /mu, /```/u, /\*\*/u, /`/u, /\]\(/u, /<!--/u, /^\|/mu];
  const pages = readdirSync(join(REPO_ROOT, 'rules-docs')).filter((name) => name.endsWith('.md') && name !== 'TEMPLATE.md');

  baseIt('renders every rule page without markdown syntax', () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const page of pages) {
      const text = renderTerminalDoc(readFileSync(join(REPO_ROOT, 'rules-docs', page), 'utf8'));
      for (const syntax of SYNTAX) expect({ page, match: syntax.exec(text)?.[0] }).toEqual({ page, match: undefined });
    }
  });

  it('prints the shipped page through the CLI, rendered', () => {
    const t = tree({});
    for (const name of ['no-binds', 'require-recreate-strategy', 'valid-create-options']) {
      const run = runCli(['rules', `ase-gpu/${name}`], { cwd: t.root });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(renderTerminalDoc(readFileSync(join(REPO_ROOT, 'packages/core/rules-docs', `${name}.md`), 'utf8')));
      expect(run.stdout.split('\n').slice(0, 2)).toEqual([`ase-gpu/${name}`, '='.repeat(`ase-gpu/${name}`.length)]);
    }
  });

  it('points --help to documentation a user can open, not to this repository\'s files', () => {
    const t = tree({});
    const help = runCli(['--help'], { cwd: t.root }).stdout;
    expect(help).toContain('Documentation: https://github.com/ase-gpu-lint/ase-gpu-lint/blob/main/docs/cli.md\n');
    expect(help).toContain("Each rule's page ships with the package (its rules-docs/ folder): ase-gpu-lint rules <rule>.\n");
    expect(help).not.toMatch(/(?<!\/)docs\/cli\.md(?!\S)/u);
  });
});
