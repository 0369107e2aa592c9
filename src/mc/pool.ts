/**
 * A pool of worker threads for Monte Carlo ensembles: the Node adapter of pool-base.ts, which hands out the
 * index ranges and adds the tallies (the same dispatch as the web page's Web Workers).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { SimError } from '../core/errors.js';
import type { AccData } from './accumulator.js';
import { chunkSize } from './ensemble.js';
import { RangePool } from './pool-base.js';
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

/** The CLI's pool: worker threads running dist/mc-worker.js; the range dispatch is pool-base.ts. */
export class McPool extends RangePool {
  private constructor(private readonly workers: Worker[]) {
    super(workers.length);
    workers.forEach((w, i) => {
      w.on('message', (msg: FromWorker) => this.receive(i, msg));
      w.on('error', (e) => this.fail(new PoolError(`worker failed: ${String(e.message).split('\n')[0]}`)));
      w.on('exit', (code) => {
        if (!this.closed) this.fail(new PoolError(`worker stopped unexpectedly (exit ${code})`));
      });
    });
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
      await pool.ready();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  protected post(i: number, msg: ToWorker): void {
    this.workers[i]!.postMessage(msg);
  }

  protected errorOf(msg: { message: string; badInput?: boolean }): Error {
    return new PoolError(msg.message, msg.badInput === true);
  }

  /** A handler that throws fails the job in one line instead of escaping as an uncaught exception with a stack trace. */
  protected caught(e: unknown): Error {
    return new PoolError(String((e as Error)?.message ?? e).split('\n')[0]!, e instanceof SimError);
  }

  protected closedError(): Error {
    return new PoolError('the worker pool is closed');
  }

  /**
   * Plays runs [0, runs) of the ensemble `inputs` across the pool and returns the merged tallies. Jobs queue:
   * a pool plays one ensemble at a time. Aborting rejects with AbortedError; with `cancel: 'drain'` the pool
   * survives (it hands out no more ranges and waits for the ones in flight, a few ms), with 'terminate' (the
   * default) the workers are stopped at once.
   */
  run(scenario: Scenario, inputs: RunInputs, runs: number, opts: PoolRunOptions = {}): Promise<AccData> {
    const cancel = opts.cancel ?? 'terminate';
    // Draining waits for the ranges in flight: keep them small (~20 ms) so a cancelled request ends quickly.
    const chunk = opts.chunk ?? (cancel === 'drain' ? Math.min(256, chunkSize(runs, this.size)) : chunkSize(runs, this.size));
    return this.queued(scenario, inputs, runs, { chunk, cancel, signal: opts.signal, onProgress: opts.onProgress });
  }

  /** Stops every worker (idempotent). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
