/**
 * How a step moves the countries' postures. The core does not know the posture charts: the step recipes call
 * the `Countries` they are handed. Both implementations are made in src/machines/ from the same objects, the
 * countries' XState machines (machines/country.ts):
 *   - every run that keeps history (session, run, explain, replay, report) executes the machines with XState's
 *     own transition function (machines/country-exec.ts);
 *   - Monte Carlo executes `postureTable` below, over a table that machines/country-table.ts reads off the
 *     machines' state nodes and guard params. test/countries-model.test.ts proves the two agree.
 */
import type { ActorId, Formula } from './model.js';
import type { RunState } from './run-state.js';
import { planOf, type EventPlan } from './plan.js';
import { interned } from './keys.js';
import { READS_ASSUMPTION, READS_CHOSEN } from './formula-deps.js';
import type { Scenario } from './model.js';

/** Posture changes of one step: actor → [from, to], in actor order. */
export type PostureChanges = Record<ActorId, [string, string]>;

export interface Countries {
  /** Each actor's posture when a run starts (actors in the scenario's order). */
  readonly initial: Readonly<Record<ActorId, string>>;
  /**
   * One step's posture update, made after the step's effects and before its reactions. `ev` is the plan of the
   * event just applied, or undefined when a decision was just resolved. Every actor's guards read
   * `t.ctx.at(t.s)` (Goldstein weight 0), whose state still holds the postures of before this update (all
   * actors move at once); then the new postures are written through `t.setPosture(k, actor, to)`, `k` being the
   * actor's index in this `Countries`' own order (the one `t.posture(k, actor)` reads by). Returns the actors
   * that moved, or undefined when none did.
   */
  step(t: RunState, ev: EventPlan | undefined): PostureChanges | undefined;
}

/** One posture transition as a country machine's guard params carry it: the first that holds fires. */
export interface TableTransition {
  readonly target: string;
  /** Fires only when this event (id) is applied; undefined: after any step, events and decisions alike. */
  readonly event: string | undefined;
  readonly when: Formula | undefined;
}

/** One actor's chart as read off its machine: each state's transitions in the machine's order. */
export interface TableChart {
  readonly actor: ActorId;
  readonly initial: string;
  readonly states: ReadonlyMap<string, readonly TableTransition[]>;
}

interface PlannedTransition extends TableTransition {
  /**
   * For a condition that reads only choices and assumptions (constant in a run): its index in a run's guard
   * memo, since its value can change only when a decision is made. Otherwise -1.
   */
  readonly slot: number;
  /** Index of `event` in the plan's events; -1 without an event, -2 for an id that is no event. */
  readonly eventIndex: number;
}

interface StatePlan {
  /** Some transition has no event, so its condition is read after every step. */
  readonly eventless: boolean;
  /** The events some transition waits for, by id and by event index. */
  readonly events: ReadonlySet<string>;
  readonly waits: Uint8Array;
  readonly on: readonly PlannedTransition[];
}

interface ActorPlan {
  readonly actor: ActorId;
  /** Only the states with at least one transition. */
  readonly states: ReadonlyMap<string, StatePlan>;
  /** The last lookup (stateOf): postures change seldom, and the state holds the table's own strings. */
  lastName: string | undefined;
  lastState: StatePlan | undefined;
}

function stateOf(p: ActorPlan, current: string): StatePlan | undefined {
  if (p.lastName === current) return p.lastState;
  const state = p.states.get(current);
  p.lastName = current;
  p.lastState = state;
  return state;
}

/** Reads nothing that changes between two decisions. */
function keptBetweenDecisions(f: Formula): boolean {
  return f.reads !== undefined && (f.reads & ~(READS_CHOSEN | READS_ASSUMPTION)) === 0;
}

/** Executes a derived table: the Monte Carlo implementation of `Countries`. */
export function postureTable(scenario: Scenario, charts: readonly TableChart[]): Countries {
  const { eventIndex } = planOf(scenario);
  const n = eventIndex.size;
  let slots = 0;
  const plans: ActorPlan[] = charts.map((chart) => {
    const states = new Map<string, StatePlan>();
    for (const [name, list] of chart.states) {
      if (list.length === 0) continue;
      const events = new Set<string>();
      const waits = new Uint8Array(n);
      for (const t of list) {
        if (t.event === undefined) continue;
        events.add(t.event);
        const i = eventIndex.get(t.event);
        if (i !== undefined) waits[i] = 1;
      }
      // One literal (one shape) for every transition.
      const on = list.map(
        (t): PlannedTransition => ({
          target: interned(t.target),
          event: t.event,
          when: t.when,
          slot: t.when !== undefined && keptBetweenDecisions(t.when) ? slots++ : -1,
          eventIndex: t.event === undefined ? -1 : (eventIndex.get(t.event) ?? -2),
        }),
      );
      states.set(name, { eventless: list.some((t) => t.event === undefined), events, waits, on });
    }
    return { actor: chart.actor, states, lastName: undefined, lastState: undefined };
  });
  const initial: Record<ActorId, string> = {};
  for (const c of charts) initial[c.actor] = interned(c.initial);
  return { initial, step: (t, ev) => stepTable(plans, t, ev) };
}

function stepTable(plans: readonly ActorPlan[], t: RunState, ev: EventPlan | undefined): PostureChanges | undefined {
  let changes: PostureChanges | undefined;
  let moved: number[] | undefined;
  const ctx = t.ctx.at(t.s);
  const index = ev === undefined ? -1 : ev.index;
  const eventId = ev?.id;
  for (let k = 0; k < plans.length; k++) {
    const p = plans[k] as ActorPlan;
    // On the Monte Carlo path the run state keeps the postures by `k` (this is the only recipe that moves them).
    const current = t.posture(k, p.actor);
    const st = stateOf(p, current);
    // States with no transition that could fire on this step are skipped. Events are matched by index (-1:
    // not a scenario event, by id).
    if (st === undefined) continue;
    if (!st.eventless && !(index >= 0 ? st.waits[index] === 1 : eventId !== undefined && st.events.has(eventId))) continue;
    // The first transition whose event matches and whose condition holds; conditions that read only choices
    // are kept between decisions on the Monte Carlo path.
    for (const tr of st.on) {
      if (tr.event !== undefined && !(index >= 0 ? tr.eventIndex === index : tr.event === eventId)) continue;
      if (tr.when !== undefined && !ctx.holdsKept(tr.when, tr.slot)) continue;
      if (tr.target !== current) {
        (changes ??= {})[p.actor] = [current, tr.target];
        (moved ??= []).push(k);
      }
      break;
    }
  }
  // Written after every guard has read the old postures, in the order of `changes`.
  if (moved) {
    for (const k of moved) {
      const p = plans[k] as ActorPlan;
      t.setPosture(k, p.actor, (changes as PostureChanges)[p.actor]![1]);
    }
  }
  return changes;
}
