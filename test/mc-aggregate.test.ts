import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions, runFast, type RunInputs } from '../src/core/run.js';
import { runSeed } from '../src/core/rng.js';
import { summarize } from '../src/core/summary.js';
import { Accumulator, emptyData, mergeInto } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { buildResult } from '../src/mc/result.js';
import { oddsFor } from '../src/mc/live.js';
import { percentileOf, wilson } from '../src/mc/stats.js';
import type { Scenario } from '../src/core/model.js';

const fixture = fileURLToPath(new URL('./fixtures/mc/tiny-sweep.yaml', import.meta.url));
const tiny = loadScenarioFile(fixture);

function inputsFor(s: Scenario, seed = 7, choices: Record<string, string> = {}): RunInputs {
  return { seed, assumptions: resolveAssumptions(s), choices };
}

/** The aggregate of N single runs, computed the slow, obvious way from their run summaries. */
function naive(s: Scenario, inputs: RunInputs, n: number) {
  const sums = Array.from({ length: n }, (_, i) => summarize(s, runFast(s, { ...inputs, seed: runSeed(inputs.seed, i) }), 'article'));
  return sums;
}

describe('Wilson interval', () => {
  it('matches published values', () => {
    const a = wilson(5, 10);
    expect(a.lo).toBeCloseTo(0.2366, 4);
    expect(a.hi).toBeCloseTo(0.7634, 4);
    const b = wilson(0, 10);
    expect(b.lo).toBe(0);
    expect(b.hi).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toEqual({ lo: 0, hi: 1 });
  });
});

describe('mc aggregate equals N single runs (differential)', () => {
  for (const [name, choices] of [['engine draws', {}], ['a forced choice', { lean: 'right' }]] as const) {
    it(`on the tiny fixture, ${name}`, () => {
      const inputs = inputsFor(tiny, 11, choices);
      const n = 157;
      const acc = new Accumulator(tiny);
      runRange(tiny, inputs, 0, n, acc);
      const r = buildResult(tiny, inputs, acc.data);
      const runs = naive(tiny, inputs, n);
      expect(r.runs).toBe(n);
      for (const d of r.decisions) {
        for (const o of d.options) {
          const count = runs.filter((x) => x.choices[d.id] === o.id).length;
          expect(o.count, `${d.id}.${o.id}`).toBe(count);
          expect(o.p).toBeCloseTo(count / n, 6);
        }
        expect(d.reached).toBe(runs.filter((x) => x.choices[d.id] !== undefined).length);
      }
      for (const p of r.predictions) expect(p.count).toBe(runs.filter((x) => x.predictions[p.id]!.holds).length);
      for (const rel of r.relations) {
        const values = runs.map((x) => x.final.relations[rel.from]![rel.to]!);
        expect(rel.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / n, 3);
        expect(rel.p5).toBe(percentileOf(values, 0.05));
        expect(rel.p50).toBe(percentileOf(values, 0.5));
        expect(rel.p95).toBe(percentileOf(values, 0.95));
        for (const b of tiny.bands) {
          const share = runs.filter((x) => x.final.bands[rel.from]![rel.to] === b.id).length / n;
          expect(rel.bands[b.id]).toBeCloseTo(share, 6);
        }
      }
      const t = runs.map((x) => x.final.tension);
      expect(r.tension.mean).toBeCloseTo(t.reduce((a, b) => a + b, 0) / n, 3);
      expect(r.tension.p50).toBe(percentileOf(t, 0.5));
      expect(r.tension.p95).toBe(percentileOf(t, 0.95));
    });
  }

  it('is the same however the runs are split and merged', () => {
    const inputs = inputsFor(tiny, 3);
    const whole = new Accumulator(tiny);
    runRange(tiny, inputs, 0, 300, whole);
    const merged = emptyData(whole.layout);
    for (const [a, b] of [[200, 300], [0, 7], [7, 200]] as const) {
      const part = new Accumulator(tiny);
      runRange(tiny, inputs, a, b, part);
      mergeInto(merged, part.data);
    }
    expect(JSON.stringify(buildResult(tiny, inputs, merged))).toBe(JSON.stringify(buildResult(tiny, inputs, whole.data)));
  });
});

describe('oddsFor (live odds)', () => {
  it('gives exactly the in-thread ensemble result', async () => {
    const inputs = inputsFor(tiny, 5);
    const acc = new Accumulator(tiny);
    runRange(tiny, inputs, 0, 400, acc);
    const live = await oddsFor(tiny, inputs, 400);
    expect(JSON.stringify(live)).toBe(JSON.stringify(buildResult(tiny, inputs, acc.data)));
    // P(pick.yes) = a / (a + 1) = 0.5 at the default a = 1: the engine's odds say so exactly.
    expect(live.decisions[0]!.options[0]!.odds).toBe(0.5);
  });

  it('stops when aborted, yielding to the event loop between slices', async () => {
    const ac = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const p = oddsFor(tiny, inputsFor(tiny), 1_000_000, {
      signal: ac.signal,
      onProgress: (done) => {
        if (done >= 2000) ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
