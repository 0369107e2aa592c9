/**
 * Applying effects to a state being built, through its `RunState` (run-state.ts): an Immer draft for the
 * history, a plain object on the Monte Carlo path. The same code runs in both, which is what keeps every front
 * end on one semantics.
 */
import type { Draft } from 'immer';
import type { ActorId, Formula, Tie } from './model.js';
import type { Cause, SimState } from './state.js';
import type { PairSlot } from './keys.js';
import type { BalancePlan, EffectPlan, Third } from './plan.js';
import type { StateContext } from './context.js';
import type { RunState } from './run-state.js';
import { evaluate } from './context.js';

export type MutableState = Draft<SimState>;

/** `evaluate(f, ctx)`, or the value the run state kept in `slot` (plan.ts `keep`; -1: never kept). */
export function keptValue(t: RunState, f: Formula, slot: number, ctx: StateContext): number {
  if (slot < 0) return evaluate(f, ctx);
  const k = t.kept(slot);
  if (k === k) return k;
  const v = evaluate(f, ctx);
  t.keep(slot, v);
  return v;
}

export function applyEffects(
  t: RunState,
  effects: readonly EffectPlan[],
  cause: Cause,
  goldstein: number,
  /** `${cause.kind}:${cause.option ?? cause.event}`, the key of opinion effects without one (from the plan). */
  defaultKey: string,
): void {
  const s = t.s;
  const model = t.scenario.model;
  for (const e of effects) {
    const ctx = t.ctx.at(s, goldstein);
    switch (e.kind) {
      case 'opinion': {
        let value = e.keep >= 0 ? t.kept(e.keep) : NaN;
        if (value !== value) {
          value = e.value === undefined ? goldstein * evaluate(model.goldsteinScale, ctx) : evaluate(e.value, ctx);
          if (e.keep >= 0) t.keep(e.keep, value);
        }
        if (value === 0) break;
        t.addModifier(e.slot as PairSlot, {
          key: e.key ?? defaultKey,
          value,
          created: s.date,
          fade: e.fade,
          cap: e.cap,
          cause,
          note: e.note,
        });
        break;
      }
      case 'tension': {
        const value = keptValue(t, e.value as Formula, e.keep, ctx);
        if (value !== 0) t.addTension({ value, created: s.date, cause });
        break;
      }
      case 'indicator': {
        const value = keptValue(t, e.value as Formula, e.keep, ctx);
        // An addition to an indicator with `fade:` is kept as a part that fades, named by its cause.
        if (e.fade > 0 && !e.set) {
          if (value !== 0) t.addIndicatorPart(e.id, { value, created: s.date, fade: e.fade, cause });
        } else t.indicator(e.id, value, e.set);
        break;
      }
      case 'tie-add':
        t.addTie(e.tie as Tie, e);
        break;
      case 'tie-end':
        t.endTie(e.id, e);
        break;
    }
  }
}

/**
 * Structural balance (Heider; Cartwright & Harary): when the event's actor acts on its target with Goldstein
 * weight g, every other simulated actor C shifts its view of the actor by w × k × g × rel(C, target) / 100, so
 * friends of the target warm to a friendly act and its enemies cool (docs/model.md). `plan` lists the C (plan.ts).
 */
export function applyBalance(t: RunState, plan: BalancePlan, goldstein: number, cause: Cause): void {
  const s = t.s;
  const model = t.scenario.model;
  const ctx = t.ctx.at(s, goldstein);
  let strength = plan.keep >= 0 ? t.kept(plan.keep) : NaN;
  if (strength !== strength) {
    strength = evaluate(model.balanceStrength, ctx) * evaluate(model.goldsteinScale, ctx) * goldstein;
    if (plan.keep >= 0) t.keep(plan.keep, strength);
  }
  if (strength === 0) return;
  // { ...cause, kind: 'balance' }: the plan has it for causes without a reaction.
  const balanceCause: Cause =
    cause.reaction === undefined && cause.option === undefined ? plan.cause : { ...cause, kind: 'balance' };
  const fade = model.fade;
  const target = plan.target;
  // Each C reads C→target (each target of a group, averaged) and writes C→actor (each actor of a group), never
  // another C's pair nor a pair it reads (no actor is a target), so reading each view just before its write
  // reads what reading them all first did.
  for (const c of plan.thirds) {
    let view = ctx.relOf(c.view);
    if (c.moreViews.length > 0) {
      for (const v of c.moreViews) view += ctx.relOf(v);
      view /= c.moreViews.length + 1;
    }
    const value = (strength * view) / 100;
    if (Math.abs(value) < 0.05) continue;
    const m = { key: plan.key, value, created: s.date, fade, cap: null, cause: balanceCause, note: noteOf(c, target, view) };
    t.addModifier(c.onto, m);
    for (const o of c.moreOnto) t.addModifier(o, { ...m });
  }
}

/** `C regards TARGET at N`, N the rounded view, one string per C and N (views are scores, within ±100). */
function noteOf(c: Third, target: ActorId, view: number): string {
  const n = Math.round(view);
  const i = n + 100;
  // A group target (`KOR+JPN`): the view is the mean of C's views of its members.
  const text = c.moreViews.length > 0 ? `${c.id} regards ${target} at ${n} on average` : `${c.id} regards ${target} at ${n}`;
  if (!(i >= 0 && i <= 200)) return text;
  return (c.notes[i] ??= text);
}
