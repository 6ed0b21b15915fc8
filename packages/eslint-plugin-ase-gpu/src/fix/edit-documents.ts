import type { CreateOptions, InnerEdit, TextEdit } from '../manifest/create-options.js';
import type { JSONDocument } from './json-edits.js';

/**
 * The documents an edit is made in: the file itself and each createOptions value. Edits need only
 * these, so they know nothing of ESLint or of the rule harness that provides them.
 */
export interface EditDocuments {
  /** The file as a JSON document for outer edits. */
  readonly fileDocument: JSONDocument;
  /** A createOptions value as a JSON document for inner edits. */
  innerDocument(createOptions: CreateOptions): JSONDocument;
  /** File edits for inner edits of a createOptions value (in place, or re-chunked when they cross chunks). */
  innerEdits(createOptions: CreateOptions, edits: readonly (InnerEdit | null)[]): TextEdit[] | null;
}
