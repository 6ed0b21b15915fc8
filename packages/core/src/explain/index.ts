import { resolve } from 'node:path';
import { parseManifestText, resolveDeviceProfile, type DeviceProfileSettings } from 'eslint-plugin-ase-gpu';
import { getTranslation, sanitizeK8sValue } from 'eslint-plugin-ase-gpu/kubernetes';
import { buildManifestModel } from 'eslint-plugin-ase-gpu/manifest';
import { buildAccount } from './account.js';
import { DEFAULT_MAX_FILE_SIZE } from '../files/find.js';
import { readRegularFile, UnreadableFileError } from '../files/read.js';
import { EXPLAIN_USAGE, ExplainUsageError, parseExplainArgs } from './args.js';
import { renderJson, renderYaml } from './render.js';

export { EXPLAIN_USAGE, parseExplainArgs } from './args.js';
export type { ExplainArgs, ExplainFormat } from './args.js';
export { toYaml } from './yaml.js';

export interface ExplainIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
}

/** Exit codes: 0 explained, 2 usage error or a file that cannot be read or is not a manifest. */
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
    throw error;
  }
  if (parsed.help) {
    io.stdout.write(EXPLAIN_USAGE);
    return 0;
  }
  if (!parsed.manifest) return fail(`name the manifest to explain.\n\n${EXPLAIN_USAGE}`.trimEnd());

  const path = resolve(io.cwd, parsed.manifest);
  let text: string;
  try {
    // A FIFO or a device would block or never end: only a regular file within the size limit is read.
    text = readRegularFile(path, { maxBytes: DEFAULT_MAX_FILE_SIZE }).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof UnreadableFileError && (code === 'ENOTREG' || code === 'EFBIG' || code === 'ENXIO')) return fail(`${parsed.manifest} ${error.message}`);
    return fail(`cannot read ${parsed.manifest}: ${code ?? String(error)}.`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const parse = parseManifestText(text, path);
  if (!parse.ok) {
    const error = parse.errors[0]!;
    return fail(`${parsed.manifest}:${error.line}:${error.column}: ${error.message}`);
  }
  const settings: DeviceProfileSettings = {};
  if (parsed.aseVersion !== undefined) settings.aseVersion = parsed.aseVersion;
  if (parsed.gpuCount !== undefined) settings.gpuCount = parsed.gpuCount;
  const profile = resolveDeviceProfile({ 'ase-gpu': settings });
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
  const account = buildAccount(translation, parsed.module === undefined ? undefined : modules[0]!.module);
  const input = { file: parsed.manifest, translation, modules, account };
  io.stdout.write(parsed.format === 'json' ? renderJson(input) : renderYaml(input));
  return 0;
}
