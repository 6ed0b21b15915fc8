import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { isArray } from '../manifest/json-ast.js';
import { K8S_SECTION, k8sMember } from '../manifest/k8s-experimental.js';
import { appendToArray, type JSONDocument } from './json-edits.js';
import { mergeIntoCreateOptions } from './merge-object.js';

/**
 * Edits that add an entry (`{ volume, volumeMounts }`) to `k8s-experimental.volumes`: appended to the
 * list that is there, or the list (and the section) created. Null when the createOptions have no
 * object root, or `volumes` or the section is there but not what the agent reads.
 */
export function addK8sVolumeEdits(document: JSONDocument, createOptions: CreateOptions, entry: Readonly<Record<string, unknown>>): InnerEdit[] | null {
  const root = createOptions.rootObject;
  if (!root) return null;
  const volumes = k8sMember(createOptions, 'volumes')?.value;
  if (isArray(volumes)) return [appendToArray(document, volumes, entry)];
  if (volumes) return null;
  return mergeIntoCreateOptions(document, root, { [K8S_SECTION]: { volumes: [entry] } });
}
