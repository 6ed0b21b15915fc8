/** `$UPPER_CASE` (three characters are enough to tell). */
const UPPER_CASE_PLACEHOLDER = /\$[A-Z][A-Z0-9_]{2}/u;

/** `${VAR}`, `${MODULES.x}` or `$UPPER_CASE`: tooling placeholders that a rule cannot judge. */
export function isPlaceholder(text: string): boolean {
  return hasBracedPlaceholder(text) || UPPER_CASE_PLACEHOLDER.test(text);
}

/**
 * True when `${` is followed somewhere by `}` (what /\$\{[^}]*\}/ matches), in one pass: the regex
 * rescans to the end from every `${` and is quadratic on a text full of them.
 */
export function hasBracedPlaceholder(text: string): boolean {
  const open = text.indexOf('${');
  return open >= 0 && text.indexOf('}', open + 2) >= 0;
}
