import { parseManifestText } from 'eslint-plugin-ase-gpu';
import { buildManifestModel, formatPath } from 'eslint-plugin-ase-gpu/manifest';
import { lineStarts, offsetOf } from './text.js';
import type { LintMessage } from './types.js';

/**
 * Adds the module and, for createOptions findings, the path inside createOptions to each message,
 * from the manifest model. Only files with findings pay for the model.
 */
export function locateMessages(messages: LintMessage[], body: string, filename: string, manifestKind?: string): void {
  const located = messages.filter((message) => message.ruleId && message.line > 0);
  if (located.length === 0) return;
  const parsed = parseManifestText(body, filename);
  if (!parsed.ok) return;
  const model = buildManifestModel(parsed.ast, body, { filename, ...(manifestKind ? { manifestKind } : {}) });
  if (!model) return;
  const starts = lineStarts(body);
  for (const message of located) {
    const offset = offsetOf(starts, message.line, message.column);
    const inCreateOptions = model.createOptionsPathAt(offset);
    if (inCreateOptions) {
      message.module = inCreateOptions.module.name;
      const path = formatPath(inCreateOptions.path);
      message.createOptionsPath = path === '(root)' ? '' : path;
      continue;
    }
    const module = model.moduleAt(offset);
    if (module) message.module = module.name;
  }
}

/** `fpgainference › createOptions › HostConfig.Binds[0]`. */
export function describeLocation(message: LintMessage): string | undefined {
  if (!message.module) return undefined;
  if (message.createOptionsPath === undefined) return message.module;
  return message.createOptionsPath ? `${message.module} › createOptions › ${message.createOptionsPath}` : `${message.module} › createOptions`;
}
