import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolverOptions } from '../config/resolve.js';
import type { LintTextOptions } from './engine.js';
import type { FileOutcome } from './process-file.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface WorkerJob {
  readonly resolver: ResolverOptions;
  readonly lint: LintTextOptions & { cwd: string };
  readonly files: readonly { path: string; text?: string | undefined }[];
}

export type WorkerReply = { ok: true; outcomes: FileOutcome[] } | { ok: false; error: string; userError: boolean };

/** Below this many files a worker's start-up (it loads ESLint and the plugin again) costs more than it saves. */
export const AUTO_CONCURRENCY_MIN_FILES = 50;

export function workerCount(setting: 'off' | 'auto' | number, files: number): number {
  if (setting === 'off') return 1;
  if (setting === 'auto') {
    if (files < AUTO_CONCURRENCY_MIN_FILES) return 1;
    return Math.max(1, Math.min(Math.floor(availableParallelism() / 2), Math.floor(files / AUTO_CONCURRENCY_MIN_FILES)));
  }
  // More threads than cores only add start-up time and memory (each loads ESLint and the rules again).
  return Math.max(1, Math.min(setting, files, availableParallelism()));
}

/**
 * Lints files in worker threads. Each worker rebuilds the configuration from serialisable options
 * (functions and plugin objects do not cross threads), the way ESLint's workers load options from a module.
 */
export async function lintInWorkers(job: WorkerJob, count: number): Promise<FileOutcome[]> {
  const slices: WorkerJob['files'][] = Array.from({ length: count }, () => []);
  job.files.forEach((file, index) => (slices[index % count] as { path: string; text?: string | undefined }[]).push(file));
  // The built worker, wherever the bundler put the code that starts it.
  const url = pathToFileURL(join(PACKAGE_ROOT, 'dist/lint/worker.js'));
  const replies = await Promise.all(
    slices.map(
      (files) =>
        new Promise<WorkerReply>((resolve, reject) => {
          const worker = new Worker(url, { workerData: { ...job, files } satisfies WorkerJob });
          worker.once('message', (reply: WorkerReply) => resolve(reply));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`A lint worker stopped with exit code ${code}.`));
          });
        }),
    ),
  );
  const byPath = new Map<string, FileOutcome>();
  for (const reply of replies) {
    if (!reply.ok) throw Object.assign(new Error(reply.error), { userError: reply.userError });
    for (const outcome of reply.outcomes) byPath.set(outcome.result.filePath, outcome);
  }
  return job.files.map((file) => byPath.get(file.path)!);
}
