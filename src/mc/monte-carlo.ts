/**
 * One entry point for an ensemble, whatever runs it: in this thread (one worker) or across a worker pool.
 * Both give the same tallies for the same inputs and run count.
 */
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { Accumulator, type AccData } from './accumulator.js';
import { runChunked } from './ensemble.js';
import { McPool } from './pool.js';
import { buildResult, type McResult } from './result.js';

export interface McOptions {
  readonly runs: number;
  /** 1 plays in this thread; more starts a worker pool that loads `path`. */
  readonly workers: number;
  /** The scenario file, for the workers (they compile it themselves). */
  readonly path: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number) => void;
  readonly workerUrl?: URL;
}

export async function tallies(scenario: Scenario, inputs: RunInputs, opts: McOptions): Promise<AccData> {
  if (opts.workers <= 1) {
    const acc = new Accumulator(scenario);
    await runChunked(scenario, inputs, 0, opts.runs, acc, { signal: opts.signal, onProgress: opts.onProgress, sliceMs: 50 });
    return acc.data;
  }
  const pool = await McPool.start(opts.path, scenario, opts.workers, opts.workerUrl);
  try {
    return await pool.run(scenario, inputs, opts.runs, { signal: opts.signal, onProgress: opts.onProgress });
  } finally {
    await pool.close();
  }
}

export async function monteCarlo(scenario: Scenario, inputs: RunInputs, opts: McOptions): Promise<McResult> {
  return buildResult(scenario, inputs, await tallies(scenario, inputs, opts));
}
