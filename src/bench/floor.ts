/**
 * The benchmark's honest floor (issue 12): the flagship simulated by straight-line typed-array code that does
 * the engine's work and nothing more. floor-gen.ts writes it from the compiled scenario into a checked-in module
 * (src/bench/floors/<id>.js, `npm run floors`), which this file imports like any other: nothing is evaluated at
 * run time. Its tallies equal the engine's for the same ensemble bit for bit (test/bench-floor.test.ts), so (c)/(a)
 * in `npm run bench` is what the engine pays for being data-driven: formulas as closures, a state of objects that
 * `explain` can read, postures through the country machines' table, a log.
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { runSeed, streamSeed } from '../core/rng.js';
import { TENSION_THRESHOLDS } from '../core/tension-path.js';
import { emptyData, tallyScore, type AccData } from '../mc/accumulator.js';
import { layoutOf, ODDS_SCALE } from '../mc/layout.js';
import { FloorUnsupported, floorSource } from './floor-gen.js';
import type { FloorModule } from './floor-types.js';
import * as kursk from './floors/kursk-2024.js';
import * as pyongyang from './floors/pyongyang-2024.js';

/** The generated floors, by scenario id: each is scenarios/<id>.yaml's (`npm run floors` rewrites them). */
export const FLOORS: Readonly<Record<string, FloorModule>> = { 'pyongyang-2024': pyongyang, 'kursk-2024': kursk };

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
  // What the generator makes of this scenario today must be what the module holds.
  const { digest } = floorSource(scenario);
  const mod = Object.hasOwn(FLOORS, scenario.id) ? FLOORS[scenario.id] : undefined;
  if (!mod) throw new FloorUnsupported(`no floor is generated for the scenario ${scenario.id}`);
  if (mod.DIGEST !== digest) throw new FloorUnsupported(`the floor of ${scenario.id} is stale: run \`npm run floors\``);
  const sim = mod.makeFloor({
    alea: (s) => seedrandom.alea(s),
    runSeed,
    streamSeed,
    tallyScore,
    ODDS_SCALE,
    THRESHOLDS: Float64Array.from(TENSION_THRESHOLDS),
    seed: inputs.seed,
    assumptions: Float64Array.from(scenario.assumptions, (a) => inputs.assumptions[a.id] ?? 0),
  });
  return { runs: (from, to, data) => sim.run(from, to, data), lines: mod.LINES };
}

/** Runs/s of the floor over `runs` runs (wall clock, this thread). */
export function floorRate(floor: Floor, scenario: Scenario, runs: number): number {
  const data = emptyData(layoutOf(scenario));
  const t0 = performance.now();
  floor.runs(0, runs, data);
  return runs / ((performance.now() - t0) / 1000);
}
