import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions } from '../src/core/run.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { buildResult } from '../src/mc/result.js';
import { grid, sweep, sweepTargets, type SweepSpec } from '../src/mc/sweep.js';
import { morrisDesign } from '../src/mc/morris.js';
import { bar } from '../src/mc/tornado.js';

// test/fixtures/mc/tiny-sweep.yaml: P(pick.yes) = a / (a + 1); `inert` is read by nothing;
// decision `lean` has weights c and 1, so its most likely option flips at c = 1.
const tiny = loadScenarioFile(fileURLToPath(new URL('./fixtures/mc/tiny-sweep.yaml', import.meta.url)));
const RUNS = 400;

function spec(target: string, over: Partial<SweepSpec> = {}): SweepSpec {
  const base = resolveAssumptions(tiny);
  return {
    scenario: tiny,
    base,
    target,
    assumptions: tiny.assumptions.map((a) => a.id),
    steps: 5,
    trajectories: 3,
    levels: 4,
    seed: 9,
    refine: 7,
    evaluate: async (assumptions) => {
      const inputs = { seed: 9, assumptions, choices: {} };
      const acc = new Accumulator(tiny);
      runRange(tiny, inputs, 0, RUNS, acc);
      return buildResult(tiny, inputs, acc.data);
    },
    ...over,
  };
}

describe('sweep on a scenario with known sensitivity', () => {
  it('ranks a first and the inert assumption last, with an effect of exactly 0', async () => {
    const r = await sweep(spec('alpha_says_yes'));
    expect(r.oat.map((l) => l.id)[0]).toBe('a');
    expect(r.oat[r.oat.length - 1]!.id).toBe('inert');
    const inert = r.oat.find((l) => l.id === 'inert')!;
    expect(inert.swing).toBe(0);
    expect(new Set(inert.p).size).toBe(1);
    // a runs from 0.5 to 4: P from 1/3 to 4/5, a swing near 0.47 (sampling noise of 400 runs aside).
    const a = r.oat.find((l) => l.id === 'a')!;
    expect(a.swing).toBeGreaterThan(0.35);
    expect(a.swing).toBeLessThan(0.6);
    // Common random numbers: P is monotone in a, because the same draws meet rising odds.
    for (let k = 1; k < a.p.length; k++) expect(a.p[k]!).toBeGreaterThanOrEqual(a.p[k - 1]!);
    const m = new Map(r.morris!.map((x) => [x.id, x]));
    expect(m.get('inert')!.muStar).toBe(0);
    expect(m.get('a')!.muStar).toBeGreaterThan(0.2);
    expect(m.get('a')!.muStar).toBeGreaterThan(m.get('c')!.muStar);
  });

  it('reports the engine odds of an option target: exactly a / (a + 1)', async () => {
    const r = await sweep(spec('pick.yes', { assumptions: ['a'], trajectories: 0 }));
    const a = r.oat[0]!;
    expect(a.values).toEqual(grid(0.5, 4, 5));
    a.values.forEach((v, k) => expect(a.odds![k]).toBeCloseTo(v / (v + 1), 6));
    expect(r.morris).toBeNull();
  });

  it('finds the brink: each decision flips where its two weights cross (a = 1, c = 1)', async () => {
    const r = await sweep(spec('alpha_says_yes', { trajectories: 0 }));
    const lean = r.brink.find((f) => f.decision === 'lean')!;
    expect(lean).toMatchObject({ assumption: 'c', from: 'right', to: 'left' });
    expect(Math.abs(lean.at - 1)).toBeLessThan(0.01);
    const pick = r.brink.find((f) => f.decision === 'pick')!;
    expect(pick).toMatchObject({ assumption: 'a', from: 'no', to: 'yes' });
    expect(Math.abs(pick.at - 1)).toBeLessThan(0.01);
    expect(r.brink.some((f) => f.assumption === 'inert')).toBe(false);
  });

  it('never flips a decision the user fixed', async () => {
    const r = await sweep(spec('alpha_says_yes', { trajectories: 0, fixed: new Set(['lean']) }));
    expect(r.brink.map((f) => f.decision)).toEqual(['pick']);
  });

  it('lists predictions and DECISION.OPTION pairs as targets', () => {
    expect(sweepTargets(tiny)).toEqual(['alpha_says_yes', 'pick.yes', 'pick.no', 'lean.left', 'lean.right']);
  });
});

describe('Morris design', () => {
  it('moves every factor once per trajectory by Δ = p/(2(p−1)) of its range, inside the range', () => {
    const factors = [
      { id: 'x', min: 0, max: 3 },
      { id: 'y', min: -1, max: 1 },
    ];
    const d = morrisDesign(factors, 5, 4, 1);
    expect(d).toHaveLength(5);
    for (const t of d) {
      expect(t.points).toHaveLength(3);
      expect([...t.moved.slice(1)].sort()).toEqual([0, 1]);
      for (let k = 1; k < 3; k++) {
        const f = factors[t.moved[k]!]!;
        expect(t.points[k]![f.id]! - t.points[k - 1]![f.id]!).toBeCloseTo((2 / 3) * (f.max - f.min), 9);
      }
      for (const p of t.points) {
        for (const f of factors) {
          expect(p[f.id]!).toBeGreaterThanOrEqual(f.min);
          expect(p[f.id]!).toBeLessThanOrEqual(f.max);
        }
      }
    }
    expect(morrisDesign(factors, 5, 4, 1)).toEqual(d);
  });
});

describe('tornado bar', () => {
  it('spans min..max of P and marks the base', () => {
    expect(bar([0.2, 0.5, 0.8], 0.5, 0, 1, 11)).toBe('··███│███··');
    expect(bar([0.5, 0.5], 0.5, 0, 1, 11)).toBe('·····│·····');
  });
});
