/**
 * What the Kubernetes API server requires of the objects the agent creates (upstream validation the
 * agent relies on without checking).
 */

const DNS_1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/u;
const DNS_1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/u;
const DNS_1123_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/u;
/** Env names before the relaxed rule (KEP-4369, on by default from 1.32). */
const C_IDENTIFIER_ENV = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/u;

/** Container names, volume names, label values: lower-case alphanumerics and `-`, ≤ 63. */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}

/** Service names: a DNS-1123 label that starts with a letter. */
export function isDns1035Label(name: string): boolean {
  return name.length <= 63 && DNS_1035_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return name.length <= 253 && DNS_1123_SUBDOMAIN.test(name);
}

/** The first Kubernetes minor version that accepts any printable ASCII but `=` in env names. */
export const RELAXED_ENV_NAMES_MINOR = 32;

/**
 * Whether the API server accepts an env name: before 1.32 `[-._a-zA-Z][-._a-zA-Z0-9]*`; from 1.32 any
 * printable ASCII character except `=`.
 */
export function isValidEnvName(name: string, kubernetesMinor: number): boolean {
  if (name.length === 0) return false;
  if (kubernetesMinor >= RELAXED_ENV_NAMES_MINOR) return /^[\x20-\x7e]+$/u.test(name) && !name.includes('=');
  return C_IDENTIFIER_ENV.test(name);
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u;

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

export function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((value, part) => value * 256 + Number.parseInt(part, 10), 0);
}
