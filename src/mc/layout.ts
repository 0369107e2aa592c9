/**
 * Where each tally lives in the accumulator's flat arrays, derived once from the scenario. Every worker
 * derives the same layout from the same file, so their arrays add up slot by slot.
 */
import type { ActorId, Band, Decision, Prediction, Scenario } from '../core/model.js';
import { bandOf } from '../core/summary.js';
import { interned, pairSlot, type PairSlot } from '../core/state.js';

/** Scores are tallied in hundredths (as `round2` gives them): -100.00 … 100.00 → 20001 bins. */
export const SCORE_BINS = 20001;
export const SCORE_OFFSET = 10000;
/** World tension 0.00 … 100.00 in hundredths. */
export const TENSION_BINS = 10001;
/** Engine odds are summed in millionths, so sums stay exact integers up to ~9e9 runs. */
export const ODDS_SCALE = 1_000_000;

export interface DecisionSlot {
  readonly decision: Decision;
  /** The decision's id and its options' ids, interned (the keys of `SimState.choices` and of a choice's odds). */
  readonly id: string;
  readonly optionIds: readonly string[];
  /** Index of its first option in the option arrays. */
  readonly offset: number;
  readonly optionIndex: ReadonlyMap<string, number>;
}

export interface McLayout {
  readonly decisions: readonly DecisionSlot[];
  readonly optionCount: number;
  readonly predictions: readonly Prediction[];
  readonly pairs: readonly (readonly [ActorId, ActorId])[];
  /** The slot of each pair (same order), for reading its ledger by interned key. */
  readonly pairSlots: readonly PairSlot[];
  readonly bands: readonly Band[];
  /** Band index of each score bin (so the band of a rounded score is one array read). */
  readonly bandOfBin: Uint16Array;
}

/** Every decision in the scenario: the timeline's first, in file order, then follow-ups' and injects'. */
export function scenarioDecisions(scenario: Scenario): Decision[] {
  const seen = new Set<string>();
  const out: Decision[] = [];
  const ids = [...scenario.timeline, ...Object.keys(scenario.events)];
  for (const id of ids) {
    const d = scenario.events[id]?.decision;
    if (d && !seen.has(d.id)) {
      seen.add(d.id);
      out.push(d);
    }
  }
  return out;
}

const layouts = new WeakMap<Scenario, McLayout>();

export function layoutOf(scenario: Scenario): McLayout {
  const cached = layouts.get(scenario);
  if (cached) return cached;
  let offset = 0;
  const decisions = scenarioDecisions(scenario).map((decision) => {
    const optionIds = decision.options.map((o) => interned(o.id));
    const slot = { decision, id: interned(decision.id), optionIds, offset, optionIndex: new Map(optionIds.map((o, i) => [o, i])) };
    offset += decision.options.length;
    return slot;
  });
  const pairs: (readonly [ActorId, ActorId])[] = [];
  for (const a of scenario.actors) for (const b of scenario.actors) if (a.id !== b.id) pairs.push([a.id, b.id]);
  // Up to MAX_BANDS (1,000) bands: 16-bit indexes (8 bits wrapped at 256 bands and filed runs under band 0).
  const bandOfBin = new Uint16Array(SCORE_BINS);
  for (let i = 0; i < SCORE_BINS; i++) {
    bandOfBin[i] = scenario.bands.indexOf(bandOf(scenario, (i - SCORE_OFFSET) / 100));
  }
  const layout: McLayout = {
    decisions,
    optionCount: offset,
    predictions: scenario.predictions,
    pairs,
    pairSlots: pairs.map(([a, b]) => pairSlot(a, b)),
    bands: scenario.bands,
    bandOfBin,
  };
  layouts.set(scenario, layout);
  return layout;
}
