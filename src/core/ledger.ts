/**
 * Scores are never stored: a directed relation is the clamped sum of its ledger (modifiers faded to the
 * current date, plus the standing value of every tie that holds). This file is the single definition of that
 * sum; the explanation in explain.ts lists the same terms.
 */
import type { ActorId, Day, Tie } from './model.js';
import type { IndicatorPart, Modifier, SimState, TensionContribution } from './state.js';
import { pairSlot, type PairSlot } from './state.js';
import { historyModifiers, historyTension, type Terms } from './history-meta.js';

export const SCORE_MIN = -100;
export const SCORE_MAX = 100;

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Linear fade towards zero: `fade` points a year (EU4-style opinion modifiers, docs/model.md). */
export function fadedValue(value: number, created: Day, fade: number, date: Day): number {
  if (fade <= 0 || date <= created) return value;
  const left = Math.abs(value) - (fade * (date - created)) / 365;
  return left <= 0 ? 0 : value < 0 ? -left : left;
}

export function modifierNow(m: Modifier, date: Day): number {
  return fadedValue(m.value, m.created, m.fade, date);
}

export function tieApplies(tie: Tie, from: ActorId, to: ActorId): boolean {
  const a = tie.between[0];
  const b = tie.between[1];
  return (a === from && b === to) || (a === to && b === from);
}

const fadedOut = (m: Modifier, date: Day): boolean => modifierNow(m, date) === 0;

/** A pair's modifiers summed from 0 in ledger order (those a history state knows have faded to 0 left out). */
function sumModifiers(mods: Terms<Modifier>, date: Day): number {
  let sum = 0;
  const { list, len, live } = mods;
  if (live === undefined) for (let i = 0; i < len; i++) sum += modifierNow(list[i]!, date);
  else {
    for (let r = 0; r < live.length; r++) {
      const i = live[r]!;
      if (i >= len) break;
      sum += modifierNow(list[i]!, date);
    }
  }
  return sum;
}

/** The unclamped sum of a pair's ledger. */
export function rawScore(state: SimState, from: ActorId, to: ActorId): number {
  return rawScoreOf(state, pairSlot(from, to));
}

export function rawScoreOf(state: SimState, slot: PairSlot): number {
  let sum = 0;
  const mods = historyModifiers(state, slot.key, fadedOut);
  if (mods) sum = sumModifiers(mods, state.date);
  for (const t of state.ties) if (tieApplies(t, slot.from, slot.to)) sum += t.value;
  return sum;
}

/** How `from` regards `to`, in [-100, 100]. */
export function score(state: SimState, from: ActorId, to: ActorId): number {
  return clamp(rawScoreOf(state, pairSlot(from, to)), SCORE_MIN, SCORE_MAX);
}

/**
 * `score` for many pairs at once, into `out` (same order as `slots`): the same terms in the same order per
 * pair (its modifiers, then the ties in state order), but each tie is looked at once rather than once per
 * pair. `index` maps a slot's `index` to its position in `slots` (-1 or beyond: not among them).
 */
export function scoresOf(state: SimState, slots: readonly PairSlot[], index: Int32Array, out: Float64Array): void {
  const date = state.date;
  for (let i = 0; i < slots.length; i++) {
    const mods = historyModifiers(state, (slots[i] as PairSlot).key, fadedOut);
    out[i] = mods ? sumModifiers(mods, date) : 0;
  }
  for (const t of state.ties) {
    const [a, b] = t.between;
    if (a === b) continue; // applies to no pair of two actors
    const ab = pairSlot(a, b).index;
    const ba = pairSlot(b, a).index;
    const i = ab < index.length ? (index[ab] as number) : -1;
    const j = ba < index.length ? (index[ba] as number) : -1;
    if (i >= 0) out[i] = (out[i] as number) + t.value;
    if (j >= 0) out[j] = (out[j] as number) + t.value;
  }
  for (let i = 0; i < slots.length; i++) out[i] = clamp(out[i] as number, SCORE_MIN, SCORE_MAX);
}

export function tensionNow(c: TensionContribution, date: Day, fadePerMonth: number): number {
  return fadedValue(c.value, c.created, (fadePerMonth * 365) / 30, date);
}

/** World tension in [0, 100]: the initial level plus every contribution, each faded by time. */
export function tension(state: SimState, initial: number, fadePerMonth: number): number {
  let sum = initial;
  const { list, len, live } = historyTension(state, (c, date) => tensionNow(c, date, fadePerMonth) === 0);
  if (live === undefined) for (let i = 0; i < len; i++) sum += tensionNow(list[i]!, state.date, fadePerMonth);
  else {
    // The same terms in the same order, less those already faded to 0 (history-meta.ts).
    for (let r = 0; r < live.length; r++) {
      const i = live[r]!;
      if (i >= len) break;
      sum += tensionNow(list[i]!, state.date, fadePerMonth);
    }
  }
  return clamp(sum, 0, 100);
}

export function indicatorPartNow(p: IndicatorPart, date: Day): number {
  return fadedValue(p.value, p.created, p.fade, date);
}

/**
 * An indicator's value: its base (`state.indicators`) plus its fading additions, each faded to the state's date
 * like a relation's modifiers. The one definition every reader uses (formulas, views, summaries, explain).
 */
export function indicatorValue(state: SimState, id: string): number {
  let sum = state.indicators[id] ?? 0;
  const parts = state.fading?.[id];
  if (parts) for (const p of parts) sum += indicatorPartNow(p, state.date);
  return sum;
}

/** Every indicator of the state with its value now (`indicatorValue`), in the state's order. */
export function indicatorValues(state: SimState): Record<string, number> {
  if (state.fading === undefined) return { ...state.indicators };
  const out: Record<string, number> = {};
  for (const id of Object.keys(state.indicators)) out[id] = indicatorValue(state, id);
  return out;
}
