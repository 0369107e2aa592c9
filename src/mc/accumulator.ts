/**
 * Streaming tallies of an ensemble: counts and histograms only, all integers, so memory stays flat whatever
 * the number of runs, and merging partial tallies (from chunks or workers) in any order gives the same totals
 * bit for bit. Scores and tension are tallied in hundredths, exactly as `round2` rounds them in a run summary.
 */
import type { ActorId, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { pairSlot } from '../core/keys.js';
import { StateContext, evaluate } from '../core/context.js';
import { scoresOf, tension } from '../core/ledger.js';
import { layoutOf, ODDS_SCALE, SCORE_BINS, SCORE_OFFSET, TENSION_BINS, type McLayout } from './layout.js';

/** The tallies as plain typed arrays: what a worker posts back (the buffers are transferable). */
export interface AccData {
  runs: number;
  /** Per decision: runs in which it came up. */
  reached: Float64Array;
  /** Per option (layout offsets): runs in which it was chosen. */
  chosen: Float64Array;
  /** Per option: the engine's odds at the decision, summed over the runs that reached it, in millionths. */
  odds: Float64Array;
  /** Per prediction: runs in which it holds at the end. */
  holds: Float64Array;
  /** Per directed pair: sum of final scores in hundredths. */
  scoreSum: Float64Array;
  /** Per pair, SCORE_BINS bins: final score histogram. */
  scoreHist: Uint32Array;
  /** Per pair × band: runs ending in that band. */
  bandCounts: Float64Array;
  tensionSum: Float64Array;
  tensionHist: Uint32Array;
}

export function emptyData(layout: McLayout): AccData {
  const pairs = layout.pairs.length;
  return {
    runs: 0,
    reached: new Float64Array(layout.decisions.length),
    chosen: new Float64Array(layout.optionCount),
    odds: new Float64Array(layout.optionCount),
    holds: new Float64Array(layout.predictions.length),
    scoreSum: new Float64Array(pairs),
    scoreHist: new Uint32Array(pairs * SCORE_BINS),
    bandCounts: new Float64Array(pairs * layout.bands.length),
    tensionSum: new Float64Array(1),
    tensionHist: new Uint32Array(TENSION_BINS),
  };
}

const ARRAYS = ['reached', 'chosen', 'odds', 'holds', 'scoreSum', 'scoreHist', 'bandCounts', 'tensionSum', 'tensionHist'] as const;

/** Adds `b` into `a` slot by slot (integers: order never matters). */
export function mergeInto(a: AccData, b: AccData): void {
  a.runs += b.runs;
  for (const k of ARRAYS) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) throw new Error(`tallies of different shapes cannot merge (${k})`);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  }
}

/** The buffers to transfer when posting `d` to another thread. */
export function transferList(d: AccData): ArrayBuffer[] {
  return ARRAYS.map((k) => d[k].buffer as ArrayBuffer);
}

/**
 * The context predictions read at the end of a run: the state's, except that scores are the ones `add` has
 * just computed for the tallies (the same clamped sums, not summed a second time).
 */
class FinalContext extends StateContext {
  /** Final score of each layout pair, set by `add` before predictions are read. */
  readonly scores: Float64Array;
  /** Process-wide pair slot index → layout pair index (-1: not a pair of the layout). */
  readonly byPair: Int32Array;

  constructor(scenario: Scenario, layout: McLayout) {
    super(scenario, undefined as unknown as SimState);
    this.scores = new Float64Array(layout.pairs.length);
    this.byPair = new Int32Array(Math.max(0, ...layout.pairSlots.map((p) => p.index + 1))).fill(-1);
    layout.pairSlots.forEach((p, i) => (this.byPair[p.index] = i));
  }

  override rel(from: ActorId, to: ActorId): number {
    const slot = pairSlot(from, to);
    const k = slot.index < this.byPair.length ? (this.byPair[slot.index] as number) : -1;
    return k >= 0 ? (this.scores[k] as number) : super.rel(from, to);
  }
}

export class Accumulator {
  readonly layout: McLayout;
  readonly data: AccData;
  private readonly ctx: FinalContext;
  private readonly tensionInitial: number;
  private readonly tensionFade: number;

  constructor(readonly scenario: Scenario) {
    this.layout = layoutOf(scenario);
    this.data = emptyData(this.layout);
    this.ctx = new FinalContext(scenario, this.layout);
    this.tensionInitial = scenario.model.tensionInitial;
    this.tensionFade = scenario.model.tensionFadePerMonth;
  }

  /** Tallies one finished run. */
  add(s: SimState): void {
    const d = this.data;
    const L = this.layout;
    d.runs++;
    for (let i = 0; i < L.decisions.length; i++) {
      const slot = L.decisions[i]!;
      const c = s.choices[slot.id];
      if (c === undefined) continue;
      d.reached[i]!++;
      const j = slot.optionIndex.get(c.option);
      if (j !== undefined) d.chosen[slot.offset + j]!++;
      const opts = slot.optionIds;
      for (let k = 0; k < opts.length; k++) {
        d.odds[slot.offset + k]! += Math.round((c.odds[opts[k]!] ?? 0) * ODDS_SCALE);
      }
    }
    const nb = L.bands.length;
    const finals = this.ctx.scores;
    scoresOf(s, L.pairSlots, this.ctx.byPair, finals);
    for (let i = 0; i < L.pairs.length; i++) {
      const v = finals[i]!;
      const centi = Math.round(v * 100);
      d.scoreSum[i]! += centi;
      const bin = centi + SCORE_OFFSET;
      d.scoreHist[i * SCORE_BINS + bin]!++;
      d.bandCounts[i * nb + L.bandOfBin[bin]!]!++;
    }
    const ctx = this.ctx.at(s);
    for (let i = 0; i < L.predictions.length; i++) {
      if (evaluate(L.predictions[i]!.holds, ctx) !== 0) d.holds[i]!++;
    }
    const t = Math.round(tension(s, this.tensionInitial, this.tensionFade) * 100);
    d.tensionSum[0]! += t;
    d.tensionHist[t]!++;
  }
}
