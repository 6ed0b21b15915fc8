import { PRESET_NAMES, deviceProfileSchema, type PresetName } from 'eslint-plugin-ase-gpu';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UserError, displayPath } from '../config/errors.js';
import { configCandidatesIn } from '../config/config-files.js';
import type { CliOptions } from '../cli/args.js';
import type { CliIO } from '../cli/io.js';

export const INIT_FILE = '.aseGpurc';
export const SCHEMA_REFERENCE = './node_modules/ase-gpu-lint/schema/aseGpurc.schema.json';

interface Answers {
  aseVersion: string;
  /** Unset when not given: the rules then assume no count (see the device profile's gpuCount). */
  gpuCount: number | undefined;
  shares: string[];
  preset: PresetName;
}

function parseAnswers(raw: Record<string, string | undefined>): Answers {
  const aseVersion = raw.aseVersion?.trim() || deviceProfileSchema.properties.aseVersion.default;
  if (!/^\d{4}$/u.test(aseVersion)) throw new UserError(`--ase-version must be the device's update as YYMM (e.g. 2403), got "${aseVersion}".`);
  const gpuText = raw.gpuCount?.trim() || undefined;
  const gpuCount = gpuText === undefined ? undefined : Number(gpuText);
  if (gpuCount !== undefined && (!Number.isInteger(gpuCount) || gpuCount < 0)) throw new UserError(`--gpu-count must be a whole number, got "${gpuText}".`);
  const shares = (raw.shares ?? '').split(',').map((share) => share.trim()).filter(Boolean);
  const preset = (raw.preset?.trim() || 'recommended') as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new UserError(`--preset must be one of ${PRESET_NAMES.join(', ')}, got "${preset}".`);
  return { aseVersion, gpuCount, shares, preset };
}

async function ask(io: CliIO, defaults: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const readline = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const question = async (text: string, fallback: string | undefined): Promise<string | undefined> => {
      const answer = (await readline.question(`${text}${fallback ? ` (${fallback})` : ''}: `)).trim();
      return answer || fallback;
    };
    return {
      aseVersion: await question('Device software update, YYMM', defaults.aseVersion ?? deviceProfileSchema.properties.aseVersion.default),
      gpuCount: await question('GPUs on the device (empty if unknown)', defaults.gpuCount),
      shares: await question('Shares with "Use the share with Edge compute", comma-separated (empty if unknown)', defaults.shares),
      preset: await question(`Preset: ${PRESET_NAMES.join(', ')}`, defaults.preset ?? 'recommended'),
    };
  } finally {
    readline.close();
  }
}

export function starterConfig(answers: Answers): Record<string, unknown> {
  return {
    $schema: SCHEMA_REFERENCE,
    extends: [`ase-gpu:${answers.preset}`],
    settings: {
      aseVersion: answers.aseVersion,
      ...(answers.gpuCount !== undefined ? { gpuCount: answers.gpuCount } : {}),
      ...(answers.shares.length > 0 ? { shares: answers.shares } : {}),
      exemptions: [],
    },
    rules: {},
  };
}

/** `--init`: writes a starter `.aseGpurc` in the current folder; asks for the device profile in a terminal. */
export async function runInit(options: CliOptions, io: CliIO): Promise<number> {
  const existing = configCandidatesIn(io.cwd).filter((path) => !path.endsWith('package.json'));
  if (existing.length > 0) throw new UserError(`${displayPath(existing[0]!, io.cwd)} already exists; edit it instead of running --init.`);
  const interactive = Boolean(io.stdin.isTTY) && !options.yes;
  const raw = interactive ? await ask(io, options.initAnswers) : options.initAnswers;
  const config = starterConfig(parseAnswers(raw));
  const path = join(io.cwd, INIT_FILE);
  if (existsSync(path)) throw new UserError(`${INIT_FILE} already exists.`);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout.write(`Wrote ${INIT_FILE} (${(config.extends as string[]).join(', ')}, ASE ${raw.aseVersion ?? deviceProfileSchema.properties.aseVersion.default}). Run "ase-gpu-lint" to lint the manifests under this folder.\n`);
  return 0;
}
