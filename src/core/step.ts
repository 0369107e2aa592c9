/**
 * One step of the simulation: apply the next item on the agenda, or resolve the pending decision.
 * The recipes (`applyNext`, `applyDecision`) mutate a state being built; `next` and `decide` wrap them in
 * Immer's `produce` for the immutable history. Monte Carlo runs the same recipes on a plain object.
 * The countries' postures move through the `Countries` each recipe is handed (postures.ts): XState's execution
 * of the country machines, or the table derived from them; src/machines/engine.ts picks which.
 */
import { produce } from 'immer';
import type { Day, EventDef, Scenario } from './model.js';
import type { AgendaItem, Cause, SimState } from './state.js';
import { StateContext, holds } from './context.js';
import { applyBalance, applyEffects, keptValue, type MutableState } from './effects.js';
import { decisionOdds, pickByDraw, type OptionOdds } from './odds.js';
import { drawUniform } from './rng.js';
import { SimError } from './errors.js';
import { observeDated } from './dated.js';
import { MAX_EVENTS_PER_RUN } from './limits.js';
import { eventPlan, type EventPlan, type OptionPlan, type ReactionPlan } from './plan.js';
import type { Countries } from './postures.js';

/** Inserts keeping (date, seq) order. */
export function schedule(s: MutableState, item: AgendaItem): void {
  const a = s.agenda;
  let i = a.length;
  while (i > 0) {
    const prev = a[i - 1] as AgendaItem;
    if (prev.date < item.date || (prev.date === item.date && prev.seq < item.seq)) break;
    i--;
  }
  a.splice(i, 0, item);
}

function scheduleConsequence(
  s: MutableState,
  scenario: Scenario,
  event: string,
  afterDays: number,
  depth: number,
  origin: AgendaItem['origin'],
  onDay?: Day,
): void {
  if (depth > scenario.model.cascadeCap) {
    s.log.push({ step: s.step, date: s.date, event, kind: 'capped', origin });
    return;
  }
  if (s.seq >= MAX_EVENTS_PER_RUN) throw new SimError(`the run would create more than ${MAX_EVENTS_PER_RUN} events (the limit per run; see docs/scenario-format.md)`);
  // A fixed-date follow-up (`at:`) falls on its day, or at once when the run is already past it.
  const date = onDay === undefined ? s.date + afterDays : Math.max(s.date, onDay);
  schedule(s, { event, date, seq: s.seq++, depth, origin });
}

/** Schedules the reactions (a plan's list for this event or option) whose condition holds. */
function fireReactions(
  s: MutableState,
  scenario: Scenario,
  ctx: StateContext,
  reactions: readonly ReactionPlan[],
  depth: number,
): void {
  for (const r of reactions) {
    if (!holds(r.when, ctx.at(s as SimState))) continue;
    scheduleConsequence(s, scenario, r.event, r.afterDays, depth + 1, r.origin, r.onDay);
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
export function applyNext(
  s: MutableState,
  scenario: Scenario,
  countries: Countries,
  ctx = new StateContext(scenario, s as SimState),
): void {
  if (s.pending) throw new SimError(`decision '${s.pending.decision}' is waiting for a choice`);
  const item = s.agenda.shift() as AgendaItem | undefined;
  if (!item) throw new SimError('the scenario has ended');
  const all = ctx.plan;
  const plan =
    ctx.fast?.timelinePlan(item) ??
    all.events.get(item.event) ??
    eventPlan(scenario, scenario.events[item.event] as EventDef, all);
  const ev = plan;
  if (item.date > s.date) s.date = item.date;
  // Log entries are written out in full, not spread from a shared base: this is the Monte Carlo hot path.
  const step = s.step;
  const date = s.date;
  const origin = item.origin;
  ctx.at(s as SimState, ev.goldstein);
  if (!holds(ev.when, ctx)) {
    s.log.push({ step, date, event: ev.id, origin, kind: 'skipped' });
    s.step++;
    return;
  }
  s.happened[ev.id] = s.date;
  const cause = causeOf(item, plan);
  applyEffects(s, scenario, ctx, plan.effects, cause, ev.goldstein, cause === plan.cause ? plan.key : plan.reactionKey);
  if (plan.balance) applyBalance(s, scenario, ctx, plan.balance, ev.target as string, ev.goldstein, cause);
  if (ev.goldstein < 0) {
    const t = keptValue(scenario.model.tensionScale, plan.tensionKeep, ctx.at(s as SimState, ev.goldstein)) * -ev.goldstein;
    if (t !== 0) s.tension.push({ value: t, created: s.date, cause });
  }
  if (ev.decision) s.pending = { event: ev.id, decision: ev.decisionId as string, depth: item.depth, origin: item.origin };
  const postures = countries.step(s, ctx.at(s as SimState), plan);
  s.log.push(
    postures
      ? { step, date, event: ev.id, origin, kind: 'event', postures }
      : { step, date, event: ev.id, origin, kind: 'event' },
  );
  fireReactions(s, scenario, ctx, plan.reactions, item.depth);
  observeDated(s, scenario, ctx);
  s.step++;
}

/**
 * Resolves the pending decision: `option` when the user chose, otherwise the engine draws. Either way exactly
 * one draw is consumed, so one changed choice never shifts the draws of later decisions.
 */
export function applyDecision(
  s: MutableState,
  scenario: Scenario,
  option: string | undefined,
  countries: Countries,
  ctx = new StateContext(scenario, s as SimState),
): void {
  const pending = s.pending;
  if (!pending) throw new SimError('no decision is waiting for a choice');
  const all = ctx.plan;
  const ev = all.events.get(pending.event) ?? eventPlan(scenario, scenario.events[pending.event] as EventDef, all);
  const decision = ev.decision!;
  const odds = decisionOdds(scenario, s as SimState, decision, ctx);
  const { u, next } = ctx.fast ? ctx.fast.draw(s as SimState) : drawUniform(s.rng.decisions);
  s.rng.decisions = next;
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
  s.choices[ev.decisionId as string] = { option: chosen, by, u, odds: p };
  ctx.fast?.choicesChanged();
  s.pending = null;
  applyEffects(s, scenario, ctx, plan.effects, plan.cause, ev.goldstein, plan.key);
  const depth = pending.depth;
  for (const f of plan.then) scheduleConsequence(s, scenario, f.event, f.afterDays, depth + 1, plan.origin, f.onDay);
  const postures = countries.step(s, ctx.at(s as SimState), undefined);
  const step = s.step;
  const date = s.date;
  const origin = pending.origin;
  s.log.push(
    postures
      ? { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by, postures }
      : { step, date, event: ev.id, origin, kind: 'decision', option: chosen, by },
  );
  fireReactions(s, scenario, ctx, plan.reactions, depth);
  observeDated(s, scenario, ctx);
  s.step++;
}

/** Immutable wrappers for the history (UI, session machine). */
export function next(scenario: Scenario, state: SimState, countries: Countries): SimState {
  return produce(state, (d) => applyNext(d, scenario, countries));
}

export function decide(scenario: Scenario, state: SimState, option: string | undefined, countries: Countries): SimState {
  return produce(state, (d) => applyDecision(d, scenario, option, countries));
}
