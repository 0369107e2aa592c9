/**
 * The benchmark's reference floor (src/bench/floor.ts) must replay the same resolved effects as the engine, or
 * the ratio (c)/(a) compares different work. Its run 0 uses the reference run's seed, so it must draw the same
 * options with the same odds and end with the same report as the engine's run 0.
 */
import { describe, expect, it } from 'vitest';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { Accumulator, emptyData } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { layoutOf } from '../src/mc/layout.js';
import { buildResult } from '../src/mc/result.js';
import { buildFloor } from '../src/bench/floor.js';
import { flagship } from './helpers/scenarios.js';

describe('bench floor', () => {
  const scenario = flagship();
  const inputs: RunInputs = { seed: 1, assumptions: resolveAssumptions(scenario), choices: {} };

  it("tallies the engine's run 0 as the engine does", () => {
    const floor = buildFloor(scenario, inputs);
    const data = emptyData(layoutOf(scenario));
    floor.runs(0, 1, data);
    const acc = new Accumulator(scenario);
    runRange(scenario, inputs, 0, 1, acc);
    const e = acc.data;
    expect(floor.decisions).toBeGreaterThan(0);
    expect([...data.reached]).toEqual([...e.reached]);
    expect([...data.chosen]).toEqual([...e.chosen]);
    expect([...data.odds]).toEqual([...e.odds]);
    expect([...data.holds]).toEqual([...e.holds]);
    const bands = (x: typeof data) => buildResult(scenario, inputs, x).relations.map((r) => r.bands);
    expect(bands(data)).toEqual(bands(e));
    // Final scores in hundredths: the floor adds the same terms in another order, so allow one hundredth.
    data.scoreSum.forEach((v, i) => expect(Math.abs(v - e.scoreSum[i]!)).toBeLessThanOrEqual(1));
    expect(Math.abs(data.tensionSum[0]! - e.tensionSum[0]!)).toBeLessThanOrEqual(1);
  });

  it('draws other paths on other runs', () => {
    const floor = buildFloor(scenario, inputs);
    const data = emptyData(layoutOf(scenario));
    floor.runs(0, 400, data);
    expect(data.runs).toBe(400);
    // Some decision on the path went more than one way over 400 runs.
    const L = layoutOf(scenario);
    const split = L.decisions.some((d, i) => data.reached[i]! > 0 && d.decision.options.every((_, k) => data.chosen[d.offset + k]! < data.reached[i]!));
    expect(split).toBe(true);
  });
});
