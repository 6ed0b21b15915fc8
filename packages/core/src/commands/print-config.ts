import { DEVICE_PROFILE_DEFAULTS } from 'eslint-plugin-ase-gpu';
import { resolve } from 'node:path';
import { displayPath } from '../config/errors.js';
import { ConfigResolver } from '../config/resolve.js';
import { resolverOptions } from '../cli/lint-command.js';
import type { CliOptions } from '../cli/args.js';
import type { CliIO } from '../cli/io.js';

const SEVERITIES = ['off', 'warn', 'error'] as const;

/**
 * `--print-config <file>`: the configuration that applies to a manifest, with the file (or preset,
 * or `default`) each rule, setting and exemption came from.
 */
export async function runPrintConfig(options: CliOptions, io: CliIO): Promise<number> {
  const file = resolve(io.cwd, options.printConfig!);
  const resolver = new ConfigResolver(resolverOptions(options, io.cwd));
  const config = await resolver.forFile(file);
  const from = (origin: string): string => displayPath(origin, io.cwd);

  const rules: Record<string, unknown> = {};
  for (const id of [...config.ruleSources.keys()].sort()) {
    const setting = config.ruleSources.get(id)!;
    rules[id] = { severity: SEVERITIES[setting.severity], ...(setting.options ? { options: setting.options } : {}), from: from(setting.origin) };
  }
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(DEVICE_PROFILE_DEFAULTS)) settings[key] = { value, from: 'default' };
  for (const [key, { value, origin }] of config.settingSources) settings[key] = { value, from: from(origin) };
  const printed = {
    file: displayPath(file, io.cwd),
    configFiles: config.folder.sources.map(from),
    ignored: resolver.isIgnored(config.folder, file),
    plugins: Object.fromEntries([...config.folder.layer.plugins].map(([namespace, loaded]) => [namespace, { package: loaded.packageName, version: loaded.plugin.meta?.version, from: from(loaded.origin) }])),
    rules,
    settings,
    exemptions: config.exemptions.map(({ entry }) => ({ ...entry.exemption, from: from(entry.origin) })),
  };
  io.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
  return 0;
}
