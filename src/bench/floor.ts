/**
 * The benchmark's honest floor (issue 12): the flagship simulated by straight-line typed-array code that does
 * the engine's work and nothing more (floor-gen.ts writes it from the compiled scenario). Its tallies equal the
 * engine's for the same ensemble bit for bit (test/bench-floor.test.ts), so (c)/(a) in `npm run bench` is what
 * the engine pays for being data-driven: formulas as closures, a state of objects that `explain` can read,
 * postures through the country machines' table, a log.
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { runSeed, streamSeed } from '../core/rng.js';
import { TENSION_THRESHOLDS } from '../core/tension-path.js';
import { emptyData, tallyScore, type AccData } from '../mc/accumulator.js';
import { layoutOf, ODDS_SCALE } from '../mc/layout.js';
import { floorSource } from './floor-gen.js';

export interface Floor {
  /** Plays runs [from, to) of the ensemble seeded `inputs.seed` and tallies them into `data`. */
  readonly runs: (from: number, to: number, data: AccData) => void;
  /** Lines of the generated simulator (for the bench's note). */
  readonly lines: number;
}

export function buildFloor(scenario: Scenario, inputs: RunInputs): Floor {
  if (Object.keys(inputs.choices).length > 0 || inputs.injects?.length || inputs.until !== undefined) {
    throw new Error('the floor plays ensembles without choices, injects or --until');
  }
  const src = floorSource(scenario, inputs.assumptions);
  const rt = { alea: seedrandom.alea, runSeed, streamSeed, tallyScore, ODDS_SCALE, seed: inputs.seed, THRESHOLDS: Float64Array.from(TENSION_THRESHOLDS) };
  // The generated text holds only numbers and array indexes (floor-gen.ts), never scenario text.
  const sim = new Function('rt', src.body)(rt) as { run(from: number, to: number, d: AccData): void };
  return { runs: (from, to, data) => sim.run(from, to, data), lines: src.lines };
}

/** Runs/s of the floor over `runs` runs (wall clock, this thread). */
export function floorRate(floor: Floor, scenario: Scenario, runs: number): number {
  const data = emptyData(layoutOf(scenario));
  const t0 = performance.now();
  floor.runs(0, runs, data);
  return runs / ((performance.now() - t0) / 1000);
}
