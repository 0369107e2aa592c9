import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { validatedOf } from '../src/scenario/validated.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import type { Scenario } from '../src/core/model.js';
import { RangePool } from '../src/mc/pool-base.js';
import { workerCore } from '../src/mc/worker-core.js';
import { oddsFor } from '../src/mc/live.js';
import { buildResult } from '../src/mc/result.js';
import type { FromWorker, ToWorker } from '../src/mc/protocol.js';
import { root } from './cli-helpers.js';

// The range dispatch both pools share (the CLI's worker threads, the page's Web Workers), driven here by
// in-thread workers (worker-core.ts, what both kinds of thread run) that answer on a later task, as threads do.
const tiny = loadScenarioFile(join(root, 'test', 'fixtures', 'mc', 'tiny-sweep.yaml'));
const inputs: RunInputs = { seed: 11, assumptions: resolveAssumptions(tiny), choices: {} };

class InThreadPool extends RangePool {
  private readonly workers: ((msg: ToWorker) => void)[];
  constructor(scenario: Scenario, size: number, private readonly failAt?: number) {
    super(size);
    this.workers = Array.from({ length: size }, (_, i) =>
      workerCore({ path: 'tiny', hash: scenario.hash, validated: validatedOf(scenario) }, (msg) => setTimeout(() => this.receive(i, msg), 0)),
    );
  }
  start = () => this.ready();
  run = (runs: number, chunk: number, signal?: AbortSignal) => this.queued(tiny, inputs, runs, { chunk, cancel: 'drain', signal });
  protected post(i: number, msg: ToWorker): void {
    if (msg.type === 'run' && this.failAt !== undefined && msg.from >= this.failAt) {
      setTimeout(() => this.receive(i, { type: 'error', message: `range ${msg.from} refused` }), 0);
      return;
    }
    this.workers[i]!(msg);
  }
  protected errorOf(msg: Extract<FromWorker, { type: 'error' }>): Error {
    return new Error(`worker: ${msg.message}`);
  }
  protected caught(e: unknown): Error {
    return new Error(`caught: ${String(e)}`);
  }
  protected closedError(): Error {
    return new Error('closed');
  }
  close(): void {
    this.closed = true;
  }
}

describe('the shared range dispatch of the worker pools', () => {
  it('merges to the in-thread result for any pool size and range size', async () => {
    const thread = JSON.stringify(await oddsFor(tiny, inputs, 300));
    for (const [size, chunk] of [[1, 300], [2, 7], [3, 64], [4, 1]] as const) {
      const pool = new InThreadPool(tiny, size);
      await pool.start();
      expect(JSON.stringify(buildResult(tiny, inputs, await pool.run(300, chunk))), `size ${size}, chunk ${chunk}`).toBe(thread);
    }
  });

  it("fails the job with the worker's error, refuses once closed, and survives a drained abort", async () => {
    const failing = new InThreadPool(tiny, 2, 100);
    await failing.start();
    await expect(failing.run(300, 50)).rejects.toThrow('worker: range 100 refused');

    const pool = new InThreadPool(tiny, 2);
    await pool.start();
    const ac = new AbortController();
    const stale = pool.run(100_000, 10, ac.signal);
    const fresh = pool.run(300, 13);
    setTimeout(() => ac.abort(), 5);
    await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
    expect(JSON.stringify(buildResult(tiny, inputs, await fresh))).toBe(JSON.stringify(await oddsFor(tiny, inputs, 300)));
    pool.close();
    await expect(pool.run(10, 5)).rejects.toThrow('closed');
  });
});
