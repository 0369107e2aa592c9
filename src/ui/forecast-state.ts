/**
 * Forecast-first mode's state, pure: the draft being typed and whether the decision at the cursor still waits
 * for a forecast. Whether forecast-first is on and the forecasts recorded live in the session machine
 * (FORECAST_FIRST, FORECAST); only the draft is UI state. The keys that change it are in forecast.ts (split so
 * that ui-state.ts can read this without importing the key handling, which imports ui-state.ts).
 */
import type { Decision } from '../core/model.js';
import type { SessionData, Forecasts } from '../machines/session-logic.js';
import { decisionHere } from '../machines/selectors.js';

export type { Forecasts };
export { decisionHere };

/** A forecast being typed: percent per option, in the decision's option order ('' when nothing typed yet). */
export interface Draft {
  readonly decision: string;
  readonly values: readonly string[];
  /** The option being typed into. */
  readonly row: number;
}

/** Forecast-first's UI state: only the draft being typed (the mode and the forecasts live in the session). */
export interface ForecastUi {
  readonly draft: Draft | null;
}

/** True when the odds of the decision here must stay hidden: forecast-first is on and it has no forecast yet. */
export function forecastDue(d: SessionData): boolean {
  const dec = decisionHere(d);
  return d.forecastFirst && dec !== null && d.forecasts[dec.id] === undefined;
}

/** The draft for `decision`: the one being typed, or a fresh one. */
export function draftFor(f: ForecastUi, decision: Decision): Draft {
  if (f.draft?.decision === decision.id) return f.draft;
  return { decision: decision.id, values: decision.options.map(() => ''), row: 0 };
}

export function draftSum(values: readonly string[]): number {
  return values.reduce((a, v) => a + (v === '' ? 0 : Number(v)), 0);
}
