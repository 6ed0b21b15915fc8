import { parseArgs } from 'node:util';
import { UserError } from '../config/errors.js';
import type { RuleEntry } from '../config/model.js';
import { parseRuleOption } from './rule-option.js';
import { unknownOptionMessage } from './unknown-option.js';
import { FIX_TYPES, type FixType } from '../lint/fix-types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../files/find.js';
import { parseSize } from '../files/read.js';

export interface CliOptions {
  readonly patterns: string[];
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly fixTypes: FixType[] | undefined;
  readonly applySuggestions: boolean;
  /** A built-in format name, or an ESLint formatter module (path or package). */
  readonly format: string;
  readonly outputFile: string | undefined;
  readonly maxWarnings: number | undefined;
  readonly quiet: boolean;
  readonly rules: Record<string, RuleEntry> | undefined;
  readonly config: string | undefined;
  readonly configLookup: boolean;
  readonly exemptions: boolean;
  readonly cache: boolean;
  readonly cacheLocation: string | undefined;
  readonly concurrency: 'off' | 'auto' | number;
  /** Manifests larger than this many bytes are refused unread; 0: no limit. */
  readonly maxFileSize: number;
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly listRules: boolean;
  readonly suppressAll: boolean;
  readonly suppressRules: string[];
  readonly pruneSuppressions: boolean;
  readonly suppressionsLocation: string | undefined;
  readonly passOnUnprunedSuppressions: boolean;
  readonly printConfig: string | undefined;
  readonly init: boolean;
  readonly initAnswers: Record<string, string | undefined>;
  readonly yes: boolean;
  readonly color: boolean | undefined;
  readonly progress: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

const OPTIONS = {
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-type': { type: 'string', multiple: true },
  'apply-suggestions': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  'no-exemptions': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  concurrency: { type: 'string' },
  'max-file-size': { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'list-rules': { type: 'boolean' },
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'prune-suppressions': { type: 'boolean' },
  'suppressions-location': { type: 'string' },
  'pass-on-unpruned-suppressions': { type: 'boolean' },
  'print-config': { type: 'string' },
  init: { type: 'boolean' },
  'ase-version': { type: 'string' },
  'gpu-count': { type: 'string' },
  shares: { type: 'string' },
  preset: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function parseConcurrency(value: string | undefined): 'off' | 'auto' | number {
  if (value === undefined || value === 'off') return 'off';
  if (value === 'auto') return 'auto';
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UserError(`--concurrency must be "off", "auto" or a positive whole number, got "${value}".`);
  return number;
}

export function parseCliArguments(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${unknownOptionMessage(error as Error, Object.keys(OPTIONS))} Run "ase-gpu-lint --help" for the options.`);
  }
  const values = parsed.values as Record<string, unknown>;
  const format = (values.format as string | undefined) ?? 'stylish';
  if (format.trim() === '') throw new UserError('--format needs a format name or a formatter module.');
  const fixTypes = (values['fix-type'] as string[] | undefined)?.flatMap((value) => value.split(',').map((part) => part.trim()).filter(Boolean));
  for (const type of fixTypes ?? []) {
    if (!FIX_TYPES.includes(type as FixType)) throw new UserError(`--fix-type must be one of ${FIX_TYPES.join(', ')}, got "${type}".`);
  }
  const maxWarningsText = values['max-warnings'] as string | undefined;
  const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < -1)) throw new UserError(`--max-warnings must be a whole number, got "${maxWarningsText}".`);
  const maxFileSizeText = values['max-file-size'] as string | undefined;
  const maxFileSize = maxFileSizeText === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(maxFileSizeText);
  if (maxFileSize === undefined) throw new UserError(`--max-file-size must be a size in bytes, or with K, M or G (e.g. 64M), or 0 for no limit, got "${maxFileSizeText}".`);
  const ruleTexts = (values.rule as string[] | undefined) ?? [];
  const rules = ruleTexts.length > 0 ? Object.assign(Object.create(null), ...ruleTexts.map(parseRuleOption)) as Record<string, RuleEntry> : undefined;
  const stdin = Boolean(values.stdin);
  const fix = Boolean(values.fix);
  const fixDryRun = Boolean(values['fix-dry-run']);
  if (fix && fixDryRun) throw new UserError('--fix and --fix-dry-run cannot be used together.');
  if (stdin && fix) throw new UserError('--fix cannot write to standard input: use --fix-dry-run to see the fixed text as a diff.');
  if (values['stdin-filename'] !== undefined && !stdin) throw new UserError('--stdin-filename needs --stdin.');
  if (fixTypes && !fix && !fixDryRun) throw new UserError('--fix-type needs --fix or --fix-dry-run.');
  const suppressRules = (values['suppress-rule'] as string[] | undefined) ?? [];
  if (values['suppress-all'] && suppressRules.length > 0) throw new UserError('--suppress-all and --suppress-rule cannot be used together.');
  return {
    patterns: parsed.positionals,
    fix,
    fixDryRun,
    fixTypes: fixTypes as FixType[] | undefined,
    applySuggestions: Boolean(values['apply-suggestions']),
    format,
    outputFile: values['output-file'] as string | undefined,
    maxWarnings: maxWarnings === -1 ? undefined : maxWarnings,
    quiet: Boolean(values.quiet),
    rules,
    config: values.config as string | undefined,
    configLookup: !values['no-config-lookup'],
    exemptions: !values['no-exemptions'],
    cache: Boolean(values.cache),
    cacheLocation: values['cache-location'] as string | undefined,
    concurrency: parseConcurrency(values.concurrency as string | undefined),
    maxFileSize,
    stdin,
    stdinFilename: values['stdin-filename'] as string | undefined,
    listRules: Boolean(values['list-rules']),
    suppressAll: Boolean(values['suppress-all']),
    suppressRules,
    pruneSuppressions: Boolean(values['prune-suppressions']),
    suppressionsLocation: values['suppressions-location'] as string | undefined,
    passOnUnprunedSuppressions: Boolean(values['pass-on-unpruned-suppressions']),
    printConfig: values['print-config'] as string | undefined,
    init: Boolean(values.init),
    initAnswers: {
      aseVersion: values['ase-version'] as string | undefined,
      gpuCount: values['gpu-count'] as string | undefined,
      shares: values.shares as string | undefined,
      preset: values.preset as string | undefined,
    },
    yes: Boolean(values.yes),
    color: values['no-color'] ? false : values.color ? true : undefined,
    progress: !values['no-progress'],
    help: Boolean(values.help),
    version: Boolean(values.version),
  };
}
