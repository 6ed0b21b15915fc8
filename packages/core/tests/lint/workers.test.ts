import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_CONCURRENCY_MIN_FILES, lintInWorkers, workerCount, type WorkerJob, type WorkerReply } from '../../src/lint/workers.js';
import type { FileOutcome } from '../../src/lint/process-file.js';

/**
 * The pool's own logic in-process: the real worker is the built worker.js (the CLI tests run it), so
 * here each thread is a stand-in that answers from its workerData the way a test tells it to.
 */
const pool = vi.hoisted(() => ({
  cores: 16,
  started: [] as { url: string; files: readonly { path: string; text?: string | undefined }[]; job: unknown }[],
  answer: undefined as unknown as (files: readonly { path: string }[]) => { reply?: unknown; error?: Error; exit?: number },
}));

function outcome(file: { path: string }): FileOutcome {
  return { result: { filePath: file.path } as FileOutcome['result'], output: undefined, source: undefined, usage: {} };
}

vi.mock('node:os', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:os')>()), availableParallelism: () => pool.cores }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const { EventEmitter } = await import('node:events');
  class StandInWorker extends EventEmitter {
    constructor(url: URL, options: { workerData: WorkerJob }) {
      super();
      pool.started.push({ url: url.href, files: options.workerData.files, job: options.workerData });
      const { reply, error, exit } = pool.answer(options.workerData.files);
      setImmediate(() => {
        if (error) this.emit('error', error);
        else if (reply !== undefined) this.emit('message', reply);
        this.emit('exit', exit ?? 0);
      });
    }
  }
  return { ...(await importOriginal<typeof import('node:worker_threads')>()), Worker: StandInWorker };
});

const job = (paths: string[]): WorkerJob => ({ resolver: { cwd: '/w' }, lint: { cwd: '/w', fix: true }, files: paths.map((path) => ({ path, text: `text of ${path}` })) });

/** What a thread that linted its files without trouble answers. */
const answerAll = (files: readonly { path: string }[]): { reply: WorkerReply } => ({ reply: { ok: true, outcomes: files.map(outcome) } });
pool.answer = answerAll;

afterEach(() => {
  pool.cores = 16;
  pool.started = [];
  pool.answer = answerAll;
});

describe('workerCount on a machine with 16 cores', () => {
  it('takes a number as asked, but never more than the files or the cores, nor fewer than one', () => {
    expect(workerCount(3, 100)).toBe(3);
    expect(workerCount(40, 100)).toBe(16);
    expect(workerCount(40, 5)).toBe(5);
    expect(workerCount(2, 0)).toBe(1);
    expect(workerCount('off', 10_000)).toBe(1);
  });

  it('auto: one thread below the threshold, then one per threshold of files, up to half the cores', () => {
    expect(AUTO_CONCURRENCY_MIN_FILES).toBe(50);
    expect(workerCount('auto', 49)).toBe(1);
    expect(workerCount('auto', 50)).toBe(1);
    expect(workerCount('auto', 100)).toBe(2);
    expect(workerCount('auto', 199)).toBe(3);
    expect(workerCount('auto', 10_000)).toBe(8);
    pool.cores = 1;
    expect(workerCount('auto', 10_000)).toBe(1);
    expect(workerCount(4, 100)).toBe(1);
  });
});

describe('lintInWorkers', () => {
  it('deals the files round-robin to the threads and answers in the order of the files', async () => {
    const paths = ['/w/a.json', '/w/b.json', '/w/c.json', '/w/d.json', '/w/e.json'];
    // Each thread answers its files in reverse, so only the reassembly by path restores the order.
    pool.answer = (files) => ({ reply: { ok: true, outcomes: files.map(outcome).reverse() } satisfies WorkerReply });
    const outcomes = await lintInWorkers(job(paths), 2);
    expect(outcomes.map((item) => item.result.filePath)).toEqual(paths);
    expect(pool.started.map((thread) => thread.files.map((file) => file.path))).toEqual([
      ['/w/a.json', '/w/c.json', '/w/e.json'],
      ['/w/b.json', '/w/d.json'],
    ]);
    expect(pool.started[0]!.files[1]).toEqual({ path: '/w/c.json', text: 'text of /w/c.json' });
    expect(pool.started.every((thread) => thread.url.endsWith('/lint/worker.js'))).toBe(true);
    expect(pool.started[1]!.job).toEqual({ ...job(paths), files: [job(paths).files[1], job(paths).files[3]] });
  });

  it('starts one thread per slice, even an empty one', async () => {
    const outcomes = await lintInWorkers(job(['/w/only.json']), 3);
    expect(outcomes.map((item) => item.result.filePath)).toEqual(['/w/only.json']);
    expect(pool.started.map((thread) => thread.files.length)).toEqual([1, 0, 0]);
  });

  it("turns a thread's failure reply into an error that keeps whether the user caused it", async () => {
    pool.answer = (files) => (files.some((file) => file.path === '/w/b.json') ? { reply: { ok: false, error: 'b.json: bad config', userError: true } satisfies WorkerReply } : { reply: { ok: true, outcomes: files.map(outcome) } });
    const failure = await lintInWorkers(job(['/w/a.json', '/w/b.json']), 2).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('b.json: bad config');
    expect((failure as { userError: boolean }).userError).toBe(true);
  });

  it('rejects when a thread throws, or stops with a non-zero code before it answers', async () => {
    pool.answer = () => ({ error: new Error('thread crashed') });
    await expect(lintInWorkers(job(['/w/a.json']), 1)).rejects.toThrow('thread crashed');
    pool.answer = () => ({ exit: 3 });
    await expect(lintInWorkers(job(['/w/a.json']), 1)).rejects.toThrow('A lint worker stopped with exit code 3.');
  });
});
