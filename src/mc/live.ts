/**
 * Live odds for the UI: the same ensemble as `geosim mc`, computed without freezing the terminal.
 *
 *   const ac = new AbortController();            // abort it when the user changes an assumption again
 *   const r = await oddsFor(scenario, { seed, assumptions, choices }, 2000, { signal: ac.signal });
 *
 * In this thread (default) the runs are played in slices of a few ms that yield to the event loop
 * (setImmediate), so key presses and redraws go through. With `pool` (a warm McPool from `startLivePool`),
 * the runs go to the worker threads instead, about twice as fast on two cores; aborting then lets the
 * ranges in flight finish (a few ms) and keeps the pool for the next request. Either way `inputs.seed` is
 * the ensemble seed S (run i uses runSeed(S, i)) and the result equals `geosim mc --runs N --seed S` for the
 * same assumptions and choices, byte for byte once serialised. An aborted request rejects with an error
 * whose name is 'AbortError'.
 */
import { availableParallelism } from 'node:os';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { Accumulator } from './accumulator.js';
import { runChunked } from './ensemble.js';
import { McPool } from './pool.js';
import { buildResult, type McResult } from './result.js';

export { AbortedError } from './ensemble.js';
export { McPool } from './pool.js';
export type { McResult, DecisionStat, OptionStat, PredictionStat, RelationStat } from './result.js';

export interface LiveOptions {
  readonly signal?: AbortSignal;
  /** Runs done so far, after each slice (or range, with a pool). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Play on these warm workers instead of this thread. */
  readonly pool?: McPool;
}

export async function oddsFor(
  scenario: Scenario,
  inputs: RunInputs,
  runs = 2000,
  opts: LiveOptions = {},
): Promise<McResult> {
  const progress = opts.onProgress ? (done: number) => opts.onProgress!(done, runs) : undefined;
  if (opts.pool) {
    const data = await opts.pool.run(scenario, inputs, runs, { signal: opts.signal, onProgress: progress, cancel: 'drain' });
    return buildResult(scenario, inputs, data);
  }
  const acc = new Accumulator(scenario);
  await runChunked(scenario, inputs, 0, runs, acc, { signal: opts.signal, onProgress: progress });
  return buildResult(scenario, inputs, acc.data);
}

/**
 * Starts worker threads that load the scenario file `path` (the file `scenario` was loaded from) once, for
 * repeated live-odds requests. Needs the built dist/mc-worker.js; close it with `pool.close()` on exit.
 */
export function startLivePool(path: string, scenario: Scenario, size = availableParallelism()): Promise<McPool> {
  return McPool.start(path, scenario, size);
}
