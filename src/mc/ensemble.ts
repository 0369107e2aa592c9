/**
 * Playing runs of an ensemble in this thread. Run i of an ensemble seeded S always uses seed runSeed(S, i),
 * whoever plays it, so any split of the index range (chunks, workers) gives the same runs.
 */
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { runFast } from '../machines/engine.js';
import { runSeed } from '../core/rng.js';
import type { Accumulator } from './accumulator.js';

/** Plays runs [from, to) of the ensemble `inputs` (inputs.seed is the ensemble seed S) into `acc`. */
export function runRange(scenario: Scenario, inputs: RunInputs, from: number, to: number, acc: Accumulator): void {
  const run: { -readonly [K in keyof RunInputs]: RunInputs[K] } = { ...inputs };
  for (let i = from; i < to; i++) {
    run.seed = runSeed(inputs.seed, i);
    acc.add(runFast(scenario, run));
  }
}

/** Ranges small enough to balance load and report progress, large enough to keep messages rare. */
export function chunkSize(runs: number, workers: number): number {
  return Math.max(64, Math.min(20_000, Math.ceil(runs / (workers * 8))));
}

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortError';
  }
}

export interface ChunkedOptions {
  readonly signal?: AbortSignal;
  /** Called after each chunk with the number of runs done so far. */
  readonly onProgress?: (done: number) => void;
  /** Wall time to spend per chunk before yielding to the event loop (ms). */
  readonly sliceMs?: number;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Plays runs [from, to) in small slices, yielding to the event loop between slices so a UI or a SIGINT
 * handler stays responsive. Rejects with AbortedError as soon as `signal` aborts. Slices adapt to the
 * measured speed; that changes only where the pauses fall, never the result.
 */
export async function runChunked(
  scenario: Scenario,
  inputs: RunInputs,
  from: number,
  to: number,
  acc: Accumulator,
  opts: ChunkedOptions = {},
): Promise<void> {
  const sliceMs = opts.sliceMs ?? 8;
  let size = 16;
  let i = from;
  while (i < to) {
    if (opts.signal?.aborted) throw new AbortedError();
    const end = Math.min(to, i + size);
    const t0 = performance.now();
    runRange(scenario, inputs, i, end, acc);
    const perRun = (performance.now() - t0) / (end - i);
    i = end;
    opts.onProgress?.(i - from);
    // Aim the next slice at sliceMs, growing at most 4× at a time.
    size = Math.max(1, Math.min(size * 4, Math.floor(sliceMs / Math.max(perRun, 1e-4))));
    await yieldToLoop();
  }
  if (opts.signal?.aborted) throw new AbortedError();
}
