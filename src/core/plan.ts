/**
 * What the hot path can work out once per scenario instead of once per step: facts about the compiled
 * scenario only, never about a state. Kept in a WeakMap, so a scenario that goes away takes its plan. The
 * objects shared here (causes, keys, notes) are immutable data that states may share.
 */
import type { Scenario } from './model.js';
import type { AgendaItem } from './state.js';
import { interned } from './keys.js';
import { eventPlan, reactionPlan, type EventPlan, type KeepSlots } from './plan-events.js';

// The plans of events, options and effects live in plan-events.ts. The countries' postures are no part of the
// plan: the step recipes hand them to the `Countries` they are given (postures.ts).
export * from './plan-events.js';

export interface Plan {
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

function buildPlan(scenario: Scenario): Plan {
  const ids = Object.keys(scenario.events);
  const eventIndex = new Map(ids.map((id, i) => [id, i]));
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
  return { keepSlots: keep.n, assumptionIds, events, eventIndex, eventKey, timeline, timelinePlans };
}
