/** The tension path (src/core/tension-path.ts): the same value as `tension()` on every day, and what it reports. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tension, tensionNow } from '../src/core/ledger.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast, runHistory } from '../src/machines/engine.js';
import { TENSION_THRESHOLDS, tensionByDay, tensionPath } from '../src/core/tension-path.js';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { flagship, small } from './helpers/scenarios.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { runSeed } from '../src/core/rng.js';
import { buildResult } from '../src/mc/result.js';
import { tensionPathSummary, tensionPathText } from '../src/core/summary.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

/** Tension on day `d` by the ledger's own sum, counting only contributions made by then. */
function bruteForce(sc: Scenario, s: SimState, d: number): number {
  let sum = sc.model.tensionInitial;
  for (const c of s.tension) if (c.created <= d) sum += tensionNow(c, d, sc.model.tensionFadePerMonth);
  return Math.min(100, Math.max(0, sum));
}

describe('tension path', () => {
  for (const [name, sc] of [['small', small], ['flagship', flagship]] as const) {
    it(`${name}: every day equals the ledger's sum on that day, and every step's tension`, () => {
      const scenario = sc();
      for (const seed of [1, 2, 3]) {
        const inputs = { seed, assumptions: resolveAssumptions(scenario), choices: {} };
        const states = runHistory(scenario, inputs);
        const end = states.at(-1)!;
        const days = tensionByDay(scenario, end);
        expect(days.length).toBe(end.date - scenario.start + 1);
        for (let x = 0; x < days.length; x++) expect(days[x]).toBeCloseTo(bruteForce(scenario, end, scenario.start + x), 9);
        // The last step of each day (several events can share one).
        const lastOfDay = states.filter((s, i) => states[i + 1]?.date !== s.date);
        for (const s of lastOfDay) expect(days[s.date - scenario.start]).toBeCloseTo(tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth), 9);
      }
    });
  }

  it('reports the peak, its day, the mean and the days above each threshold', () => {
    const scenario = flagship();
    const end = runFast(scenario, { seed: 1, assumptions: resolveAssumptions(scenario), choices: {} });
    const days = Array.from(tensionByDay(scenario, end));
    const p = tensionPath(scenario, end);
    expect(p.days).toBe(days.length - 1);
    expect(p.peak).toBe(Math.max(...days));
    expect(days[p.peakDay - scenario.start]).toBe(p.peak);
    expect(days.indexOf(p.peak)).toBe(p.peakDay - scenario.start);
    const counted = days.slice(0, -1);
    expect(p.mean).toBeCloseTo(counted.reduce((a, t) => a + t, 0) / counted.length, 9);
    expect(p.above).toEqual(TENSION_THRESHOLDS.map((th) => counted.filter((t) => t > th).length));
    expect(p.peak).toBeGreaterThan(p.end);
  });

  it('Monte Carlo tallies the path of every run: its peak, days above each threshold, runs that went above', () => {
    const scenario = flagship();
    const inputs = { seed: 7, assumptions: resolveAssumptions(scenario, 'hindsight'), choices: {} };
    const acc = new Accumulator(scenario);
    runRange(scenario, inputs, 0, 40, acc);
    const r = buildResult(scenario, inputs, acc.data);
    // The same 40 runs one by one, with the seeds runRange gives them.
    const paths = Array.from({ length: 40 }, (_, k) => tensionPath(scenario, runFast(scenario, { ...inputs, seed: runSeed(7, k) })));
    expect(r.tensionPath.peak.mean).toBeCloseTo(paths.reduce((a, p) => a + Math.round(p.peak * 100) / 100, 0) / 40, 4);
    TENSION_THRESHOLDS.forEach((th, i) => {
      expect(r.tensionPath.above[i]).toEqual({
        threshold: th,
        meanDays: Math.round((paths.reduce((a, p) => a + p.above[i]!, 0) / 40) * 100) / 100,
        share: paths.filter((p) => p.above[i]! > 0).length / 40,
      });
    });
  });
});

// Issue #11 §3: the path is reported where a class reads it: `run` (text and JSON), the debrief report and `mc`.
describe('the tension path in run, report and mc', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('run and report state the path of the branch the engine computes; mc gives its distribution', () => {
    const scenario = flagship();
    const end = runFast(scenario, { seed: 1, assumptions: resolveAssumptions(scenario), choices: {} });
    const summary = tensionPathSummary(scenario, end);
    expect(summary.peak).toBeGreaterThan(summary.end); // the end alone says nothing about the branch
    const json = geosim(['run', 'pyongyang-2024', '--seed', '1', '--format', 'json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { tensionPath: unknown }).tensionPath).toEqual(summary);
    const line = tensionPathText(summary);
    expect(geosim(['run', 'pyongyang-2024', '--seed', '1']).stdout).toContain(line);
    expect(geosim(['report', 'pyongyang-2024', '--seed', '1', '--format', 'markdown']).stdout).toContain(`World tension over the run: ${line}.`);
    const mc = JSON.parse(geosim(['mc', 'pyongyang-2024', '--runs', '200', '--format', 'json']).stdout) as {
      tensionPath: { peak: { p5: number; p50: number; p95: number }; above: { threshold: number; meanDays: number; share: number }[] };
    };
    const pk = mc.tensionPath.peak;
    expect(pk.p5).toBeLessThanOrEqual(pk.p50);
    expect(pk.p50).toBeLessThanOrEqual(pk.p95);
    expect(pk.p95).toBeGreaterThan(summary.start);
    expect(mc.tensionPath.above.map((a) => a.threshold)).toEqual([...TENSION_THRESHOLDS]);
    expect(mc.tensionPath.above[0]!.share).toBeGreaterThan(0);
  }, 240_000);
});
