import { closest } from './errors.js';

/**
 * The Azure Stack Edge Pro GPU software updates (YYMM) that have release notes
 * (learn.microsoft.com, azure-stack-edge-gpu-<update>-release-notes), plus 2607 of the domain notes.
 * A profile naming another value is a typo far more often than an update we do not know.
 */
export const ASE_UPDATES = [
  '2008', '2010', '2011', '2101', '2103', '2105', '2106', '2110', '2111', '2202', '2203', '2205', '2207', '2209', '2210', '2301', '2303', '2304', '2309', '2312', '2403', '2607',
] as const;

/** `aseVersion` as a configuration may write it: YAML reads `2403` as a number. */
export function aseUpdateText(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : value;
}

/** Why a value is not a known update, or undefined when it is one. */
export function unknownAseUpdate(value: string): string | undefined {
  if ((ASE_UPDATES as readonly string[]).includes(value)) return undefined;
  // Newest first: a typo is likelier in a recent update.
  const hint = closest(value, [...ASE_UPDATES].reverse());
  return `"${value}" is not an Azure Stack Edge update${hint ? ` (did you mean "${hint}"?)` : ''}; known updates: ${ASE_UPDATES.join(', ')}.`;
}
