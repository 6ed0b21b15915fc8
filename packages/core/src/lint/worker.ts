import { parentPort, workerData } from 'node:worker_threads';
import { dirname } from 'node:path';
import { UserError, ConfigError } from '../config/errors.js';
import { ConfigResolver } from '../config/resolve.js';
import { processFile, type FileOutcome } from './process-file.js';
import type { WorkerJob, WorkerReply } from './workers.js';

const job = workerData as WorkerJob;

async function main(): Promise<WorkerReply> {
  const resolver = new ConfigResolver(job.resolver);
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) {
    const folder = await resolver.forFolder(dirname(file.path));
    const config = resolver.effective(folder, file.path);
    outcomes.push(processFile(file.path, file.text, config, job.lint));
  }
  return { ok: true, outcomes };
}

main().then(
  (reply) => parentPort!.postMessage(reply),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      error: error instanceof ConfigError ? error.describe(job.lint.cwd) : error instanceof Error ? (error.stack ?? error.message) : String(error),
      userError: error instanceof UserError,
    } satisfies WorkerReply),
);
