/**
 * A pool of worker threads for Monte Carlo ensembles. Workers take index ranges [from, to) one at a time (so
 * fast workers take more), tally into their own accumulator, and post it back at the end; the pool adds the
 * tallies. Tallies are integers and run i always uses runSeed(S, i), so the result is the same for any pool
 * size and any assignment of ranges.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { SimError } from '../core/errors.js';
import { emptyData, mergeInto, type AccData } from './accumulator.js';
import { AbortedError, chunkSize } from './ensemble.js';
import { layoutOf } from './layout.js';
import { validatedOf } from '../scenario/validated.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

/** The bundled worker script: dist/mc-worker.js, beside the entry point or one level up from a chunk. */
export function defaultWorkerUrl(): URL {
  const candidates = [new URL('./mc-worker.js', import.meta.url), new URL('../mc-worker.js', import.meta.url)];
  for (const u of candidates) if (existsSync(fileURLToPath(u))) return u;
  throw new PoolError('dist/mc-worker.js is missing: run `npm run build` (or use --workers 1)');
}

export interface PoolRunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number) => void;
  /** Runs per range handed to a worker; default adapts to the run count. */
  readonly chunk?: number;
  /** On abort: stop the workers ('terminate', default) or let the ranges in flight finish and keep the pool ('drain'). */
  readonly cancel?: 'terminate' | 'drain';
}


/** A worker could not start or failed mid-run (its one-line message). */
export class PoolError extends Error {
  /** `badInput`: the work was refused because of its input (a limit of the scenario), not a fault. */
  constructor(
    message: string,
    readonly badInput = false,
  ) {
    super(message);
    this.name = 'PoolError';
  }
}

type Handler = (msg: FromWorker) => void;

export class McPool {
  private handlers: Handler[] = [];
  private failure: ((e: Error) => void) | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly workers: Worker[]) {
    workers.forEach((w, i) => {
      // A handler that throws (tallies that cannot merge, a budget passed while merging) fails the job in
      // one line instead of escaping as an uncaught exception with a stack trace.
      w.on('message', (msg: FromWorker) => {
        try {
          this.handlers[i]?.(msg);
        } catch (e) {
          this.fail(new PoolError(String((e as Error)?.message ?? e).split('\n')[0]!, e instanceof SimError));
        }
      });
      w.on('error', (e) => this.fail(new PoolError(`worker failed: ${String(e.message).split('\n')[0]}`)));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new PoolError(`worker stopped unexpectedly (exit ${code})`));
      });
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts `size` workers for `scenario`, loaded from `path`: each gets the validated data it was compiled from
   * (scenario/validated.ts), cloned, and compiles it; without that data (or given only a hash) each loads
   * `path` itself and checks it hashes the same.
   */
  static async start(path: string, scenario: Scenario | string, size: number, workerUrl: URL = defaultWorkerUrl()): Promise<McPool> {
    const init: WorkerInit =
      typeof scenario === 'string'
        ? { path, hash: scenario }
        : { path, hash: scenario.hash, validated: validatedOf(scenario) };
    const workers = Array.from({ length: size }, () => new Worker(workerUrl, { workerData: init }));
    const pool = new McPool(workers);
    try {
      await pool.each(() => ({ done: (msg) => msg.type === 'ready' }));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Waits until every worker's handler says done; rejects on the first worker error. */
  private each(setup: (i: number) => { done: (msg: FromWorker) => boolean }): Promise<void> {
    return new Promise((resolve, reject) => {
      let left = this.workers.length;
      this.failure = reject;
      this.workers.forEach((_, i) => {
        const { done } = setup(i);
        this.handlers[i] = (msg) => {
          if (msg.type === 'error') return this.fail(new PoolError(msg.message, msg.badInput === true));
          if (done(msg) && --left === 0) {
            this.failure = undefined;
            resolve();
          }
        };
      });
    });
  }

  private fail(e: Error): void {
    const f = this.failure;
    this.failure = undefined;
    f?.(e);
  }

  private post(i: number, msg: ToWorker): void {
    this.workers[i]!.postMessage(msg);
  }

  /**
   * Plays runs [0, runs) of the ensemble `inputs` across the pool and returns the merged tallies. Jobs queue:
   * a pool plays one ensemble at a time. Aborting rejects with AbortedError; with `cancel: 'drain'` the pool
   * survives (it hands out no more ranges and waits for the ones in flight, a few ms), with 'terminate' (the
   * default) the workers are stopped at once.
   */
  run(scenario: Scenario, inputs: RunInputs, runs: number, opts: PoolRunOptions = {}): Promise<AccData> {
    const job = this.queue.then(() => this.play(scenario, inputs, runs, opts));
    this.queue = job.then(
      () => undefined,
      () => undefined,
    );
    return job;
  }

  private async play(scenario: Scenario, inputs: RunInputs, runs: number, opts: PoolRunOptions): Promise<AccData> {
    if (this.closed) throw new PoolError('the worker pool is closed');
    if (opts.signal?.aborted) throw new AbortedError();
    // Draining waits for the ranges in flight: keep them small (~20 ms) so a cancelled request ends quickly.
    const chunk = opts.chunk ?? (opts.cancel === 'drain' ? Math.min(256, chunkSize(runs, this.workers.length)) : chunkSize(runs, this.workers.length));
    const total = emptyData(layoutOf(scenario));
    let next = 0;
    let done = 0;
    const onAbort = () => {
      if (opts.cancel === 'drain') {
        next = runs;
        return;
      }
      void this.close();
      this.fail(new AbortedError());
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const give = (i: number): boolean => {
        if (next >= runs) return false;
        const from = next;
        next = Math.min(runs, next + chunk);
        this.post(i, { type: 'run', from, to: next });
        return true;
      };
      await this.each((i) => {
        this.post(i, { type: 'job', inputs });
        if (!give(i)) this.post(i, { type: 'finish' });
        return {
          done: (msg) => {
            if (msg.type === 'done') {
              done += msg.runs;
              opts.onProgress?.(done);
              if (!give(i)) this.post(i, { type: 'finish' });
              return false;
            }
            if (msg.type === 'data') {
              mergeInto(total, msg.data);
              return true;
            }
            return false;
          },
        };
      });
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    if (opts.signal?.aborted) throw new AbortedError();
    return total;
  }

  /** Stops every worker (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
