import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { runSeed } from '../src/core/rng.js';
import { summarize } from '../src/core/summary.js';
import { Accumulator, emptyData, mergeInto } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { buildResult } from '../src/mc/result.js';
import { oddsFor } from '../src/mc/live.js';
import { percentileOf, wilson } from '../src/mc/stats.js';
import type { Scenario } from '../src/core/model.js';
import { findScenario } from '../src/scenario/load.js';
import { ProgressBar, render } from '../src/mc/progress.js';

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

const flagship = loadScenarioFile(findScenario('pyongyang-2024'));

describe('mc aggregate equals N single runs (differential)', () => {
  const cases = [
    ['the tiny fixture, engine draws', tiny, {}, 157],
    ['the tiny fixture, a forced choice', tiny, { lean: 'right' }, 157],
    ['the flagship', flagship, {}, 80],
  ] as const;
  for (const [name, s, choices, n] of cases) {
    it(`on ${name}`, () => {
      const inputs = inputsFor(s, 11, choices);
      const acc = new Accumulator(s);
      runRange(s, inputs, 0, n, acc);
      const r = buildResult(s, inputs, acc.data);
      const runs = naive(s, inputs, n);
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
      // The tally by origin: every prediction in exactly one origin, and the mean held per run is the runs' own.
      expect(r.tallies.flatMap((t) => t.predictions).sort()).toEqual(r.predictions.map((p) => p.id).sort());
      for (const t of r.tallies) {
        for (const id of t.predictions) expect(r.predictions.find((p) => p.id === id)?.origin).toBe(t.origin);
        const held = runs.reduce((a, x) => a + t.predictions.filter((id) => x.predictions[id]!.holds).length, 0);
        expect(t.meanHold, t.origin).toBeCloseTo(held / n, 4);
      }
      for (const rel of r.relations) {
        const values = runs.map((x) => x.final.relations[rel.from]![rel.to]!);
        expect(rel.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / n, 3);
        expect(rel.p5).toBe(percentileOf(values, 0.05));
        expect(rel.p50).toBe(percentileOf(values, 0.5));
        expect(rel.p95).toBe(percentileOf(values, 0.95));
        for (const b of s.bands) {
          const share = runs.filter((x) => x.final.bands[rel.from]![rel.to] === b.id).length / n;
          // Only bands some run ended in are listed: a listed band has a share, an unlisted one had no run.
          if (share === 0) expect(rel.bands).not.toHaveProperty(b.id);
          else expect(rel.bands[b.id]).toBeCloseTo(share, 6);
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

describe('progress bar', () => {
  it('stays silent off a terminal and for the first second, then draws and erases itself', () => {
    let t = 0;
    const out: string[] = [];
    const off = new ProgressBar({ write: (x) => out.push(x), isTTY: false, total: 10, now: () => t });
    t = 5000;
    off.update(5);
    off.done();
    expect(out).toEqual([]);
    t = 0;
    const on = new ProgressBar({ write: (x) => out.push(x), isTTY: true, total: 10, now: () => t });
    t = 500;
    on.update(1);
    expect(out).toEqual([]);
    t = 2000;
    on.update(5);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\r\[█+░+\] 50% 5\/10 runs/);
    on.done();
    expect(out[1]).toBe('\r\u001b[K');
  });

  it('renders rate and time left', () => {
    expect(render(250_000, 1_000_000, 10, 10, 'runs')).toBe('[███░░░░░░░] 25% 250,000/1,000,000 runs · 25.0k/s · 30 s left');
  });
});
