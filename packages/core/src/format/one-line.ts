/**
 * Text on one line: line breaks and the spaces around them become one space. Split rather than a
 * regex such as /\s*\n\s*\/g, which tries every start position and grows quadratically on long runs of
 * spaces in user text.
 */
export function oneLine(text: string): string {
  // Nearly every message is one line already.
  if (!text.includes('\n') && !text.includes('\r')) return text.trim();
  return text
    .split(/[\r\n]/u)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
