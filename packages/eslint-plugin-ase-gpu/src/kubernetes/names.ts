/**
 * The agent's name sanitisers (domain notes, sections 4, 6 and 9; `K/KubeUtils.cs`,
 * `K/edgedeployment/ImagePullSecretName.cs`), reproduced exactly, including where they keep names
 * that Kubernetes will later reject.
 */

export const MAX_K8S_NAME = 253;
export const MAX_DNS_LABEL = 63;

/** Module id → Kubernetes name: lower-case, every character other than [a-z0-9.-] deleted. `---a-0---` stays. */
export function sanitizeK8sValue(moduleId: string): string {
  return moduleId.toLowerCase().replace(/[^a-z0-9.-]/gu, '');
}

export type SanitizeResult = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly name: string; readonly reason: 'empty' | 'too-long' };

/**
 * Host path or Mount source → volume / claim name (`SanitizeDNSLabel`): lower-case, leading characters up
 * to the first alphanumeric dropped, only [a-z0-9-] kept; longer than 63 throws. `/home/blah` → `homeblah`.
 */
export function sanitizeDnsLabel(value: string): SanitizeResult {
  const lower = value.toLowerCase();
  const first = lower.search(/[a-z0-9]/u);
  const name = first < 0 ? '' : lower.slice(first).replace(/[^a-z0-9-]/gu, '');
  if (name.length > MAX_DNS_LABEL) return { ok: false, name, reason: 'too-long' };
  if (name.length === 0) return { ok: false, name, reason: 'empty' };
  return { ok: true, name };
}

/**
 * One segment of a DNS domain as `SanitizeDNSDomain` builds it for pull-secret names: lower-case, leading
 * characters up to the first letter dropped, only [a-z0-9-] kept.
 */
function sanitizeDomainSegment(segment: string): string {
  const lower = segment.toLowerCase();
  const first = lower.search(/[a-z]/u);
  return first < 0 ? '' : lower.slice(first).replace(/[^a-z0-9-]/gu, '');
}

export type DomainResult =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly name: string; readonly reason: 'empty-segment' | 'segment-too-long' | 'too-long'; readonly segment?: string };

/** `SanitizeDNSDomain`: each `.`-separated segment sanitised as a label that starts with a letter. */
export function sanitizeDnsDomain(value: string): DomainResult {
  const segments = value.split('.').map(sanitizeDomainSegment);
  const name = segments.join('.');
  const empty = segments.findIndex((segment) => segment.length === 0);
  if (empty >= 0) return { ok: false, name, reason: 'empty-segment', segment: value.split('.')[empty] };
  const long = segments.find((segment) => segment.length > MAX_DNS_LABEL);
  if (long) return { ok: false, name, reason: 'segment-too-long', segment: long };
  if (name.length > MAX_K8S_NAME) return { ok: false, name, reason: 'too-long' };
  return { ok: true, name };
}

/** Registry host as the agent compares it: scheme dropped, cut at the first `/`. */
export function registryHost(address: string): string {
  return address.replace(/^https?:\/\//iu, '').split('/')[0] ?? '';
}

/** The registry host of an image reference (Docker's rule: a first segment with `.` or `:`, or `localhost`). */
export function imageRegistryHost(image: string): string | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

/** Image pull Secret name: `SanitizeDNSDomain(lower(username) + "-" + host)` with `:` in the host replaced by `-`. */
export function imagePullSecretName(username: string, address: string): DomainResult {
  const host = registryHost(address).replace(/:/gu, '-');
  return sanitizeDnsDomain(`${username.toLowerCase()}-${host}`);
}
