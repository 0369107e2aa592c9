/**
 * The session property test: random sequences of every session event (steps, back, start, end, date, choose,
 * roll, revise, assume, inject, answers to a flip, fork, switch, roles, forecast, save, load) are sent to the
 * session machine, and after each one every branch is compared with a reference that rebuilds it from its saved
 * inputs alone, from scratch, through the core (initialState, next, decide): same states (hence same postures),
 * same odds at the cursor. Saving and loading go through the session file's text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor } from 'xstate';
import { sessionMachine } from '../src/machines/session.js';
import type { SessionData, Branch } from '../src/machines/session-logic.js';
import { oddsAt } from '../src/machines/selectors.js';
import { sessionFileOf, sessionFromFile } from '../src/machines/session-file.js';
import { serializeSessionFile } from '../src/scenario/sessionfile.js';
import { parseSessionFile } from '../src/scenario/sessionfile-schema.js';
import { resolveAssumptions } from '../src/core/run.js';
import { decide, initialState, next } from '../src/machines/engine.js';
import { decisionOdds } from '../src/core/odds.js';
import type { Scenario } from '../src/core/model.js';
import type { SimState } from '../src/core/state.js';
import { flagship, small } from './helpers/scenarios.js';
import { steps, type Step } from './helpers/session-steps.js';

/** The reference: a branch's states rebuilt from its inputs alone, as many as the branch holds. */
function rebuild(sc: Scenario, b: Branch): SimState[] {
  const i = b.inputs;
  const choices = b.choices;
  let s = initialState(sc, { seed: i.seed, assumptions: resolveAssumptions(sc, i.preset, i.overrides), choices, injects: i.injects });
  const out = [s];
  while (out.length < b.states.length) {
    s = s.pending ? decide(sc, s, choices[s.pending.decision]) : next(sc, s);
    out.push(s);
  }
  return out;
}

function check(sc: Scenario, d: SessionData): void {
  for (const b of d.branches) {
    const ref = rebuild(sc, b);
    expect(b.cursor).toBeLessThan(b.states.length);
    // Same states, step by step (postures, ledger, agenda, rng and all).
    for (let k = 0; k < ref.length; k++) expect(JSON.stringify(b.states[k])).toBe(JSON.stringify(ref[k]));
    const here = ref[b.cursor]!;
    if (here.pending) {
      const dec = sc.events[here.pending.event]!.decision!;
      expect(oddsAt(sc, b.states[b.cursor]!, dec)).toEqual(decisionOdds(sc, here, dec));
    }
  }
  expect(d.branches[d.current]).toBeDefined();
}

function start(sc: Scenario, seed: number, roles: string[], data?: SessionData) {
  return createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles }, ...(data ? { data } : {}) } }).start();
}

/** Save and load through the session file's text; the rebuilt tree must be the same tree. */
function roundTrip(sc: Scenario, d: SessionData): SessionData {
  const text = serializeSessionFile(sessionFileOf(d, 'x.yaml', new Date(0)));
  const loaded = sessionFromFile(sc, parseSessionFile(text, 'x.session.json'), 'x.session.json').data;
  expect(loaded.current).toBe(d.current);
  expect(loaded.branches.length).toBe(d.branches.length);
  loaded.branches.forEach((b, i) => {
    const o = d.branches[i]!;
    expect(b.cursor).toBe(o.cursor);
    expect(b.states.length).toBe(o.states.length);
    expect(JSON.stringify(b.states.at(-1))).toBe(JSON.stringify(o.states.at(-1)));
    expect({ ...b.inputs, parent: b.parent, forkStep: b.forkStep, choices: b.choices, rolled: [...b.rolled].sort() }).toEqual({
      ...o.inputs,
      parent: o.parent,
      forkStep: o.forkStep,
      choices: o.choices,
      rolled: [...o.rolled].sort(),
    });
  });
  expect(loaded.forecasts).toEqual(d.forecasts);
  expect(loaded.dirty).toBe(false);
  return loaded;
}

function run(sc: Scenario, seed: number, roles: string[], script: Step[]): void {
  let actor = start(sc, seed, roles);
  for (const s of script) {
    const d = actor.getSnapshot().context.data;
    const e = s(d);
    if (e === 'SAVE') {
      roundTrip(sc, d);
      actor.send({ type: 'SAVED' });
      expect(actor.getSnapshot().context.data.dirty).toBe(false);
    } else if (e === 'LOAD') {
      if (d.pendingChange) continue; // a pending question is not part of a saved session
      const loaded = roundTrip(sc, d);
      actor.stop();
      actor = start(sc, seed, roles, loaded);
    } else {
      const before = actor.getSnapshot();
      actor.send(e);
      const after = actor.getSnapshot();
      // An event is acted on, refused with an error, or ignored with a reason: never silently dropped.
      if (after.context.data === before.context.data && after.context.error === null) {
        expect(after.context.reason !== null || e.type === 'BACK' || e.type === 'START' || e.type === 'NEXT' || e.type === 'END' || e.type === 'DATE').toBe(true);
      }
      // The tags say what the state is.
      const tags = [...after.tags];
      expect(tags.length).toBe(1);
    }
    check(sc, actor.getSnapshot().context.data);
  }
  actor.stop();
}

describe('session property: every branch is what its inputs rebuild', () => {
  it('keeps the draws of an actor the user takes over, so the branch still rebuilds (found by this test)', () => {
    const sc = small();
    const play = (): Step[] => [() => ({ type: 'END' }), () => ({ type: 'ROLES', roles: ['CCC'] }), () => 'SAVE', () => 'LOAD'];
    run(sc, 0, [], play());
  });

  it('on the small scenario, under random sequences of every session event', () => {
    const sc = small();
    fc.assert(
      fc.property(fc.nat(1000), fc.subarray(sc.actors.map((a) => a.id)), steps(sc), (seed, roles, script) => run(sc, seed, roles, script)),
      { numRuns: 60 },
    );
  });

  it('on the flagship, under shorter sequences', () => {
    const sc = flagship();
    fc.assert(
      fc.property(fc.nat(1000), fc.subarray(['KOR', 'JPN']), steps(sc), (seed, roles, script) => run(sc, seed, roles, script.slice(0, 15))),
      { numRuns: 8 },
    );
  });
});
