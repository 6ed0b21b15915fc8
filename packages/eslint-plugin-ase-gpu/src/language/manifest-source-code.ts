import { ConfigCommentParser, Directive, TextSourceCodeBase, type VisitNodeStep } from '@eslint/plugin-kit';
import { VisitorKeys } from 'jsonc-eslint-parser';
import type { JSONNode, JSONProgram } from '../manifest/json-ast.js';
import { eslintLineStarts, lastAtOrBefore } from '../manifest/line-starts.js';

interface Comment {
  readonly type: 'Line' | 'Block';
  readonly value: string;
  readonly range: [number, number];
  readonly loc: JSONNode['loc'];
}

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

type DirectiveProblem = { ruleId: null; message: string; loc: JSONNode['loc'] };

/**
 * plugin-kit's VisitNodeStep, with its constant `type` and `kind` on the prototype. One object serves a
 * whole traversal (see ManifestTraversal), so its fields change from step to step.
 */
class ManifestVisitStep {
  declare readonly type: 'visit';
  declare readonly kind: 1;
  declare target: JSONNode;
  declare phase: 1 | 2;
  declare readonly args: [JSONNode, JSONNode | undefined];
  constructor(target: JSONNode) {
    this.target = target;
    this.phase = 1;
    this.args = [target, undefined];
  }

  set(target: JSONNode, phase: 1 | 2, parent: JSONNode | undefined): void {
    this.target = target;
    this.phase = phase;
    this.args[0] = target;
    this.args[1] = parent;
  }
}
Object.defineProperties(ManifestVisitStep.prototype, { type: { value: 'visit' }, kind: { value: 1 } });

const visitorKeys = VisitorKeys as Record<string, readonly string[] | undefined>;

/**
 * Every node, entered and left, in document order, made one step at a time as ESLint takes them. ESLint
 * iterates a lazy iterable as it comes and reads each step's fields before it asks for the next
 * (lib/linter/source-code-traverser.js), so one step, one argument list and one iterator result serve the
 * whole walk: a 20 MB manifest has millions of nodes, two steps each, and making a step object, its
 * argument array and a generator result for each was a third of a lint run with one rule. Parallel
 * stacks rather than a frame object per node, for the same reason.
 */
class ManifestTraversal implements IterableIterator<VisitNodeStep> {
  readonly #nodes: JSONNode[];
  readonly #parents: (JSONNode | undefined)[] = [undefined];
  readonly #exits: boolean[] = [false];
  readonly #step: ManifestVisitStep;
  readonly #result: IteratorResult<VisitNodeStep>;

  constructor(root: JSONNode) {
    this.#nodes = [root];
    this.#step = new ManifestVisitStep(root);
    this.#result = { done: false, value: this.#step as unknown as VisitNodeStep };
  }

  [Symbol.iterator](): IterableIterator<VisitNodeStep> {
    return this;
  }

  next(): IteratorResult<VisitNodeStep> {
    const nodes = this.#nodes;
    const parents = this.#parents;
    const exits = this.#exits;
    if (nodes.length === 0) return { done: true, value: undefined };
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (exits.pop()) {
      this.#step.set(node, 2, parent);
      return this.#result;
    }
    this.#step.set(node, 1, parent);
    nodes.push(node);
    parents.push(parent);
    exits.push(true);
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item: unknown = child[i];
          if (item && typeof item === 'object' && 'type' in item) {
            nodes.push(item as JSONNode);
            parents.push(node);
            exits.push(false);
          }
        }
      } else if (child && typeof child === 'object' && 'type' in child) {
        nodes.push(child as JSONNode);
        parents.push(node);
        exits.push(false);
      }
    }
    return this.#result;
  }
}

/** ESLint's view of a manifest: the jsonc tree, its comments (JSONC templates) and inline directives. */
export class ManifestSourceCode extends TextSourceCodeBase {
  override ast: JSONProgram;
  readonly comments: readonly Comment[];
  readonly visitorKeys = VisitorKeys;
  #inlineConfigComments: Comment[] | undefined;
  #lineStarts: number[] | undefined;

  constructor({ text, ast }: { text: string; ast: JSONProgram }) {
    super({ text, ast });
    this.ast = ast;
    this.comments = (ast.comments ?? []) as unknown as Comment[];
  }

  /**
   * Line and column of an offset. The base class finds line starts lazily with a regular expression
   * from the last known line on, which rescans a long line for every call: reporting many findings on
   * a one-line manifest (or a 1 MB createOptions string) became quadratic. Line starts are found once,
   * on the first call (files without findings never pay), and looked up by binary search.
   */
  override getLocFromIndex(index: number): { line: number; column: number } {
    if (typeof index !== 'number' || index <= 0 || index >= this.text.length) return super.getLocFromIndex(index);
    const starts = (this.#lineStarts ??= eslintLineStarts(this.text));
    const line = lastAtOrBefore(starts, index);
    return { line: line + 1, column: index - starts[line]! };
  }

  /** The inverse of getLocFromIndex, from the same line starts (line 1-based, column 0-based). */
  override getIndexFromLoc(loc: { line: number; column: number }): number {
    const starts = (this.#lineStarts ??= eslintLineStarts(this.text));
    const lineStart = starts[loc.line - 1];
    if (lineStart === undefined || typeof loc.column !== 'number' || loc.column < 0) return super.getIndexFromLoc(loc);
    return Math.min(lineStart + loc.column, this.text.length);
  }

  override getParent(node: JSONNode): JSONNode | undefined {
    return ((node as { parent?: JSONNode | null }).parent ?? undefined) || undefined;
  }

  getInlineConfigNodes(): Comment[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: DirectiveProblem[]; directives: Directive[] } {
    const problems: DirectiveProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      if (label === 'eslint-disable-line' && comment.loc.start.line !== comment.loc.end.line) {
        problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
        continue;
      }
      if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
        const type = label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
        directives.push(new Directive({ type, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: Record<string, unknown> }; loc: JSONNode['loc'] }[]; problems: DirectiveProblem[] } {
    const configs: { config: { rules: Record<string, unknown> }; loc: JSONNode['loc'] }[] = [];
    const problems: DirectiveProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config as Record<string, unknown> }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  override traverse(): Iterable<VisitNodeStep> {
    return new ManifestTraversal(this.ast);
  }
}
