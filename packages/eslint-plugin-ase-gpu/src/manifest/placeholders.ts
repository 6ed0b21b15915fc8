/** `${VAR}`, `${MODULES.x}` or `$UPPER_CASE`: tooling placeholders that a rule cannot judge. */
const PLACEHOLDER = /\$\{[^}]*\}|\$[A-Z][A-Z0-9_]{2,}/u;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}
