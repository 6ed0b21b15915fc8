import { appendElement, insertProperty, replaceValue, toFileEdit } from './json-edits.js';
import type { EnvVar } from '../kubernetes/types.js';
import type { CreateOptions, TextEdit } from '../manifest/create-options.js';
import { findProperty, isArray, isStringLiteral, type JSONStringLiteral } from '../manifest/json-ast.js';
import type { EnvSectionEntry, ModuleModel } from '../manifest/model.js';
import type { EditDocuments } from './edit-documents.js';

/** The two places a module's variables are written: the module's `env` section, or `createOptions.Env`. */
export type EnvMechanism = 'env-section' | 'create-options';

/** Where a translated user variable is written in the file. */
export type EnvVarNode =
  | { readonly source: 'env-section'; readonly entry: EnvSectionEntry }
  | { readonly source: 'create-options'; readonly createOptions: CreateOptions; readonly element: JSONStringLiteral };

/** The string elements of `createOptions.Env`, when it is an array. */
export function envElements(createOptions: CreateOptions | undefined): JSONStringLiteral[] {
  const list = findProperty(createOptions?.rootObject, 'Env', { ignoreCase: true })?.value;
  return isArray(list) ? list.elements.filter((element): element is JSONStringLiteral => isStringLiteral(element)) : [];
}

/** The `createOptions.Env` element whose translation starts at a file offset. */
export function envElementAt(createOptions: CreateOptions | undefined, fileStart: number): JSONStringLiteral | undefined {
  if (!createOptions) return undefined;
  return envElements(createOptions).find((element) => createOptions.fileRange(element)[0] === fileStart);
}

/** The env section entry or `Env` element a translated variable came from (agent variables have none). */
export function envVarNode(module: ModuleModel, variable: EnvVar): EnvVarNode | undefined {
  if (variable.source === 'env-section') {
    const entry = module.env.find((candidate) => candidate.property.key.range[0] === variable.origin.range[0]);
    return entry ? { source: 'env-section', entry } : undefined;
  }
  if (variable.source !== 'create-options' || !module.createOptions) return undefined;
  const element = envElementAt(module.createOptions, variable.origin.range[0]);
  return element ? { source: 'create-options', createOptions: module.createOptions, element } : undefined;
}

/**
 * Appends text to a variable's value in place (the end of the env section's string `value`, or of the
 * `NAME=value` element), so that nothing else of the entry is rewritten.
 */
export function appendToEnvValue(module: ModuleModel, variable: EnvVar, suffix: string, tools: EditDocuments): TextEdit[] | null {
  const node = envVarNode(module, variable);
  if (!node) return null;
  if (node.source === 'env-section') {
    const value = node.entry.value;
    if (!isStringLiteral(value)) return null;
    const at = value.range[1] - 1;
    return [{ range: [at, at], text: JSON.stringify(suffix).slice(1, -1) }];
  }
  const at = node.element.range[1] - 1;
  return tools.innerEdits(node.createOptions, [{ start: at, end: at, text: JSON.stringify(suffix).slice(1, -1) }]);
}

/** Replaces a variable's value, keeping its name and where it is written. */
export function setEnvValue(module: ModuleModel, variable: EnvVar, value: string, tools: EditDocuments): TextEdit[] | null {
  const node = envVarNode(module, variable);
  if (!node) return null;
  if (node.source === 'env-section') {
    const current = node.entry.value;
    if (!current) return null;
    return [toFileEdit(replaceValue(tools.fileDocument, current, value))];
  }
  const document = tools.innerDocument(node.createOptions);
  return tools.innerEdits(node.createOptions, [replaceValue(document, node.element, `${variable.name}=${value}`)]);
}

/** Adds a variable through the given mechanism; null when that mechanism has no object or array to add to. */
export function addEnvVar(module: ModuleModel, mechanism: EnvMechanism, name: string, value: string, tools: EditDocuments): TextEdit[] | null {
  if (mechanism === 'env-section') {
    if (!module.envSection) return null;
    return [toFileEdit(insertProperty(tools.fileDocument, module.envSection, name, { value }))];
  }
  const createOptions = module.createOptions;
  const list = findProperty(createOptions?.rootObject, 'Env', { ignoreCase: true })?.value;
  if (!createOptions || !isArray(list)) return null;
  return tools.innerEdits(createOptions, [appendElement(tools.innerDocument(createOptions), list, `${name}=${value}`)]);
}
