/**
 * The countries executed by XState: the implementation of the core's `Countries` (core/postures.ts) that every
 * run keeping history uses (the session, `run`, `explain`, `replay`, `report`). For each actor it takes the
 * machine's snapshot in the current posture (`resolveState`) and asks XState's pure transition function for
 * the next one; the posture the state records, that the UI shows and that formulas read, is that snapshot's
 * value. No actor is started: a run's history is a list of immutable states, and a posture is all of a country
 * machine's state, so the snapshot is rebuilt from it wherever the history is (see docs/architecture.md).
 */
import { getNextSnapshot, initialTransition } from 'xstate';
import type { ActorId, Scenario } from '../core/model.js';
import { interned } from '../core/state.js';
import type { Countries, PostureChanges } from '../core/postures.js';
import { countryMachines, postureOf, type StepEvent } from './country.js';

const made = new WeakMap<Scenario, Countries>();

export function xstateCountries(scenario: Scenario): Countries {
  let c = made.get(scenario);
  if (c !== undefined) return c;
  const cm = countryMachines(scenario);
  const initial: Record<ActorId, string> = {};
  for (const actor of cm.actors) initial[actor] = interned(postureOf(initialTransition(cm.machines.get(actor)!)[0]));
  c = {
    initial,
    step(t, ev) {
      const s = t.s;
      const event: StepEvent = { type: 'step', event: ev?.id, ctx: t.ctx.at(s) };
      let changes: PostureChanges | undefined;
      // Every actor's guards read the postures of before the step: the snapshots are all taken first.
      for (let k = 0; k < cm.actors.length; k++) {
        const actor = cm.actors[k] as ActorId;
        const machine = cm.machines.get(actor)!;
        const from = t.posture(k, actor);
        const snap = cm.snapshot(actor, from);
        // XState selects the enabled transition (its guards, in its order); only when one is enabled is the
        // next snapshot computed, since a macrostep costs ~25 times the selection and most steps move no one.
        if (machine.getTransitionData(snap, event).length === 0) continue;
        const to = postureOf(getNextSnapshot(machine, snap, event));
        if (to !== from) (changes ??= {})[actor] = [from, interned(to)];
      }
      if (changes) for (let k = 0; k < cm.actors.length; k++) {
        const actor = cm.actors[k] as ActorId;
        const moved = changes[actor];
        if (moved !== undefined) t.setPosture(k, actor, moved[1]);
      }
      return changes;
    },
  };
  made.set(scenario, c);
  return c;
}
