import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import fc from 'fast-check';
import { sessionMachine, type SessionEvent } from '../src/machines/session.js';
import { currentState, branchOf } from '../src/machines/session-logic.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import type { Scenario } from '../src/core/model.js';
import { flagship, small } from './helpers/scenarios.js';

function start(scenario: Scenario, seed: number, roles: string[] = []) {
  return createActor(sessionMachine, { input: { scenario, options: { seed, roles } } }).start();
}

function send(actor: ReturnType<typeof start>, e: SessionEvent) {
  actor.send(e);
  return actor.getSnapshot();
}

describe('session machine', () => {
  for (const [name, sc] of [
    ['small', small],
    ['flagship', flagship],
  ] as const) {
    it(`plays to the same end as the core's fast path (${name})`, () => {
      fc.assert(
        fc.property(fc.nat({ max: 0xffffffff }), (seed) => {
          const s = sc();
          const actor = start(s, seed);
          let snap = actor.getSnapshot();
          let guard = 0;
          while (!snap.matches('ended') && guard++ < 500) {
            snap = send(actor, { type: 'NEXT' });
          }
          expect(snap.matches('ended')).toBe(true);
          const fast = runFast(s, { seed, assumptions: resolveAssumptions(s), choices: {} });
          expect(JSON.stringify(currentState(snap.context.data))).toBe(JSON.stringify(fast));
          actor.stop();
        }),
        { numRuns: 10 },
      );
    });
  }

  it('waits for the user at a decision of an actor the user plays', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    expect(currentState(snap.context.data).pending?.decision).toBe('c_choice');
    snap = send(actor, { type: 'NEXT' }); // NEXT does not decide for the user
    expect(snap.matches('deciding')).toBe(true);
    snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    expect(snap.matches('playing')).toBe(true);
    expect(currentState(snap.context.data).choices['c_choice']).toMatchObject({ option: 'talk', by: 'user' });
  });

  it('forks a branch when a passed decision is chosen differently, keeping the first intact', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    snap = send(actor, { type: 'END' });
    expect(snap.matches('ended')).toBe(true);
    const firstEnd = JSON.stringify(currentState(snap.context.data));
    while (!snap.matches('deciding')) snap = send(actor, { type: 'BACK' });
    snap = send(actor, { type: 'CHOOSE', option: 'talk' }); // same choice: no fork
    expect(snap.context.data.branches).toHaveLength(1);
    snap = send(actor, { type: 'BACK' });
    snap = send(actor, { type: 'CHOOSE', option: 'arm_out' });
    expect(snap.context.data.branches).toHaveLength(2);
    expect(branchOf(snap.context.data).label).toBe('c_choice → arm_out');
    snap = send(actor, { type: 'BRANCH', id: 0 });
    snap = send(actor, { type: 'END' });
    expect(JSON.stringify(currentState(snap.context.data))).toBe(firstEnd);
  });

  it('re-simulates under new assumptions and reports which odds moved', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: { hawk: 1 } });
    const moved = snap.context.data.resim!.odds.find((o) => o.option === 'arm_out');
    expect(moved).toEqual({ decision: 'c_choice', option: 'arm_out', before: 0.75, after: 0.5 });
    expect(currentState(snap.context.data).choices['c_choice']!.option).toBe('talk');
  });

  it('is dirty only when the inputs a run file stores change, and clean again after SAVED', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    expect(snap.context.data.dirty).toBe(false); // stepping is not work to save
    snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    expect(snap.context.data.dirty).toBe(true);
    snap = send(actor, { type: 'SAVED' });
    expect(snap.context.data.dirty).toBe(false);
    snap = send(actor, { type: 'BACK' });
    snap = send(actor, { type: 'CHOOSE', option: 'arm_out' }); // forks: the current branch's choices differ
    expect(snap.context.data.dirty).toBe(true);
    snap = send(actor, { type: 'BRANCH', id: 0 }); // back on the saved branch
    expect(snap.context.data.dirty).toBe(false);
    snap = send(actor, { type: 'ROLES', roles: ['CCC', 'AAA'] });
    expect(snap.context.data.dirty).toBe(true);
    snap = send(actor, { type: 'ROLES', roles: ['CCC'] });
    snap = send(actor, { type: 'ASSUME', preset: 'hindsight', overrides: {} });
    expect(snap.context.data.dirty).toBe(true);
  });

  it('refuses a bad move without changing the session', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    const before = snap.context.data;
    snap = send(actor, { type: 'CHOOSE', option: 'never' });
    expect(snap.context.error).toBe("option 'never' of decision 'c_choice' is not available now");
    expect(snap.context.data).toBe(before);
    snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: { hawk: 99 } });
    expect(snap.context.error).toBe("assumption 'hawk' must be between 0 and 10, found 99");
  });

  it("re-simulates with a teacher's inject and refuses an event that is not an inject", () => {
    const actor = start(small(), 3);
    let snap = send(actor, { type: 'END' });
    expect(currentState(snap.context.data).happened['surprise']).toBeUndefined();
    snap = send(actor, { type: 'INJECT', injects: [{ event: 'surprise', date: 19_797 }] });
    const s = currentState(snap.context.data);
    expect(s.happened['surprise']).toBe(19_797);
    expect(s.log.find((e) => e.event === 'surprise')?.origin).toEqual({ kind: 'inject', by: 'teacher' });
    expect(snap.context.data.dirty).toBe(true);
    expect(snap.context.data.resim!.scores.some((x) => x.from === 'BBB' && x.to === 'CCC')).toBe(true);
    snap = send(actor, { type: 'INJECT', injects: [{ event: 'treaty', date: 19_797 }] });
    expect(snap.context.error).toBe("'treaty' is not an inject of this scenario (injects: surprise)");
  });

  it('keeps a decision the user handed to the engine when assumptions change, so no progress is lost', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    snap = send(actor, { type: 'ROLL' });
    snap = send(actor, { type: 'END' });
    expect(snap.matches('ended')).toBe(true);
    const steps = branchOf(snap.context.data).states.length;
    snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: { k: 6 } });
    expect(snap.matches('ended')).toBe(true);
    expect(branchOf(snap.context.data).states.length).toBe(steps);
    expect(currentState(snap.context.data).choices['c_choice']!.by).toBe('engine');
  });

  it('reports the moved odds of the decision waiting at the cursor', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.matches('deciding')) snap = send(actor, { type: 'NEXT' });
    snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: { hawk: 1 } });
    expect(snap.matches('deciding')).toBe(true);
    expect(snap.context.data.resim!.odds).toContainEqual({ decision: 'c_choice', option: 'arm_out', before: 0.75, after: 0.5 });
  });
});
