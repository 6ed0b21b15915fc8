/**
 * `\r\n`, `\n` and `\r`. acorn also counts U+2028 and U+2029, but `parseJSONText` hands it any text
 * holding them with both swapped for stand-ins, so its lines never break there.
 */
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

/** Offsets where lines start, with ESLint's line breaks (LF and CRLF): the lines ESLint reports. */
export function eslintLineStarts(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) starts.push(newline + 1);
  return starts;
}

/** The index of the last entry of an ascending list that is at most `value` (0 when none is): a line, a module. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
