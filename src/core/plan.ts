/**
 * What the hot path can work out once per scenario instead of once per step: facts about the compiled
 * scenario only, never about a state. Kept in a WeakMap, so a scenario that goes away takes its plan. The
 * objects shared here (causes, keys, notes) are immutable data that states may share.
 */
import type { ActorId, Formula, PostureTransition, Scenario } from './model.js';
import type { AgendaItem } from './state.js';
import { interned } from './keys.js';
import { READS_ASSUMPTION, READS_CHOSEN } from './formula-deps.js';
import { eventPlan, reactionPlan, type EventPlan, type KeepSlots } from './plan-events.js';

// The plans of events, options and effects live in plan-events.ts.
export * from './plan-events.js';

export interface PlannedTransition extends PostureTransition {
  /**
   * For a condition that reads only choices and assumptions (constant in a run): its index in a run's guard
   * memo, since its value can change only when a decision is made. Otherwise -1.
   */
  readonly slot: number;
  /** Index of `event` in the plan's events; -1 without an event, -2 for an id that is no event. */
  readonly eventIndex: number;
}

export interface PostureStatePlan {
  /** Some transition has no event, so its condition is read after every step. */
  readonly eventless: boolean;
  /** The events some transition waits for, by id and by event index. */
  readonly events: ReadonlySet<string>;
  readonly waits: Uint8Array;
  readonly on: readonly PlannedTransition[];
}

export interface PosturePlan {
  readonly actor: ActorId;
  /** Only the states with at least one transition. */
  readonly states: ReadonlyMap<string, PostureStatePlan>;
  /** The last lookup (postureStateOf). */
  lastName: string | undefined;
  lastState: PostureStatePlan | undefined;
}

/**
 * The plan of an actor's current posture. Postures change seldom, so the last answer is kept per actor: the
 * state holds the very strings of the scenario, and comparing the same string is one pointer compare.
 */
export function postureStateOf(p: PosturePlan, current: string): PostureStatePlan | undefined {
  if (p.lastName === current) return p.lastState;
  const state = p.states.get(current);
  p.lastName = current;
  p.lastState = state;
  return state;
}

export interface Plan {
  /** In the order of `scenario.postures` (for…in order). */
  readonly postures: readonly PosturePlan[];
  /** Number of guard memo slots. */
  readonly guardSlots: number;
  /** Number of kept-value slots (effect values, balance strengths, tensions that read only assumptions). */
  readonly keepSlots: number;
  /** The scenario's assumption ids (interned): what kept values may depend on. */
  readonly assumptionIds: readonly string[];
  readonly events: ReadonlyMap<string, EventPlan>;
  /** Event id → index, in `Object.keys(scenario.events)` order. */
  readonly eventIndex: ReadonlyMap<string, number>;
  /**
   * Event id → the same id as the key string of `events` (agenda items carry these, so that looking the next
   * item up compares a string with itself).
   */
  readonly eventKey: ReadonlyMap<string, string>;
  /**
   * The agenda items of the timeline, in order, which every initial state starts with (shared: items are never
   * changed), and the plan of each. Runs take them off the agenda in this order, whatever comes between.
   */
  readonly timeline: readonly AgendaItem[];
  readonly timelinePlans: readonly EventPlan[];
}

const plans = new WeakMap<Scenario, Plan>();

export function planOf(scenario: Scenario): Plan {
  let p = plans.get(scenario);
  if (p === undefined) plans.set(scenario, (p = buildPlan(scenario)));
  return p;
}

/** Reads nothing that changes between two decisions. */
function keptBetweenDecisions(f: Formula): boolean {
  return f.reads !== undefined && (f.reads & ~(READS_CHOSEN | READS_ASSUMPTION)) === 0;
}

function buildPlan(scenario: Scenario): Plan {
  const ids = Object.keys(scenario.events);
  const eventIndex = new Map(ids.map((id, i) => [id, i]));
  const postures: PosturePlan[] = [];
  let guardSlots = 0;
  for (const actor in scenario.postures) {
    const chart = scenario.postures[actor]!;
    const states = new Map<string, PostureStatePlan>();
    for (const [name, st] of Object.entries(chart.states)) {
      if (st.on.length === 0) continue;
      const events = new Set<string>();
      const waits = new Uint8Array(ids.length);
      for (const t of st.on) {
        if (t.event === undefined) continue;
        events.add(t.event);
        const i = eventIndex.get(t.event);
        if (i !== undefined) waits[i] = 1;
      }
      // One literal (one shape) for every transition; compiled transitions come in several.
      const on = st.on.map(
        (t): PlannedTransition => ({
          target: interned(t.target),
          event: t.event,
          when: t.when,
          slot: t.when !== undefined && keptBetweenDecisions(t.when) ? guardSlots++ : -1,
          eventIndex: t.event === undefined ? -1 : (eventIndex.get(t.event) ?? -2),
        }),
      );
      states.set(name, { eventless: st.on.some((t) => t.event === undefined), events, waits, on });
    }
    postures.push({ actor, states, lastName: undefined, lastState: undefined });
  }
  const eventKey = new Map(ids.map((id) => [id, id]));
  const reactions = new Map(scenario.reactions.map((r) => [r, reactionPlan(r, eventKey)]));
  const events = new Map<string, EventPlan>();
  const keep: KeepSlots = { n: 0 };
  for (const id of ids) events.set(id, eventPlan(scenario, scenario.events[id]!, { eventIndex, eventKey, reactions, keep }));
  const assumptionIds = scenario.assumptions.map((a) => interned(a.id));
  const timeline: AgendaItem[] = scenario.timeline.map((id, i) => ({
    event: eventKey.get(id) ?? id,
    date: scenario.events[id]!.date!,
    seq: 1_000_000 + i,
    depth: 0,
    origin: { kind: 'timeline', by: id },
  }));
  const timelinePlans = timeline.map((item) => events.get(item.event) as EventPlan);
  return { postures, guardSlots, keepSlots: keep.n, assumptionIds, events, eventIndex, eventKey, timeline, timelinePlans };
}
