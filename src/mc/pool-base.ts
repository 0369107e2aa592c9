/**
 * The range dispatch of a Monte Carlo worker pool, shared by the CLI's worker threads (pool.ts) and the web
 * page's Web Workers (web/platform/odds.ts). Browser-safe: it knows workers only through `post` and the
 * messages a subclass hands to `receive`. Workers take index ranges [from, to) one at a time (so fast workers
 * take more), tally into their own accumulator and post it back at the end; the pool adds the tallies. Tallies
 * are integers and run i always uses runSeed(S, i), so the result is the same for any pool size, range size and
 * assignment of ranges.
 */
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { emptyData, mergeInto, type AccData } from './accumulator.js';
import { AbortedError } from './ensemble.js';
import { layoutOf } from './layout.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface RangeJob {
  /** Runs per range handed to a worker. */
  readonly chunk: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number) => void;
  /** On abort: stop the workers ('terminate') or hand out no more ranges and let the ones in flight finish ('drain'). */
  readonly cancel: 'terminate' | 'drain';
}

export abstract class RangePool {
  private handlers: ((msg: FromWorker) => void)[] = [];
  private failure: ((e: Error) => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  closed = false;

  protected constructor(readonly size: number) {}

  /** Sends `msg` to worker `i`. */
  protected abstract post(i: number, msg: ToWorker): void;
  /** The error a worker's `error` message stands for. */
  protected abstract errorOf(msg: Extract<FromWorker, { type: 'error' }>): Error;
  /** The error a handler threw while taking a worker's message (tallies that cannot merge, a budget passed). */
  protected abstract caught(e: unknown): Error;
  /** The error of a job asked of a closed pool. */
  protected abstract closedError(): Error;
  /** Stops every worker. */
  abstract close(): void | Promise<void>;

  /** A subclass hands every message of worker `i` here. */
  protected receive(i: number, msg: FromWorker): void {
    try {
      this.handlers[i]?.(msg);
    } catch (e) {
      this.fail(this.caught(e));
    }
  }

  /** Fails the job in progress (or the start) with `e`; nothing happens between jobs. */
  protected fail(e: Error): void {
    const f = this.failure;
    this.failure = undefined;
    f?.(e);
  }

  /** Waits until every worker has said it is ready; rejects on the first worker error. */
  protected ready(): Promise<void> {
    return this.each(() => ({ done: (msg) => msg.type === 'ready' }));
  }

  /** Waits until every worker's handler says done; rejects on the first worker error. */
  private each(setup: (i: number) => { done: (msg: FromWorker) => boolean }): Promise<void> {
    return new Promise((resolve, reject) => {
      let left = this.size;
      this.failure = reject;
      for (let i = 0; i < this.size; i++) {
        const { done } = setup(i);
        this.handlers[i] = (msg) => {
          if (msg.type === 'error') return this.fail(this.errorOf(msg));
          if (done(msg) && --left === 0) {
            this.failure = undefined;
            resolve();
          }
        };
      }
    });
  }

  /** Plays runs [0, runs) of the ensemble `inputs` and returns the merged tallies; jobs queue, one at a time. */
  protected queued(scenario: Scenario, inputs: RunInputs, runs: number, job: RangeJob): Promise<AccData> {
    const played = this.queue.then(() => this.play(scenario, inputs, runs, job));
    this.queue = played.then(
      () => undefined,
      () => undefined,
    );
    return played;
  }

  private async play(scenario: Scenario, inputs: RunInputs, runs: number, job: RangeJob): Promise<AccData> {
    if (this.closed) throw this.closedError();
    if (job.signal?.aborted) throw new AbortedError();
    const total = emptyData(layoutOf(scenario));
    let next = 0;
    let done = 0;
    const onAbort = () => {
      if (job.cancel === 'drain') {
        next = runs;
        return;
      }
      void this.close();
      this.fail(new AbortedError());
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    const give = (i: number): boolean => {
      if (next >= runs) return false;
      const from = next;
      next = Math.min(runs, next + job.chunk);
      this.post(i, { type: 'run', from, to: next });
      return true;
    };
    try {
      await this.each((i) => {
        this.post(i, { type: 'job', inputs });
        if (!give(i)) this.post(i, { type: 'finish' });
        return {
          done: (msg) => {
            if (msg.type === 'done') {
              done += msg.runs;
              job.onProgress?.(done);
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
      job.signal?.removeEventListener('abort', onAbort);
    }
    if (job.signal?.aborted) throw new AbortedError();
    return total;
  }
}
