// The Monte Carlo path's shortcuts (fast-state.ts, score-memo.ts, plan.ts) against the plain definitions they stand for.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { score, tension } from '../src/core/ledger.js';
import { resolveAssumptions } from '../src/core/run.js';
import { initialState, runFast, runHistory } from '../src/machines/engine.js';
import { applyDecision, applyNext, isFinished } from '../src/core/step.js';
import { planOf } from '../src/core/plan.js';
import { FastState } from '../src/core/fast-state.js';
import { tableCountries } from '../src/machines/country-table.js';
import { flagship, root, small } from './helpers/scenarios.js';
import { loadScenarioFile } from '../src/scenario/load.js';

// The worked example of docs/scenario-format.md: a fading indicator, a group event, named posture charts.
const alignmentScenario = loadScenarioFile(`${root}docs/examples/alignment.yaml`, { prevalidated: null });
const alignment = (): Scenario => alignmentScenario;

for (const [name, sc] of [
  ['small', small],
  ['flagship', flagship],
  ['alignment', alignment],
] as const) {
  describe(`fast path (${name})`, () => {
    it('the score memo reads exactly score() and tension() after every step, through new dates, modifiers and ties', () => {
      const s0 = sc();
      let tieChanges = 0;
      for (let seed = 0; seed < 8; seed++) {
        const s = initialState(s0, { seed, assumptions: resolveAssumptions(s0), choices: {} });
        const t = new FastState(s0, s);
        const ctx = t.ctx;
        let ties = JSON.stringify(s.ties);
        const check = () => {
          for (const a of s0.actors)
            for (const b of s0.actors) if (a !== b) expect(Object.is(ctx.rel(a.id, b.id), score(s as SimState, a.id, b.id))).toBe(true);
          expect(Object.is(ctx.tension(), tension(s, s0.model.tensionInitial, s0.model.tensionFadePerMonth))).toBe(true);
        };
        check();
        while (!isFinished(s as SimState)) {
          if (s.pending) applyDecision(t, undefined, tableCountries(s0));
          else applyNext(t, tableCountries(s0));
          check();
          if (JSON.stringify(s.ties) !== ties) tieChanges++;
          ties = JSON.stringify(s.ties);
        }
      }
      expect(tieChanges).toBeGreaterThan(0); // the ties did change along the way
    });

    it('each recipe leaves the same state through either side of the seam (run-state.ts), step by step', () => {
      const s0 = sc();
      for (let seed = 0; seed < 6; seed++) {
        const inputs = { seed, assumptions: resolveAssumptions(s0), choices: {} };
        const history = runHistory(s0, inputs);
        const s = initialState(s0, inputs);
        const t = new FastState(s0, s);
        for (let i = 1; i < history.length; i++) {
          const recipe = s.pending ? 'applyDecision' : 'applyNext';
          if (s.pending) applyDecision(t, undefined, tableCountries(s0));
          else applyNext(t, tableCountries(s0));
          expect(JSON.stringify(s), `${recipe} at step ${i - 1} (seed ${seed})`).toBe(JSON.stringify(history[i]));
        }
        expect(isFinished(s)).toBe(true);
      }
    });

    it('reuses one fast state per scenario run after run, and never one that is in use', () => {
      const s0 = sc();
      const inputs = { seed: 11, assumptions: resolveAssumptions(s0), choices: {} };
      const start = initialState(s0, inputs);
      const a = FastState.acquire(s0, start);
      const b = FastState.acquire(s0, start);
      expect(b).not.toBe(a);
      b.release();
      a.release();
      const c = FastState.acquire(s0, start);
      expect(c).toBe(a);
      c.release();
      // Runs on a reused memo are the runs on a fresh one, whatever ran on it before (other seeds, other
      // assumptions: kept values must not leak from one set of assumptions to another).
      const first = JSON.stringify(runFast(s0, inputs));
      for (let seed = 0; seed < 5; seed++) runFast(s0, { ...inputs, seed });
      expect(JSON.stringify(runFast(s0, inputs))).toBe(first);
      // The assumption most formulas read: the one that scales every event (or the first there is).
      const a0 = s0.assumptions.find((x) => x.id === 'k_goldstein') ?? s0.assumptions[0]!;
      const moved = inputs.assumptions[a0.id] === a0.max ? a0.min : a0.max;
      const other = resolveAssumptions(s0, s0.defaultPreset, { [a0.id]: moved });
      const otherFirst = JSON.stringify(runFast(s0, { ...inputs, assumptions: other }));
      expect(otherFirst).not.toBe(first);
      expect(JSON.stringify(runFast(s0, inputs))).toBe(first);
      expect(JSON.stringify(runFast(s0, { ...inputs, assumptions: other }))).toBe(otherFirst);
    });

    it('balance notes name the third party, the target and its rounded view', () => {
      const s0 = sc();
      const s = runFast(s0, { seed: 3, assumptions: resolveAssumptions(s0), choices: {} });
      let n = 0;
      for (const [key, mods] of Object.entries(s.ledger)) {
        const from = key.split('>')[0]!;
        for (const m of mods) {
          if (m.cause.kind !== 'balance') continue;
          const ev = s0.events[m.cause.event]!;
          // A group target is named by its members joined with '+', and the view is their mean.
          const target = ev.targets?.join('\\+') ?? ev.target!;
          expect(m.note).toMatch(new RegExp(`^${from} regards ${target} at -?\\d+${ev.targets ? ' on average' : ''}$`));
          expect(m.key).toBe(`balance:${m.cause.event}`);
          n++;
        }
      }
      expect(n).toBeGreaterThan(0);
    });

    it('plans each event: balance thirds, reactions and options as the scenario defines them', () => {
      const s0: Scenario = sc();
      const plan = planOf(s0);
      expect(plan).toBe(planOf(s0));
      for (const ev of Object.values(s0.events)) {
        const p = plan.events.get(ev.id)!;
        expect(p.ev).toBe(ev);
        const actors = ev.actors ?? (ev.actor === undefined ? [] : [ev.actor]);
        const targets = (ev.targets ?? (ev.target === undefined ? [] : [ev.target])).filter((t) => s0.actors.some((a) => a.id === t));
        expect(p.balance !== undefined).toBe(actors.length > 0 && targets.length > 0 && ev.goldstein !== 0);
        if (p.balance) {
          expect(p.balance.thirds.map((t) => t.id)).toEqual(s0.actors.map((a) => a.id).filter((a) => !actors.includes(a) && !targets.includes(a)));
          for (const t of p.balance.thirds) {
            expect([t.view, ...t.moreViews].map((x) => x.to)).toEqual(targets);
            expect([t.onto, ...t.moreOnto].map((x) => x.to)).toEqual(actors);
          }
        }
        const planned = (rs: readonly Scenario['reactions'][number][]) =>
          rs.map((r) => ({ when: r.when, event: r.emit, afterDays: r.afterDays, origin: { kind: 'reaction', by: r.id } }));
        expect(p.reactions).toEqual(planned(s0.reactions.filter((r) => r.on.event === ev.id || (r.on.tag !== undefined && ev.tags.includes(r.on.tag)))));
        expect(p.key).toBe(`event:${ev.id}`);
        expect(p.reactionKey).toBe(`reaction:${ev.id}`);
        for (const o of ev.decision?.options ?? []) {
          const op = p.options.get(o.id)!;
          expect(op.option).toBe(o);
          expect(op.cause).toEqual({ kind: 'option', event: ev.id, option: o.id });
          expect(op.reactions).toEqual(planned(s0.reactions.filter((r) => r.on.option?.decision === ev.decision!.id && r.on.option.option === o.id)));
          expect(op.key).toBe(`option:${o.id}`);
          expect(op.then).toEqual(o.then.map((f) => ({ event: f.event, afterDays: f.afterDays, onDay: f.onDay })));
          expect(op.origin).toEqual({ kind: 'followup', by: `${ev.decision!.id}.${o.id}` });
        }
      }
    });
  });
}
