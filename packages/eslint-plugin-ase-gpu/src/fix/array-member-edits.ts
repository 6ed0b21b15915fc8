import type { InnerEdit } from '../manifest/create-options.js';
import { isArray, type JSONArray, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { removeProperty } from './json-edits.js';

/**
 * Edits that remove several members of an array or object at once without two edits overlapping (so
 * they can travel in one fix): a member after a kept one goes with the comma before it, a member of the
 * leading run with the comma after it.
 */
export function removeMembers(members: readonly ({ range: [number, number] } | null)[], container: { range: [number, number] }, indexes: ReadonlySet<number>): InnerEdit[] {
  if (members.every((_, index) => indexes.has(index))) return [{ start: container.range[0] + 1, end: container.range[1] - 1, text: '' }];
  const edits: InnerEdit[] = [];
  let keptBefore = false;
  for (let index = 0; index < members.length; index++) {
    const member = members[index]!;
    if (!indexes.has(index)) {
      keptBefore = true;
      continue;
    }
    if (keptBefore) edits.push({ start: members[index - 1]!.range[1], end: member.range[1], text: '' });
    else edits.push({ start: member.range[0], end: members[index + 1]!.range[0], text: '' });
  }
  return edits;
}

export function removeElements(array: JSONArray, indexes: ReadonlySet<number>): InnerEdit[] {
  return removeMembers(array.elements, array, indexes);
}

/**
 * Removes elements of the array held by `property` (a member of `holder`), and the property itself
 * when no element would be left, so that no empty `"Devices": []` or `"Binds": []` stays behind.
 */
export function removeElementsOrProperty(holder: JSONObject, property: JSONProperty, indexes: ReadonlySet<number>): InnerEdit[] | null {
  const array = property.value;
  if (!isArray(array)) return null;
  if (array.elements.every((_, index) => indexes.has(index))) return [removeProperty(holder, property)];
  return removeElements(array, indexes);
}
