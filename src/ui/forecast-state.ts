/**
 * Forecast-first mode's state, pure: what the forecasts and the draft are, and whether the decision at the
 * cursor still waits for a forecast. The keys that change it are in forecast.ts (split so that ui-state.ts
 * can read this without importing the key handling, which imports ui-state.ts).
 */
import type { Decision } from '../core/model.js';
import type { SessionData } from '../machines/session-logic.js';
import { branchOf } from '../machines/session-logic.js';

export type Forecasts = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface Draft {
  readonly decision: string;
  /** Percent typed per option, in the decision's option order ('' when nothing typed yet). */
  readonly values: readonly string[];
  /** The option being typed into. */
  readonly row: number;
}

export interface ForecastUi {
  readonly on: boolean;
  readonly recorded: Forecasts;
  readonly draft: Draft | null;
  /** Forecasts recorded since the last save. */
  readonly unsaved: boolean;
}

/** Forecast-first off, nothing recorded; on when a loaded run file already holds forecasts. */
export function forecastUi(recorded: Forecasts = {}): ForecastUi {
  return { on: Object.keys(recorded).length > 0, recorded, draft: null, unsaved: false };
}

/** The decision waiting at the cursor, if any. */
export function decisionHere(d: SessionData): Decision | null {
  const b = branchOf(d);
  const pending = b.states[b.cursor]!.pending;
  return pending ? (d.scenario.events[pending.event]?.decision ?? null) : null;
}

/** True when the odds of the decision here must stay hidden: forecast-first is on and it has no forecast yet. */
export function forecastDue(f: ForecastUi, d: SessionData): boolean {
  if (!f.on) return false;
  const dec = decisionHere(d);
  return dec !== null && f.recorded[dec.id] === undefined;
}

/** The draft for `decision`: the one being typed, or a fresh one. */
export function draftFor(f: ForecastUi, decision: Decision): Draft {
  if (f.draft?.decision === decision.id) return f.draft;
  return { decision: decision.id, values: decision.options.map(() => ''), row: 0 };
}

export function draftSum(values: readonly string[]): number {
  return values.reduce((a, v) => a + (v === '' ? 0 : Number(v)), 0);
}
