import type { InnerEdit } from '../manifest/create-options.js';
import type { JSONObject } from '../manifest/json-ast.js';

/**
 * Rewrites the closing brace of `object` with itself. Added to a fix that renames or moves a key, it
 * makes ESLint see the fix as reaching that brace, so that another rule's insertion at the end of the
 * same object in the same pass (require-recreate-strategy adds `strategy` or `k8s-experimental`) waits
 * for the next pass instead of landing beside ours as a second key of the same name.
 *
 * Put it before any insertion at the same offset: applyInnerEdits applies edits that start together in
 * list order, and the brace must be rewritten before text is inserted in front of it.
 */
export function closingBraceLock(object: JSONObject): InnerEdit {
  return { start: object.range[1] - 1, end: object.range[1], text: '}' };
}
