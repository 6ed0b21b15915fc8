import type { InnerEdit } from '../manifest/create-options.js';
import { isArray, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { removeMembers, removeProperty } from './json-edits.js';

/**
 * Removes elements of the array held by `property` (a member of `holder`), and the property itself
 * when no element would be left, so that no empty `"Devices": []` or `"Binds": []` stays behind.
 */
export function removeElementsOrProperty(holder: JSONObject, property: JSONProperty, indexes: ReadonlySet<number>): InnerEdit[] | null {
  const array = property.value;
  if (!isArray(array)) return null;
  if (array.elements.every((_, index) => indexes.has(index))) return [removeProperty(holder, property)];
  return removeMembers(array.elements, array, indexes);
}
