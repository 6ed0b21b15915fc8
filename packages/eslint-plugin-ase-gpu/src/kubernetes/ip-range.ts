import { ipv4ToNumber, isIPv4 } from './validation.js';

/** An inclusive range of IPv4 addresses, as numbers. */
export interface IPv4Range {
  readonly first: number;
  readonly last: number;
}

/**
 * The device profile's `externalServiceIpRange`: `"a.b.c.d-e.f.g.h"` (spaces allowed around the dash) or a
 * CIDR block `"a.b.c.d/n"`. Undefined when the text is neither, so that a typo silences the range check
 * instead of reporting every address.
 */
export function parseIPv4Range(text: string): IPv4Range | undefined {
  const dash = /^\s*(\S+?)\s*-\s*(\S+?)\s*$/u.exec(text);
  if (dash) {
    const [, from, to] = dash;
    if (!isIPv4(from!) || !isIPv4(to!)) return undefined;
    const first = ipv4ToNumber(from!);
    const last = ipv4ToNumber(to!);
    return first <= last ? { first, last } : undefined;
  }
  const cidr = /^\s*(\S+)\/(\d{1,2})\s*$/u.exec(text);
  if (!cidr || !isIPv4(cidr[1]!)) return undefined;
  const bits = Number.parseInt(cidr[2]!, 10);
  if (bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(ipv4ToNumber(cidr[1]!) / size) * size;
  return { first, last: first + size - 1 };
}

export function inIPv4Range(ip: string, range: IPv4Range): boolean {
  const value = ipv4ToNumber(ip);
  return value >= range.first && value <= range.last;
}
