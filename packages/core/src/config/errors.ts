import { relative } from 'node:path';

/**
 * A mistake in a user's configuration or command line: reported as one line naming the file and the
 * key, with exit code 2 and no stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export class ConfigError extends UserError {
  readonly file: string | undefined;
  readonly key: string | undefined;

  constructor(file: string | undefined, key: string | undefined, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.file = file;
    this.key = key;
  }

  /** `team/.aseGpurc: rules["ase-gpu/no-binds"]: ...`, with the file relative to the working directory. */
  describe(cwd: string): string {
    const where = this.file ? displayPath(this.file, cwd) : undefined;
    return [where, this.key, this.message].filter(Boolean).join(': ');
  }
}

export function displayPath(file: string, cwd: string): string {
  if (file.startsWith('ase-gpu:')) return file;
  const rel = relative(cwd, file);
  return rel === '' ? file : rel.startsWith('..') && rel.split(/[\\/]/u).filter((part) => part === '..').length > 2 ? file : rel.split('\\').join('/');
}

/** The closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates);
  return hint ? ` (did you mean "${hint}"?)` : '';
}
