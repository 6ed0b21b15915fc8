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
 * plugin-kit's VisitNodeStep, made with one allocation less per step (no options object) and its
 * constant `type` and `kind` on the prototype: ESLint reads the same fields, and a manifest's
 * traversal makes two steps per node. The largest allocation site of a lint run before.
 */
class ManifestVisitStep {
  declare readonly type: 'visit';
  declare readonly kind: 1;
  declare readonly target: JSONNode;
  declare readonly phase: 1 | 2;
  declare readonly args: [JSONNode, JSONNode | undefined];
  constructor(target: JSONNode, phase: 1 | 2, parent: JSONNode | undefined) {
    this.target = target;
    this.phase = phase;
    this.args = [target, parent];
  }
}
Object.defineProperties(ManifestVisitStep.prototype, { type: { value: 'visit' }, kind: { value: 1 } });

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

  /**
   * Every node, entered and left, in document order. Steps are made as ESLint takes them: a 20 MB manifest
   * has millions of nodes, and a list of all their steps (two objects each) held hundreds of megabytes
   * until the traversal ended; made one at a time they die young, which the garbage collector handles
   * cheaply. Parallel stacks instead of a frame object per node, for the same reason.
   */
  override *traverse(): Iterable<VisitNodeStep> {
    const nodes: JSONNode[] = [this.ast];
    const parents: (JSONNode | undefined)[] = [undefined];
    const exits: boolean[] = [false];
    const visitorKeys = VisitorKeys as Record<string, readonly string[] | undefined>;
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const parent = parents.pop();
      if (exits.pop()) {
        yield new ManifestVisitStep(node, 2, parent);
        continue;
      }
      yield new ManifestVisitStep(node, 1, parent);
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
    }
  }
}
