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

/**
 * The indentation of the first lines that hold something: a whitespace-only line says nothing about
 * the layout (editors leave tabs and spaces on blank lines), so it is never counted.
 */
function detectIndentUnit(text: string): string {
  let smallest = Infinity;
  let lineStart = 0;
  for (let line = 0; line < INDENT_SAMPLE_LINES && lineStart < text.length; line++) {
    let end = lineStart;
    while (text[end] === ' ' || text[end] === '\t') end++;
    const next = text[end];
    const blank = next === undefined || next === '\r' || next === '\n';
    if (!blank && end > lineStart) {
      if (text[lineStart] === '\t') return '\t';
      let width = 0;
      while (text[lineStart + width] === ' ') width++;
      if (width < smallest) smallest = width;
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
