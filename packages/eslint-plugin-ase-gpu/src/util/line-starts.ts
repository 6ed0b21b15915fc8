/** Offsets where lines start, with ESLint's line breaks (LF and CRLF): the lines ESLint reports. */
export function eslintLineStarts(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) starts.push(newline + 1);
  return starts;
}

/** The 0-based index of the line holding an offset, by binary search over line starts. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
