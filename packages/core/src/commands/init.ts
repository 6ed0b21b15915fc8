import { PRESET_NAMES, deviceProfileSchema, type PresetName } from 'eslint-plugin-ase-gpu';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UserError, displayPath } from '../config/errors.js';
import { ancestors, configCandidatesIn } from '../config/config-files.js';
import { unknownAseUpdate } from '../config/ase-updates.js';
import { ConfigResolver } from '../config/resolve.js';
import { coreVersion } from '../version.js';
import type { CliOptions } from '../cli/args.js';
import type { CliIO } from '../cli/io.js';

export const INIT_FILE = '.aseGpurc';
const SCHEMA_IN_PACKAGE = 'node_modules/ase-gpu-lint/schema/aseGpurc.schema.json';
/** Inherit the rules of the configuration above (no `extends`). */
const INHERIT = 'inherit';

interface Answers {
  aseVersion: string;
  /** Unset when not given: the rules then assume no count (see the device profile's gpuCount). */
  gpuCount: number | undefined;
  shares: string[];
  /** undefined: inherit the rules of the configuration above. */
  preset: PresetName | undefined;
}

type Question = keyof Answers;

/** Each answer checked on its own, so that an interactive run can ask again for just that one. */
const CHECKS: { readonly [K in Question]: (text: string | undefined, inherits: boolean) => Answers[K] } = {
  aseVersion(text) {
    const value = text?.trim() || deviceProfileSchema.properties.aseVersion.default;
    const unknown = unknownAseUpdate(value);
    if (unknown) throw new UserError(unknown);
    return value;
  },
  gpuCount(text) {
    const value = text?.trim();
    if (!value) return undefined;
    const count = Number(value);
    if (!/^\d+$/u.test(value) || !Number.isSafeInteger(count)) throw new UserError(`"${value}" is not a whole number.`);
    return count;
  },
  shares(text) {
    return (text ?? '').split(',').map((share) => share.trim()).filter(Boolean);
  },
  preset(text, inherits) {
    const value = text?.trim() || (inherits ? INHERIT : 'recommended');
    if (inherits && value === INHERIT) return undefined;
    if (!PRESET_NAMES.includes(value as PresetName)) {
      throw new UserError(`"${value}" is not one of ${[...PRESET_NAMES, ...(inherits ? [INHERIT] : [])].join(', ')}.`);
    }
    return value as PresetName;
  },
};

const FLAGS: Readonly<Record<Question, string>> = { aseVersion: '--ase-version', gpuCount: '--gpu-count', shares: '--shares', preset: '--preset' };

function flagged<K extends Question>(key: K, raw: Record<string, string | undefined>, inherits: boolean): Answers[K] {
  try {
    return CHECKS[key](raw[key], inherits);
  } catch (error) {
    throw error instanceof UserError ? new UserError(`${FLAGS[key]}: ${error.message}`) : error;
  }
}

function parseAnswers(raw: Record<string, string | undefined>, inherits: boolean): Answers {
  return {
    aseVersion: flagged('aseVersion', raw, inherits),
    gpuCount: flagged('gpuCount', raw, inherits),
    shares: flagged('shares', raw, inherits),
    preset: flagged('preset', raw, inherits),
  };
}

/** Asks each question until its answer is valid: one typo costs one question, not the session. */
async function ask(io: CliIO, defaults: Record<string, string | undefined>, parent: string | undefined): Promise<Answers> {
  const readline = createInterface({ input: io.stdin as NodeJS.ReadableStream, output: io.stderr as NodeJS.WritableStream });
  let ended = false;
  readline.on('close', () => (ended = true));
  const inherits = parent !== undefined;
  async function question<K extends Question>(key: K, text: string, fallback: string | undefined): Promise<Answers[K]> {
    for (;;) {
      if (ended) throw new UserError('--init: the input ended before every question was answered; nothing was written.');
      let answer: string;
      try {
        answer = (await readline.question(`${text}${fallback ? ` (${fallback})` : ''}: `)).trim();
      } catch {
        throw new UserError('--init: the input ended before every question was answered; nothing was written.');
      }
      try {
        return CHECKS[key](answer || fallback, inherits);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        io.stderr.write(`${error.message} Try again.\n`);
      }
    }
  }
  try {
    const presets = inherits ? `${INHERIT} (the rules of ${parent}), ${PRESET_NAMES.join(', ')}` : PRESET_NAMES.join(', ');
    return {
      aseVersion: await question('aseVersion', 'Device software update, YYMM', defaults.aseVersion ?? deviceProfileSchema.properties.aseVersion.default),
      gpuCount: await question('gpuCount', 'GPUs on the device (empty if unknown)', defaults.gpuCount),
      shares: await question('shares', 'Shares with "Use the share with Edge compute", comma-separated (empty if unknown)', defaults.shares),
      preset: await question('preset', `Preset: ${presets}`, defaults.preset ?? (inherits ? INHERIT : 'recommended')),
    };
  } finally {
    readline.close();
  }
}

/**
 * The `$schema` reference as seen from `folder`: the installed package's schema where Node would find
 * it from there (the nearest node_modules above), else the published file of this version.
 */
export function schemaReference(folder: string): string {
  for (const candidate of ancestors(folder)) {
    if (existsSync(join(candidate, SCHEMA_IN_PACKAGE))) {
      const path = relative(folder, join(candidate, SCHEMA_IN_PACKAGE)).split(sep).join('/');
      return path.startsWith('.') ? path : `./${path}`;
    }
  }
  return `https://unpkg.com/ase-gpu-lint@${coreVersion}/schema/aseGpurc.schema.json`;
}

/**
 * The starter file. Under an organisation's configuration it extends nothing unless a preset is asked
 * for: a preset here would set every rule again, lowering what the organisation raised.
 */
export function starterConfig(answers: Answers, schema: string): Record<string, unknown> {
  return {
    $schema: schema,
    ...(answers.preset ? { extends: [`ase-gpu:${answers.preset}`] } : {}),
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
  const folder = await new ConfigResolver({ cwd: io.cwd }).forFolder(io.cwd);
  const parent = folder.sources[0] === undefined ? undefined : displayPath(folder.sources[0], io.cwd);
  // Under an organisation's configuration, its device profile is the default of each answer.
  const inherited = (key: string): string | undefined => {
    const value = folder.layer.settings.get(key)?.value;
    return value === undefined ? undefined : Array.isArray(value) ? value.join(',') : String(value);
  };
  const raw: Record<string, string | undefined> = { ...options.initAnswers };
  for (const key of ['aseVersion', 'gpuCount', 'shares']) raw[key] ??= inherited(key);
  const interactive = Boolean(io.stdin.isTTY) && !options.yes;
  const answers = interactive ? await ask(io, raw, parent) : parseAnswers(raw, parent !== undefined);
  const config = starterConfig(answers, schemaReference(io.cwd));
  const path = join(io.cwd, INIT_FILE);
  if (existsSync(path)) throw new UserError(`${INIT_FILE} already exists.`);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  const rules = answers.preset ? `ase-gpu:${answers.preset}` : `the rules of ${parent}`;
  io.stdout.write(`Wrote ${INIT_FILE} (${rules}, ASE ${answers.aseVersion}). Run "ase-gpu-lint" to lint the manifests under this folder.\n`);
  if (answers.preset && parent) {
    io.stderr.write(`Note: "extends": ["ase-gpu:${answers.preset}"] sets every rule again in this folder, over the severities of ${parent}; remove it to keep them.\n`);
  }
  return 0;
}
