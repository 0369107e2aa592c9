/**
 * The history's shared storage (src/core/history-state.ts) against the plain reference, Immer's `produce` on a
 * draft (`nextImmer`, `decideImmer`): every state of random runs, stepped on and stepped again from earlier
 * states (a branch), must serialise to the same JSON, read the same scores, tension and agenda head, and be
 * frozen. Scenarios: the small fixture (every mechanism, capped modifiers included), both shipped ones, and the
 * format extensions' examples (indicators that fade, group events, named posture charts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { resolveAssumptions, initialState as coreInitial, type RunInputs } from '../src/core/run.js';
import { decide, decideImmer, isFinished, next, nextImmer } from '../src/core/step.js';
import { historyAgendaHead, historyLastLog } from '../src/core/history-state.js';
import { score, tension } from '../src/core/ledger.js';
import { xstateCountries } from '../src/machines/country-exec.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { flagship, small } from './helpers/scenarios.js';

const file = (rel: string) => () => loadScenarioFile(fileURLToPath(new URL(rel, import.meta.url)), { prevalidated: null });
const kursk = file('../scenarios/kursk-2024.yaml');
// The format extensions (issue 14): fading indicators, group events, named posture charts; and among: groups.
const alignment = file('../docs/examples/alignment.yaml');
const trilateral = file('./fixtures/author/trilateral.yaml');
const json = (s: SimState) => JSON.stringify(s);

function stepBoth(sc: Scenario, a: SimState, b: SimState, option: string | undefined): [SimState, SimState] {
  const c = xstateCountries(sc);
  return a.pending ? [decide(sc, a, option, c), decideImmer(sc, b, option, c)] : [next(sc, a, c), nextImmer(sc, b, c)];
}

function same(sc: Scenario, a: SimState, b: SimState): void {
  expect(historyAgendaHead(a)).toEqual(b.agenda[0]);
  expect(historyLastLog(a)).toEqual(b.log.at(-1));
  for (const x of sc.actors) for (const y of sc.actors) if (x !== y) expect(score(a, x.id, y.id)).toBe(score(b, x.id, y.id));
  expect(tension(a, sc.model.tensionInitial, sc.model.tensionFadePerMonth)).toBe(tension(b, sc.model.tensionInitial, sc.model.tensionFadePerMonth));
  expect(json(a)).toBe(json(b));
  expect(Object.isFrozen(a)).toBe(true);
}

for (const [name, load] of [['small', small], ['pyongyang-2024', flagship], ['kursk-2024', kursk], ['alignment', alignment], ['trilateral', trilateral]] as const) {
  describe(`history storage (${name})`, () => {
    const sc = load();
    it('gives the states Immer gives, stepping on and stepping again from earlier states', () => {
      fc.assert(
        fc.property(fc.nat({ max: 0xffffffff }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat({ max: 3 }), { maxLength: 12 }), (seed, forks, picks) => {
          const inputs: RunInputs = { seed, assumptions: resolveAssumptions(sc), choices: {} };
          const s0 = coreInitial(sc, inputs, xstateCountries(sc));
          let a: SimState[] = [s0];
          let b: SimState[] = [s0];
          let p = 0;
          for (const f of [0, ...forks]) {
            // Branch: go back to state f (mod length) of the current line and play on from there.
            const at = f % a.length;
            a = a.slice(0, at + 1);
            b = b.slice(0, at + 1);
            for (let guard = 0; guard < 400 && !isFinished(a.at(-1)!); guard++) {
              const cur = a.at(-1)!;
              // Sometimes the user picks an option (by index), otherwise the engine draws.
              const opts = cur.pending ? sc.events[cur.pending.event]!.decision!.options : [];
              const pick = picks[p++ % Math.max(1, picks.length)];
              const option = opts.length && pick !== undefined && pick < opts.length && pick > 0 ? opts[pick]!.id : undefined;
              let na: SimState, nb: SimState;
              try {
                [na, nb] = stepBoth(sc, cur, b.at(-1)!, option);
              } catch {
                break; // an unavailable option: both refuse alike (checked below by playing on without it)
              }
              a.push(na);
              b.push(nb);
              same(sc, na, nb);
            }
            // The earlier states are unchanged by the steps after them: their scores read the shared storage.
            a.forEach((x, i) => {
              for (const u of sc.actors) for (const v of sc.actors) if (u !== v) expect(score(x, u.id, v.id)).toBe(score(b[i]!, u.id, v.id));
            });
          }
        }),
        { numRuns: name === 'small' ? 40 : 12 },
      );
    }, 120_000);
  });
}
