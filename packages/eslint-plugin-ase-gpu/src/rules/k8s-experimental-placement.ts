import { insertMovedMembers, movedMember } from '../fix/move-members.js';
import { removeProperty, renameKey } from '../fix/json-edits.js';
import { closingBraceLock } from '../fix/lock-range.js';
import type { CreateOptions, InnerEdit } from '../manifest/create-options.js';
import { formatPath } from '../manifest/format-path.js';
import { hostConfig } from '../manifest/host-config.js';
import { findProperty, isObject, keyName, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { K8S_SECTION } from '../manifest/k8s-experimental.js';
import { isMisnamedK8sSection } from '../manifest/k8s-section-names.js';
import type { JSONDocument } from '../fix/json-edits.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor, type FixFunction } from '../rule-harness/manifest-rule.js';
import { readableCreateOptions } from '../manifest/readable-create-options.js';

type MessageIds = 'misnamed' | 'nested' | 'sameKeyTwice';

/** A copy of the section where the agent does not look. */
interface Misplaced {
  readonly property: JSONProperty;
  /** The object that holds it: createOptions itself, or HostConfig. */
  readonly parent: JSONObject;
  readonly nested: boolean;
}

function findMisplaced(root: JSONObject, host: JSONObject | undefined): Misplaced[] {
  const found: Misplaced[] = root.properties
    .filter((property) => isMisnamedK8sSection(keyName(property)))
    .map((property) => ({ property, parent: root, nested: false }));
  for (const property of host?.properties ?? []) {
    const key = keyName(property);
    if (key === K8S_SECTION || isMisnamedK8sSection(key)) found.push({ property, parent: host!, nested: true });
  }
  return found.sort((a, b) => a.property.range[0] - b.property.range[0]);
}

/** The first key that both sections set (the agent reads section keys case-insensitively). */
function sharedKey(section: JSONObject, other: JSONObject): string | undefined {
  const keys = new Set(section.properties.map((property) => keyName(property).toLowerCase()));
  return other.properties.map(keyName).find((key) => keys.has(key.toLowerCase()));
}

/**
 * Edits that put the misplaced section where the agent reads it: renamed in place, moved out of
 * HostConfig, or its keys merged into the section that is already there. Null when that would
 * overwrite or guess.
 */
function placementEdits(document: JSONDocument, root: JSONObject, misplaced: Misplaced): (InnerEdit | null)[] | null {
  const section = findProperty(root, K8S_SECTION);
  const { property, parent } = misplaced;
  const lock = closingBraceLock(root);
  if (!section) {
    if (!misplaced.nested) return [lock, renameKey(property, K8S_SECTION)];
    return [lock, removeProperty(parent, property), insertMovedMembers(document, root, [movedMember(document, property, K8S_SECTION)])];
  }
  if (!isObject(section.value) || !isObject(property.value) || sharedKey(section.value, property.value)) return null;
  if (property.value.properties.length === 0) return [lock, removeProperty(parent, property)];
  const members = property.value.properties.map((member) => movedMember(document, member));
  return [lock, removeProperty(parent, property), insertMovedMembers(document, section.value, members)];
}

function pathOf(createOptions: CreateOptions, property: JSONProperty): string {
  return formatPath(createOptions.pathOf(property.value));
}

export default createRule<[], MessageIds>({
  name: 'k8s-experimental-placement',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the k8s-experimental section at the top level of createOptions, spelled exactly k8s-experimental',
      recommended: 'error',
      strict: 'error',
      owns: ['K8S-SECTION-NAME'],
      fixPolicy: 'fix',
    },
    fixable: 'code',
    schema: [],
    messages: {
      misnamed:
        'Module "{{module}}": the GPU device ignores createOptions section "{{key}}", as the agent reads only "k8s-experimental". Rename it.',
      nested:
        'Module "{{module}}": the GPU device ignores the section at createOptions {{path}}, as the agent reads "k8s-experimental" only at the top level.',
      sameKeyTwice:
        'Module "{{module}}": createOptions {{path}} and the top-level "k8s-experimental" both set "{{member}}", and the GPU device ignores {{path}}.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      module(module, tools) {
        const readable = readableCreateOptions(module);
        if (!readable) return;
        const { createOptions, root } = readable;
        const misplacedList = findMisplaced(root, hostConfig(createOptions));
        const section = findProperty(root, K8S_SECTION);
        const document = tools.innerDocument(createOptions);
        let placing = false;
        for (const misplaced of misplacedList) {
          const { property } = misplaced;
          const key = keyName(property);
          const path = pathOf(createOptions, property);
          const range = createOptions.fileRange(property.key);
          const shared = section && isObject(section.value) && isObject(property.value) ? sharedKey(section.value, property.value) : undefined;
          if (shared) {
            tools.report({ module, range, messageId: 'sameKeyTwice', data: { module: module.name, path, member: shared } });
            continue;
          }
          // One placement per pass: two copies placed at once would become two keys of one name.
          const fix: FixFunction | null = placing ? null : tools.fixFrom(tools.innerEdits(createOptions, placementEdits(document, root, misplaced) ?? [null]));
          placing ||= fix !== null;
          tools.report({
            module,
            range,
            messageId: misplaced.nested ? 'nested' : 'misnamed',
            data: misplaced.nested ? { module: module.name, path } : { module: module.name, key },
            fix,
          });
        }
      },
    });
  },
});
