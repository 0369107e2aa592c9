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
 * Who made a prediction. A scenario says so with `origin:` (¶N → the article; modeller → the scenario's author;
 * record → an analyst or official, named by the first cited source with a URL). Without it, as older files do,
 * it is read from what the prediction cites: a paragraph of the article → the article; a source with a URL →
 * that source; otherwise → the scenario's author. Only the article's predictions count in the article's tally.
 */
export interface PredictionOrigin {
  readonly kind: 'article' | 'analyst' | 'author';
  /** For sentences: "the article", the source's title, "the scenario's author". */
  readonly who: string;
}

const AUTHOR: PredictionOrigin = { kind: 'author', who: "the scenario's author" };

function analyst(scenario: Scenario, p: Prediction): PredictionOrigin | undefined {
  const cited = p.sources.map((s) => scenario.sources[s.id]).find((s) => s?.url !== undefined);
  return cited ? { kind: 'analyst', who: cited.title.split(':')[0]!.trim() } : undefined;
}

export function predictionOrigin(scenario: Scenario, p: Prediction): PredictionOrigin {
  switch (p.origin?.kind) {
    case 'article':
      return { kind: 'article', who: 'the article' };
    case 'modeller':
      return AUTHOR;
    case 'record':
      return analyst(scenario, p) ?? AUTHOR;
  }
  if (p.sources.some((s) => s.id === 'article')) return { kind: 'article', who: 'the article' };
  return analyst(scenario, p) ?? AUTHOR;
}

/** One origin's share of the ledger: how many of its predictions hold in a branch, and how they fared in reality. */
export interface PredictionTally {
  readonly kind: PredictionOrigin['kind'];
  /** "the article's", "the analysts'", "the scenario author's". */
  readonly whose: string;
  readonly count: number;
  readonly holdHere: number;
  readonly held: number;
  readonly partly: number;
  readonly failed: number;
  readonly open: number;
}

const WHOSE: Record<PredictionOrigin['kind'], string> = { article: "the article's", analyst: "analysts'", author: "the scenario author's" };

/**
 * The ledger tallied by origin, the article's first: a modeller's extrapolation or question never counts as the
 * article's success or failure. `holds[i]` is whether predictions[i] holds in the branch.
 */
export function predictionTallies(scenario: Scenario, holds: readonly boolean[]): PredictionTally[] {
  const out: PredictionTally[] = [];
  for (const kind of ['article', 'analyst', 'author'] as const) {
    const idx = scenario.predictions.map((p, i) => (predictionOrigin(scenario, p).kind === kind ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const status = (x: string) => idx.filter((i) => scenario.predictions[i]!.actual.status === x).length;
    out.push({ kind, whose: WHOSE[kind], count: idx.length, holdHere: idx.filter((i) => holds[i]).length, held: status('held'), partly: status('partly'), failed: status('failed'), open: status('open') });
  }
  return out;
}

/** "the article's 9: 4 hold in your branch; 4 held in reality (3 partly, 1 still open)". */
export function tallyText(t: PredictionTally, here = 'in your branch'): string {
  const more = [t.partly ? `${t.partly} partly` : '', t.open ? `${t.open} still open` : ''].filter(Boolean).join(', ');
  return `${t.whose} ${t.count}: ${t.holdHere} ${t.holdHere === 1 ? 'holds' : 'hold'} ${here}; ${t.held} held in reality${more ? ` (${more})` : ''}`;
}

/** The origin of the prediction an option embodies (by its id), or null when it embodies none. */
export function optionPredictionOrigin(scenario: Scenario, predictionId: string | undefined): PredictionOrigin | null {
  if (predictionId === undefined) return null;
  const p = scenario.predictions.find((x) => x.id === predictionId);
  return p ? predictionOrigin(scenario, p) : null;
}
