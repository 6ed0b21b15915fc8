const BOM = '\uFEFF';

/** A file's text split from its byte-order mark: ESLint lints the body, writes put the mark back. */
export function splitBom(text: string): { bom: boolean; body: string } {
  return text.startsWith(BOM) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

export function withBom(bom: boolean, body: string): string {
  return bom ? BOM + body : body;
}

/** Offsets of line starts, to turn ESLint's 1-based line/column into offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + Math.max(0, column - 1);
}
