/**
 * What the hot path can work out once per scenario instead of once per step: facts about the compiled
 * scenario only, never about a state. Kept in a WeakMap, so a scenario that goes away takes its plan. The
 * objects shared here (causes, keys, notes) are immutable data that states may share.
 */
import type { ActorId, Decision, Effect, EventDef, Formula, Option, PostureTransition, Reaction, Scenario, Tie } from './model.js';
import type { AgendaItem, Cause, PairSlot } from './state.js';
import { interned, pairSlot } from './state.js';
import { READS_ASSUMPTION, READS_CHOSEN, READS_GOLDSTEIN } from './formula-deps.js';

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

/** An effect with every field any kind has, so the recipe reads one shape (plan objects are the same kind). */
export interface EffectPlan {
  readonly kind: Effect['kind'];
  /** opinion: from → to. */
  readonly slot: PairSlot | undefined;
  /** opinion (undefined: goldstein × model.goldsteinScale), tension, indicator. */
  readonly value: Formula | undefined;
  readonly fade: number;
  readonly cap: number | null;
  readonly key: string | undefined;
  readonly note: string | null;
  /** indicator: its id; tie-end: the tie's id. */
  readonly id: string;
  /** indicator: `op` is `set`. */
  readonly set: boolean;
  /** tie-add. */
  readonly tie: Tie | undefined;
  /**
   * opinion, tension, indicator: when the value reads only assumptions (and the event's Goldstein weight, fixed
   * here), its slot in a fast state's kept values (fast-state.ts); otherwise -1.
   */
  readonly keep: number;
}

/** One object literal for every kind: a single shape for the recipe's loads. */
function effectPlan(
  kind: Effect['kind'],
  slot: PairSlot | undefined,
  value: Formula | undefined,
  fade: number,
  cap: number | null,
  key: string | undefined,
  note: string | null,
  id: string,
  set: boolean,
  tie: Tie | undefined,
  keep: number,
): EffectPlan {
  return { kind, slot, value, fade, cap, key, note, id, set, tie, keep };
}

/** Hands out the slots of kept values (one counter per plan). */
export interface KeepSlots {
  n: number;
}

/** Reads nothing but assumptions and the Goldstein weight of the event at hand. */
function keptForRun(f: Formula): boolean {
  return f.reads !== undefined && (f.reads & ~(READS_ASSUMPTION | READS_GOLDSTEIN)) === 0;
}

/** A kept-value slot for a value made of these formulas, or -1 (no slots to hand out, or one reads more). */
function keepSlot(slots: KeepSlots | undefined, ...formulas: (Formula | undefined)[]): number {
  if (slots === undefined) return -1;
  for (const f of formulas) if (f !== undefined && f.constant === undefined && !keptForRun(f)) return -1;
  return slots.n++;
}

/**
 * A tie as the state holds it: the same data with its actor ids interned, since every score compares them
 * with a pair's (interned) ids, and two copies of the same id compare character by character.
 */
export function stateTie(t: Tie): Tie {
  return { ...t, id: interned(t.id), between: [interned(t.between[0]), interned(t.between[1])] };
}

export function effectPlans(scenario: Scenario, effects: readonly Effect[], slots?: KeepSlots): EffectPlan[] {
  return effects.map((e): EffectPlan => {
    switch (e.kind) {
      case 'opinion': {
        // No value: goldstein × model.goldsteinScale (applyEffects).
        const keep = keepSlot(slots, e.value ?? scenario.model.goldsteinScale);
        return effectPlan(e.kind, pairSlot(e.from, e.to), e.value, e.fade, e.cap ?? null, e.key, e.note ?? null, '', false, undefined, keep);
      }
      case 'tension':
        return effectPlan(e.kind, undefined, e.value, 0, null, undefined, null, '', false, undefined, keepSlot(slots, e.value));
      case 'indicator':
        return effectPlan(e.kind, undefined, e.value, 0, null, undefined, null, interned(e.id), e.op === 'set', undefined, keepSlot(slots, e.value));
      case 'tie-add':
        return effectPlan(e.kind, undefined, undefined, 0, null, undefined, null, '', false, stateTie(e.tie), -1);
      case 'tie-end':
        return effectPlan(e.kind, undefined, undefined, 0, null, undefined, null, interned(e.id), false, undefined, -1);
    }
  });
}

/** A simulated actor other than an event's actor and target: it sees the act through its view of the target. */
export interface Third {
  readonly id: ActorId;
  /** id → target: the view that scales the shift. */
  readonly view: PairSlot;
  /** id → actor: the relation that shifts. */
  readonly onto: PairSlot;
  /** `ID regards TARGET at N` by N + 100, made on first use. */
  readonly notes: (string | undefined)[];
}

export interface BalancePlan {
  readonly key: string;
  /** Kept-value slot of the event's balance strength (model.balanceStrength × goldsteinScale × g), or -1. */
  readonly keep: number;
  /** The balance cause of the event applied from the timeline, a follow-up or an inject. */
  readonly cause: Cause;
  readonly thirds: readonly Third[];
}

/** What a reaction schedules: its event (the scenario's own key string) and the origin its items carry. */
export interface ReactionPlan {
  readonly when: Formula | undefined;
  readonly event: string;
  readonly afterDays: number;
  readonly origin: AgendaItem['origin'];
}

export interface FollowUpPlan {
  readonly event: string;
  readonly afterDays: number;
}

export interface OptionPlan {
  /** The option's id, interned (state.ts). */
  readonly id: string;
  readonly option: Option;
  readonly effects: readonly EffectPlan[];
  readonly cause: Cause;
  /** `option:ID`, the key of its opinion effects that have none. */
  readonly key: string;
  readonly then: readonly FollowUpPlan[];
  /** The origin of its follow-ups (`decision.option`). */
  readonly origin: AgendaItem['origin'];
  /** The reactions that wait for this option, in file order. */
  readonly reactions: readonly ReactionPlan[];
}

export interface EventPlan {
  readonly ev: EventDef;
  /** The event's fields the recipes read, here on one shape (events come in several); ids interned. */
  readonly id: string;
  readonly goldstein: number;
  readonly when: Formula | undefined;
  readonly target: ActorId | undefined;
  readonly decision: Decision | undefined;
  /** The decision's id and its options' ids (in option order), interned: keys of `choices` and of the odds. */
  readonly decisionId: string | undefined;
  readonly optionKeys: readonly string[];
  /** Its index in the plan's events (-1 for an event outside the scenario, which never happens once loaded). */
  readonly index: number;
  readonly effects: readonly EffectPlan[];
  /** The cause of the event applied from the timeline, a follow-up or an inject (causeOf in step.ts). */
  readonly cause: Cause;
  /** Set when the event moves third parties' views (actor and target set, goldstein ≠ 0, target simulated). */
  readonly balance: BalancePlan | undefined;
  /** `event:ID` and `reaction:ID`: the key of its opinion effects that have none, by cause. */
  readonly key: string;
  readonly reactionKey: string;
  /** The reactions its id or one of its tags triggers, in file order. */
  readonly reactions: readonly ReactionPlan[];
  /** Kept-value slot of its tension (model.tensionScale × -g, for g < 0), or -1. */
  readonly tensionKeep: number;
  /** The options of its decision, by id. */
  readonly options: ReadonlyMap<string, OptionPlan>;
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

function reactionPlan(r: Reaction, eventKey: ReadonlyMap<string, string>): ReactionPlan {
  return { when: r.when, event: eventKey.get(r.emit) ?? r.emit, afterDays: r.afterDays, origin: { kind: 'reaction', by: r.id } };
}

interface Shared {
  readonly eventIndex: ReadonlyMap<string, number>;
  readonly eventKey: ReadonlyMap<string, string>;
  readonly reactions: ReadonlyMap<Reaction, ReactionPlan>;
  readonly keep: KeepSlots;
}

/** The plan of one event; also for an event that is not in `scenario.events` (never happens once loaded). */
export function eventPlan(scenario: Scenario, ev: EventDef, shared: Shared | Plan): EventPlan {
  const id = interned(ev.id);
  const { eventIndex, eventKey } = shared;
  const slots = 'keep' in shared ? shared.keep : undefined;
  const m = scenario.model;
  const reactions = (pick: (r: Reaction) => boolean): ReactionPlan[] =>
    scenario.reactions.filter(pick).map((r) => ('reactions' in shared ? shared.reactions.get(r) : undefined) ?? reactionPlan(r, eventKey));
  let balance: BalancePlan | undefined;
  const { actor, target } = ev;
  if (actor !== undefined && target !== undefined && ev.goldstein !== 0 && scenario.actors.some((a) => a.id === target)) {
    balance = {
      key: `balance:${id}`,
      keep: keepSlot(slots, m.balanceStrength, m.goldsteinScale),
      cause: { kind: 'balance', event: id },
      thirds: scenario.actors
        .filter((c) => c.id !== actor && c.id !== target)
        .map((c) => ({ id: c.id, view: pairSlot(c.id, target), onto: pairSlot(c.id, actor), notes: [] })),
    };
  }
  const options = new Map<string, OptionPlan>();
  const d = ev.decision;
  for (const o of d?.options ?? []) {
    if (options.has(o.id)) continue; // the first of equal ids, as options.find does
    options.set(o.id, {
      id: interned(o.id),
      option: o,
      effects: effectPlans(scenario, o.effects, slots),
      cause: { kind: 'option', event: id, option: o.id },
      key: `option:${o.id}`,
      then: o.then.map((f) => ({ event: eventKey.get(f.event) ?? f.event, afterDays: f.afterDays })),
      origin: { kind: 'followup', by: `${d!.id}.${o.id}` },
      reactions: reactions((r) => r.on.option?.decision === d!.id && r.on.option.option === o.id),
    });
  }
  return {
    ev,
    id,
    goldstein: ev.goldstein,
    when: ev.when,
    target: ev.target,
    decision: ev.decision,
    decisionId: d === undefined ? undefined : interned(d.id),
    optionKeys: (d?.options ?? []).map((o) => interned(o.id)),
    index: eventIndex.get(id) ?? -1,
    effects: effectPlans(scenario, ev.effects, slots),
    cause: { kind: 'event', event: id },
    balance,
    key: `event:${id}`,
    reactionKey: `reaction:${id}`,
    reactions: reactions((r) => r.on.event === id || (r.on.tag !== undefined && ev.tags.includes(r.on.tag))),
    tensionKeep: ev.goldstein < 0 ? keepSlot(slots, m.tensionScale) : -1,
    options,
  };
}
