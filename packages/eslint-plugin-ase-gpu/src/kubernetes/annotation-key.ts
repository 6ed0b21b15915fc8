/**
 * `Labels` keys become Kubernetes annotation keys through the agent's `SanitizeAnnotationKey`
 * (`K/KubeUtils.cs`; domain notes, section 2 and IGN-LABELS-ARE-ANNOTATIONS). Sanitising never fails
 * silently: when nothing usable is left it throws, and the whole deployment fails.
 */

const MAX_NAME = 63;
const MAX_DOMAIN = 253;

const isAlpha = (char: string): boolean => /^[a-zA-Z]$/u.test(char);
const isAlphaNumeric = (char: string): boolean => /^[a-zA-Z0-9]$/u.test(char);

export type AnnotationKeyResult = { readonly ok: true; readonly key: string } | { readonly ok: false; readonly reason: string };

/** Trims to the first character accepted by `startsWith` and the last alphanumeric, keeping `allowed`. */
function trimAndKeep(value: string, startsWith: (char: string) => boolean, allowed: RegExp): string | undefined {
  let start = 0;
  while (start < value.length && !startsWith(value[start]!)) start++;
  if (start === value.length) return undefined;
  let end = Math.max(start, value.length - 1);
  while (end > start && !isAlphaNumeric(value[end]!)) end--;
  return [...value.slice(start, end + 1)].filter((char) => allowed.test(char)).join('');
}

/** The name part: alphanumerics at both ends, `-`, `_` and `.` between, at most 63 characters. */
function sanitizeName(name: string): AnnotationKeyResult {
  const output = trimAndKeep(name, isAlphaNumeric, /^[a-zA-Z0-9._-]$/u);
  if (output === undefined || output.length === 0) return { ok: false, reason: `the name "${name}" has no letter or digit` };
  if (output.length > MAX_NAME) return { ok: false, reason: `the name "${name}" is longer than ${MAX_NAME} characters` };
  return { ok: true, key: output };
}

/** The prefix: a DNS subdomain whose every `.`-separated label starts with a letter. */
function sanitizePrefix(prefix: string): AnnotationKeyResult {
  if (prefix.length === 0) return { ok: false, reason: 'the prefix before "/" is empty' };
  const labels: string[] = [];
  for (const segment of prefix.toLowerCase().split('.')) {
    const label = trimAndKeep(segment, isAlpha, /^[a-z0-9-]$/u);
    if (label === undefined || label.length === 0) return { ok: false, reason: `the prefix part "${segment}" has no letter to start with` };
    if (label.length > MAX_NAME) return { ok: false, reason: `the prefix part "${segment}" is longer than ${MAX_NAME} characters` };
    labels.push(label);
  }
  const output = labels.join('.');
  if (output.length > MAX_DOMAIN) return { ok: false, reason: `the prefix is longer than ${MAX_DOMAIN} characters` };
  return { ok: true, key: output };
}

/** The annotation key the agent makes of a label key, or why it throws. */
export function sanitizeAnnotationKey(key: string): AnnotationKeyResult {
  if (key.length === 0) return { ok: false, reason: 'the key is empty' };
  const slash = key.indexOf('/');
  if (slash < 0) return sanitizeName(key);
  const prefix = sanitizePrefix(key.slice(0, slash));
  if (!prefix.ok) return prefix;
  const name = sanitizeName(key.slice(slash + 1));
  if (!name.ok) return name;
  return { ok: true, key: `${prefix.key}/${name.key}` };
}
