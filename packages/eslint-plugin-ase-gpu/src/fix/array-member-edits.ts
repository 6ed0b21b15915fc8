import type { InnerEdit } from '../manifest/create-options.js';
import { isArray, type JSONArray, type JSONObject, type JSONProperty } from '../manifest/json-ast.js';
import { removeProperty } from './json-edits.js';

/**
 * Edits that remove several elements of an array at once without two edits overlapping (so they can
 * travel in one fix): an element after a kept one goes with the comma before it, an element of the
 * leading run with the comma after it.
 */
export function removeElements(array: JSONArray, indexes: ReadonlySet<number>): InnerEdit[] {
  const elements = array.elements;
  if (elements.every((_, index) => indexes.has(index))) return [{ start: array.range[0] + 1, end: array.range[1] - 1, text: '' }];
  const edits: InnerEdit[] = [];
  let keptBefore = false;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    if (!indexes.has(index)) {
      keptBefore = true;
      continue;
    }
    if (keptBefore) edits.push({ start: elements[index - 1]!.range[1], end: element.range[1], text: '' });
    else edits.push({ start: element.range[0], end: elements[index + 1]!.range[0], text: '' });
  }
  return edits;
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
