/**
 * Scoring a run's forecasts. Each forecast (decision → option → probability, as the run file records it) is
 * scored twice with the Brier score:
 *
 * - against reality: the option the scenario marks `actual` (what really happened), next to the Brier score of
 *   the model's odds at that decision in this run for the same outcome, so a student sees whether they beat
 *   the model;
 * - against this run: the option chosen in the run, next to the model's odds for it.
 *
 * A decision with no `actual` option has no real-world score; one the run never reached has no model odds and
 * no run score. The calibration table pools every option-forecast scored against reality.
 */
import type { Decision, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { decisionsOf } from '../scenario/decisions.js';
import {
  BRIER_CONVENTION,
  MIN_CALIBRATION_FORECASTS,
  brier,
  calibration,
  mean,
  type CalibrationBin,
  type OptionForecast,
} from './brier.js';

export type Forecasts = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface ScoredOption {
  readonly id: string;
  readonly label: string;
  readonly forecast: number;
  /** The model's odds for this option when the decision came up in this run (null: not reached). */
  readonly model: number | null;
  /** What really happened (the scenario's `actual`). */
  readonly actual: boolean;
  /** Chosen in this run. */
  readonly chosen: boolean;
}

export interface Pair {
  readonly you: number;
  readonly model: number | null;
}

export interface ScoredForecast {
  readonly decision: string;
  readonly actor: string;
  readonly question: string;
  readonly options: readonly ScoredOption[];
  readonly actual: string | null;
  readonly chosen: string | null;
  readonly chosenBy: 'student' | 'engine' | null;
  /** Against what really happened; null when no option is marked actual. */
  readonly reality: Pair | null;
  /** Against the option chosen in this run; null when the run did not reach the decision. */
  readonly run: Pair | null;
}

export interface MeanScores {
  /** Forecasts scored. */
  readonly n: number;
  readonly you: number | null;
  /** Forecasts whose decision the run reached, so that the model's odds are known. */
  readonly nModel: number;
  readonly model: number | null;
}

export interface ForecastReport {
  readonly convention: string;
  readonly items: readonly ScoredForecast[];
  readonly reality: MeanScores;
  readonly run: MeanScores;
  /** Option-forecasts scored against reality (the calibration table's sample). */
  readonly optionForecasts: number;
  readonly calibrationMin: number;
  /** Null below `calibrationMin` option-forecasts. */
  readonly calibration: readonly CalibrationBin[] | null;
}

function scoreOne(decision: Decision, forecast: Readonly<Record<string, number>>, state: SimState): ScoredForecast {
  const ids = decision.options.map((o) => o.id);
  const choice = state.choices[decision.id];
  const actual = decision.options.find((o) => o.actual !== undefined)?.id ?? null;
  const modelOdds = choice?.odds;
  const options = decision.options.map(
    (o): ScoredOption => ({
      id: o.id,
      label: o.label,
      forecast: forecast[o.id] ?? 0,
      model: modelOdds ? (modelOdds[o.id] ?? 0) : null,
      actual: o.id === actual,
      chosen: o.id === choice?.option,
    }),
  );
  const pair = (outcome: string): Pair => ({
    you: brier(forecast, ids, outcome),
    model: modelOdds ? brier(modelOdds, ids, outcome) : null,
  });
  return {
    decision: decision.id,
    actor: decision.actor,
    question: decision.question,
    options,
    actual,
    chosen: choice?.option ?? null,
    chosenBy: choice ? (choice.by === 'user' ? 'student' : 'engine') : null,
    reality: actual !== null ? pair(actual) : null,
    run: choice ? pair(choice.option) : null,
  };
}

function means(pairs: readonly Pair[]): MeanScores {
  const withModel = pairs.filter((p) => p.model !== null);
  return {
    n: pairs.length,
    you: mean(pairs.map((p) => p.you)),
    nModel: withModel.length,
    model: mean(withModel.map((p) => p.model as number)),
  };
}

/** Scores every forecast of a run, in the order the decisions appear in the scenario. */
export function scoreForecasts(scenario: Scenario, state: SimState, forecasts: Forecasts): ForecastReport {
  const decisions = decisionsOf(scenario);
  const items: ScoredForecast[] = [];
  for (const [id, decision] of decisions) {
    const f = forecasts[id];
    if (f) items.push(scoreOne(decision, f, state));
  }
  const pooled: OptionForecast[] = [];
  for (const it of items) {
    if (it.reality) for (const o of it.options) pooled.push({ p: o.forecast, happened: o.actual });
  }
  return {
    convention: BRIER_CONVENTION,
    items,
    reality: means(items.flatMap((i) => (i.reality ? [i.reality] : []))),
    run: means(items.flatMap((i) => (i.run ? [i.run] : []))),
    optionForecasts: pooled.length,
    calibrationMin: MIN_CALIBRATION_FORECASTS,
    calibration: pooled.length >= MIN_CALIBRATION_FORECASTS ? calibration(pooled) : null,
  };
}
