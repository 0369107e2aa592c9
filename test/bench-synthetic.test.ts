/**
 * The scaling benchmark's synthetic scenarios (src/bench/synthetic.ts) at a small size, so the generator cannot
 * rot: valid for the ordinary loader, the same text for the same size, and played identically by the Monte Carlo
 * path (which drops faded-out modifiers from its sums, score-memo.ts) and the history (which sums them all).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticScenario } from '../src/bench/synthetic.js';
import { growthExponent, measurePoint } from '../src/bench/scale.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast, runHistory } from '../src/machines/engine.js';
import { modifierNow, score } from '../src/core/ledger.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';

const dir = mkdtempSync(join(tmpdir(), 'geosim-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(events: number, actors: number) {
  const file = join(dir, `s-${events}-${actors}.yaml`);
  writeFileSync(file, syntheticScenario({ events, actors }));
  return loadScenarioFile(file);
}

describe('synthetic scenarios', () => {
  it('are valid, and the same text for the same size', () => {
    expect(syntheticScenario({ events: 60, actors: 6 })).toBe(syntheticScenario({ events: 60, actors: 6 }));
    expect(syntheticScenario({ events: 60, actors: 6 })).not.toBe(syntheticScenario({ events: 70, actors: 6 }));
    const sc = load(60, 6);
    expect(sc.actors).toHaveLength(6);
    expect(sc.timeline).toHaveLength(60);
    expect(Object.values(sc.events).filter((e) => e.decision)).toHaveLength(6);
    expect(load(30, 3).actors).toHaveLength(3);
  });

  it('play the same in the Monte Carlo path and the history, faded modifiers and all', () => {
    const sc = load(120, 6);
    const assumptions = resolveAssumptions(sc);
    let faded = 0;
    const options = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const inputs = { seed, assumptions, choices: {} };
      const fast = runFast(sc, inputs);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(runHistory(sc, inputs).at(-1)));
      for (const mods of Object.values(fast.ledger)) for (const m of mods) if (modifierNow(m, fast.date) === 0) faded++;
      for (const c of Object.values(fast.choices)) options.add(c.option);
    }
    expect(faded).toBeGreaterThan(100); // the sums did skip many faded terms
    expect([...options].sort()).toEqual(['conciliate', 'push_back']); // the odds draw both ways
  });

  it('capped merges, onto live terms and onto terms that had faded out: every score is the plain fold, in both paths', () => {
    // The sums keep each pair's live terms and find a capped merge's entry by its key without scanning the list
    // (issue 12): a merge must take the old entry's place among the live terms, or come back among them in list
    // order when the old one had faded to 0. Four actors, so the same pairs merge again and again, many of them
    // long after the last merge faded out.
    const sc = load(400, 4);
    const assumptions = resolveAssumptions(sc);
    let ontoFaded = 0;
    let ontoLive = 0;
    for (let seed = 0; seed < 6; seed++) {
      const inputs = { seed, assumptions, choices: {} };
      const states = runHistory(sc, inputs);
      const fast = runFast(sc, inputs);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(states.at(-1)));
      for (const st of states) {
        // A JSON copy is a plain state: score() folds its whole list, every term in ledger order.
        const plain = JSON.parse(JSON.stringify(st)) as typeof st;
        for (const a of sc.actors) for (const b of sc.actors) if (a !== b) expect(score(st, a.id, b.id)).toBe(score(plain, a.id, b.id));
      }
      for (const mods of Object.values(fast.ledger))
        for (const m of mods)
          for (const p of (m.stack ?? []).slice(0, -1)) {
            if (p.value === 0) ontoFaded++;
            else ontoLive++;
          }
    }
    expect(ontoFaded).toBeGreaterThan(0);
    expect(ontoLive).toBeGreaterThan(0);
  });

  it('an ensemble of one, run after run, tallies what each run does alone', () => {
    const sc = load(60, 4);
    const inputs = { seed: 3, assumptions: resolveAssumptions(sc), choices: {} };
    const together = new Accumulator(sc);
    runRange(sc, inputs, 0, 20, together);
    const apart = new Accumulator(sc);
    for (let i = 0; i < 20; i++) runRange(sc, inputs, i, i + 1, apart);
    expect(JSON.stringify(Object.entries(together.data).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]))).toBe(
      JSON.stringify(Object.entries(apart.data).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)])),
    );
  });

  it('the bench measures a point and fits exponents', () => {
    const p = measurePoint(dir, 20, 3, 1, true);
    expect(p.steps).toBeGreaterThanOrEqual(20);
    expect(p.fastMs).toBeGreaterThan(0);
    expect(p.historyMs).toBeGreaterThan(0);
    expect(growthExponent([[10, 3 * 10 ** 1.5], [100, 3 * 100 ** 1.5], [1000, 3 * 1000 ** 1.5]])).toBeCloseTo(1.5, 10);
  });
});
