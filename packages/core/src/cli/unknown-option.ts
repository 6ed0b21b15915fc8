import { didYouMean } from '../config/errors.js';

/**
 * node:util parseArgs's error, in one line, with a did-you-mean for an unknown flag (`--fixx` →
 * `--fix`). `names` are the long option names as declared.
 */
export function unknownOptionMessage(error: Error, names: readonly string[]): string {
  const message = error.message.replace(/\. To specify a positional argument.*$/su, '.');
  const unknown = /^Unknown option '(-{1,2}[^']*)'/u.exec(message);
  if (!unknown) return message;
  const flag = unknown[1]!.split('=')[0]!;
  const flags = names.map((name) => `--${name}`);
  // `--no-x` flags are declared under their full name; a typo of either spelling should find them.
  return `Unknown option '${flag}'${didYouMean(flag, flags)}.`;
}
