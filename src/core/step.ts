/**
 * One step of the simulation: apply the next item on the agenda, or resolve the pending decision.
 * The recipes (`applyNext`, `applyDecision`) change a state being built through a `RunState` (run-state.ts);
 * `next` and `decide` run them on an Immer draft for the immutable history, Monte Carlo on a `FastState`.
 * The countries' postures move through the `Countries` each recipe is handed (postures.ts): XState's execution
 * of the country machines, or the table derived from them; src/machines/engine.ts picks which.
 */
import { produce } from 'immer';
import type { Day, EventDef, Scenario } from './model.js';
import type { AgendaItem, Cause, SimState } from './state.js';
import { holds } from './context.js';
import { applyBalance, applyEffects, keptValue } from './effects.js';
import { decisionOdds, pickByDraw, type OptionOdds } from './odds.js';
import { DraftState, type RunState } from './run-state.js';
import { HistoryState, historyAgendaHead } from './history-state.js';
import { SimError } from './errors.js';
import { observeDated } from './dated.js';
import { MAX_EVENTS_PER_RUN } from './limits.js';
import { eventPlan, type EventPlan, type OptionPlan, type ReactionPlan } from './plan.js';
import type { Countries } from './postures.js';

function scheduleConsequence(
  t: RunState,
  event: string,
  afterDays: number,
  depth: number,
  origin: AgendaItem['origin'],
  onDay?: Day,
): void {
  const s = t.s;
  if (depth > t.scenario.model.cascadeCap) {
    t.log({ step: s.step, date: s.date, event, kind: 'capped', origin });
    return;
  }
  if (s.seq >= MAX_EVENTS_PER_RUN) throw new SimError(`the run would create more than ${MAX_EVENTS_PER_RUN} events (the limit per run; see docs/scenario-format.md)`);
  // A fixed-date follow-up (`at:`) falls on its day, or at once when the run is already past it.
  const date = onDay === undefined ? s.date + afterDays : Math.max(s.date, onDay);
  t.schedule({ event, date, seq: t.nextSeq(), depth, origin });
}

/** Schedules the reactions (a plan's list for this event or option) whose condition holds. */
function fireReactions(t: RunState, reactions: readonly ReactionPlan[], depth: number): void {
  for (const r of reactions) {
    if (!holds(r.when, t.ctx.at(t.s))) continue;
    scheduleConsequence(t, r.event, r.afterDays, depth + 1, r.origin, r.onDay);
  }
}

function causeOf(item: AgendaItem, ev: EventPlan): Cause {
  return item.origin.kind === 'reaction'
    ? { kind: 'reaction', event: ev.id, reaction: item.origin.by }
    : ev.cause;
}

export function isFinished(s: SimState): boolean {
  return s.pending === null && historyAgendaHead(s) === undefined;
}

/** Applies the next agenda item. Throws SimError when a decision is pending or nothing is left. */
export function applyNext(t: RunState, countries: Countries): void {
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
  if (plan.balance) applyBalance(t, plan.balance, ev.goldstein, cause);
  if (ev.goldstein < 0) {
    const v = keptValue(t, t.scenario.model.tensionScale, plan.tensionKeep, t.ctx.at(s, ev.goldstein)) * -ev.goldstein;
    if (v !== 0) t.addTension({ value: v, created: s.date, cause });
  }
  if (ev.decision) t.setPending({ event: ev.id, decision: ev.decisionId as string, depth: item.depth, origin: item.origin });
  const postures = countries.step(t, plan);
  t.log(
    postures
      ? { step, date, event: ev.id, origin, kind: 'event', postures }
      : { step, date, event: ev.id, origin, kind: 'event' },
  );
  fireReactions(t, plan.reactions, item.depth);
  observeDated(t);
  t.endStep();
}

/**
 * Resolves the pending decision: `option` when the user chose, otherwise the engine draws. Either way exactly
 * one draw is consumed, so one changed choice never shifts the draws of later decisions.
 */
export function applyDecision(t: RunState, option: string | undefined, countries: Countries): void {
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
  for (const f of plan.then) scheduleConsequence(t, f.event, f.afterDays, depth + 1, plan.origin, f.onDay);
  const postures = countries.step(t, undefined);
  const step = s.step;
  const date = s.date;
  const origin = pending.origin;
  t.log(
    postures
      ? { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by, postures }
      : { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by },
  );
  fireReactions(t, plan.reactions, depth);
  observeDated(t);
  t.endStep();
}

/**
 * Immutable wrappers for the history (UI, session machine, `runHistory`): each step shares the storage of the
 * state it steps from (history-state.ts), so a run's history is linear in its length, time and memory.
 */
export function next(scenario: Scenario, state: SimState, countries: Countries): SimState {
  const t = new HistoryState(scenario, state);
  applyNext(t, countries);
  return t.finish();
}

export function decide(scenario: Scenario, state: SimState, option: string | undefined, countries: Countries): SimState {
  const t = new HistoryState(scenario, state);
  applyDecision(t, option, countries);
  return t.finish();
}

/**
 * The same steps through Immer's `produce` on a draft (run-state.ts `DraftState`): the plain reference the
 * history's shared storage is tested against, state by state (test/core-history-state.test.ts).
 */
export function nextImmer(scenario: Scenario, state: SimState, countries: Countries): SimState {
  return produce(state, (d) => applyNext(new DraftState(scenario, d), countries));
}

export function decideImmer(scenario: Scenario, state: SimState, option: string | undefined, countries: Countries): SimState {
  return produce(state, (d) => applyDecision(new DraftState(scenario, d), option, countries));
}
