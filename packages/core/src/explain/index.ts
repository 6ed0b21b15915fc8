import { dirname, resolve } from 'node:path';
import { parseManifestText, resolveDeviceProfile, SETTINGS_KEY } from 'eslint-plugin-ase-gpu';
import { getTranslation, sanitizeK8sValue } from 'eslint-plugin-ase-gpu/kubernetes';
import { buildManifestModel } from 'eslint-plugin-ase-gpu/manifest';
import { ConfigError, displayPath, UserError } from '../config/errors.js';
import { ConfigResolver, type FileConfig } from '../config/resolve.js';
import { lintText } from '../lint/engine.js';
import { splitBom } from '../lint/text.js';
import { buildAccount } from './account.js';
import { DEFAULT_MAX_FILE_SIZE } from '../files/find.js';
import { readRegularText, UnreadableFileError } from '../files/read.js';
import { EXPLAIN_USAGE, ExplainUsageError, parseExplainArgs, type ExplainArgs } from './args.js';
import { ruleFindings } from './findings.js';
import { renderJson, renderYaml } from './render.js';

export { EXPLAIN_USAGE, parseExplainArgs } from './args.js';
export type { ExplainArgs, ExplainFormat } from './args.js';
export { toYaml } from './yaml.js';

export interface ExplainIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

/** The file's configuration exactly as lint resolves it, with explain's --ase-version and --gpu-count over its settings. */
async function configurationFor(path: string, args: ExplainArgs, cwd: string): Promise<FileConfig> {
  const resolver = new ConfigResolver({ cwd, configFile: args.config, configLookup: args.configLookup, ...(args.rules ? { ruleOverrides: args.rules } : {}), exemptions: args.exemptions });
  const folder = await resolver.forFolder(dirname(path));
  const config = resolver.effective(folder, path);
  const overrides: Record<string, unknown> = {};
  if (args.aseVersion !== undefined) overrides.aseVersion = args.aseVersion;
  if (args.gpuCount !== undefined) overrides.gpuCount = args.gpuCount;
  if (Object.keys(overrides).length === 0) return config;
  return { ...config, settings: { ...config.settings, ...overrides }, key: `${config.key}\0explain${JSON.stringify(overrides)}` };
}

/** Exit codes: 0 explained, 2 usage or configuration error, or a file that cannot be read or is not a manifest. */
export async function runExplain(args: string[], io: ExplainIO): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`ase-gpu-lint explain: ${message}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseExplainArgs(args);
  } catch (error) {
    if (error instanceof ExplainUsageError) return fail(`${error.message}\n\n${EXPLAIN_USAGE}`.trimEnd());
    if (error instanceof UserError) return fail(error.message);
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(EXPLAIN_USAGE);
    return 0;
  }
  if (!parsed.manifest) return fail(`name the manifest to explain.\n\n${EXPLAIN_USAGE}`.trimEnd());

  const path = resolve(io.cwd, parsed.manifest);
  let raw: string;
  try {
    // A FIFO or a device would block or never end: only a regular file within the size limit is read.
    raw = readRegularText(path, { maxBytes: DEFAULT_MAX_FILE_SIZE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UnreadableFileError && (code === 'ENOTREG' || code === 'EFBIG' || code === 'ENXIO')) return fail(`${parsed.manifest} ${error.message}`);
    return fail(`cannot read ${parsed.manifest}: ${code ?? String(error)}.`);
  }
  const text = splitBom(raw).body;
  const parse = parseManifestText(text, path);
  if (!parse.ok) {
    const error = parse.errors[0]!;
    return fail(`${parsed.manifest}:${error.line}:${error.column}: ${error.message}`);
  }
  let config: FileConfig;
  try {
    config = await configurationFor(path, parsed, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.describe(io.cwd));
    if (error instanceof UserError) return fail(error.message);
    throw error;
  }
  const profile = resolveDeviceProfile({ [SETTINGS_KEY]: config.settings });
  const model = buildManifestModel(parse.ast, text, { filename: path, manifestKind: profile.manifestKind });
  if (!model) return fail(`${parsed.manifest} is not an IoT Edge deployment manifest (no modulesContent, $edgeAgent or content.modulesContent).`);

  const translation = getTranslation(model, profile);
  let modules = translation.modules;
  if (parsed.module !== undefined) {
    const wanted = parsed.module;
    const match = translation.modules.filter((module) => module.module.name === wanted);
    const byName = match.length > 0 ? match : translation.modules.filter((module) => module.name === sanitizeK8sValue(wanted));
    if (byName.length === 0) {
      return fail(`no module "${wanted}" in ${parsed.manifest}; its modules are ${translation.modules.map((module) => module.module.name).join(', ')}.`);
    }
    modules = byName.slice(0, 1);
  }
  // The rules themselves, through lint's engine and configuration: the account names a rule only where it reports.
  const linted = lintText(raw, path, config, io.cwd);
  const findings = ruleFindings(linted.result.messages, text);
  const account = buildAccount(translation, parsed.module === undefined ? undefined : modules[0]!.module, findings);
  const input = { file: parsed.manifest, translation, modules, account, configFiles: config.folder.sources.map((source) => displayPath(source, io.cwd)) };
  io.stdout.write(parsed.format === 'json' ? renderJson(input) : renderYaml(input));
  return 0;
}
