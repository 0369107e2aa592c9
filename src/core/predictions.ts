/** The prediction ledger: does each prediction (the article's, an analyst's or the scenario author's) hold in this state, and what really happened. */
import type { Prediction, Scenario } from './model.js';
import type { SimState } from './state.js';
import { StateContext } from './context.js';
import { predictionHolds, recurrenceCounts } from './dated.js';

export interface PredictionStatus {
  readonly id: string;
  readonly holds: boolean;
  readonly actual: Prediction['actual']['status'];
  /** A recurring prediction (`recurs:`): its count in each whole period of its window (dated.ts). */
  readonly counts?: readonly number[];
}

export function predictionStatus(scenario: Scenario, s: SimState): PredictionStatus[] {
  const ctx = new StateContext(scenario, s);
  return scenario.predictions.map((p) => ({
    id: p.id,
    holds: predictionHolds(p, s, ctx),
    actual: p.actual.status,
    ...(p.recurs !== undefined && { counts: recurrenceCounts(p, s) }),
  }));
}

/**
 * Who made a prediction, read from what it cites: a paragraph of the scenario's article (¶N) → the article; a
 * source with a URL → that source (an analyst or outlet); otherwise → the scenario's author (an extrapolation
 * of the scenario's own, which is not the article's to fail).
 */
export interface PredictionOrigin {
  readonly kind: 'article' | 'analyst' | 'author';
  /** For sentences: "the article", the source's title, "the scenario's author". */
  readonly who: string;
}

export function predictionOrigin(scenario: Scenario, p: Prediction): PredictionOrigin {
  if (p.sources.some((s) => s.id === 'article')) return { kind: 'article', who: 'the article' };
  const cited = p.sources.map((s) => scenario.sources[s.id]).find((s) => s?.url !== undefined);
  if (cited) return { kind: 'analyst', who: cited.title.split(':')[0]!.trim() };
  return { kind: 'author', who: "the scenario's author" };
}

/** The origin of the prediction an option embodies (by its id), or null when it embodies none. */
export function optionPredictionOrigin(scenario: Scenario, predictionId: string | undefined): PredictionOrigin | null {
  if (predictionId === undefined) return null;
  const p = scenario.predictions.find((x) => x.id === predictionId);
  return p ? predictionOrigin(scenario, p) : null;
}
