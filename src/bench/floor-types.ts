/**
 * The boundary of a generated floor (src/bench/floors/*.js, written by `npm run floors` from floor-gen.ts): what
 * it is handed and what it gives back. Its declaration files (floors/*.d.ts) name these types.
 */
import type { AccData } from '../mc/accumulator.js';

export interface FloorRuntime {
  readonly alea: (seed: string) => () => number;
  readonly runSeed: (seed: number, run: number) => number;
  readonly streamSeed: (seed: number) => string;
  readonly tallyScore: (d: AccData, pair: number, score: number) => void;
  readonly ODDS_SCALE: number;
  readonly THRESHOLDS: Float64Array;
  /** The ensemble's seed. */
  readonly seed: number;
  /** Every assumption's value, in the scenario's order. */
  readonly assumptions: Float64Array;
}

export interface FloorSim {
  /** Plays runs [from, to) of the ensemble and tallies them into `d`. */
  run(from: number, to: number, d: AccData): void;
}

/** A generated floor module. */
export interface FloorModule {
  /** sha256 of the generated simulator's text: buildFloor refuses a floor older than its generator or scenario. */
  readonly DIGEST: string;
  readonly LINES: number;
  readonly makeFloor: (rt: FloorRuntime) => FloorSim;
}
