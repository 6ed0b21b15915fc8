import type { ESLint } from 'eslint';
import type { Exemption } from 'eslint-plugin-ase-gpu';

export type SeverityName = 'off' | 'warn' | 'error';
export type SeverityValue = SeverityName | 0 | 1 | 2;
export type RuleEntry = SeverityValue | [SeverityValue, ...unknown[]];

/** Where a setting came from: a configuration file's absolute path, `ase-gpu:<preset>`, `--rule` or `default`. */
export type Origin = string;

export interface RuleSetting {
  readonly severity: 0 | 1 | 2;
  /** Options given with the severity; undefined keeps the options of the setting it overrides. */
  readonly options: readonly unknown[] | undefined;
  readonly origin: Origin;
  /** The key in its file, for error messages (`rules["ase-gpu/no-binds"]`, `overrides[0].rules[...]`). */
  readonly key: string;
}

export interface SettingValue {
  readonly value: unknown;
  readonly origin: Origin;
}

export interface ExemptionEntry {
  readonly exemption: Exemption;
  readonly origin: Origin;
  /** Position of the exemption in its file's list, for locating it when reported. */
  readonly index: number;
  /** The key of its `rule` in its file (`settings.exemptions[0].rule`), for configuration errors. */
  readonly key?: string;
}

export interface LoadedPlugin {
  readonly namespace: string;
  readonly packageName: string;
  readonly plugin: ESLint.Plugin;
  readonly origin: Origin;
}

export interface OverrideLayer {
  readonly files: readonly string[];
  readonly ignores: readonly string[];
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly settings: ReadonlyMap<string, SettingValue>;
  readonly exemptions: readonly ExemptionEntry[];
  readonly origin: Origin;
}

/** A configuration with its `extends` applied (one file, or a cascade of files merged). */
export interface ConfigLayer {
  readonly plugins: Map<string, LoadedPlugin>;
  readonly rules: Map<string, RuleSetting>;
  readonly settings: Map<string, SettingValue>;
  readonly exemptions: ExemptionEntry[];
  readonly overrides: OverrideLayer[];
  files: { readonly globs: readonly string[]; readonly origin: Origin } | undefined;
  readonly ignores: { readonly globs: readonly string[]; readonly origin: Origin }[];
}

export function emptyLayer(): ConfigLayer {
  return { plugins: new Map(), rules: new Map(), settings: new Map(), exemptions: [], overrides: [], files: undefined, ignores: [] };
}

/** The configuration that applies to the files of one folder. */
export interface FolderConfig {
  readonly layer: ConfigLayer;
  /** Folder that `files`, `ignores`, `overrides[].files` and exemption `file` globs are relative to. */
  readonly baseDir: string;
  /** Configuration files of the cascade, nearest first; empty when the defaults apply. */
  readonly sources: readonly string[];
  /** Stable identity of this configuration (cache keys). */
  readonly id: string;
}

export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'warn', 'error'];

export function severityNumber(value: unknown): 0 | 1 | 2 | undefined {
  if (value === 0 || value === 'off') return 0;
  if (value === 1 || value === 'warn') return 1;
  if (value === 2 || value === 'error') return 2;
  return undefined;
}
