/**
 * One step of the simulation: apply the next item on the agenda, or resolve the pending decision.
 * The recipes (`applyNext`, `applyDecision`) change a state being built through a `RunState` (run-state.ts);
 * `next` and `decide` run them on an Immer draft for the immutable history, Monte Carlo on a `FastState`.
 */
import { produce } from 'immer';
import type { ActorId, EvalContext, EventDef, PostureChart, Scenario } from './model.js';
import type { AgendaItem, Cause, SimState } from './state.js';
import { holds } from './context.js';
import { applyBalance, applyEffects, keptValue } from './effects.js';
import { decisionOdds, pickByDraw, type OptionOdds } from './odds.js';
import { DraftState, type RunState } from './run-state.js';
import { SimError } from './errors.js';
import { MAX_EVENTS_PER_RUN } from './limits.js';
import { eventPlan, postureStateOf, type EventPlan, type OptionPlan, type PosturePlan, type ReactionPlan } from './plan.js';

function scheduleConsequence(
  t: RunState,
  event: string,
  afterDays: number,
  depth: number,
  origin: AgendaItem['origin'],
): void {
  const s = t.s;
  if (depth > t.scenario.model.cascadeCap) {
    t.log({ step: s.step, date: s.date, event, kind: 'capped', origin });
    return;
  }
  if (s.seq >= MAX_EVENTS_PER_RUN) throw new SimError(`the run would create more than ${MAX_EVENTS_PER_RUN} events (the limit per run; see docs/scenario-format.md)`);
  t.schedule({ event, date: s.date + afterDays, seq: t.nextSeq(), depth, origin });
}

/**
 * Posture statecharts: for each actor, the first matching transition of its current state fires. Every guard
 * reads the postures as they were before this update (all actors move at once), which is also what the
 * XState country actors see (src/machines/country.ts).
 */
function updatePostures(t: RunState, ev: EventPlan | undefined): Record<ActorId, [string, string]> | undefined {
  let changes: Record<ActorId, [string, string]> | undefined;
  let moved: number[] | undefined;
  const ctx = t.ctx.at(t.s);
  const plans = ctx.plan.postures;
  const index = ev === undefined ? -1 : ev.index;
  const eventId = ev?.id;
  for (let k = 0; k < plans.length; k++) {
    const p = plans[k] as PosturePlan;
    const current = t.posture(k, p.actor);
    const st = postureStateOf(p, current);
    // States with no transition that could fire on this step are skipped: postureTarget would read no
    // condition there and return undefined. Events are matched by index (-1: not a scenario event, by id).
    if (st === undefined) continue;
    if (!st.eventless && !(index >= 0 ? st.waits[index] === 1 : eventId !== undefined && st.events.has(eventId))) continue;
    // postureTarget, with conditions that read only choices kept between decisions where the state can.
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
      const p = plans[k] as PosturePlan;
      t.setPosture(k, p.actor, (changes as Record<ActorId, [string, string]>)[p.actor]![1]);
    }
  }
  return changes;
}

/** The target of the first transition of `current` that matches `eventId` and whose condition holds. */
export function postureTarget(
  chart: PostureChart,
  current: string,
  eventId: string | undefined,
  ctx: EvalContext,
): string | undefined {
  for (const t of chart.states[current]?.on ?? []) {
    if (t.event !== undefined && t.event !== eventId) continue;
    if (!holds(t.when, ctx)) continue;
    return t.target;
  }
  return undefined;
}

/** Schedules the reactions (a plan's list for this event or option) whose condition holds. */
function fireReactions(t: RunState, reactions: readonly ReactionPlan[], depth: number): void {
  for (const r of reactions) {
    if (!holds(r.when, t.ctx.at(t.s))) continue;
    scheduleConsequence(t, r.event, r.afterDays, depth + 1, r.origin);
  }
}

function causeOf(item: AgendaItem, ev: EventPlan): Cause {
  return item.origin.kind === 'reaction'
    ? { kind: 'reaction', event: ev.id, reaction: item.origin.by }
    : ev.cause;
}

export function isFinished(s: SimState): boolean {
  return s.pending === null && s.agenda.length === 0;
}

/** Applies the next agenda item. Throws SimError when a decision is pending or nothing is left. */
export function applyNext(t: RunState): void {
  const s = t.s;
  if (s.pending) throw new SimError(`decision '${s.pending.decision}' is waiting for a choice`);
  const item = t.takeNext();
  if (!item) throw new SimError('the scenario has ended');
  const plan = t.planOf(item);
  const ev = plan;
  t.advanceTo(item.date);
  // Log entries are written out in full, not spread from a shared base: this is the Monte Carlo hot path.
  const step = s.step;
  const date = s.date;
  const origin = item.origin;
  const ctx = t.ctx.at(s, ev.goldstein);
  if (!holds(ev.when, ctx)) {
    t.log({ step, date, event: ev.id, origin, kind: 'skipped' });
    t.endStep();
    return;
  }
  t.markHappened(ev.id);
  const cause = causeOf(item, plan);
  applyEffects(t, plan.effects, cause, ev.goldstein, cause === plan.cause ? plan.key : plan.reactionKey);
  if (plan.balance) applyBalance(t, plan.balance, ev.target as string, ev.goldstein, cause);
  if (ev.goldstein < 0) {
    const v = keptValue(t, t.scenario.model.tensionScale, plan.tensionKeep, t.ctx.at(s, ev.goldstein)) * -ev.goldstein;
    if (v !== 0) t.addTension({ value: v, created: s.date, cause });
  }
  if (ev.decision) t.setPending({ event: ev.id, decision: ev.decisionId as string, depth: item.depth, origin: item.origin });
  const postures = updatePostures(t, plan);
  t.log(
    postures
      ? { step, date, event: ev.id, origin, kind: 'event', postures }
      : { step, date, event: ev.id, origin, kind: 'event' },
  );
  fireReactions(t, plan.reactions, item.depth);
  t.endStep();
}

/**
 * Resolves the pending decision: `option` when the user chose, otherwise the engine draws. Either way exactly
 * one draw is consumed, so one changed choice never shifts the draws of later decisions.
 */
export function applyDecision(t: RunState, option: string | undefined): void {
  const s = t.s;
  const scenario = t.scenario;
  const pending = s.pending;
  if (!pending) throw new SimError('no decision is waiting for a choice');
  const all = t.ctx.plan;
  const ev = all.events.get(pending.event) ?? eventPlan(scenario, scenario.events[pending.event] as EventDef, all);
  const decision = ev.decision!;
  const odds = decisionOdds(scenario, s, decision, t.ctx);
  const u = t.draw();
  if (option !== undefined) {
    const o = odds.find((x) => x.id === option);
    if (!o) {
      throw new SimError(
        `decision '${decision.id}' has no option '${option}' (options: ${decision.options.map((x) => x.id).join(', ')})`,
      );
    }
    if (!o.available) throw new SimError(`option '${option}' of decision '${decision.id}' is not available now`);
  }
  const picked = option ?? pickByDraw(odds, u);
  const plan = ev.options.get(picked) as OptionPlan;
  const chosen = plan ? plan.id : picked; // the same id, interned
  const by = option === undefined ? 'engine' : 'user';
  // Object.fromEntries(odds.map((o) => [o.id, o.p])), keyed by the interned ids (odds are in option order);
  // ids are snake_case, so no key is special.
  const p: Record<string, number> = {};
  for (let i = 0; i < odds.length; i++) p[ev.optionKeys[i] as string] = (odds[i] as OptionOdds).p;
  t.choose(ev.decisionId as string, { option: chosen, by, u, odds: p });
  t.setPending(null);
  applyEffects(t, plan.effects, plan.cause, ev.goldstein, plan.key);
  const depth = pending.depth;
  for (const f of plan.then) scheduleConsequence(t, f.event, f.afterDays, depth + 1, plan.origin);
  const postures = updatePostures(t, undefined);
  const step = s.step;
  const date = s.date;
  const origin = pending.origin;
  t.log(
    postures
      ? { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by, postures }
      : { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by },
  );
  fireReactions(t, plan.reactions, depth);
  t.endStep();
}

/** Immutable wrappers for the history (UI, session machine). */
export function next(scenario: Scenario, state: SimState): SimState {
  return produce(state, (d) => applyNext(new DraftState(scenario, d)));
}

export function decide(scenario: Scenario, state: SimState, option: string | undefined): SimState {
  return produce(state, (d) => applyDecision(new DraftState(scenario, d), option));
}
