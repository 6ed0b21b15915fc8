import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import { findProperty, isObject } from '../manifest/json-ast.js';
import type { ModuleModel } from '../manifest/model.js';
import type { EditDocuments } from './edit-documents.js';
import { insertProperty, replaceValue, setAtPath, toFileEdit } from './json-edits.js';
import { setMembers } from './set-members.js';

/**
 * Edits that add `ExposedPorts` keys (each `{}`) to a module, in the encoding its createOptions has: a
 * module without createOptions gets a string one (deployment manifests need strings, templates accept
 * them), an empty `""`/`null` value is replaced whole, anything else is edited in place. Null when the
 * createOptions or its ExposedPorts are not objects.
 */
export function addExposedPortsEdits(module: ModuleModel, keys: readonly string[], tools: EditDocuments): TextEdit[] | null {
  const members = Object.fromEntries(keys.map((key) => [key, {}]));
  const createOptions: CreateOptions | undefined = module.createOptions;
  if (!createOptions) {
    const settings = findProperty(module.node, 'settings')?.value;
    if (!isObject(settings)) return null;
    return [toFileEdit(insertProperty(tools.fileDocument, settings, 'createOptions', JSON.stringify({ ExposedPorts: members })))];
  }
  if (createOptions.parseError) return null;
  if (createOptions.isEmpty && createOptions.chunks.length === 1) {
    const value = createOptions.encoding === 'object' ? { ExposedPorts: members } : JSON.stringify({ ExposedPorts: members });
    return [toFileEdit(replaceValue(tools.fileDocument, createOptions.firstProperty.value, value))];
  }
  const root = createOptions.rootObject;
  if (!root) return null;
  const document = tools.innerDocument(createOptions);
  const exposed = findProperty(root, 'ExposedPorts', { ignoreCase: true });
  let edits: (InnerEdit | null)[];
  if (!exposed) edits = [setAtPath(document, root, ['ExposedPorts'], members)];
  else if (isObject(exposed.value)) edits = setMembers(document, exposed.value, members);
  else return null;
  return tools.innerEdits(createOptions, edits);
}
