/**
 * Live odds for the UI: the same ensemble as `geosim mc`, played in this thread in small slices that yield to
 * the event loop, so the terminal never freezes; aborting (a newer assumption change) stops it promptly.
 *
 *   const ac = new AbortController();
 *   const r = await oddsFor(scenario, { seed, assumptions, choices }, 2000, { signal: ac.signal });
 *
 * `inputs.seed` is the ensemble seed S (run i uses runSeed(S, i)); the result equals `geosim mc --runs N
 * --seed S` with the same assumptions and choices, byte for byte once serialised.
 */
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { Accumulator } from './accumulator.js';
import { runChunked } from './ensemble.js';
import { buildResult, type McResult } from './result.js';

export { AbortedError } from './ensemble.js';
export type { McResult } from './result.js';

export interface LiveOptions {
  readonly signal?: AbortSignal;
  /** Runs done so far, after each slice. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Rejects with an AbortedError (name 'AbortError') when `signal` aborts before the runs finish. */
export async function oddsFor(
  scenario: Scenario,
  inputs: RunInputs,
  runs = 2000,
  opts: LiveOptions = {},
): Promise<McResult> {
  const acc = new Accumulator(scenario);
  await runChunked(scenario, inputs, 0, runs, acc, {
    signal: opts.signal,
    onProgress: opts.onProgress ? (done) => opts.onProgress!(done, runs) : undefined,
  });
  return buildResult(scenario, inputs, acc.data);
}
