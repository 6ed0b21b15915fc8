/**
 * Trimming a repeated character from the ends of user text. Written as loops: regexes such as
 * /\/+$/ try every start position and grow quadratically on long runs of the character.
 */
export function trimEndChar(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}

export function trimChar(text: string, char: string): string {
  let start = 0;
  while (start < text.length && text[start] === char) start++;
  return trimEndChar(text.slice(start), char);
}
