import { isQuantity } from './quantities.js';

/** A quantity Kubernetes accepts in place of one it rejects, and what it means. */
export interface QuantityRepair {
  readonly replacement: string;
  readonly meaning: string;
}

const POWERS: Readonly<Record<string, number>> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** Kubernetes' decimal suffixes: `k` is lower case, the others upper case. */
function decimalSuffix(letter: string): string {
  return letter === 'K' ? 'k' : letter;
}

function decimal(number: string, letter: string): QuantityRepair {
  const suffix = decimalSuffix(letter);
  return { replacement: `${number}${suffix}`, meaning: `decimal: 1${suffix} is 10^${3 * POWERS[letter]!}` };
}

function binary(number: string, letter: string, reading = 'binary'): QuantityRepair {
  return { replacement: `${number}${letter}i`, meaning: `${reading}: 1${letter}i is 2^${10 * POWERS[letter]!}` };
}

const NUMBER_AND_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)$/u;

/**
 * Quantities to offer for one Kubernetes cannot parse, only where the reading is clear:
 * - upper-case SI units (`MB`, `GB`, `KB`/`kB`...) are decimal: `128MB` → `128M`;
 * - IEC units in any case (`MiB`, `mib`, `mi`...) are binary: `512MiB` → `512Mi`;
 * - lower-case `kb`/`mb`/`gb`/`tb`/`pb`/`eb` are ambiguous: Docker (whose users write them) reads them as
 *   binary, the SI as decimal, and Kubernetes' own `m` would mean thousandths. Both readings are offered,
 *   Docker's first, and neither is applied without the user choosing;
 * - a space between the number and a valid suffix is dropped.
 * Anything else (`K` alone, `Mb`, `cores`) gets nothing.
 */
export function quantityRepairs(text: string): QuantityRepair[] {
  const trimmed = text.trim();
  const match = NUMBER_AND_UNIT.exec(trimmed);
  if (!match) return trimmed !== text && isQuantity(trimmed) ? [{ replacement: trimmed, meaning: 'without the spaces' }] : [];
  const [, number, unit] = match as unknown as [string, string, string];
  if (isQuantity(`${number}${unit}`)) return [{ replacement: `${number}${unit}`, meaning: 'without the space' }];
  const si = /^([KMGTPE])B$|^(k)B$/u.exec(unit);
  if (si) return [decimal(number, (si[1] ?? si[2]!).toUpperCase())];
  const iec = /^([kmgtpe])i(?:b)?$/iu.exec(unit);
  if (iec) return [binary(number, iec[1]!.toUpperCase())];
  const docker = /^([kmgtpe])b$/u.exec(unit);
  if (docker) {
    const letter = docker[1]!.toUpperCase();
    return [binary(number, letter, `binary, as Docker reads "${unit}"`), decimal(number, letter)];
  }
  return [];
}
