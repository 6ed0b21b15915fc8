import { parseArgs } from 'node:util';
import type { RuleEntry } from '../config/model.js';
import { unknownAseUpdate } from '../config/ase-updates.js';
import { unknownOptionMessage } from '../cli/unknown-option.js';
import { parseRuleOption } from '../cli/rule-option.js';

export type ExplainFormat = 'yaml' | 'json';

export interface ExplainArgs {
  readonly help: boolean;
  readonly manifest: string | undefined;
  readonly module: string | undefined;
  readonly format: ExplainFormat;
  readonly aseVersion: string | undefined;
  readonly gpuCount: number | undefined;
  /** The configuration options of lint, with the same meaning. */
  readonly config: string | undefined;
  readonly configLookup: boolean;
  readonly rules: Record<string, RuleEntry> | undefined;
  readonly exemptions: boolean;
}

export class ExplainUsageError extends Error {}

export const EXPLAIN_USAGE = `Usage: ase-gpu-lint explain <manifest> [--module <name>] [--format yaml|json] [--ase-version <YYMM>] [--gpu-count <n>]
                                    [-c <config>] [--no-config-lookup] [--rule <id: severity>] [--no-exemptions]

Prints the Kubernetes objects an Azure Stack Edge Pro GPU device creates for a deployment manifest,
each annotated with the manifest path it comes from, then what the device's IoT Edge agent rejects,
ignores or changes, and which rules report it. The configuration is the one lint uses for the file
(the .aseGpurc of its folder, or --config), so the device profile and the findings are lint's.

Options:
  --module <name>         Only this module's objects and findings (the verdict stays about the whole deployment)
  --format yaml|json      Output format (default: yaml)
  --ase-version <YYMM>    Device software update, over the configuration's aseVersion (default: 2403)
  --gpu-count <n>         GPUs available to Kubernetes, over the configuration's gpuCount (default: 1)
  -c, --config <path>     Use this configuration file (no lookup), as lint does
  --no-config-lookup      Do not look for .aseGpurc files
  --rule <id: severity>   Set a rule, as lint does (repeatable)
  --no-exemptions         Ignore the exemptions of the configuration
  -h, --help              Show this help
`;

const OPTIONS = {
  module: { type: 'string' },
  format: { type: 'string' },
  'ase-version': { type: 'string' },
  'gpu-count': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'no-exemptions': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === '') throw new ExplainUsageError(`--${name} needs a value.`);
  return value;
}

export function parseExplainArgs(argv: readonly string[]): ExplainArgs {
  const args = argv[0] === 'explain' ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = unknownOptionMessage(error as Error, Object.keys(OPTIONS));
    throw new ExplainUsageError(message.replace(/^Option '(--[\w-]+)(?: <value>)?' argument missing$/u, '$1 needs a value.'));
  }
  const values = parsed.values as Record<string, unknown>;
  if (parsed.positionals.length > 1) throw new ExplainUsageError(`explain takes one manifest, got ${parsed.positionals.length}.`);
  const format = nonEmpty('format', values.format as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new ExplainUsageError(`--format must be yaml or json, not "${format}".`);
  const aseVersion = nonEmpty('ase-version', values['ase-version'] as string | undefined);
  if (aseVersion !== undefined) {
    const unknown = unknownAseUpdate(aseVersion);
    if (unknown) throw new ExplainUsageError(`--ase-version: ${unknown}`);
  }
  const gpuText = nonEmpty('gpu-count', values['gpu-count'] as string | undefined);
  const gpuCount = gpuText === undefined ? undefined : Number(gpuText);
  if (gpuCount !== undefined && !(Number.isInteger(gpuCount) && gpuCount >= 0)) throw new ExplainUsageError(`--gpu-count must be a whole number, not "${gpuText}".`);
  const ruleTexts = (values.rule as string[] | undefined) ?? [];
  return {
    help: Boolean(values.help),
    manifest: parsed.positionals[0],
    module: nonEmpty('module', values.module as string | undefined),
    format,
    aseVersion,
    gpuCount,
    config: nonEmpty('config', values.config as string | undefined),
    configLookup: !values['no-config-lookup'],
    rules: ruleTexts.length > 0 ? (Object.assign(Object.create(null), ...ruleTexts.map(parseRuleOption)) as Record<string, RuleEntry>) : undefined,
    exemptions: !values['no-exemptions'],
  };
}
