/** The prediction ledger: does each of the article's predictions hold in this state, and what really happened. */
import type { Prediction, Scenario } from './model.js';
import type { SimState } from './state.js';
import { StateContext } from './context.js';
import { predictionHolds } from './dated.js';

export interface PredictionStatus {
  readonly id: string;
  readonly holds: boolean;
  readonly actual: Prediction['actual']['status'];
}

export function predictionStatus(scenario: Scenario, s: SimState): PredictionStatus[] {
  const ctx = new StateContext(scenario, s);
  return scenario.predictions.map((p) => ({ id: p.id, holds: predictionHolds(p, s, ctx), actual: p.actual.status }));
}
