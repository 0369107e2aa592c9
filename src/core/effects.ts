/**
 * Applying effects to a state being built (an Immer draft, or a plain object on the Monte Carlo path: the
 * same code runs in both, which is what keeps every front end on one semantics).
 */
import type { Draft } from 'immer';
import type { ActorId, Formula, Scenario, Tie } from './model.js';
import type { Cause, Modifier, SimState, StackPart } from './state.js';
import type { PairSlot } from './state.js';
import { pairSlot } from './state.js';
import type { BalancePlan, EffectPlan, Third } from './plan.js';
import { clamp, modifierNow } from './ledger.js';
import type { StateContext } from './context.js';
import { evaluate } from './context.js';

export type MutableState = Draft<SimState>;

/** Adds a modifier; one with the same key and a cap stacks onto the existing one, up to |cap|. */
export function addModifier(s: MutableState, from: ActorId, to: ActorId, m: Modifier, ctx?: StateContext): void {
  addModifierAt(s, pairSlot(from, to), m, ctx);
}

export function addModifierAt(s: MutableState, slot: PairSlot, m: Modifier, ctx?: StateContext): void {
  const fast = ctx?.fast;
  let list: Modifier[];
  if (fast !== undefined) {
    fast.ledgerChanged(slot);
    const known = fast.listOf(s as SimState, slot);
    if (known !== undefined) list = known;
    else fast.listMade(slot, (list = s.ledger[slot.key] = []));
  } else list = (s.ledger[slot.key] ??= []);
  if (m.cap !== null) {
    const cap = Math.abs(m.cap);
    const i = list.findIndex((x) => x.key === m.key);
    if (i >= 0) {
      const old = list[i] as Modifier;
      const prev = modifierNow(old, s.date);
      const value = clamp(prev + m.value, -cap, cap);
      list[i] = { ...m, value, stack: stackParts(old, prev, m, value - prev, s.date) };
      return;
    }
    list.push({ ...m, value: clamp(m.value, -cap, cap) });
    return;
  }
  list.push(m);
}

/**
 * The causes of a merged modifier: the old one's parts scaled to what is left of it (`prev`), then the new
 * cause with what it added (`added`, after the cap). Only recorded for explanations; the value is unchanged.
 */
function stackParts(old: Modifier, prev: number, m: Modifier, added: number, date: number): StackPart[] {
  const scale = old.value === 0 ? 0 : prev / old.value;
  const parts = old.stack ?? [{ cause: old.cause, note: old.note, created: old.created, value: old.value }];
  return [...parts.map((p) => ({ cause: p.cause, note: p.note, created: p.created, value: p.value * scale })), { cause: m.cause, note: m.note, created: date, value: added }];
}

/** `evaluate(f, ctx)`, kept in the run memo's `slot` when there is one (plan.ts `keep`). */
export function keptValue(f: Formula, slot: number, ctx: StateContext): number {
  const fast = ctx.fast;
  if (slot < 0 || fast === undefined) return evaluate(f, ctx);
  if (fast.has(slot)) return fast.kept(slot);
  const v = evaluate(f, ctx);
  fast.keep(slot, v);
  return v;
}

export function applyEffects(
  s: MutableState,
  scenario: Scenario,
  ctx: StateContext,
  effects: readonly EffectPlan[],
  cause: Cause,
  goldstein: number,
  /** `${cause.kind}:${cause.option ?? cause.event}`, the key of opinion effects without one (from the plan). */
  defaultKey: string,
): void {
  const fast = ctx.fast;
  for (const e of effects) {
    ctx.at(s as SimState, goldstein);
    switch (e.kind) {
      case 'opinion': {
        let value: number;
        if (e.keep >= 0 && fast?.has(e.keep)) value = fast.kept(e.keep);
        else {
          value = e.value === undefined ? goldstein * evaluate(scenario.model.goldsteinScale, ctx) : evaluate(e.value, ctx);
          if (e.keep >= 0) fast?.keep(e.keep, value);
        }
        if (value === 0) break;
        addModifierAt(
          s,
          e.slot as PairSlot,
          {
            key: e.key ?? defaultKey,
            value,
            created: s.date,
            fade: e.fade,
            cap: e.cap,
            cause,
            note: e.note,
          },
          ctx,
        );
        break;
      }
      case 'tension': {
        const value = keptValue(e.value as Formula, e.keep, ctx);
        if (value !== 0) s.tension.push({ value, created: s.date, cause });
        break;
      }
      case 'indicator': {
        const v = keptValue(e.value as Formula, e.keep, ctx);
        s.indicators[e.id] = e.set ? v : (s.indicators[e.id] ?? 0) + v;
        break;
      }
      case 'tie-add': {
        const tie = e.tie as Tie;
        const i = s.ties.findIndex((t) => t.id === tie.id);
        if (i >= 0) s.ties.splice(i, 1);
        s.ties.push(tie as Draft<Tie>);
        ctx.fast?.tiesChanged(e);
        break;
      }
      case 'tie-end': {
        const i = s.ties.findIndex((t) => t.id === e.id);
        if (i >= 0) s.ties.splice(i, 1);
        ctx.fast?.tiesChanged(e);
        break;
      }
    }
  }
}

/**
 * Structural balance (Heider; Cartwright & Harary): when the event's actor acts on its target with Goldstein
 * weight g, every other simulated actor C shifts its view of the actor by w × k × g × rel(C, target) / 100, so
 * friends of the target warm to a friendly act and its enemies cool (docs/model.md). `plan` lists the C (plan.ts).
 */
export function applyBalance(
  s: MutableState,
  scenario: Scenario,
  ctx: StateContext,
  plan: BalancePlan,
  target: ActorId,
  goldstein: number,
  cause: Cause,
): void {
  ctx.at(s as SimState, goldstein);
  const fast = ctx.fast;
  let strength: number;
  if (plan.keep >= 0 && fast?.has(plan.keep)) strength = fast.kept(plan.keep);
  else {
    strength = evaluate(scenario.model.balanceStrength, ctx) * evaluate(scenario.model.goldsteinScale, ctx) * goldstein;
    if (plan.keep >= 0) fast?.keep(plan.keep, strength);
  }
  if (strength === 0) return;
  // { ...cause, kind: 'balance' }: the plan has it for causes without a reaction.
  const balanceCause: Cause =
    cause.reaction === undefined && cause.option === undefined ? plan.cause : { ...cause, kind: 'balance' };
  const fade = scenario.model.fade;
  // Each C reads C→target and writes C→actor, never another C's pair, so reading each view just before its
  // write reads what reading them all first did.
  for (const c of plan.thirds) {
    const view = ctx.rel(c.id, target, c.view);
    const value = (strength * view) / 100;
    if (Math.abs(value) < 0.05) continue;
    addModifierAt(
      s,
      c.onto,
      { key: plan.key, value, created: s.date, fade, cap: null, cause: balanceCause, note: noteOf(c, target, view) },
      ctx,
    );
  }
}

/** `C regards TARGET at N`, N the rounded view, one string per C and N (views are scores, within ±100). */
function noteOf(c: Third, target: ActorId, view: number): string {
  const n = Math.round(view);
  const i = n + 100;
  if (!(i >= 0 && i <= 200)) return `${c.id} regards ${target} at ${n}`;
  return (c.notes[i] ??= `${c.id} regards ${target} at ${n}`);
}
