/**
 * The countries executed by XState: the implementation of the core's `Countries` (core/postures.ts) that every
 * run keeping history uses (the session, `run`, `explain`, `replay`, `report`). For each actor it takes the
 * machine's snapshot in the current posture (`resolveState`) and asks XState's pure transition function for
 * the next one; the posture the state records, that the UI shows and that formulas read, is that snapshot's
 * value. No actor is started: a run's history is a list of immutable states, and a posture is all of a country
 * machine's state, so the snapshot is rebuilt from it wherever the history is (see docs/architecture.md).
 */
import { getNextSnapshot, initialTransition } from 'xstate';
import type { ActorId, EvalContext, Scenario } from '../core/model.js';
import { interned, type SimState } from '../core/state.js';
import { StateContext } from '../core/context.js';
import { historyLogFrom, historyLogLength } from '../core/history-state.js';
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

/**
 * The formulas' view of a step's state as the countries saw it: the state after the step, with every posture as
 * it was before. (After `countries.step` a step only schedules reactions, logs and marks dated predictions held,
 * none of which a formula reads; so this equals the context the step handed XState.)
 */
class BeforePostures implements EvalContext {
  constructor(
    private readonly after: StateContext,
    private readonly postures: Readonly<Record<ActorId, string>>,
  ) {}
  rel(from: ActorId, to: ActorId): number {
    return this.after.rel(from, to);
  }
  assumption(id: string): number {
    return this.after.assumption(id);
  }
  indicator(id: string): number {
    return this.after.indicator(id);
  }
  tension(): number {
    return this.after.tension();
  }
  posture(actor: ActorId, posture: string): boolean {
    return this.postures[actor] === posture;
  }
  chosen(decision: string, option: string): boolean {
    return this.after.chosen(decision, option);
  }
  happened(event: string): boolean {
    return this.after.happened(event);
  }
  goldstein(): number {
    return 0;
  }
}

/**
 * The `step` event the countries were sent when `next` was computed from `prev` (its state before, on a branch):
 * the event just applied (undefined for a decision) and the formulas' view of that moment. Undefined when the
 * step moved no country (a skipped event: its condition did not hold, so the countries were not stepped). The
 * session sends it to its live country actors (session.ts), which must then be in `next`'s postures.
 */
export function stepEventOf(scenario: Scenario, prev: SimState, next: SimState): StepEvent | undefined {
  const entry = historyLogFrom(next, historyLogLength(prev)).find((e) => e.step === prev.step && e.kind !== 'capped');
  if (entry === undefined || entry.kind === 'skipped') return undefined;
  return { type: 'step', event: entry.kind === 'event' ? entry.event : undefined, ctx: new BeforePostures(new StateContext(scenario, next), prev.postures) };
}
