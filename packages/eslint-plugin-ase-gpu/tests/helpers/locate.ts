/**
 * Test-only: where a piece of text stands in a fixture, as RuleTester expects locations (1-based
 * lines and columns, end exclusive). Positions in tests come from searching the text, never from the
 * code under test.
 */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(code: string, needle: string, occurrence = 1): Location {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in the fixture`);
  }
  return span(code, index, index + needle.length);
}

export function span(code: string, start: number, end: number): Location {
  const at = (offset: number): { line: number; column: number } => {
    const before = code.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  const from = at(start);
  const to = at(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

/** The text as it stands inside a JSON string literal (for needles in string-encoded createOptions). */
export function escaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * The JSON value that follows `anchor` (an object or array up to its matching bracket, or a scalar),
 * for fixtures laid out over several lines.
 */
export function locateValueAfter(code: string, anchor: string, occurrence = 1): Location {
  const anchorAt = locateIndex(code, anchor, occurrence) + anchor.length;
  let start = anchorAt;
  while (/\s/u.test(code[start] ?? '')) start++;
  const open = code[start];
  if (open !== '{' && open !== '[') {
    const match = /^("(?:[^"\\]|\\.)*"|[^,}\]\s]+)/u.exec(code.slice(start));
    return span(code, start, start + (match?.[0].length ?? 1));
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < code.length; i++) {
    const char = code[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return span(code, start, i + 1);
    }
  }
  throw new Error(`unbalanced value after "${anchor}"`);
}

function locateIndex(code: string, needle: string, occurrence: number): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = code.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times in the fixture`);
  }
  return index;
}
