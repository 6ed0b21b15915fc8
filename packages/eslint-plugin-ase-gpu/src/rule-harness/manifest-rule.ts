import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import type { ManifestModel, ModuleModel } from '../manifest/model.js';
import type { DeviceProfile } from '../settings/device-profile.js';
import type { EditDocuments } from '../fix/edit-documents.js';
import type { JSONDocument } from '../fix/json-edits.js';
import { getDeviceProfile, getManifestModel } from './manifest-context.js';
import { findExemption } from './report.js';
import type { FixFunction, RuleContext, RuleListener } from './rule-api.js';

export type { FixFunction } from './rule-api.js';

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
export interface ManifestTools<MessageIds extends string> extends EditDocuments {
  readonly model: ManifestModel;
  readonly profile: DeviceProfile;
  readonly filename: string;
  report(finding: Finding<MessageIds>): void;
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
 * One rule's tools for one file. A class rather than an object of closures: every rule builds one
 * for every file, and methods on the prototype cost nothing per instance.
 */
class RuleTools<MessageIds extends string> implements ManifestTools<MessageIds> {
  readonly filename: string;
  #fileDocument: JSONDocument | undefined;

  constructor(
    private readonly context: RuleContext<MessageIds>,
    readonly model: ManifestModel,
    readonly profile: DeviceProfile,
  ) {
    this.filename = context.filename;
  }

  get fileDocument(): JSONDocument {
    return (this.#fileDocument ??= { text: this.model.text, layout: this.model.style });
  }

  innerDocument(createOptions: CreateOptions): JSONDocument {
    return { text: createOptions.text, layout: createOptions.style };
  }

  innerEdits(createOptions: CreateOptions, edits: readonly (InnerEdit | null)[]): TextEdit[] | null {
    if (edits.some((edit) => edit === null)) return null;
    return createOptions.toFileEdits(edits as InnerEdit[], { maxChunkLength: this.profile.maxChunkLength });
  }

  fixFrom(edits: readonly (TextEdit | null)[] | null): FixFunction | null {
    if (!edits || edits.length === 0 || edits.some((edit) => edit === null)) return null;
    const safe = edits as TextEdit[];
    return (fixer) => safe.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
  }

  report(finding: Finding<MessageIds>): void {
    const context = this.context;
    if (findExemption(context, moduleName(finding.module))) return;
    const sourceCode = context.sourceCode;
    const descriptor: Record<string, unknown> = {
      loc: { start: sourceCode.getLocFromIndex(finding.range[0]), end: sourceCode.getLocFromIndex(finding.range[1]) },
      messageId: finding.messageId,
      data: finding.data,
    };
    if (finding.fix) descriptor['fix'] = finding.fix;
    if (finding.suggest && finding.suggest.length > 0) {
      const suggest = [];
      for (const suggestion of finding.suggest) if (suggestion) suggest.push({ messageId: suggestion.messageId, data: suggestion.data, fix: suggestion.fix });
      if (suggest.length > 0) descriptor['suggest'] = suggest;
    }
    context.report(descriptor as never);
  }
}

/**
 * The listener of every rule: builds (or reuses) the file's manifest model once the tree is there,
 * and hands the rule the manifest and each module. Files that are not manifests get no calls.
 */
export function defineManifestVisitor<MessageIds extends string>(context: RuleContext<MessageIds>, handlers: ManifestHandlers<MessageIds>): RuleListener {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    const model = getManifestModel(context);
    if (!model) return;
    const tools = new RuleTools(context, model, getDeviceProfile(context));
    handlers.manifest?.(tools);
    if (handlers.module) for (const module of model.modules) handlers.module(module, tools);
  };
  // `Program` for jsonc trees (ours, or jsonc-eslint-parser as a JS parser), `Document` under @eslint/json.
  return { Program: run, Document: run };
}
