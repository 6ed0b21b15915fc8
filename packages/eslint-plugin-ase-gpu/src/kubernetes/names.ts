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

const ALPHA = /[a-z]/u;
const ALPHANUMERIC = /[a-z0-9]/u;

/**
 * The agent's `SanitizeDNSValue` core: lower-case, cut before the first character that `start` accepts
 * and after the last alphanumeric, then only [a-z0-9-] kept. `/data-/` → `data`, `---a-z-/--1` → `a-z---1`.
 */
function trimToLabel(value: string, start: RegExp): string {
  const lower = value.toLowerCase();
  let first = 0;
  while (first < lower.length && !start.test(lower[first]!)) first++;
  if (first === lower.length) return '';
  let last = lower.length - 1;
  while (last > first && !ALPHANUMERIC.test(lower[last]!)) last--;
  return lower.slice(first, last + 1).replace(/[^a-z0-9-]/gu, '');
}

function labelResult(name: string): SanitizeResult {
  if (name.length > MAX_DNS_LABEL) return { ok: false, name, reason: 'too-long' };
  if (name.length === 0) return { ok: false, name, reason: 'empty' };
  return { ok: true, name };
}

/**
 * Host path or Mount source → volume / claim name (`SanitizeDNSLabel`): starts and ends with an
 * alphanumeric, only [a-z0-9-] kept; empty or longer than 63 throws. `/home/blah` → `homeblah`.
 */
export function sanitizeDnsLabel(value: string): SanitizeResult {
  return labelResult(trimToLabel(value, ALPHANUMERIC));
}

/** `SanitizeDNSValue` (RFC 1035): like `sanitizeDnsLabel`, but the name starts with a letter. */
export function sanitizeDnsValue(value: string): SanitizeResult {
  return labelResult(trimToLabel(value, ALPHA));
}

/**
 * `SanitizeLabelValue` (the device label): lower-case, alphanumerics at both ends, `-`, `_` and `.`
 * kept between; empty or longer than 63 throws.
 */
export function sanitizeLabelValue(value: string): SanitizeResult {
  const lower = value.toLowerCase();
  let first = 0;
  while (first < lower.length && !ALPHANUMERIC.test(lower[first]!)) first++;
  let last = lower.length - 1;
  while (last > first && !ALPHANUMERIC.test(lower[last]!)) last--;
  const name = first === lower.length ? '' : lower.slice(first, last + 1).replace(/[^a-z0-9._-]/gu, '');
  return labelResult(name);
}

/** One segment of a DNS domain as `SanitizeDNSDomain` builds it: `SanitizeDNSValue` without its checks. */
function sanitizeDomainSegment(segment: string): string {
  return trimToLabel(segment, ALPHA);
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

/** The address the agent gives images without a registry (Docker/Constants.cs, DefaultRegistryAddress). */
export const DOCKER_HUB_ADDRESS = 'https://index.docker.io/v1/';

/**
 * The registry an image is pulled from as the agent reads it (Docker/DockerUtil.cs,
 * TryParseDomainFromImage): with more than one `/`-separated part, the first part when it has a `.` or
 * `:`, else Docker Hub's address; a single part matches no credential. `localhost/x` is Docker Hub here.
 */
export function imageRegistryDomain(image: string): string | undefined {
  const parts = image.trim().split('/');
  if (parts.length < 2) return undefined;
  const first = parts[0]!;
  return first.includes('.') || first.includes(':') ? first : DOCKER_HUB_ADDRESS;
}

/** The registry host of an image reference (a first segment with `.` or `:`), for messages. */
export function imageRegistryHost(image: string): string | undefined {
  const domain = imageRegistryDomain(image);
  return domain === DOCKER_HUB_ADDRESS ? undefined : domain;
}

/**
 * Whether the agent attaches a credential to an image (DockerUtil.cs, HostnameMatches): the image's
 * registry and the credential's address compared whole, ignoring case, so `https://myacr.azurecr.io` or
 * `myacr.azurecr.io/` never match `myacr.azurecr.io/app`.
 */
export function credentialMatchesImage(address: string, image: string): boolean {
  const domain = imageRegistryDomain(image);
  return domain !== undefined && domain.toLowerCase() === address.toLowerCase();
}

/** Image pull Secret name: `SanitizeDNSDomain(lower(username) + "-" + host)` with `:` in the host replaced by `-`. */
export function imagePullSecretName(username: string, address: string): DomainResult {
  const host = registryHost(address).replace(/:/gu, '-');
  return sanitizeDnsDomain(`${username.toLowerCase()}-${host}`);
}
