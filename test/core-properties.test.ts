import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rawScore, score } from '../src/core/ledger.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { runFast, runHistory, stepWith } from '../src/machines/engine.js';
import { explainPair } from '../src/core/explain.js';
import { decisionOdds } from '../src/core/odds.js';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { flagship, small } from './helpers/scenarios.js';

/** Random valid inputs: a seed, assumptions anywhere in their ranges, and a random subset of choices. */
function arbInputs(sc: () => Scenario): fc.Arbitrary<RunInputs> {
  return fc.record({ seed: fc.nat({ max: 0xffffffff }), fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }) }).map(
    ({ seed, fractions }) => {
      const s = sc();
      const overrides: Record<string, number> = {};
      s.assumptions.forEach((a, i) => {
        overrides[a.id] = a.min + (a.max - a.min) * (fractions[i % fractions.length] ?? 0);
      });
      return { seed, assumptions: resolveAssumptions(s, s.defaultPreset, overrides), choices: {} };
    },
  );
}

const json = (s: SimState): string => JSON.stringify(s);

for (const [name, sc] of [
  ['small', small],
  ['flagship', flagship],
] as const) {
  describe(`invariants (${name})`, () => {
    it('keeps every score in [-100, 100] and equal to the clamped sum of its ledger', () => {
      fc.assert(
        fc.property(arbInputs(sc), (inputs) => {
          const s = sc();
          for (const st of runHistory(s, inputs)) {
            for (const a of s.actors)
              for (const b of s.actors) {
                if (a.id === b.id) continue;
                const v = score(st, a.id, b.id);
                expect(v).toBeGreaterThanOrEqual(-100);
                expect(v).toBeLessThanOrEqual(100);
                const sum = explainPair(s, st, a.id, b.id).lines.reduce((x, l) => x + l.now, 0);
                expect(rawScore(st, a.id, b.id)).toBeCloseTo(sum, 9);
                expect(v).toBeCloseTo(Math.max(-100, Math.min(100, sum)), 9);
              }
          }
        }),
        { numRuns: 25 },
      );
    });

    it('gives identical states for the same inputs, and different draws for different seeds', () => {
      fc.assert(
        fc.property(arbInputs(sc), fc.nat({ max: 0xffffffff }), (inputs, other) => {
          const s = sc();
          expect(json(runFast(s, inputs))).toBe(json(runFast(s, inputs)));
          fc.pre(other !== inputs.seed);
          const a = runFast(s, inputs);
          const b = runFast(s, { ...inputs, seed: other });
          const us = (x: SimState) => Object.values(x.choices).map((c) => c.u);
          expect(us(a)).not.toEqual(us(b));
        }),
        { numRuns: 25 },
      );
    });

    it('the fast path (one mutable object) ends in exactly the last state of the immutable history', () => {
      fc.assert(
        fc.property(arbInputs(sc), (inputs) => {
          const s = sc();
          expect(json(runFast(s, inputs))).toBe(json(runHistory(s, inputs).at(-1)!));
        }),
        { numRuns: 25 },
      );
    });

    it('history states are frozen, so going back restores the earlier state exactly', () => {
      fc.assert(
        fc.property(arbInputs(sc), fc.nat(), (inputs, pick) => {
          const s = sc();
          const states = runHistory(s, inputs);
          const i = pick % states.length;
          const before = json(states[i]!);
          // Step again from state i, as "back then forward" does: the old state must not change.
          if (i < states.length - 1) {
            const again = stepWith(s, states[i]!, inputs.choices);
            expect(json(again)).toBe(json(states[i + 1]!));
          }
          expect(json(states[i]!)).toBe(before);
          if (i > 0) expect(Object.isFrozen(states[i])).toBe(true);
        }),
        { numRuns: 25 },
      );
    });

    it('odds at every decision are a probability distribution over the available options', () => {
      fc.assert(
        fc.property(arbInputs(sc), (inputs) => {
          const s = sc();
          for (const st of runHistory(s, inputs)) {
            if (!st.pending) continue;
            const odds = decisionOdds(s, st, s.events[st.pending.event]!.decision!);
            const total = odds.reduce((x, o) => x + o.p, 0);
            expect(total).toBeCloseTo(1, 9);
            for (const o of odds) if (!o.available && odds.some((x) => x.available)) expect(o.p).toBe(0);
          }
        }),
        { numRuns: 15 },
      );
    });
  });
}
