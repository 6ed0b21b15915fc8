import type { ESLint } from 'eslint';
import plugin from 'eslint-plugin-ase-gpu';
import { UserError, didYouMean, displayPath } from '../config/errors.js';
import { ConfigResolver } from '../config/resolve.js';
import { resolverOptions } from '../cli/lint-command.js';
import type { CliOptions } from '../cli/args.js';
import type { CliIO } from '../cli/io.js';
import { readRuleDoc } from '../rules-info.js';
import { renderTerminalDoc } from './terminal-doc.js';

interface RuleMeta {
  type?: string;
  fixable?: string;
  hasSuggestions?: boolean;
  docs?: { description?: string; recommended?: string; strict?: string; fixPolicy?: string; url?: string };
}

function metaOf(rule: unknown): RuleMeta {
  return ((rule as { meta?: RuleMeta }).meta ?? {}) as RuleMeta;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

/** `ase-gpu-lint rules [id]`: the rule list, or one rule's documentation (shipped in the package, so it works offline). */
export async function runRulesCommand(args: readonly string[], io: CliIO): Promise<number> {
  const rules = plugin.rules as Record<string, unknown>;
  const [requested, ...rest] = args;
  if (rest.length > 0 || requested?.startsWith('-')) throw new UserError('usage: ase-gpu-lint rules [rule]');
  if (!requested) {
    const rows = [['rule', 'recommended', 'strict', 'fix', 'description']];
    for (const name of Object.keys(rules).sort()) {
      const meta = metaOf(rules[name]);
      const fix = [meta.fixable ? 'fix' : '', meta.hasSuggestions ? 'suggestion' : ''].filter(Boolean).join('+') || '-';
      rows.push([`ase-gpu/${name}`, meta.docs?.recommended ?? '-', meta.docs?.strict ?? '-', fix, meta.docs?.description ?? '']);
    }
    io.stdout.write(`${table(rows)}\n\nRun "ase-gpu-lint rules <rule>" for a rule's documentation.\n`);
    return 0;
  }
  const name = requested.replace(/^ase-gpu\//u, '');
  // Own rules only: `constructor` or `__proto__` are names of every object, not rules.
  if (!Object.hasOwn(rules, name)) throw new UserError(`unknown rule "${requested}"${didYouMean(name, Object.keys(rules))}. Run "ase-gpu-lint rules" for the list.`);
  const doc = readRuleDoc(name);
  if (!doc) {
    const meta = metaOf(rules[name]);
    io.stdout.write(`ase-gpu/${name}: ${meta.docs?.description ?? ''}\n${meta.docs?.url ?? ''}\n`);
    return 0;
  }
  // A terminal's width, else 80 columns (pipes, files).
  const columns = (io.stdout as { columns?: number }).columns;
  io.stdout.write(renderTerminalDoc(doc, columns && columns >= 40 ? Math.min(columns, 100) : 80));
  return 0;
}

/** `--list-rules`: the rules in force for the current folder's configuration, with their severity and source. */
export async function runListRules(options: CliOptions, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver(resolverOptions(options, io.cwd));
  const folder = await resolver.forFolder(io.cwd);
  const rows = [['rule', 'severity', 'options', 'from']];
  const plugins = new Map<string, ESLint.Plugin>([...folder.layer.plugins].map(([namespace, loaded]) => [namespace, loaded.plugin]));
  const ids: string[] = [];
  for (const [namespace, loaded] of plugins) for (const name of Object.keys(loaded.rules ?? {})) ids.push(`${namespace}/${name}`);
  for (const id of ids.sort()) {
    const setting = folder.layer.rules.get(id);
    const severity = setting ? (['off', 'warn', 'error'] as const)[setting.severity] : 'off';
    rows.push([id, severity, setting?.options ? JSON.stringify(setting.options) : '', setting ? displayPath(setting.origin, io.cwd) : '']);
  }
  io.stdout.write(`${table(rows)}\n`);
  return 0;
}
