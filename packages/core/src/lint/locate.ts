import { formatPath, type ManifestModel } from 'eslint-plugin-ase-gpu/manifest';
import type { LintMessage } from './types.js';

/** What the rules saw of the linted text: their model, and ESLint's line and column mapped back to offsets. */
export interface LintedFile {
  readonly model: ManifestModel;
  /** The offset of a message's line (1-based) and column (1-based, as ESLint reports them). */
  offsetAt(line: number, column: number): number;
}

/**
 * Adds the module and, for createOptions findings, the path inside createOptions to each message,
 * from the manifest model the rules built for the same text.
 */
export function locateMessages(messages: LintMessage[], linted: LintedFile | undefined): void {
  if (!linted) return;
  const { model } = linted;
  for (const message of messages) {
    if (!message.ruleId || !(message.line > 0)) continue;
    const offset = linted.offsetAt(message.line, message.column);
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
