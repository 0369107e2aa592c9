/**
 * The Monte Carlo report as plain data (what `geosim mc --format json` prints and what the UI's live odds
 * show), computed from the integer tallies alone, so equal tallies always give byte-identical reports.
 */
import { TENSION_THRESHOLDS } from '../core/tension-path.js';
import { predictionOrigin, predictionTallies, type PredictionOrigin } from '../core/predictions.js';
import type { ActorId, Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { pairHistogram, type AccData } from './accumulator.js';
import { layoutOf, ODDS_SCALE, SCORE_BINS, SCORE_OFFSET, TENSION_BINS } from './layout.js';
import { percentileBin, roundTo, wilson } from './stats.js';

export interface OptionStat {
  readonly id: string;
  readonly label: string;
  /** Runs in which this option was chosen. */
  readonly count: number;
  /** count / runs, with its 95% Wilson interval. */
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
  /** Mean of the engine's odds for this option at the decision, over the runs that reached it (null: never reached). */
  readonly odds: number | null;
  /** The article predicted this option (its prediction id). */
  readonly prediction?: string;
}

export interface DecisionStat {
  readonly id: string;
  readonly actor: ActorId;
  readonly question: string;
  /** Runs in which the decision came up (a `when` or a branch may skip it). */
  readonly reached: number;
  readonly options: readonly OptionStat[];
}

export interface PredictionStat {
  readonly id: string;
  readonly claim: string;
  readonly count: number;
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
  /** What really happened, per the scenario file. */
  readonly actual: string;
  /** Whose prediction: the article's (`origin: ¶N`), an analyst's or official's (`record`), the scenario author's (`modeller`). */
  readonly origin: PredictionOrigin['kind'];
}

/**
 * The predictions of one origin taken together, the article's first (the same split as the UI's and the
 * report's tallies): how many of them hold in a run on average, and how they fared in reality.
 */
export interface OriginTally {
  readonly origin: PredictionOrigin['kind'];
  /** "the article's", "analysts'", "the scenario author's". */
  readonly whose: string;
  readonly predictions: readonly string[];
  /** Mean over the runs of how many of these predictions hold at the end (the sum of their `p`). */
  readonly meanHold: number;
  readonly held: number;
  readonly partly: number;
  readonly failed: number;
  readonly open: number;
}

export interface Distribution {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

export interface RelationStat extends Distribution {
  readonly from: ActorId;
  readonly to: ActorId;
  /**
   * Band id → share of runs ending in it, in the scenario's order. Only bands some run ended in are listed (a
   * missing band is a share of 0): a scenario may have 1,000 bands and 9,900 pairs, and a dense table would
   * make the report grow with their product rather than with what happened.
   */
  readonly bands: Readonly<Record<string, number>>;
}

export interface McResult {
  readonly scenario: string;
  readonly hash: string;
  readonly seed: number;
  readonly runs: number;
  readonly assumptions: Readonly<Record<string, number>>;
  readonly choices: Readonly<Record<string, string>>;
  readonly decisions: readonly DecisionStat[];
  readonly predictions: readonly PredictionStat[];
  /** The predictions tallied by origin, so the article's record is never mixed with the scenario author's. */
  readonly tallies: readonly OriginTally[];
  readonly relations: readonly RelationStat[];
  readonly tension: Distribution;
  /** The tension path of the runs: their peak, and per threshold the mean days above it and the share of runs that went above. */
  readonly tensionPath: {
    readonly peak: Distribution;
    readonly above: readonly { readonly threshold: number; readonly meanDays: number; readonly share: number }[];
  };
}

const P_DIGITS = 6;

function share(k: number, n: number): { p: number; lo: number; hi: number } {
  const ci = wilson(k, n);
  return { p: roundTo(n > 0 ? k / n : 0, P_DIGITS), lo: roundTo(ci.lo, P_DIGITS), hi: roundTo(ci.hi, P_DIGITS) };
}

function distribution(sum: number, hist: ArrayLike<number>, offset: number, bins: number, zero: number, n: number): Distribution {
  const at = (q: number) => {
    const bin = percentileBin(hist, offset, bins, n, q);
    return bin < 0 ? 0 : roundTo((bin - zero) / 100, 2);
  };
  return { mean: n > 0 ? roundTo(sum / n / 100, 4) : 0, p5: at(0.05), p50: at(0.5), p95: at(0.95) };
}

export function buildResult(scenario: Scenario, inputs: RunInputs, d: AccData): McResult {
  const L = layoutOf(scenario);
  const n = d.runs;
  const decisions = L.decisions.map((slot, i): DecisionStat => {
    const reached = d.reached[i]!;
    return {
      id: slot.decision.id,
      actor: slot.decision.actor,
      question: slot.decision.question,
      reached,
      options: slot.decision.options.map((o, k): OptionStat => {
        const count = d.chosen[slot.offset + k]!;
        const odds = reached > 0 ? roundTo(d.odds[slot.offset + k]! / ODDS_SCALE / reached, P_DIGITS) : null;
        return {
          id: o.id,
          label: o.label,
          count,
          ...share(count, n),
          odds,
          ...(o.prediction !== undefined ? { prediction: o.prediction } : {}),
        };
      }),
    };
  });
  const predictions = L.predictions.map((p, i): PredictionStat => {
    const count = d.holds[i]!;
    return { id: p.id, claim: p.claim, count, ...share(count, n), actual: p.actual.status, origin: predictionOrigin(scenario, p).kind };
  });
  const tallies = predictionTallies(scenario, []).map((t): OriginTally => {
    const mine = L.predictions.map((p, i) => (predictionOrigin(scenario, p).kind === t.kind ? i : -1)).filter((i) => i >= 0);
    const holds = mine.reduce((a, i) => a + d.holds[i]!, 0);
    return {
      origin: t.kind,
      whose: t.whose,
      predictions: mine.map((i) => L.predictions[i]!.id),
      meanHold: n > 0 ? roundTo(holds / n, 4) : 0,
      held: t.held,
      partly: t.partly,
      failed: t.failed,
      open: t.open,
    };
  });
  const hist = new Uint32Array(SCORE_BINS);
  const counts = new Float64Array(L.bands.length);
  const relations = L.pairs.map(([from, to], i): RelationStat => {
    pairHistogram(d, i, hist);
    // Runs per band: the histogram's bins summed by the band each bin falls in.
    counts.fill(0);
    for (let bin = 0; bin < SCORE_BINS; bin++) if (hist[bin] !== 0) counts[L.bandOfBin[bin]!]! += hist[bin]!;
    const bands: Record<string, number> = {};
    L.bands.forEach((b, k) => {
      if (counts[k]! > 0) bands[b.id] = roundTo(counts[k]! / n, P_DIGITS);
    });
    return { from, to, ...distribution(d.scoreSum[i]!, hist, 0, SCORE_BINS, SCORE_OFFSET, n), bands };
  });
  return {
    scenario: scenario.id,
    hash: scenario.hash,
    seed: inputs.seed,
    runs: n,
    assumptions: { ...inputs.assumptions },
    choices: { ...inputs.choices },
    decisions,
    predictions,
    tallies,
    relations,
    tension: distribution(d.tensionSum[0]!, d.tensionHist, 0, TENSION_BINS, 0, n),
    tensionPath: {
      peak: distribution(d.peakSum[0]!, d.peakHist, 0, TENSION_BINS, 0, n),
      above: TENSION_THRESHOLDS.map((threshold, i) => ({
        threshold,
        meanDays: n > 0 ? roundTo(d.daysAbove[i]! / n, 2) : 0,
        share: n > 0 ? roundTo(d.runsAbove[i]! / n, P_DIGITS) : 0,
      })),
    },
  };
}

/** P(option) of `decision.option`, or P(prediction holds): the sweep's target. Undefined when unknown. */
export function targetP(r: McResult, target: string): number | undefined {
  const dot = target.indexOf('.');
  if (dot < 0) return r.predictions.find((p) => p.id === target)?.p;
  const d = r.decisions.find((x) => x.id === target.slice(0, dot));
  return d?.options.find((o) => o.id === target.slice(dot + 1))?.p;
}
