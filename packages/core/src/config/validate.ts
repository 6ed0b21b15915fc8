import { deviceProfileSchema } from 'eslint-plugin-ase-gpu';
import { aseUpdateText, unknownAseUpdate } from './ase-updates.js';
import { ConfigError, didYouMean } from './errors.js';
import { compileSchema, describeSchemaError, schemaAtPointer } from './json-schema.js';
import { SEVERITY_NAMES, severityNumber } from './model.js';

export interface RawOverride {
  files: string | string[];
  ignores?: string | string[];
  rules?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

export interface RawConfig {
  $schema?: string;
  root?: boolean;
  extends?: string | string[];
  plugins?: string[];
  rules?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  overrides?: RawOverride[];
  files?: string | string[];
  ignores?: string | string[];
}

export const CONFIG_KEYS = ['$schema', 'root', 'extends', 'plugins', 'rules', 'settings', 'overrides', 'files', 'ignores'] as const;
export const OVERRIDE_KEYS = ['files', 'ignores', 'rules', 'settings'] as const;

export const CONFIG_KEY_DESCRIPTIONS: Record<(typeof CONFIG_KEYS)[number], string> = {
  $schema: 'The JSON Schema of this file, for editor completion.',
  root: 'Stop looking for configuration files in parent folders.',
  extends: 'Configurations this one builds on: ase-gpu:recommended|strict|migration|all, a relative file, or an npm package resolved from this file\'s folder.',
  plugins: 'ESLint plugins (package names) with team rules written on the ase-gpu manifest model.',
  rules: 'Rule severities and options, in ESLint\'s syntax: "off" | "warn" | "error" or [severity, options].',
  settings: 'The device profile (and exemptions) of the Azure Stack Edge Pro GPU device the manifests are deployed to.',
  overrides: 'Rules and settings for files matching globs (relative to the folder of the configuration that applies).',
  files: 'Globs of the manifests to lint when a folder is linted (default: every manifest, recognised by content).',
  ignores: 'Globs of files and folders never to lint.',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0));
}

export function asList(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

function checkRulesShape(file: string, prefix: string, rules: unknown): void {
  if (!isPlainObject(rules)) throw new ConfigError(file, prefix, 'must be an object of rule ids to severities.');
  for (const [id, entry] of Object.entries(rules)) {
    const key = `${prefix}[${JSON.stringify(id)}]`;
    const severity = Array.isArray(entry) ? entry[0] : entry;
    if (Array.isArray(entry) && entry.length === 0) throw new ConfigError(file, key, 'an array entry starts with the severity ("off", "warn" or "error").');
    if (severityNumber(severity) === undefined) {
      const hint = typeof severity === 'string' ? didYouMean(severity, SEVERITY_NAMES) : '';
      throw new ConfigError(file, key, `severity ${JSON.stringify(severity)} is not one of "off", "warn", "error", 0, 1, 2${hint}.`);
    }
  }
}

/** True for a YYYY-MM-DD that names a day of the calendar (not 2027-02-30 nor 2027-13-45). */
export function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

async function checkSettings(file: string, prefix: string, settings: unknown): Promise<void> {
  if (!isPlainObject(settings)) throw new ConfigError(file, prefix, 'must be an object (the device profile).');
  // YAML reads `aseVersion: 2403` as a number; the plugin reads the update as text.
  if (Object.hasOwn(settings, 'aseVersion')) settings.aseVersion = aseUpdateText(settings.aseVersion);
  const validate = await compileSchema(deviceProfileSchema);
  if (!validate(settings)) {
    const error = validate.errors![0]!;
    const { key, message } = describeSchemaError(error, (pointer) => schemaAtPointer(deviceProfileSchema, pointer));
    throw new ConfigError(file, `${prefix}${key}`, message);
  }
  if (typeof settings.aseVersion === 'string') {
    const unknown = unknownAseUpdate(settings.aseVersion);
    if (unknown) throw new ConfigError(file, `${prefix}.aseVersion`, unknown);
  }
  for (const [index, exemption] of ((settings.exemptions ?? []) as { expires?: string }[]).entries()) {
    if (exemption.expires !== undefined && !isCalendarDate(exemption.expires)) {
      throw new ConfigError(file, `${prefix}.exemptions[${index}].expires`, `"${exemption.expires}" is not a date of the calendar (YYYY-MM-DD).`);
    }
  }
}

function checkKeys(file: string, prefix: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ConfigError(file, prefix || undefined, `unknown key "${key}"${didYouMean(key, known)}; known keys: ${known.join(', ')}.`);
    }
  }
}

/**
 * Checks the shape of one configuration file as written: keys, types, severities and the device
 * profile. Rule ids and rule options are checked once the plugins of the whole chain are known.
 */
export async function validateRawConfig(file: string, value: unknown): Promise<RawConfig> {
  if (!isPlainObject(value)) throw new ConfigError(file, undefined, 'must hold an object (the ase-gpu-lint configuration).');
  checkKeys(file, '', value, CONFIG_KEYS);
  if (value.$schema !== undefined && typeof value.$schema !== 'string') throw new ConfigError(file, '$schema', 'must be a string.');
  if (value.root !== undefined && typeof value.root !== 'boolean') throw new ConfigError(file, 'root', 'must be true or false.');
  if (value.extends !== undefined && !isStringList(value.extends)) throw new ConfigError(file, 'extends', 'must be a string or a list of strings.');
  if (value.plugins !== undefined && !(Array.isArray(value.plugins) && value.plugins.every((item) => typeof item === 'string' && item.length > 0))) {
    throw new ConfigError(file, 'plugins', 'must be a list of package names.');
  }
  if (value.rules !== undefined) checkRulesShape(file, 'rules', value.rules);
  if (value.settings !== undefined) await checkSettings(file, 'settings', value.settings);
  for (const key of ['files', 'ignores'] as const) {
    if (value[key] !== undefined && !isStringList(value[key])) throw new ConfigError(file, key, 'must be a glob or a list of globs.');
  }
  if (value.overrides !== undefined) {
    if (!Array.isArray(value.overrides)) throw new ConfigError(file, 'overrides', 'must be a list of { files, rules?, settings? } objects.');
    for (const [index, override] of value.overrides.entries()) {
      const prefix = `overrides[${index}]`;
      if (!isPlainObject(override)) throw new ConfigError(file, prefix, 'must be an object with "files" and "rules" or "settings".');
      checkKeys(file, prefix, override, OVERRIDE_KEYS);
      if (override.files === undefined || !isStringList(override.files) || asList(override.files as string[]).length === 0) {
        throw new ConfigError(file, `${prefix}.files`, 'must be a glob or a non-empty list of globs.');
      }
      if (override.ignores !== undefined && !isStringList(override.ignores)) throw new ConfigError(file, `${prefix}.ignores`, 'must be a glob or a list of globs.');
      if (override.rules !== undefined) checkRulesShape(file, `${prefix}.rules`, override.rules);
      if (override.settings !== undefined) await checkSettings(file, `${prefix}.settings`, override.settings);
    }
  }
  return value as RawConfig;
}
