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
    expect(branchOf(snap.context.data).label).toBe('Ccity: Arm Outland');
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

  it('is dirty only when the inputs a session file stores change, and clean again after SAVED', () => {
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
    snap = send(actor, { type: 'BRANCH', id: 0 }); // the new branch is still unsaved work
    expect(snap.context.data.dirty).toBe(true);
    snap = send(actor, { type: 'SAVED' });
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

  it('asks before a change of assumptions flips a decision already drawn: keep it as a branch, apply it, or cancel', () => {
    // Lowering C's hawkishness moves the odds of c_choice (0.75 → 0.5 for arm_out): find a seed whose draw flips.
    for (let seed = 1; seed < 200; seed++) {
      const actor = start(small(), seed);
      let snap = send(actor, { type: 'END' });
      const drawn = currentState(snap.context.data).choices['c_choice']!.option;
      snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: { hawk: 1 } });
      if (!snap.hasTag('modal')) {
        actor.stop();
        continue;
      }
      const change = snap.context.data.pendingChange!;
      expect(change.flips.some((f) => /^Ccity's decision flips: .+ → .+$/.test(f))).toBe(true);
      expect(snap.context.data.overrides).toEqual({}); // nothing applied yet
      snap = send(actor, { type: 'BACK' });
      expect(snap.context.reason).toMatch(/waits for your answer/);
      snap = send(actor, { type: 'KEEP_BRANCH' });
      expect(snap.hasTag('modal')).toBe(false);
      const d = snap.context.data;
      expect(d.branches).toHaveLength(2);
      expect(d.current).toBe(1);
      expect(d.branches[1]!.parent).toBe(0);
      expect(d.overrides).toEqual({ hawk: 1 });
      expect(currentState(d).choices['c_choice']!.option).not.toBe(drawn);
      // The branch it came from is as it was.
      expect(branchOf({ ...d, current: 0 }).inputs.overrides).toEqual({});
      expect(currentState({ ...d, current: 0 }).choices['c_choice']!.option).toBe(drawn);
      // Applying it here instead changes the current branch; cancelling changes nothing.
      snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: {} });
      expect(snap.hasTag('modal')).toBe(true);
      snap = send(actor, { type: 'CANCEL' });
      expect(snap.context.data.overrides).toEqual({ hawk: 1 });
      snap = send(actor, { type: 'ASSUME', preset: 'article', overrides: {} });
      snap = send(actor, { type: 'APPLY' });
      expect(snap.context.data.overrides).toEqual({});
      expect(currentState(snap.context.data).choices['c_choice']!.option).toBe(drawn);
      actor.stop();
      return;
    }
    throw new Error('no seed flips c_choice');
  });

  it('accepts each event only where it means something, and says why otherwise', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    expect(snap.hasTag('playing')).toBe(true);
    expect(snap.context.reason).toMatch(/No decision waits here/);
    while (!snap.hasTag('deciding')) snap = send(actor, { type: 'NEXT' });
    const before = snap.context.data;
    snap = send(actor, { type: 'NEXT' });
    expect(snap.context.data).toBe(before);
    expect(snap.context.reason).toMatch(/A decision of yours waits/);
    snap = send(actor, { type: 'CHOOSE', option: 'talk' });
    snap = send(actor, { type: 'END' });
    expect(snap.hasTag('ended')).toBe(true);
    snap = send(actor, { type: 'NEXT' });
    expect(snap.context.reason).toMatch(/end of the scenario/);
    snap = send(actor, { type: 'APPLY' });
    expect(snap.context.reason).not.toBeNull();
  });

  it('revises a decision taken here with one event: another option forks, the same one is refused with a reason', () => {
    const actor = start(small(), 3, ['CCC']);
    let snap = actor.getSnapshot();
    while (!snap.hasTag('deciding')) snap = send(actor, { type: 'NEXT' });
    snap = send(actor, { type: 'CHOOSE', option: 'talk' }); // the cursor is on the step that took it
    snap = send(actor, { type: 'REVISE', option: 'talk' });
    expect(snap.context.error).toMatch(/^Already your choice here/);
    expect(snap.context.data.branches).toHaveLength(1);
    snap = send(actor, { type: 'REVISE', option: 'arm_out' });
    expect(snap.context.error).toBeNull();
    expect(snap.context.data.branches).toHaveLength(2);
    expect(currentState(snap.context.data).choices['c_choice']).toMatchObject({ option: 'arm_out', by: 'user' });
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
