/**
 * Forecast scoring for forecasting practice: the multi-category Brier score and a calibration table.
 *
 * Convention (Brier 1950, the original multi-category form): for one decision with options i, forecast
 * probabilities p_i and outcome o_i (1 for the option that happened, 0 otherwise), the score is
 * Σ_i (p_i − o_i)². It runs from 0 (all probability on what happened) to 2 (all on one option that did not);
 * spreading evenly over k options scores 1 − 1/k. Lower is better. Options a forecast leaves out count as 0.
 */

export const BRIER_CONVENTION =
  'Brier score, multi-category form (Brier 1950): the sum over the options of (forecast − outcome)², where the ' +
  'outcome is 1 for the option that happened and 0 for the others. 0 is perfect, 2 is all probability on a ' +
  'wrong option; an even spread over k options scores 1 − 1/k. Lower is better.';

/** Σ over `options` of (p − o)², with o = 1 for `outcome`. Missing probabilities count as 0. */
export function brier(forecast: Readonly<Record<string, number>>, options: readonly string[], outcome: string): number {
  let sum = 0;
  for (const id of options) {
    const p = forecast[id] ?? 0;
    const o = id === outcome ? 1 : 0;
    sum += (p - o) ** 2;
  }
  return sum;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** One option-forecast: the probability given to an option, and whether that option happened. */
export interface OptionForecast {
  readonly p: number;
  readonly happened: boolean;
}

export interface CalibrationBin {
  /** Inclusive lower edge; the bin runs to `hi` (exclusive, except the last, which includes 1). */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Mean forecast probability in the bin (null when empty). */
  readonly meanForecast: number | null;
  /** Share of the bin's option-forecasts whose option happened (null when empty). */
  readonly observed: number | null;
}

/** Below this many option-forecasts a calibration table says more about chance than about the forecaster. */
export const MIN_CALIBRATION_FORECASTS = 10;

/** Bins of forecast probability (default five: 0–20 %, …, 80–100 %) against how often those options happened. */
export function calibration(forecasts: readonly OptionForecast[], bins = 5): CalibrationBin[] {
  const out: { lo: number; hi: number; ps: number[]; hits: number }[] = [];
  for (let i = 0; i < bins; i++) out.push({ lo: i / bins, hi: (i + 1) / bins, ps: [], hits: 0 });
  for (const f of forecasts) {
    // The epsilon keeps 0.6 × 5 = 2.9999… in the 60–80 % bin, where a reader expects it.
    const i = Math.min(bins - 1, Math.max(0, Math.floor(f.p * bins + 1e-9)));
    const bin = out[i]!;
    bin.ps.push(f.p);
    if (f.happened) bin.hits++;
  }
  return out.map((b) => ({
    lo: b.lo,
    hi: b.hi,
    count: b.ps.length,
    meanForecast: mean(b.ps),
    observed: b.ps.length ? b.hits / b.ps.length : null,
  }));
}
