import type { TSESLint } from '@typescript-eslint/utils';
import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import type { ManifestModel, ModuleModel } from '../manifest/model.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import type { JSONDocument } from '../fix/json-edits.js';
import { getDeviceProfile, getManifestModel } from './manifest-context.js';
import { findExemption } from './report.js';
import type { RuleContext } from './create-rule.js';

export type FixFunction = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[] | null;

export interface Suggestion<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: Record<string, unknown>;
  readonly fix: FixFunction;
}

export interface Finding<MessageIds extends string> {
  /** The module the finding is about (named in exemptions). */
  readonly module?: ModuleModel | string | undefined;
  /** Where to report, as offsets in the file. */
  readonly range: readonly [number, number];
  readonly messageId: MessageIds;
  readonly data?: Record<string, unknown>;
  readonly fix?: FixFunction | null | undefined;
  readonly suggest?: readonly (Suggestion<MessageIds> | null | undefined)[];
}

/** What a rule gets for the file: the model, the device profile, and helpers to report and fix. */
export interface ManifestTools<MessageIds extends string> {
  readonly model: ManifestModel;
  readonly profile: DeviceProfile;
  readonly filename: string;
  report(finding: Finding<MessageIds>): void;
  /** The file as a JSON document for outer edits. */
  readonly fileDocument: JSONDocument;
  /** A createOptions value as a JSON document for inner edits. */
  innerDocument(createOptions: CreateOptions): JSONDocument;
  /** File edits for inner edits of a createOptions value (in place, or re-chunked when they cross chunks). */
  innerEdits(createOptions: CreateOptions, edits: readonly (InnerEdit | null)[]): TextEdit[] | null;
  /** A fix function from file edits, or null when there are none. */
  fixFrom(edits: readonly (TextEdit | null)[] | null): FixFunction | null;
}

export interface ManifestHandlers<MessageIds extends string> {
  manifest?(tools: ManifestTools<MessageIds>): void;
  module?(module: ModuleModel, tools: ManifestTools<MessageIds>): void;
}

function moduleName(module: ModuleModel | string | undefined): string | undefined {
  return typeof module === 'string' ? module : module?.name;
}

/**
 * The listener of every rule: builds (or reuses) the file's manifest model once the tree is there,
 * and hands the rule the manifest and each module. Files that are not manifests get no calls.
 */
export function defineManifestVisitor<MessageIds extends string, Options extends readonly unknown[]>(
  context: RuleContext<MessageIds, Options>,
  handlers: ManifestHandlers<MessageIds>,
): TSESLint.RuleListener {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    const model = getManifestModel(context);
    if (!model) return;
    const profile = getDeviceProfile(context);
    const sourceCode = context.sourceCode;
    const tools: ManifestTools<MessageIds> = {
      model,
      profile,
      filename: context.filename,
      fileDocument: { text: model.text, layout: model.style },
      innerDocument(createOptions) {
        return { text: createOptions.text, layout: createOptions.style };
      },
      innerEdits(createOptions, edits) {
        if (edits.some((edit) => edit === null)) return null;
        return createOptions.toFileEdits(edits as InnerEdit[], { maxChunkLength: profile.maxChunkLength });
      },
      fixFrom(edits) {
        if (!edits || edits.length === 0 || edits.some((edit) => edit === null)) return null;
        const safe = edits as TextEdit[];
        return (fixer) => safe.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
      },
      report(finding) {
        if (findExemption(context, moduleName(finding.module))) return;
        const start = sourceCode.getLocFromIndex(finding.range[0]);
        const end = sourceCode.getLocFromIndex(finding.range[1]);
        const suggest = (finding.suggest ?? []).filter((suggestion): suggestion is Suggestion<MessageIds> => Boolean(suggestion));
        context.report({
          loc: { start, end },
          messageId: finding.messageId,
          data: finding.data,
          ...(finding.fix ? { fix: finding.fix } : {}),
          ...(suggest.length > 0 ? { suggest: suggest.map((suggestion) => ({ messageId: suggestion.messageId, data: suggestion.data, fix: suggestion.fix })) } : {}),
        } as TSESLint.ReportDescriptor<MessageIds>);
      },
    };
    handlers.manifest?.(tools);
    if (handlers.module) for (const module of model.modules) handlers.module(module, tools);
  };
  // `Program` for jsonc trees (ours, or jsonc-eslint-parser as a JS parser), `Document` under @eslint/json.
  return { Program: run, Document: run } as TSESLint.RuleListener;
}
