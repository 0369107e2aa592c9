/**
 * Dated predictions (`by: DATE`, `within: { from, to }`): a prediction with a window holds when its formula
 * held after some event applied inside the window, not only at the end. Each run records the first day it held
 * in `state.held`, which exists only once a dated prediction has held, so runs of scenarios without dated
 * predictions are unchanged byte for byte.
 */
import type { Day, Prediction, Recurrence, Scenario } from './model.js';
import type { SimState } from './state.js';
import type { RunState } from './run-state.js';
import { evaluate, type StateContext } from './context.js';

const datedOf = new WeakMap<Scenario, readonly Prediction[]>();

/** The scenario's predictions that carry a window, in file order. */
export function datedPredictions(scenario: Scenario): readonly Prediction[] {
  let list = datedOf.get(scenario);
  if (!list) datedOf.set(scenario, (list = scenario.predictions.filter((p) => p.window !== undefined)));
  return list;
}

/** After a step: records each dated prediction that holds now, inside its window, for the first time. */
export function observeDated(t: RunState): void {
  const dated = datedPredictions(t.scenario);
  if (dated.length === 0) return;
  const s = t.s;
  const date = s.date;
  for (const p of dated) {
    const w = p.window as { from: Day; to: Day };
    if (date < w.from || date > w.to || s.held?.[p.id] !== undefined) continue;
    if (evaluate(p.holds, t.ctx.at(s)) !== 0) t.markHeld(p.id, date);
  }
}

/** Whether `p` holds in a run whose last state is `s` (ctx: that state's context, for undated ones). */
export function predictionHolds(p: Prediction, s: SimState, ctx: StateContext): boolean {
  const held = p.window !== undefined ? s.held?.[p.id] !== undefined : evaluate(p.holds, ctx) !== 0;
  return held && (p.recurs === undefined || recurrenceHolds(p, p.recurs, s));
}

function recurrenceHolds(p: Prediction, r: Recurrence, s: SimState): boolean {
  const w = p.window;
  if (w === undefined) return false;
  // More periods than the run has events to fill them: it cannot hold (and no long array is made).
  if (Math.floor((w.to - w.from + 1) / r.every) * r.atLeast > s.log.length) return false;
  return recurrenceCounts(p, s).every((n) => n >= r.atLeast);
}

/**
 * A recurring prediction's count in each whole period of its window (`every` days from the window's start; a
 * last, shorter stretch is not a period and is not counted): how many of its events the run applied (the log's
 * `event` entries; skipped ones do not count). Read off the log, which both the history and Monte Carlo keep.
 */
export function recurrenceCounts(p: Prediction, s: SimState): number[] {
  const r = p.recurs;
  const w = p.window;
  if (r === undefined || w === undefined) return [];
  const periods = Math.floor((w.to - w.from + 1) / r.every);
  const counts = new Array<number>(periods).fill(0);
  const end = w.from + periods * r.every;
  const events = new Set(r.events);
  for (const e of s.log) {
    if (e.kind !== 'event' || e.date < w.from || e.date >= end || !events.has(e.event)) continue;
    const k = Math.floor((e.date - w.from) / r.every);
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** `per year: 2, 1; needs 1`: a recurring prediction's counts as reports and run summaries show them. */
export function recurrenceNote(r: Recurrence, counts: readonly number[]): string {
  const names: Readonly<Record<number, string>> = { 365: 'year', 91: 'quarter', 30: 'month', 7: 'week' };
  return `per ${names[r.every] ?? `${r.every} days`}: ${counts.join(', ')}; needs ${r.atLeast}`;
}
