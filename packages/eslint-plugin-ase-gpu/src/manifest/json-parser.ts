import type { JSONProgram } from './json-ast.js';
import { lastAtOrBefore, lineStarts } from './line-starts.js';
import { parseJSONText } from './parse-json.js';

/**
 * A strict-JSON parser for createOptions texts that builds the same tree as jsonc-eslint-parser's
 * `parseJSON` (types, `range`, `start`/`end`, `parent`, `value`, `raw`, property flags, `loc`), in one
 * linear, iterative pass. jsonc-eslint-parser runs acorn, which builds a parser per call: ~70-130 µs a
 * module against a few µs here. Anything this parser does not accept (JSONC or JavaScript extensions,
 * odd whitespace, a `__proto__` key, nesting deeper than `MAX_DEPTH`) is a `FastJSONError`, and the
 * caller hands the text to jsonc-eslint-parser, which stays the judge of every text that is not plain
 * JSON and of the error it reports.
 */
export class FastJSONError extends SyntaxError {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/**
 * Deeper than this is left to jsonc-eslint-parser: it recurses, and runs out of stack somewhere
 * between a few hundred and ~780 levels depending on the caller's stack; below this depth it never
 * does, so both parsers give the same answer.
 */
export const MAX_DEPTH = 100;

interface Position {
  line: number;
  column: number;
}

/** Line starts of one text, built on the first `loc` read. */
class LineIndex {
  declare readonly text: string;
  declare starts: number[] | undefined;
  constructor(text: string) {
    this.text = text;
    this.starts = undefined;
  }

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    const line = lastAtOrBefore(starts, offset);
    return { line: line + 1, column: offset - starts[line]! };
  }
}

/**
 * Base of every node. Fields are assigned in constructors (class-field initialisers made
 * construction several times slower in V8). A 20 MB manifest has millions of nodes and rules read the
 * position of very few, so what they do not read costs no memory until asked: `range` is made on first
 * read from the two offsets (an array is 64 bytes, more than the node) and kept in a private field
 * (invisible to for-in, so reading a position does not look like a change of the tree to ESLint's
 * RuleTester), `loc` comes from the line index the Program keeps, and fields that are the same on
 * every node of a type live on the prototype.
 */
class Node {
  declare readonly type: string;
  declare parent: Node | null;
  /** Offsets, read through `range`, `start` and `end`. */
  declare from: number;
  declare to: number;
  #range: [number, number] | undefined;
  constructor(type: string, start: number, end: number) {
    this.type = type;
    this.parent = null;
    this.from = start;
    this.to = end;
  }

  /** One array per node, made on the first read. */
  get range(): [number, number] {
    return (this.#range ??= [this.from, this.to]);
  }

  get start(): number {
    return this.from;
  }

  get end(): number {
    return this.to;
  }

  get loc(): { start: Position; end: Position } {
    const lines = programOf(this).lines;
    return { start: lines.position(this.from), end: lines.position(this.to) };
  }

  /** Sets the end offset while the parser is still reading the node (no `range` was handed out yet). */
  close(end: number): void {
    this.to = end;
  }
}

function programOf(node: Node): ProgramNode {
  let root: Node = node;
  while (root.parent) root = root.parent;
  return root as ProgramNode;
}

/*
 * Members are pushed while an object or array is read, and a pushed-to array keeps V8's growth slack
 * (room for 17 members after the first push, 152 bytes for one). Closing copies them into an array of
 * exactly their number: a 20 MB manifest has hundreds of thousands of small objects.
 */
class ObjectNode extends Node {
  declare properties: PropertyNode[];
  constructor(start: number) {
    super('JSONObjectExpression', start, start);
    this.properties = [];
  }

  override close(end: number): void {
    super.close(end);
    if (this.properties.length > 0) this.properties = this.properties.slice();
  }
}

class ArrayNode extends Node {
  declare elements: Node[];
  constructor(start: number) {
    super('JSONArrayExpression', start, start);
    this.elements = [];
  }

  override close(end: number): void {
    super.close(end);
    if (this.elements.length > 0) this.elements = this.elements.slice();
  }
}

class PropertyNode extends Node {
  declare readonly method: false;
  declare readonly shorthand: false;
  declare readonly computed: false;
  declare key: LiteralNode;
  declare value: Node;
  constructor(key: LiteralNode) {
    super('JSONProperty', key.start, key.end);
    this.key = key;
    this.value = key;
  }
}
Object.defineProperties(PropertyNode.prototype, { method: { value: false }, shorthand: { value: false }, computed: { value: false } });

class LiteralNode extends Node {
  declare readonly value: string | number | boolean | null;
  constructor(start: number, end: number, value: string | number | boolean | null) {
    super('JSONLiteral', start, end);
    this.value = value;
  }

  /** The source text, read from the file when asked (rules read values; a few fixes read numbers' raw). */
  get raw(): string {
    return programOf(this).lines.text.slice(this.from, this.to);
  }
}

class UnaryNode extends Node {
  declare readonly operator: '-';
  declare readonly prefix: true;
  declare readonly argument: LiteralNode;
  constructor(start: number, argument: LiteralNode) {
    super('JSONUnaryExpression', start, argument.end);
    this.argument = argument;
  }
}
Object.defineProperties(UnaryNode.prototype, { operator: { value: '-' }, prefix: { value: true } });

const enum Code {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  BracketOpen = 91,
  Backslash = 92,
  BracketClose = 93,
  LowerE = 101,
  UpperE = 69,
  BraceOpen = 123,
  BraceClose = 125,
}

/** Parses strict JSON (RFC 8259) into jsonc-eslint-parser's tree, or throws a `FastJSONError`. */
export function parseStrictJSON(text: string): JSONProgram {
  const lines = new LineIndex(text);
  const length = text.length;
  let index = 0;

  const fail = (message: string, at: number = index): never => {
    throw new FastJSONError(message, at);
  };

  const skipSpace = (): void => {
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === Code.Space || code === Code.LineFeed || code === Code.CarriageReturn || code === Code.Tab) index++;
      else return;
    }
  };

  const readString = (): LiteralNode => {
    const start = index;
    let i = index + 1;
    let escaped = false;
    for (;;) {
      if (i >= length) return fail('Unterminated string constant.', start);
      const code = text.charCodeAt(i);
      if (code === Code.Quote) break;
      if (code < 0x20) return fail('Unexpected control character in string.', i);
      if (code === Code.Backslash) {
        escaped = true;
        const next = text.charCodeAt(i + 1);
        if (next === 117 /* u */) {
          for (let k = 2; k < 6; k++) {
            const hex = text.charCodeAt(i + k);
            const isHex = (hex >= 48 && hex <= 57) || (hex >= 65 && hex <= 70) || (hex >= 97 && hex <= 102);
            if (!isHex) return fail('Bad character escape sequence.', i);
          }
          i += 6;
          continue;
        }
        // " \ / b f n r t
        if (next === 34 || next === 92 || next === 47 || next === 98 || next === 102 || next === 110 || next === 114 || next === 116) {
          i += 2;
          continue;
        }
        return fail('Bad character escape sequence.', i);
      }
      i++;
    }
    const end = i + 1;
    const value = escaped ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1);
    index = end;
    return new LiteralNode(start, end, value);
  };

  const readDigits = (): number => {
    const from = index;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code < Code.Zero || code > Code.Nine) break;
      index++;
    }
    return index - from;
  };

  const readNumber = (): LiteralNode => {
    const start = index;
    const first = text.charCodeAt(index);
    if (first === Code.Zero) index++;
    else if (readDigits() === 0) return fail('Unexpected character.', start);
    if (text.charCodeAt(index) === Code.Dot) {
      index++;
      if (readDigits() === 0) return fail('Unexpected character.', index);
    }
    const exponent = text.charCodeAt(index);
    if (exponent === Code.LowerE || exponent === Code.UpperE) {
      index++;
      const sign = text.charCodeAt(index);
      if (sign === Code.Plus || sign === Code.Minus) index++;
      if (readDigits() === 0) return fail('Unexpected character.', index);
    }
    const next = text.charCodeAt(index);
    // `01`, `1x`, `1_0` and the like: numbers end at a delimiter in JSON.
    if ((next >= Code.Zero && next <= Code.Nine) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95 || next === 36) {
      return fail('Unexpected character.', index);
    }
    return new LiteralNode(start, index, Number(text.slice(start, index)));
  };

  const readKeyword = (word: string, value: boolean | null): LiteralNode => {
    const start = index;
    if (!text.startsWith(word, index)) return fail('Unexpected token.', start);
    index += word.length;
    const next = text.charCodeAt(index);
    if ((next >= 48 && next <= 57) || (next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95 || next === 36 || next > 127) {
      return fail('Unexpected token.', start);
    }
    return new LiteralNode(start, index, value);
  };

  /** Containers still open, innermost last; a property on the stack is waiting for its value. */
  const stack: (ObjectNode | ArrayNode | PropertyNode)[] = [];
  let depth = 0;

  /** Reads a value; returns a container still to be filled, or a finished scalar. */
  const readValue = (): Node => {
    skipSpace();
    const code = text.charCodeAt(index);
    switch (code) {
      case Code.BraceOpen:
      case Code.BracketOpen: {
        if (++depth > MAX_DEPTH) return fail('Nested too deeply.', index);
        const node = code === Code.BraceOpen ? new ObjectNode(index) : new ArrayNode(index);
        index++;
        return node;
      }
      case Code.Quote:
        return readString();
      case Code.Minus: {
        const start = index;
        index++;
        const next = text.charCodeAt(index);
        if (next < Code.Zero || next > Code.Nine) return fail('Unexpected token.', index);
        const argument = readNumber();
        const unary = new UnaryNode(start, argument);
        argument.parent = unary;
        return unary;
      }
      case 116:
        return readKeyword('true', true);
      case 102:
        return readKeyword('false', false);
      case 110:
        return readKeyword('null', null);
      default:
        if (code >= Code.Zero && code <= Code.Nine) return readNumber();
        return fail(index >= length ? 'Unexpected end of input.' : 'Unexpected token.', index);
    }
  };

  const close = (node: ObjectNode | ArrayNode): void => {
    index++;
    node.close(index);
    depth--;
  };

  /** Reads `"key":` and pushes the property that waits for its value. */
  const openProperty = (object: ObjectNode): void => {
    skipSpace();
    if (text.charCodeAt(index) !== Code.Quote) fail('Unexpected token.', index);
    const key = readString();
    if (key.value === '__proto__') fail('A "__proto__" key.', key.start);
    skipSpace();
    if (text.charCodeAt(index) !== Code.Colon) fail('Unexpected token.', index);
    index++;
    const property = new PropertyNode(key);
    key.parent = property;
    property.parent = object;
    object.properties.push(property);
    stack.push(property);
  };

  let root: Node | undefined;
  let pending: Node | undefined = readValue();

  for (;;) {
    if (pending) {
      // Attach the value just read to the container on top of the stack.
      const top = stack[stack.length - 1];
      if (!top) root = pending;
      else if (top instanceof PropertyNode) {
        top.value = pending;
        pending.parent = top;
      } else {
        (top as ArrayNode).elements.push(pending);
        pending.parent = top;
      }
      const value = pending;
      pending = undefined;
      if (value instanceof ObjectNode) {
        skipSpace();
        if (text.charCodeAt(index) === Code.BraceClose) close(value);
        else {
          stack.push(value);
          openProperty(value);
          pending = readValue();
        }
        continue;
      }
      if (value instanceof ArrayNode) {
        skipSpace();
        if (text.charCodeAt(index) === Code.BracketClose) close(value);
        else {
          stack.push(value);
          pending = readValue();
        }
        continue;
      }
    }

    // A value is complete: finish the property it belonged to, then look for `,` or the closer.
    let top = stack[stack.length - 1];
    if (!top) break;
    if (top instanceof PropertyNode) {
      const value = top.value;
      top.close(value.end);
      stack.pop();
      top = stack[stack.length - 1]!;
    }
    skipSpace();
    const code = text.charCodeAt(index);
    if (code === Code.Comma) {
      index++;
      if (top instanceof ObjectNode) openProperty(top);
      pending = readValue();
      continue;
    }
    if ((code === Code.BraceClose && top instanceof ObjectNode) || (code === Code.BracketClose && top instanceof ArrayNode)) {
      close(top as ObjectNode | ArrayNode);
      stack.pop();
      continue;
    }
    fail(index >= length ? 'Unexpected end of input.' : 'Unexpected token.', index);
  }

  skipSpace();
  if (index < length) fail('Unexpected token.', index);
  const expression = root!;
  const statement = new StatementNode(expression);
  expression.parent = statement;
  const program = new ProgramNode(statement, length, lines);
  statement.parent = program;
  return program as unknown as JSONProgram;
}

class StatementNode extends Node {
  declare readonly expression: Node;
  constructor(expression: Node) {
    super('JSONExpressionStatement', expression.start, expression.end);
    this.expression = expression;
  }
}

class ProgramNode extends Node {
  declare readonly lines: LineIndex;
  declare readonly body: StatementNode[];
  declare readonly comments: never[];
  declare readonly tokens: never[];
  constructor(statement: StatementNode, length: number, lines: LineIndex) {
    super('Program', 0, length);
    this.lines = lines;
    this.body = [statement];
    this.comments = [];
    this.tokens = [];
  }
}

/**
 * A createOptions text as jsonc-eslint-parser's strict JSON would read it: the fast parser for plain
 * JSON, jsonc-eslint-parser for everything else (so its errors, messages and offsets stay the same).
 */
export function parseCreateOptionsJSON(text: string): JSONProgram {
  try {
    return parseStrictJSON(text);
  } catch (error) {
    if (!(error instanceof FastJSONError)) throw error;
    return parseJSONText(text, 'JSON');
  }
}
