/** How a file is laid out, so that inserted JSON looks like the text around it. */
export interface TextStyle {
  readonly eol: '\n' | '\r\n';
  /** One level of indentation: a tab or some spaces. */
  readonly indentUnit: string;
}

const INDENT_SAMPLE_LINES = 200;

export function detectTextStyle(text: string): TextStyle {
  return { eol: detectEol(text), indentUnit: detectIndentUnit(text) };
}

/** The line ending of the first line break (LF when there is none). */
export function detectEol(text: string): TextStyle['eol'] {
  const firstNewline = text.indexOf('\n');
  return firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
}

function detectIndentUnit(text: string): string {
  let smallest = Infinity;
  let lineStart = 0;
  for (let line = 0; line < INDENT_SAMPLE_LINES && lineStart < text.length; line++) {
    const char = text[lineStart];
    if (char === '\t') return '\t';
    if (char === ' ') {
      let width = 0;
      while (text[lineStart + width] === ' ') width++;
      const next = text[lineStart + width];
      if (next !== '\r' && next !== '\n' && width < smallest) smallest = width;
    }
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return Number.isFinite(smallest) ? ' '.repeat(smallest) : '  ';
}

/** The whitespace at the start of the line that holds `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(lineStart, end);
}

/** True when nothing but whitespace stands between the line start and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '\n') return true;
    if (char !== ' ' && char !== '\t' && char !== '\r') return false;
  }
  return true;
}
