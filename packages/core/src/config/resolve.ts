import type { ESLint } from 'eslint';
import plugin, { exemptionKey, PRESET_NAMES, type Exemption, type PresetName } from 'eslint-plugin-ase-gpu';
import { minimatch } from 'minimatch';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ancestors, configCandidatesIn, isRepositoryRoot, loadConfigFile } from './config-files.js';
import { ConfigError, didYouMean } from './errors.js';
import { compileSchema, describeSchemaError, schemaAtPointer } from './json-schema.js';
import {
  emptyLayer,
  severityNumber,
  type ConfigLayer,
  type ExemptionEntry,
  type FolderConfig,
  type LoadedPlugin,
  type Origin,
  type RuleEntry,
  type RuleSetting,
  type SettingValue,
} from './model.js';
import { loadPlugin, resolvePackage } from './plugins.js';
import { asList, validateRawConfig, type RawConfig } from './validate.js';

export const BUILTIN_PREFIX = 'ase-gpu:';
export const CORE_PLUGIN: LoadedPlugin = { namespace: 'ase-gpu', packageName: 'eslint-plugin-ase-gpu', plugin: plugin as ESLint.Plugin, origin: 'default' };
export const DEFAULT_PRESET: PresetName = 'recommended';

export interface ResolverOptions {
  readonly cwd: string;
  /** `--config`: this file applies to every file, and no lookup happens. */
  readonly configFile?: string | undefined;
  /** `--no-config-lookup`: no `.aseGpurc` search (the defaults, or `--config`). */
  readonly configLookup?: boolean;
  /** `--rule` entries, applied over every configuration. */
  readonly ruleOverrides?: Readonly<Record<string, RuleEntry>>;
  /** `--no-exemptions`. */
  readonly exemptions?: boolean;
}

/** The configuration of one file: what goes into ESLint, and where each piece came from. */
export interface FileConfig {
  readonly folder: FolderConfig;
  readonly rules: Record<string, RuleEntry>;
  readonly ruleSources: ReadonlyMap<string, RuleSetting>;
  /** The device profile as the plugin reads it from `settings["ase-gpu"]`. */
  readonly settings: Record<string, unknown>;
  readonly settingSources: ReadonlyMap<string, SettingValue>;
  readonly exemptions: readonly AppliedExemption[];
  readonly plugins: Readonly<Record<string, ESLint.Plugin>>;
  /** Identity of this exact configuration (flat-config and result caches). */
  readonly key: string;
}

export interface AppliedExemption {
  readonly entry: ExemptionEntry;
  /** The exemption handed to the plugin (its `file` glob made absolute). */
  readonly applied: Exemption;
  /** exemptionKey(applied): what the plugin counts usage under. */
  readonly key: string;
}

interface LoadedFile {
  readonly layer: ConfigLayer;
  readonly root: boolean;
  readonly hasExtends: boolean;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function ruleSetting(entry: unknown, origin: Origin, key: string): RuleSetting {
  const list = Array.isArray(entry) ? entry : [entry];
  return { severity: severityNumber(list[0])!, options: list.length > 1 ? list.slice(1) : undefined, origin, key };
}

function mergeRules(target: Map<string, RuleSetting>, source: ReadonlyMap<string, RuleSetting>): void {
  for (const [id, setting] of source) {
    const base = target.get(id);
    // ESLint semantics: a severity alone keeps the options set before it.
    target.set(id, setting.options === undefined && base?.options !== undefined ? { ...setting, options: base.options } : setting);
  }
}

function mergeLayer(target: ConfigLayer, source: ConfigLayer): void {
  for (const [namespace, loaded] of source.plugins) target.plugins.set(namespace, loaded);
  mergeRules(target.rules, source.rules);
  for (const [key, value] of source.settings) target.settings.set(key, value);
  target.exemptions.push(...source.exemptions);
  target.overrides.push(...source.overrides);
  if (source.files) target.files = source.files;
  target.ignores.push(...source.ignores);
}

function settingsOf(raw: Record<string, unknown> | undefined, origin: Origin, prefix: string): { settings: Map<string, SettingValue>; exemptions: ExemptionEntry[] } {
  const settings = new Map<string, SettingValue>();
  const exemptions: ExemptionEntry[] = [];
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (key === 'exemptions') (value as Exemption[]).forEach((exemption, index) => exemptions.push({ exemption, origin, index, key: `${prefix}.exemptions[${index}].rule` }));
    else settings.set(key, { value, origin });
  }
  return { settings, exemptions };
}

/** `no-binds` is `ase-gpu/no-binds`, as in exemptions: a rule id without a namespace names a rule of this plugin. */
export function fullRuleId(id: string): string {
  return id.includes('/') ? id : `${CORE_PLUGIN.namespace}/${id}`;
}

function rulesOf(raw: Record<string, unknown> | undefined, origin: Origin, prefix: string): Map<string, RuleSetting> {
  const rules = new Map<string, RuleSetting>();
  for (const [id, entry] of Object.entries(raw ?? {})) rules.set(fullRuleId(id), ruleSetting(entry, origin, prefix === '' ? JSON.stringify(id) : `${prefix}[${JSON.stringify(id)}]`));
  return rules;
}

export function presetLayer(name: PresetName): ConfigLayer {
  const layer = emptyLayer();
  const origin = `${BUILTIN_PREFIX}${name}`;
  layer.plugins.set(CORE_PLUGIN.namespace, CORE_PLUGIN);
  for (const [id, entry] of Object.entries(plugin.configs[name].rules ?? {})) layer.rules.set(id, ruleSetting(entry, origin, `rules[${JSON.stringify(id)}]`));
  return layer;
}

/** The rule object for an id such as `ase-gpu/no-binds` or `@contoso/team/rule`, among the loaded plugins. */
type PluginRule = NonNullable<ESLint.Plugin['rules']>[string];

export function findRule(id: string, plugins: ReadonlyMap<string, LoadedPlugin>): PluginRule | undefined {
  const slash = id.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const rules = plugins.get(id.slice(0, slash))?.plugin.rules;
  const name = id.slice(slash + 1);
  // Own rules only: `constructor` and `__proto__` are on every object's prototype.
  return rules && Object.hasOwn(rules, name) ? rules[name] : undefined;
}

function allRuleIds(plugins: ReadonlyMap<string, LoadedPlugin>): string[] {
  const ids: string[] = [];
  for (const [namespace, loaded] of plugins) for (const name of Object.keys(loaded.plugin.rules ?? {})) ids.push(`${namespace}/${name}`);
  return ids;
}

/** ESLint's schema for a rule's options list. */
export function ruleOptionsSchema(rule: { meta?: { schema?: unknown } }): object | false | undefined {
  const schema = rule.meta?.schema;
  if (schema === false) return false;
  if (Array.isArray(schema)) return schema.length === 0 ? { type: 'array', maxItems: 0 } : { type: 'array', items: schema, minItems: 0, maxItems: schema.length };
  if (schema && typeof schema === 'object') return schema;
  return undefined;
}

const checkedSettings = new WeakSet<RuleSetting>();

async function checkRule(id: string, setting: RuleSetting, plugins: ReadonlyMap<string, LoadedPlugin>): Promise<void> {
  if (checkedSettings.has(setting)) return;
  const rule = findRule(id, plugins) as { meta?: { schema?: unknown; deprecated?: unknown } } | undefined;
  if (!rule) {
    const namespace = id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : undefined;
    const reason =
      namespace && !plugins.has(namespace)
        ? `no plugin "${namespace}" is loaded (add its package to "plugins")`
        : `no loaded plugin provides this rule${didYouMean(id, allRuleIds(plugins))}`;
    throw new ConfigError(setting.origin, setting.key, `${reason}.`);
  }
  // The plugin's presets are checked against the schemas by its tests (test/rules-consistency.test.ts);
  // checking them here would load Ajv on every run that starts from a preset.
  if (setting.options !== undefined && setting.severity !== 0 && !setting.origin.startsWith(BUILTIN_PREFIX)) {
    const schema = ruleOptionsSchema(rule);
    if (schema === undefined) throw new ConfigError(setting.origin, setting.key, 'this rule takes no options.');
    if (schema !== false) {
      const validate = await compileSchema(schema);
      if (!validate(setting.options)) {
        const { key, message } = describeSchemaError(validate.errors![0]!, (pointer) => schemaAtPointer(schema, pointer));
        // Options start at index 1 of the entry: [severity, ...options].
        const shifted = key.replace(/^\[(\d+)\]/u, (_, index: string) => `[${Number(index) + 1}]`);
        throw new ConfigError(setting.origin, `${setting.key}${shifted}`, `invalid option: ${message}`);
      }
    }
  }
  checkedSettings.add(setting);
}

/**
 * An exemption for a rule that does not exist silences nothing and would only surface later as
 * "unused": a typo, refused like an unknown rule in `rules`. Exemptions name rules of this plugin.
 */
function checkExemptionRule(entry: ExemptionEntry): void {
  const rule = entry.exemption.rule;
  const name = rule.startsWith(`${CORE_PLUGIN.namespace}/`) ? rule.slice(CORE_PLUGIN.namespace.length + 1) : rule;
  const rules = plugin.rules ?? {};
  if (Object.hasOwn(rules, name)) return;
  const ids = Object.keys(rules).map((id) => `${CORE_PLUGIN.namespace}/${id}`);
  throw new ConfigError(entry.origin, entry.key ?? 'exemptions', `unknown rule "${rule}"${didYouMean(fullRuleId(rule), ids)}; exemptions name rules of ${CORE_PLUGIN.namespace} (ase-gpu/<name> or <name>).`);
}

function isInside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function matchesGlobs(relativePath: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(relativePath, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/** True when the path or one of its folders matches an ignore glob (`dist`, `legacy/**`, `*.old.json`). */
export function isIgnoredBy(relativePath: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const parts = relativePath.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (globs.some((glob) => minimatch(prefix, glob.replace(/\/$/u, ''), { dot: true, matchBase: !glob.replace(/\/$/u, '').includes('/') }))) return true;
  }
  return false;
}

export class ConfigResolver {
  readonly options: ResolverOptions;
  readonly #files = new Map<string, Promise<LoadedFile | undefined>>();
  readonly #folders = new Map<string, Promise<FolderConfig>>();
  readonly #fileConfigs = new Map<string, FileConfig>();
  readonly #forced: string | undefined;

  constructor(options: ResolverOptions) {
    this.options = options;
    this.#forced = options.configFile ? resolve(options.cwd, options.configFile) : undefined;
  }

  /** Loads one configuration file with its `extends` and `plugins`; undefined for a package.json without `aseGpu`. */
  loadFile(path: string, stack: readonly string[] = []): Promise<LoadedFile | undefined> {
    if (stack.includes(path)) {
      const cycle = [...stack.slice(stack.indexOf(path)), path].map((item) => relative(this.options.cwd, item) || item).join(' → ');
      throw new ConfigError(stack[stack.length - 1], 'extends', `extends itself through a cycle: ${cycle}.`);
    }
    let promise = this.#files.get(path);
    if (!promise) {
      promise = this.#load(path, [...stack, path]);
      // A cycle is only detected with the stack that reaches it: do not cache failures.
      promise.catch(() => this.#files.delete(path));
      this.#files.set(path, promise);
    }
    return promise;
  }

  async #load(path: string, stack: readonly string[]): Promise<LoadedFile | undefined> {
    const value = await loadConfigFile(path);
    if (value === undefined && path.endsWith('package.json')) return undefined;
    const raw: RawConfig = await validateRawConfig(path, value);
    const folder = dirname(path);
    const layer = emptyLayer();
    for (const [index, specifier] of asList(raw.extends).entries()) {
      const key = Array.isArray(raw.extends) ? `extends[${index}]` : 'extends';
      mergeLayer(layer, await this.#extended(specifier, path, folder, key, stack));
    }
    for (const [index, name] of (raw.plugins ?? []).entries()) {
      const loaded = name === CORE_PLUGIN.packageName ? CORE_PLUGIN : await loadPlugin(name, folder, path, index);
      layer.plugins.set(loaded.namespace, loaded);
    }
    const own = emptyLayer();
    mergeRules(own.rules, rulesOf(raw.rules, path, 'rules'));
    const { settings, exemptions } = settingsOf(raw.settings, path, 'settings');
    for (const [key, setting] of settings) own.settings.set(key, setting);
    own.exemptions.push(...exemptions);
    for (const [index, override] of (raw.overrides ?? []).entries()) {
      const overrideSettings = settingsOf(override.settings, path, `overrides[${index}].settings`);
      own.overrides.push({
        files: asList(override.files),
        ignores: asList(override.ignores),
        rules: rulesOf(override.rules, path, `overrides[${index}].rules`),
        settings: overrideSettings.settings,
        exemptions: overrideSettings.exemptions,
        origin: path,
      });
    }
    if (raw.files !== undefined) own.files = { globs: asList(raw.files), origin: path };
    if (raw.ignores !== undefined) own.ignores.push({ globs: asList(raw.ignores), origin: path });
    mergeLayer(layer, own);
    return { layer, root: raw.root === true, hasExtends: raw.extends !== undefined };
  }

  async #extended(specifier: string, from: string, folder: string, key: string, stack: readonly string[]): Promise<ConfigLayer> {
    if (specifier.startsWith(BUILTIN_PREFIX)) {
      const name = specifier.slice(BUILTIN_PREFIX.length) as PresetName;
      if (!PRESET_NAMES.includes(name)) {
        throw new ConfigError(from, key, `unknown built-in configuration "${specifier}"${didYouMean(specifier, PRESET_NAMES.map((preset) => `${BUILTIN_PREFIX}${preset}`))}; use one of ${PRESET_NAMES.map((preset) => BUILTIN_PREFIX + preset).join(', ')}.`);
      }
      return presetLayer(name);
    }
    const isPath = specifier.startsWith('.') || isAbsolute(specifier);
    const target = isPath ? resolve(folder, specifier) : resolvePackage(specifier, folder);
    if (!target || !existsSync(target)) {
      throw new ConfigError(from, key, isPath ? `cannot find "${specifier}" (resolved to ${target}).` : `cannot find the package "${specifier}" from ${folder} (install it, or fix the name).`);
    }
    const loaded = await this.loadFile(target, stack);
    if (!loaded) throw new ConfigError(from, key, `"${specifier}" has no "aseGpu" configuration.`);
    return loaded.layer;
  }

  /** The configuration files that apply to a folder, nearest first (the cascade stops at `root: true` or the repository root). */
  async #cascade(folder: string): Promise<{ path: string; loaded: LoadedFile }[]> {
    const found: { path: string; loaded: LoadedFile }[] = [];
    const chain = ancestors(folder);
    const repositoryIndex = chain.findIndex((candidate) => isRepositoryRoot(candidate));
    // Outside a repository the walk stays inside the working directory: never a user-global configuration.
    const last = repositoryIndex >= 0 ? repositoryIndex : isInside(this.options.cwd, folder) ? chain.indexOf(this.options.cwd) : 0;
    for (const candidateFolder of chain.slice(0, last + 1)) {
      for (const candidate of configCandidatesIn(candidateFolder)) {
        const loaded = await this.loadFile(candidate);
        if (!loaded) continue;
        found.push({ path: candidate, loaded });
        break;
      }
      if (found.length > 0 && found[found.length - 1]!.loaded.root) break;
    }
    return found;
  }

  /** The configuration of the files in a folder. */
  forFolder(folder: string): Promise<FolderConfig> {
    const key = this.#forced ?? (this.options.configLookup === false ? '<defaults>' : folder);
    let promise = this.#folders.get(key);
    if (!promise) {
      promise = this.#resolveFolder(folder);
      this.#folders.set(key, promise);
    }
    return promise;
  }

  async #resolveFolder(folder: string): Promise<FolderConfig> {
    let cascade: { path: string; loaded: LoadedFile }[];
    if (this.#forced) {
      if (!existsSync(this.#forced)) throw new ConfigError(undefined, '--config', `cannot find ${this.#forced}.`);
      const loaded = await this.loadFile(this.#forced);
      if (!loaded) throw new ConfigError(this.#forced, undefined, 'has no "aseGpu" configuration.');
      cascade = [{ path: this.#forced, loaded }];
    } else if (this.options.configLookup === false) {
      cascade = [];
    } else {
      cascade = await this.#cascade(folder);
    }
    const layer = emptyLayer();
    layer.plugins.set(CORE_PLUGIN.namespace, CORE_PLUGIN);
    const farthest = cascade[cascade.length - 1];
    // A configuration chain that extends nothing starts from the recommended preset (so a file with only the device profile still lints).
    if (!farthest || !farthest.loaded.hasExtends) mergeLayer(layer, presetLayer(DEFAULT_PRESET));
    for (const { loaded } of [...cascade].reverse()) mergeLayer(layer, loaded.layer);
    if (this.options.ruleOverrides) mergeRules(layer.rules, rulesOf(this.options.ruleOverrides, '--rule', ''));
    for (const [id, setting] of layer.rules) await checkRule(id, setting, layer.plugins);
    for (const override of layer.overrides) for (const [id, setting] of override.rules) await checkRule(id, setting, layer.plugins);
    for (const entry of [...layer.exemptions, ...layer.overrides.flatMap((override) => override.exemptions)]) checkExemptionRule(entry);
    const sources = cascade.map((item) => item.path);
    const baseDir = cascade[0] ? dirname(cascade[0].path) : this.options.cwd;
    return { layer, baseDir, sources, id: sources.length > 0 ? sources.join('\n') : '<defaults>' };
  }

  /** The configuration of one file (its folder's, with the overrides whose globs match it). */
  async forFile(file: string): Promise<FileConfig> {
    const folder = await this.forFolder(dirname(file));
    return this.effective(folder, file);
  }

  effective(folder: FolderConfig, file: string): FileConfig {
    const relativePath = toPosix(relative(folder.baseDir, file));
    const indices = folder.layer.overrides
      .map((override, index) => ({ override, index }))
      .filter(({ override }) => matchesGlobs(relativePath, override.files) && !matchesGlobs(relativePath, override.ignores))
      .map(({ index }) => index);
    return this.effectiveWith(folder, indices);
  }

  /** The configuration of a folder with the given overrides applied (in their order). */
  effectiveWith(folder: FolderConfig, indices: readonly number[]): FileConfig {
    const matching = indices.map((index) => ({ override: folder.layer.overrides[index]!, index }));
    const key = `${folder.id}#${indices.join(',')}`;
    const cached = this.#fileConfigs.get(key);
    if (cached) return cached;

    const rules = new Map(folder.layer.rules);
    const settings = new Map(folder.layer.settings);
    const exemptionEntries = [...folder.layer.exemptions];
    for (const { override } of matching) {
      mergeRules(rules, override.rules);
      for (const [name, value] of override.settings) settings.set(name, value);
      exemptionEntries.push(...override.exemptions);
    }
    if (this.options.ruleOverrides) mergeRules(rules, rulesOf(this.options.ruleOverrides, '--rule', ''));

    const exemptions: AppliedExemption[] =
      this.options.exemptions === false
        ? []
        : exemptionEntries.map((entry) => {
            // Exemption globs are relative to the folder of the configuration that applies, like overrides.
            const applied = entry.exemption.file && !entry.exemption.file.startsWith('/')
              ? { ...entry.exemption, file: `${minimatch.escape(toPosix(folder.baseDir))}/${entry.exemption.file}` }
              : entry.exemption;
            return { entry, applied, key: exemptionKey(applied) };
          });
    const profile: Record<string, unknown> = {};
    for (const [name, { value }] of settings) profile[name] = value;
    if (exemptions.length > 0) profile.exemptions = exemptions.map((exemption) => exemption.applied);

    const eslintRules: Record<string, RuleEntry> = {};
    for (const [id, setting] of rules) eslintRules[id] = setting.options ? [setting.severity, ...setting.options] : setting.severity;
    const plugins: Record<string, ESLint.Plugin> = {};
    for (const [namespace, loaded] of folder.layer.plugins) plugins[namespace] = loaded.plugin;

    const result: FileConfig = { folder, rules: eslintRules, ruleSources: rules, settings: profile, settingSources: settings, exemptions, plugins, key };
    this.#fileConfigs.set(key, result);
    return result;
  }

  /** True when a folder's `ignores` exclude the file. */
  isIgnored(folder: FolderConfig, file: string): boolean {
    const relativePath = toPosix(relative(folder.baseDir, file));
    return folder.layer.ignores.some(({ globs }) => isIgnoredBy(relativePath, globs));
  }

  /** `files` of the folder's configuration, when it limits which manifests a folder walk lints. */
  matchesFiles(folder: FolderConfig, file: string): boolean | undefined {
    if (!folder.layer.files) return undefined;
    return matchesGlobs(toPosix(relative(folder.baseDir, file)), folder.layer.files.globs);
  }
}
