import { UserError } from '../config/errors.js';
import { describeSize } from '../files/read.js';

// Streams as the CLI uses them, declared structurally: `run()` is public, and its declarations must
// compile in a project without @types/node. process.stdout and a test's collecting stream both fit.
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface InputStream extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface CliIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: InputStream;
  readonly cwd: string;
  readonly env: Environment;
}

let guarded = false;

/**
 * A reader that stops early (`| head -1`) closes the pipe: the rest of the report has nowhere to go,
 * so the run ends quietly with its own exit code (as `git log | head` does). Any other failure to
 * write the report (`> /dev/full`) is one line on stderr and exit 2.
 */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`ase-gpu-lint: cannot write the report to standard output (${error.code ?? error.message}).\n`);
    // Set at exit: the code the run returns is set after this event may have fired.
    process.once('exit', () => (process.exitCode = 2));
  });
}

export function processIO(): CliIO {
  guardStdout();
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/** Colours as ESLint decides them: forced by --color/--no-color, else FORCE_COLOR/NO_COLOR, else a terminal. */
export function useColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env: Environment): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY);
}

/**
 * The bytes of a stream: decoding is the caller's, so that bytes that are not UTF-8 can be reported.
 * More than `maxBytes` (0: no limit) stops the read with a UserError, before memory runs out.
 */
export async function readStream(stream: InputStream, maxBytes = 0): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (maxBytes > 0 && total > maxBytes) throw new UserError(`standard input is over the limit of ${describeSize(maxBytes)} (--max-file-size).`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
