import { UserError } from '../config/errors.js';
import type { RuleEntry } from '../config/model.js';
import { severityNumber } from '../config/model.js';

/**
 * `--rule` in ESLint's spirit: `ase-gpu/no-binds: off`, `ase-gpu/require-resource-limits: [warn, {"autofix": true}]`
 * (JSON after the colon, bare severities allowed), or a JSON object of several rules.
 */
export function parseRuleOption(text: string): Record<string, RuleEntry> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, RuleEntry>;
    } catch (error) {
      throw new UserError(`--rule: "${text}" is not valid JSON (${(error as Error).message}).`);
    }
  }
  const match = /^([^:\s]+)\s*:\s*(.+)$/su.exec(trimmed);
  if (!match) throw new UserError(`--rule: expected "<rule id>: <severity>" or "<rule id>: [<severity>, {options}]", got "${text}".`);
  const [, id, value] = match as unknown as [string, string, string];
  let entry: unknown;
  if (severityNumber(value.trim()) !== undefined || /^[012]$/u.test(value.trim())) {
    entry = /^[012]$/u.test(value.trim()) ? Number(value.trim()) : value.trim();
  } else {
    const json = value.trim().replace(/^\[\s*(off|warn|error)\s*(?=[,\]])/u, '["$1"');
    try {
      entry = JSON.parse(json);
    } catch {
      throw new UserError(`--rule: the value of "${id}" must be a severity (off, warn, error) or a JSON array [severity, options], got "${value.trim()}".`);
    }
  }
  return { [id]: entry as RuleEntry };
}

