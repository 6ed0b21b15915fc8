import { minimatch } from 'minimatch';
import { relative, sep } from 'node:path';
import type { Exemption } from '../settings/device-profile.js';
import { getDeviceProfile, type ContextLike } from './manifest-context.js';

const PLUGIN_PREFIX = 'ase-gpu/';

/** How often each exemption silenced a finding in this process, by its stable key. */
const exemptionUsage = new Map<string, number>();

export function exemptionKey(exemption: Exemption): string {
  return JSON.stringify([exemption.rule, exemption.module ?? null, exemption.file ?? null, exemption.reason ?? null, exemption.expires ?? null]);
}

/** Usage counts of exemptions since the last reset (read by the core linter for unused exemptions). */
export function getExemptionUsage(): ReadonlyMap<string, number> {
  return exemptionUsage;
}

export function resetExemptionUsage(): void {
  exemptionUsage.clear();
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function isExpired(exemption: Exemption, on = today()): boolean {
  return typeof exemption.expires === 'string' && exemption.expires < on;
}

function normaliseRule(rule: string): string {
  return rule.startsWith(PLUGIN_PREFIX) ? rule : `${PLUGIN_PREFIX}${rule}`;
}

function matchesFile(glob: string, filename: string, cwd: string): boolean {
  const relativePath = relative(cwd, filename).split(sep).join('/');
  return minimatch(relativePath, glob, { dot: true }) || minimatch(filename.split(sep).join('/'), glob, { dot: true });
}

/** True when an exemption in force covers this finding. */
export function isExempted(exemption: Exemption, ruleId: string, module: string | undefined, filename: string, cwd: string): boolean {
  if (normaliseRule(exemption.rule) !== normaliseRule(ruleId)) return false;
  if (isExpired(exemption)) return false;
  if (exemption.module !== undefined && exemption.module !== module) return false;
  if (exemption.file !== undefined && !matchesFile(exemption.file, filename, cwd)) return false;
  return true;
}

/** Finds the exemption that silences a finding, and counts its use. */
export function findExemption(context: ContextLike, module: string | undefined): Exemption | undefined {
  const { exemptions } = getDeviceProfile(context);
  if (exemptions.length === 0) return undefined;
  const exemption = exemptions.find((candidate) => isExempted(candidate, context.id, module, context.filename, context.cwd));
  if (exemption) {
    const key = exemptionKey(exemption);
    exemptionUsage.set(key, (exemptionUsage.get(key) ?? 0) + 1);
  }
  return exemption;
}
