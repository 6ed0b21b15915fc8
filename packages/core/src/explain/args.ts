export type ExplainFormat = 'yaml' | 'json';

export interface ExplainArgs {
  readonly help: boolean;
  readonly manifest: string | undefined;
  readonly module: string | undefined;
  readonly format: ExplainFormat;
  readonly aseVersion: string | undefined;
  readonly gpuCount: number | undefined;
}

export class ExplainUsageError extends Error {}

export const EXPLAIN_USAGE = `Usage: ase-gpu-lint explain <manifest> [--module <name>] [--format yaml|json] [--ase-version <YYMM>] [--gpu-count <n>]

Prints the Kubernetes objects an Azure Stack Edge Pro GPU device creates for a deployment manifest,
each annotated with the manifest path it comes from, then what the device's IoT Edge agent rejects,
ignores or changes, and what a team migrating from an FPGA device should know.

Options:
  --module <name>       Only this module's objects and findings (the verdict stays about the whole deployment)
  --format yaml|json    Output format (default: yaml)
  --ase-version <YYMM>  Device software update (default: 2403), which selects the Kubernetes version
  --gpu-count <n>       GPUs available to Kubernetes (default: 1)
  -h, --help            Show this help
`;

const VALUE_FLAGS = new Set(['--module', '--format', '--ase-version', '--gpu-count']);

export function parseExplainArgs(argv: readonly string[]): ExplainArgs {
  const args = argv[0] === 'explain' ? argv.slice(1) : [...argv];
  const values = new Map<string, string>();
  const positional: string[] = [];
  let help = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '--') {
      positional.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const flag = equals < 0 ? arg : arg.slice(0, equals);
      if (!VALUE_FLAGS.has(flag)) throw new ExplainUsageError(`Unknown option ${flag}.`);
      const value = equals < 0 ? args[++index] : arg.slice(equals + 1);
      if (value === undefined || value === '') throw new ExplainUsageError(`${flag} needs a value.`);
      values.set(flag, value);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new ExplainUsageError(`Unknown option ${arg}.`);
    positional.push(arg);
  }
  if (positional.length > 1) throw new ExplainUsageError(`explain takes one manifest, got ${positional.length}.`);
  const format = values.get('--format') ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new ExplainUsageError(`--format must be yaml or json, not "${format}".`);
  const aseVersion = values.get('--ase-version');
  if (aseVersion !== undefined && !/^\d{4}$/u.test(aseVersion)) throw new ExplainUsageError(`--ase-version must be a software update such as 2403, not "${aseVersion}".`);
  const gpuText = values.get('--gpu-count');
  const gpuCount = gpuText === undefined ? undefined : Number(gpuText);
  if (gpuCount !== undefined && !(Number.isInteger(gpuCount) && gpuCount >= 0)) throw new ExplainUsageError(`--gpu-count must be a whole number, not "${gpuText}".`);
  return { help, manifest: positional[0], module: values.get('--module'), format, aseVersion, gpuCount };
}
