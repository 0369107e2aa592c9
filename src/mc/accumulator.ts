/**
 * Streaming tallies of an ensemble: counts and histograms only, all integers, so memory stays flat whatever
 * the number of runs, and merging partial tallies (from chunks or workers) in any order gives the same totals
 * bit for bit. Scores and tension are tallied in hundredths, exactly as `round2` rounds them in a run summary.
 */
import type { ActorId, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { pairSlot } from '../core/keys.js';
import { StateContext } from '../core/context.js';
import { predictionHolds } from '../core/dated.js';
import { SimError } from '../core/errors.js';
import { scoresOf, tension } from '../core/ledger.js';
import { TENSION_THRESHOLDS, tensionPath } from '../core/tension-path.js';
import { layoutOf, ODDS_SCALE, SCORE_BINS, SCORE_OFFSET, TENSION_BINS, type McLayout } from './layout.js';

/**
 * The score histograms are paged: each directed pair has a row of SCORE_PAGES page slots, and a page of
 * SCORE_PAGE bins (hundredths) is allocated only when a run ends in it. Most pairs of a scenario end within
 * a few points of each other, so the tallies take what the data needs, not pairs × 20,001 bins (80 KB per
 * pair: 196 MB at 50 actors). Pages may be allocated in any order; the counts they hold are what is tallied.
 */
export const SCORE_PAGE = 128;
export const SCORE_PAGES = Math.ceil(SCORE_BINS / SCORE_PAGE);
/** Most bytes one accumulator's tallies may take (a worker holds one); growing past it refuses the run. */
export const MAX_TALLY_BYTES = 256 * 1024 * 1024;

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
  /** Per pair × SCORE_PAGES: index of the page (in `scoreBins`) holding those bins, -1 for none yet. */
  scorePages: Int32Array;
  /** The allocated pages, SCORE_PAGE counts each; `scorePagesUsed` of them are in use. */
  scoreBins: Uint32Array;
  scorePagesUsed: number;
  tensionSum: Float64Array;
  tensionHist: Uint32Array;
  /** The tension path of each run (core/tension-path.ts): its peak in hundredths, summed and as a histogram. */
  peakSum: Float64Array;
  peakHist: Uint32Array;
  /** Per threshold of TENSION_THRESHOLDS: days above it, summed over runs; runs that ever went above it. */
  daysAbove: Float64Array;
  runsAbove: Float64Array;
}

/** A run that would need more memory for its tallies than MAX_TALLY_BYTES (one line, refused). */
export class TallyLimitError extends SimError {}

/** Bytes of the tallies that do not grow with the runs (what `emptyData` allocates, pages aside). */
export function fixedTallyBytes(layout: McLayout): number {
  const n = layout.decisions.length + 2 * layout.optionCount + layout.predictions.length + layout.pairs.length + 2 + 2 * TENSION_THRESHOLDS.length;
  return 8 * n + 4 * layout.pairs.length * SCORE_PAGES + 8 * TENSION_BINS;
}

/** Refuses, before allocating anything, an ensemble whose fixed tallies alone pass MAX_TALLY_BYTES. */
export function checkTallyBudget(layout: McLayout): void {
  const bytes = fixedTallyBytes(layout);
  if (bytes > MAX_TALLY_BYTES) throw tooBig(layout.pairs.length, bytes);
}

function tooBig(pairs: number, bytes: number): TallyLimitError {
  const mib = (b: number) => Math.ceil(b / (1024 * 1024));
  return new TallyLimitError(
    `the Monte Carlo tallies of this scenario need more than ${mib(MAX_TALLY_BYTES)} MiB per worker (${mib(bytes)} MiB for ${pairs} actor pairs whose final scores spread widely); use fewer actors or fewer runs`,
  );
}

export function emptyData(layout: McLayout): AccData {
  checkTallyBudget(layout);
  const pairs = layout.pairs.length;
  return {
    runs: 0,
    reached: new Float64Array(layout.decisions.length),
    chosen: new Float64Array(layout.optionCount),
    odds: new Float64Array(layout.optionCount),
    holds: new Float64Array(layout.predictions.length),
    scoreSum: new Float64Array(pairs),
    scorePages: new Int32Array(pairs * SCORE_PAGES).fill(-1),
    scoreBins: new Uint32Array(SCORE_PAGE * Math.min(64, pairs * SCORE_PAGES)),
    scorePagesUsed: 0,
    tensionSum: new Float64Array(1),
    tensionHist: new Uint32Array(TENSION_BINS),
    peakSum: new Float64Array(1),
    peakHist: new Uint32Array(TENSION_BINS),
    daysAbove: new Float64Array(TENSION_THRESHOLDS.length),
    runsAbove: new Float64Array(TENSION_THRESHOLDS.length),
  };
}

/** Every tally array but the pages' bins (merged page by page). */
const ARRAYS = ['reached', 'chosen', 'odds', 'holds', 'scoreSum', 'scorePages', 'tensionSum', 'tensionHist', 'peakSum', 'peakHist', 'daysAbove', 'runsAbove'] as const;

/** Bytes the tallies take now. */
export function tallyBytes(d: AccData): number {
  return [...ARRAYS.map((k) => d[k]), d.scoreBins].reduce((n, a) => n + a.byteLength, 0);
}

/** The page of `d` holding bin page `page` of pair `pair`, allocated (zeroed) when new: its first bin's index. */
function pageOf(d: AccData, pair: number, page: number): number {
  const slot = pair * SCORE_PAGES + page;
  let k = d.scorePages[slot] as number;
  if (k < 0) {
    k = d.scorePagesUsed++;
    if (k * SCORE_PAGE >= d.scoreBins.length) {
      const need = tallyBytes(d) + d.scoreBins.byteLength;
      if (need > MAX_TALLY_BYTES) throw tooBig(d.scoreSum.length, need);
      const grown = new Uint32Array(d.scoreBins.length * 2);
      grown.set(d.scoreBins);
      d.scoreBins = grown;
    }
    d.scorePages[slot] = k;
  }
  return k * SCORE_PAGE;
}

/** Tallies one final score (in hundredths) of layout pair `pair`. */
export function tallyScore(d: AccData, pair: number, centi: number): void {
  d.scoreSum[pair]! += centi;
  const bin = centi + SCORE_OFFSET;
  const at = pageOf(d, pair, bin >> PAGE_SHIFT);
  d.scoreBins[at + (bin & (SCORE_PAGE - 1))]!++;
}
const PAGE_SHIFT = Math.log2(SCORE_PAGE);

/** The score histogram of layout pair `pair`, SCORE_BINS counts written into `out`. */
export function pairHistogram(d: AccData, pair: number, out: Uint32Array): Uint32Array {
  out.fill(0);
  for (let p = 0; p < SCORE_PAGES; p++) {
    const k = d.scorePages[pair * SCORE_PAGES + p] as number;
    if (k < 0) continue;
    const from = p * SCORE_PAGE;
    const len = Math.min(SCORE_PAGE, SCORE_BINS - from);
    out.set(d.scoreBins.subarray(k * SCORE_PAGE, k * SCORE_PAGE + len), from);
  }
  return out;
}


/** Adds `b` into `a` (integer counts: the order of merging never matters). */
export function mergeInto(a: AccData, b: AccData): void {
  for (const k of ARRAYS) {
    if (a[k].length !== b[k].length) throw new SimError(`tallies of different shapes cannot merge (${k})`);
  }
  a.runs += b.runs;
  for (const k of ARRAYS) {
    if (k === 'scorePages') continue;
    const x = a[k];
    const y = b[k];
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (y[i] as number);
  }
  for (let slot = 0; slot < b.scorePages.length; slot++) {
    const kb = b.scorePages[slot] as number;
    if (kb < 0) continue;
    const at = pageOf(a, Math.floor(slot / SCORE_PAGES), slot % SCORE_PAGES);
    const from = kb * SCORE_PAGE;
    for (let i = 0; i < SCORE_PAGE; i++) a.scoreBins[at + i]! += b.scoreBins[from + i] as number;
  }
}

/** The buffers to transfer when posting `d` to another thread. */
export function transferList(d: AccData): ArrayBuffer[] {
  return [...ARRAYS.map((k) => d[k].buffer as ArrayBuffer), d.scoreBins.buffer as ArrayBuffer];
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
    const finals = this.ctx.scores;
    scoresOf(s, L.pairSlots, this.ctx.byPair, finals);
    for (let i = 0; i < L.pairs.length; i++) tallyScore(d, i, Math.round(finals[i]! * 100));
    const ctx = this.ctx.at(s);
    for (let i = 0; i < L.predictions.length; i++) {
      if (predictionHolds(L.predictions[i]!, s, ctx)) d.holds[i]!++;
    }
    const t = Math.round(tension(s, this.tensionInitial, this.tensionFade) * 100);
    d.tensionSum[0]! += t;
    d.tensionHist[t]!++;
    const path = tensionPath(this.scenario, s);
    const peak = Math.round(path.peak * 100);
    d.peakSum[0]! += peak;
    d.peakHist[peak]!++;
    for (let i = 0; i < path.above.length; i++) {
      const days = path.above[i] as number;
      d.daysAbove[i]! += days;
      if (days > 0) d.runsAbove[i]!++;
    }
  }
}
