/**
 * The benchmark's honest floor (src/bench/floor.ts, floor-gen.ts) must do the engine's work, or the ratio
 * (c)/(a) compares different things: over thousands of seeds its tallies (every decision's reach, choices and
 * summed odds, every prediction, every pair's score histogram, tension and its path) must equal the engine's
 * bit for bit, for every preset of both shipped scenarios. Its scores add the same terms in the same order as
 * core/ledger.ts, so no tolerance is needed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { Accumulator, emptyData, pairHistogram, type AccData } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { layoutOf, SCORE_BINS } from '../src/mc/layout.js';
import { buildFloor, FLOORS } from '../src/bench/floor.js';
import { FloorUnsupported } from '../src/bench/floor-gen.js';
import { floorFiles, FLOOR_SCENARIOS } from '../src/bench/floor-write.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/core/model.js';
import { flagship, root, small } from './helpers/scenarios.js';

/** Every tally as plain arrays, the score pages replaced by each pair's whole histogram (pages are allocated in run order). */
function plain(scenario: Scenario, d: AccData): Record<string, number[] | number> {
  const { scoreBins: _b, scorePages: _p, scorePagesUsed: _u, ...rest } = d;
  const out: Record<string, number[] | number> = { runs: d.runs };
  for (const [k, v] of Object.entries(rest)) if (typeof v !== 'number') out[k] = [...v];
  layoutOf(scenario).pairs.forEach((_, i) => (out[`hist${i}`] = [...pairHistogram(d, i, new Uint32Array(SCORE_BINS))]));
  return out;
}

function both(scenario: Scenario, inputs: RunInputs, runs: number) {
  const data = emptyData(layoutOf(scenario));
  buildFloor(scenario, inputs).runs(0, runs, data);
  const acc = new Accumulator(scenario);
  runRange(scenario, inputs, 0, runs, acc);
  return { floor: plain(scenario, data), engine: plain(scenario, acc.data) };
}

const kursk = () => loadScenarioFile(fileURLToPath(new URL('../scenarios/kursk-2024.yaml', import.meta.url)));

describe('bench floor', () => {
  for (const [name, load, runs] of [['pyongyang-2024', flagship, 2000], ['kursk-2024', kursk, 500]] as const) {
    const scenario = load();
    for (const preset of scenario.presets) {
      it(`tallies ${runs} runs of ${name} (${preset.id}) exactly as the engine does`, () => {
        const inputs: RunInputs = { seed: 11, assumptions: resolveAssumptions(scenario, preset.id), choices: {} };
        const { floor, engine } = both(scenario, inputs, runs);
        expect(floor).toEqual(engine);
        // Not a replay of one path: some option was chosen in some runs and not in others.
        const chosen = engine.chosen as number[];
        expect(chosen.some((c) => c > 0 && c < runs)).toBe(true);
      }, 60_000);
    }
  }

  it('tells another ensemble apart (the comparison can fail)', () => {
    const scenario = flagship();
    const inputs: RunInputs = { seed: 11, assumptions: resolveAssumptions(scenario), choices: {} };
    const data = emptyData(layoutOf(scenario));
    buildFloor(scenario, { ...inputs, seed: 12 }).runs(0, 200, data);
    const acc = new Accumulator(scenario);
    runRange(scenario, inputs, 0, 200, acc);
    expect(plain(scenario, data)).not.toEqual(plain(scenario, acc.data));
  });

  // The floors are checked-in modules (no eval at run time): what the generator makes of each scenario today
  // must be what is committed, or the equality above would hold a stale simulator to the engine.
  it('holds the checked-in floors to what `npm run floors` writes today', () => {
    expect(Object.keys(FLOORS).sort()).toEqual([...FLOOR_SCENARIOS].sort());
    for (const [path, text] of floorFiles(root)) expect(readFileSync(join(root, path), 'utf8'), `${path} is stale: run npm run floors`).toBe(text);
  });

  it('refuses a floor whose scenario changed since it was generated', () => {
    const f = flagship();
    const changed: Scenario = { ...f, relations: f.relations.map((r, i) => (i === 0 ? { ...r, value: r.value + 1 } : r)) };
    expect(() => buildFloor(changed, { seed: 1, assumptions: resolveAssumptions(f), choices: {} })).toThrow(/stale/);
  });

  it('refuses what it does not implement rather than simulate it differently', () => {
    const scenario = small();
    expect(() => buildFloor(scenario, { seed: 1, assumptions: resolveAssumptions(scenario), choices: {} })).toThrow(FloorUnsupported);
    const f = flagship();
    expect(() => buildFloor(f, { seed: 1, assumptions: resolveAssumptions(f), choices: { seoul_response: 'arm_ukraine' } })).toThrow(/without choices/);
  });
});
