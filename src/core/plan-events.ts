/**
 * The plans of events, options and effects (part of a scenario's plan, plan.ts): the fields the recipes read, on
 * one shape per kind, with interned ids, causes and keys made once, and the slots of values a run may keep.
 */
import type { ActorId, Day, Decision, Effect, EventDef, Formula, Option, Reaction, Scenario, Tie } from './model.js';
import type { AgendaItem, Cause } from './state.js';
import { interned, pairSlot, type PairSlot } from './keys.js';
import { READS_ASSUMPTION, READS_GOLDSTEIN } from './formula-deps.js';

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
        return effectPlan(e.kind, undefined, e.value, e.fade ?? 0, null, undefined, null, interned(e.id), e.op === 'set', undefined, keepSlot(slots, e.value));
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
  /** A group event (actor: [A, B], target: [C, D]): id → each further target, averaged with `view`. */
  readonly moreViews: readonly PairSlot[];
  /** A group event: id → each further actor, shifted by the same amount as `onto`. */
  readonly moreOnto: readonly PairSlot[];
  /** `ID regards TARGET at N` by N + 100, made on first use. */
  readonly notes: (string | undefined)[];
}

export interface BalancePlan {
  readonly key: string;
  /** Kept-value slot of the event's balance strength (model.balanceStrength × goldsteinScale × g), or -1. */
  readonly keep: number;
  /** The balance cause of the event applied from the timeline, a follow-up or an inject. */
  readonly cause: Cause;
  /** The target as notes name it: its id, or a group's ids joined by '+'. */
  readonly target: string;
  readonly thirds: readonly Third[];
}

/** What a reaction schedules: its event (the scenario's own key string) and the origin its items carry. */
export interface ReactionPlan {
  readonly when: Formula | undefined;
  readonly event: string;
  readonly afterDays: number;
  /** A fixed day (`at:`), or undefined for `afterDays` after now. */
  readonly onDay: Day | undefined;
  readonly origin: AgendaItem['origin'];
}

export interface FollowUpPlan {
  readonly event: string;
  readonly afterDays: number;
  readonly onDay: Day | undefined;
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

export function reactionPlan(r: Reaction, eventKey: ReadonlyMap<string, string>): ReactionPlan {
  return { when: r.when, event: eventKey.get(r.emit) ?? r.emit, afterDays: r.afterDays, onDay: r.onDay, origin: { kind: 'reaction', by: r.id } };
}

/** What the plans of a scenario's events share (a whole plan, plan.ts, has the first two). */
export interface Shared {
  readonly eventIndex: ReadonlyMap<string, number>;
  readonly eventKey: ReadonlyMap<string, string>;
  /** While a plan is built: the plans of the reactions, and the kept-value slots handed out so far. */
  readonly reactions?: ReadonlyMap<Reaction, ReactionPlan>;
  readonly keep?: KeepSlots;
}

/** The plan of one event; also for an event that is not in `scenario.events` (never happens once loaded). */
export function eventPlan(scenario: Scenario, ev: EventDef, shared: Shared): EventPlan {
  const id = interned(ev.id);
  const { eventIndex, eventKey } = shared;
  const slots = shared.keep;
  const m = scenario.model;
  const reactions = (pick: (r: Reaction) => boolean): ReactionPlan[] =>
    scenario.reactions.filter(pick).map((r) => shared.reactions?.get(r) ?? reactionPlan(r, eventKey));
  let balance: BalancePlan | undefined;
  // A group (actor: [A, B] or target: [C, D]) acts as one: every other actor C reads the act through its mean
  // view of the targets and shifts its view of each actor by the same amount (effects.ts applyBalance).
  const actors = ev.actors ?? (ev.actor === undefined ? [] : [ev.actor]);
  const targets = (ev.targets ?? (ev.target === undefined ? [] : [ev.target])).filter((t) => scenario.actors.some((a) => a.id === t));
  const [actor, ...otherActors] = actors;
  const [target, ...otherTargets] = targets;
  if (actor !== undefined && target !== undefined && ev.goldstein !== 0) {
    balance = {
      key: `balance:${id}`,
      keep: keepSlot(slots, m.balanceStrength, m.goldsteinScale),
      cause: { kind: 'balance', event: id },
      target: targets.join('+'),
      thirds: scenario.actors
        .filter((c) => !actors.includes(c.id) && !targets.includes(c.id))
        .map((c) => ({
          id: c.id,
          view: pairSlot(c.id, target),
          onto: pairSlot(c.id, actor),
          moreViews: otherTargets.map((t) => pairSlot(c.id, t)),
          moreOnto: otherActors.map((a) => pairSlot(c.id, a)),
          notes: [],
        })),
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
      then: o.then.map((f) => ({ event: eventKey.get(f.event) ?? f.event, afterDays: f.afterDays, onDay: f.onDay })),
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
