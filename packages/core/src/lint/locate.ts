import { formatPath, type ManifestModel } from 'eslint-plugin-ase-gpu/manifest';
import { lineStarts, offsetOf } from './text.js';
import type { LintMessage } from './types.js';

/**
 * Adds the module and, for createOptions findings, the path inside createOptions to each message,
 * from the manifest model the rules built for the same text (`body`).
 */
export function locateMessages(messages: LintMessage[], body: string, model: ManifestModel | null): void {
  if (!model) return;
  const located = messages.filter((message) => message.ruleId && message.line > 0);
  if (located.length === 0) return;
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
