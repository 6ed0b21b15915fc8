import { renameKey } from '../fix/json-edits.js';
import { getTranslation } from '../kubernetes/index.js';
import { MAX_DNS_LABEL } from '../kubernetes/names.js';
import type { ModuleTranslation, Translation } from '../kubernetes/types.js';
import { isDns1035Label, isDns1123Label } from '../kubernetes/validation.js';
import type { TextEdit } from '../manifest/create-options.js';
import { keyName, type JSONProperty } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import { isPlaceholder } from '../manifest/placeholders.js';
import { routeModuleReferences } from '../manifest/routes.js';
import { StringSegment } from '../manifest/string-segment.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type Finding, type ManifestTools } from '../rule-harness/manifest-rule.js';
import { allPeerReferences, variableLabel } from './shared/peer-references.js';
import { setEnvValue } from '../fix/env-edits.js';

type MessageIds = 'tooLong' | 'invalidName' | 'reserved' | 'collision' | 'serviceName' | 'charactersRemoved' | 'rawNameReference' | 'rename' | 'useServiceName';

export interface ModuleNamesOptions {
  /**
   * Report names the agent only sanitises (`my_module` → `mymodule`): they deploy under the new name.
   * Default on (strict, migration, all); recommended turns it off.
   */
  readonly reportRenames: boolean;
}
type Report = Omit<Finding<MessageIds>, 'module' | 'range' | 'suggest'> & { readonly data: Record<string, unknown> };

/** What the runtime itself names in the pod or the namespace (domain notes section 4). */
const RESERVED_OWNERS: Readonly<Record<string, string>> = {
  proxy: 'the iotedged proxy sidecar container of every module pod',
  iotedged: "the runtime's own iotedged Deployment and Service",
};
/** The Kubernetes names of the system modules, which every deployment has. */
const SYSTEM_NAMES: Readonly<Record<string, string>> = { edgeagent: 'edgeAgent', edgehub: 'edgeHub' };

function hasFailure(translation: ModuleTranslation, code: string): boolean {
  return translation.failures.some((failure) => failure.code === code);
}

/** Why a sanitised name is not a DNS-1123 label, in the user's terms. */
function labelProblem(name: string): string {
  if (name.length === 0) return 'it is empty (every character of the module name is deleted)';
  if (name.length > MAX_DNS_LABEL) return `it has ${name.length} characters (at most 63)`;
  if (name.includes('.')) return 'it contains "."';
  return 'it starts or ends with "-"';
}

/** The characters sanitisation deletes from a module name (upper case is lowered, not deleted). */
function deletedCharacters(moduleName: string): string[] {
  return [...new Set([...moduleName.toLowerCase()].filter((character) => !/[a-z0-9.-]/u.test(character)))];
}

function quoteList(items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** System modules cannot be renamed; a module whose id already is its Kubernetes name is the one peers find. */
function ownerRank(translation: ModuleTranslation): number {
  if (translation.module.system) return 0;
  return translation.module.name === translation.name ? 1 : 2;
}

/**
 * The module that keeps a Kubernetes name when several share it: a system module, else the module whose
 * id is that name, else the first in the manifest. The others are where the user changes something.
 */
function nameOwners(translations: readonly ModuleTranslation[]): Map<string, ModuleTranslation> {
  const owners = new Map<string, ModuleTranslation>();
  for (const translation of translations) {
    const current = owners.get(translation.name);
    if (!current || ownerRank(translation) < ownerRank(current)) owners.set(translation.name, translation);
  }
  return owners;
}

function findingFor(translation: ModuleTranslation, owners: Map<string, ModuleTranslation>, wholeDeployment: boolean, options: ModuleNamesOptions): Report | undefined {
  const module = translation.module;
  const name = translation.name;
  if (hasFailure(translation, 'name-too-long')) return { messageId: 'tooLong', data: { module: module.name, length: name.length } };
  if (hasFailure(translation, 'name-invalid-label')) return { messageId: 'invalidName', data: { module: module.name, name, reason: labelProblem(name) } };
  if (hasFailure(translation, 'name-reserved')) return { messageId: 'reserved', data: { module: module.name, name, owner: RESERVED_OWNERS[name] ?? 'the runtime' } };
  const owner = owners.get(name);
  if (wholeDeployment && owner && owner !== translation) return { messageId: 'collision', data: { module: module.name, name, other: owner.module.name } };
  // Every deployment has edgeAgent and edgeHub, so a layered fragment can judge a collision with them.
  if (!wholeDeployment && SYSTEM_NAMES[name]) return { messageId: 'collision', data: { module: module.name, name, other: SYSTEM_NAMES[name] } };
  if (hasFailure(translation, 'name-invalid-service')) return { messageId: 'serviceName', data: { module: module.name, name } };
  const deleted = options.reportRenames ? deletedCharacters(module.name) : [];
  if (deleted.length > 0) return { messageId: 'charactersRemoved', data: { module: module.name, name, characters: quoteList(deleted) } };
  return undefined;
}

/** Who uses which name in the manifest, counted once so that each finding asks in constant time. */
class NameIndex {
  /** Modules by Kubernetes name, and by lower-cased module id. */
  readonly #byName = new Map<string, number>();
  readonly #byLowerId = new Map<string, number>();
  /** Twin sections `modulesContent.<id>`, by key (the last of a key, as IoT Hub keeps it). */
  readonly twins = new Map<string, JSONProperty>();

  constructor(translation: Translation) {
    for (const candidate of translation.modules) {
      this.#byName.set(candidate.name, (this.#byName.get(candidate.name) ?? 0) + 1);
      const lower = candidate.module.name.toLowerCase();
      this.#byLowerId.set(lower, (this.#byLowerId.get(lower) ?? 0) + 1);
    }
    for (const property of translation.model.content.properties) this.twins.set(keyName(property), property);
  }

  /** Whether a module other than `translation` has `name` as Kubernetes name or (lower-cased) id. */
  isTakenByAnother(name: string, translation: ModuleTranslation): boolean {
    const sameName = (this.#byName.get(name) ?? 0) - (translation.name === name ? 1 : 0);
    const sameId = (this.#byLowerId.get(name) ?? 0) - (translation.module.name.toLowerCase() === name ? 1 : 0);
    return sameName > 0 || sameId > 0;
  }
}

/** The sanitised name, when the module could take it as its id: valid for every object, and taken by nothing else. */
function suggestedName(translation: ModuleTranslation, all: Translation, names: NameIndex): string | undefined {
  const model = all.model;
  const name = translation.name;
  if (model.layered || !all.wholeDeployment || name === translation.module.name) return undefined;
  if (!isDns1123Label(name) || (translation.service && !isDns1035Label(name))) return undefined;
  if (RESERVED_OWNERS[name] || SYSTEM_NAMES[name]) return undefined;
  if (names.isTakenByAnother(name, translation)) return undefined;
  // An orphan twin section of that name would become this module's twin.
  if (names.twins.has(name)) return undefined;
  return name;
}

/** Renames the module in `modules`, in its twin section `modulesContent.<id>`, and in every route that names it. */
function renameEdits(module: ModuleModel, name: string, tools: ManifestTools<MessageIds>, names: NameIndex): { edits: TextEdit[]; routes: number } {
  const toEdit = ({ start, end, text }: { start: number; end: number; text: string }): TextEdit => ({ range: [start, end], text });
  const edits: TextEdit[] = [toEdit(renameKey(module.property, name))];
  const twin = names.twins.get(module.name);
  if (twin) edits.push(toEdit(renameKey(twin, name)));
  let routes = 0;
  for (const route of tools.model.routes) {
    const literal = route.text;
    if (!literal) continue;
    const references = routeModuleReferences(literal.value).filter((reference) => reference.moduleId === module.name);
    if (references.length === 0) continue;
    routes++;
    const segment = StringSegment.fromLiteral(literal, tools.model.text, 0);
    for (const reference of references) {
      edits.push({ range: [segment.sourceOffset(reference.index), segment.sourceOffset(reference.index + module.name.length)], text: name });
    }
  }
  return { edits, routes };
}

function placesOf(hasTwin: boolean, routes: number): string {
  const places = ['modules'];
  if (hasTwin) places.push('its twin section in modulesContent');
  if (routes > 0) places.push(routes === 1 ? '1 route' : `${routes} routes`);
  return places.length === 1 ? places[0]! : `${places.slice(0, -1).join(', ')} and ${places.at(-1)}`;
}

/** Env values of other modules that reach a module by a raw name the agent changed: that host name does not exist. */
function checkRawNameReferences(translation: Translation, tools: ManifestTools<MessageIds>): void {
  for (const [translated, references] of allPeerReferences(translation)) {
    for (const { variable, range, reference } of references) {
      const target = reference.target;
      if (reference.host.toLowerCase() === target.name) continue;
      const module = translated.module;
      const label = variableLabel(variable);
      const value = variable.value.slice(0, reference.hostAt) + target.name + variable.value.slice(reference.hostAt + reference.host.length);
      const fix = tools.fixFrom(setEnvValue(module, variable, value, tools));
      tools.report({
        module,
        range,
        messageId: 'rawNameReference',
        data: { module: module.name, target: target.module.name, host: reference.host, variable: label, service: target.name },
        suggest: fix ? [{ messageId: 'useServiceName', data: { module: module.name, service: target.name, variable: label }, fix }] : [],
      });
    }
  }
}

export default createRule<[ModuleNamesOptions], MessageIds>({
  name: 'module-names',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require module names that give valid and distinct Kubernetes names',
      recommended: 'error',
      strict: 'error',
      owns: ['NAME-K8S'],
      fixPolicy: 'suggestion',
      // rules.md: names the agent only sanitises deploy; the rename note is strict's.
      recommendedOptions: { reportRenames: false },
    },
    hasSuggestions: true,
    schema: [{ type: 'object', properties: { reportRenames: { type: 'boolean' } }, additionalProperties: false }],
    defaultOptions: [{ reportRenames: true }],
    messages: {
      tooLong:
        'Module "{{module}}" becomes a Kubernetes name of {{length}} characters, over the 253 the agent allows, so the deployment fails on the GPU device.',
      invalidName:
        'Module "{{module}}" becomes "{{name}}" on Kubernetes, an invalid name because {{reason}}, so the deployment fails on the GPU device.',
      reserved:
        'Module "{{module}}" becomes "{{name}}", the name of {{owner}}, so the deployment fails on the GPU device.',
      collision:
        'Module "{{module}}" becomes "{{name}}" on Kubernetes, as module "{{other}}" does, so the GPU device rejects the whole deployment.',
      serviceName:
        'Module "{{module}}" gets a Service named "{{name}}", which does not start with a letter, so the deployment fails on the GPU device.',
      charactersRemoved:
        'Module "{{module}}" deploys as "{{name}}" on the GPU device, which deletes {{characters}}, so peers reach it only by the host name "{{name}}".',
      rawNameReference:
        'Module "{{module}}" reaches "{{target}}" as "{{host}}" ({{variable}}), but on the GPU device its Service is "{{service}}", so the connection fails.',
      useServiceName: 'Use the Service name "{{service}}" as the host in {{variable}} of module "{{module}}".',
      rename: 'Rename module "{{module}}" to "{{name}}" in {{places}} (IoT Hub sees a new module identity: the old twin\'s reported properties are not carried over).',
    },
  },
  create(context, [options]) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const translation = getTranslation(tools.model, tools.profile);
        checkRawNameReferences(translation, tools);
        // A placeholder name is only known after substitution; of a module declared twice under one key,
        // IoT Hub keeps the last (no-duplicate-keys reports the other).
        const identity = (candidate: ModuleTranslation): string => `${candidate.module.system ?? ''}\u0000${candidate.module.name}`;
        const lastIndex = new Map(translation.modules.map((candidate, index) => [identity(candidate), index]));
        const judged = translation.modules.filter((candidate, index) => !isPlaceholder(candidate.module.name) && lastIndex.get(identity(candidate)) === index);
        const names = new NameIndex(translation);
        const owners = nameOwners(judged);
        for (const candidate of judged) {
          const module = candidate.module;
          if (module.system) continue;
          const report = findingFor(candidate, owners, translation.wholeDeployment, options);
          if (!report) continue;
          const name = suggestedName(candidate, translation, names);
          const rename = name ? renameEdits(module, name, tools, names) : undefined;
          const hasTwin = names.twins.has(module.name);
          tools.report({
            ...report,
            module,
            range: candidate.origin.range,
            suggest: [
              name && rename
                ? { messageId: 'rename', data: { module: module.name, name, places: placesOf(hasTwin, rename.routes) }, fix: tools.fixFrom(rename.edits)! }
                : null,
            ],
          });
        }
      },
    });
  },
});
