/**
 * The benchmark's RNG-and-tallies reference (issue 4's "floor"; NOT a lower bound on the engine's work: issue 12
 * measured that it reaches paths the engine reaches in 59% of runs in 100%). Hand-written on typed arrays. It replays the resolved opinion and tension deltas of one fixed path (precomputed with the
 * engine), drawing each decision on that path from a seeded stream with the odds the engine gave it, and
 * tallies the same report (option counts, engine odds, predictions, score histograms, bands, tension). No ledger objects,
 * no formulas for effects, no postures, no reactions, no log, no immutability.
 */
import seedrandom from 'seedrandom';
import type { ActorId, EvalContext, Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { runFast } from '../machines/engine.js';
import { runSeed, streamSeed } from '../core/rng.js';
import { fadedValue, tieApplies } from '../core/ledger.js';
import type { SimState } from '../core/state.js';
import { emptyData, tallyScore, type AccData } from '../mc/accumulator.js';
import { layoutOf, ODDS_SCALE } from '../mc/layout.js';

interface Deltas {
  /** Pair index, value at the final date (already faded): the floor sums them. */
  readonly pair: Int32Array;
  readonly value: Float64Array;
  readonly created: Float64Array;
  readonly fade: Float64Array;
  readonly tension: Float64Array;
  readonly tensionCreated: Float64Array;
}

interface PathDecision {
  readonly slot: number;
  /** The odds tallied for each option of the decision (layout order), in millionths as the accumulator does. */
  readonly odds: Float64Array;
  readonly cumulative: Float64Array;
  /** Option index (layout order) for each entry of `cumulative`. */
  readonly options: Int32Array;
  readonly deltas: Deltas[];
}

export interface Floor {
  readonly runs: (from: number, to: number, data: AccData) => void;
  readonly decisions: number;
  readonly modifiers: number;
}

function deltasOf(scenario: Scenario, s: SimState, pairs: Map<string, number>, keep: (cause: { kind: string; event: string; option?: string }) => boolean): Deltas {
  const pair: number[] = [];
  const value: number[] = [];
  const created: number[] = [];
  const fade: number[] = [];
  for (const [key, mods] of Object.entries(s.ledger)) {
    const p = pairs.get(key);
    if (p === undefined) continue;
    for (const m of mods) {
      if (!keep(m.cause)) continue;
      pair.push(p);
      value.push(m.value);
      created.push(m.created);
      fade.push(m.fade);
    }
  }
  const t = s.tension.filter((c) => keep(c.cause));
  return {
    pair: Int32Array.from(pair),
    value: Float64Array.from(value),
    created: Float64Array.from(created),
    fade: Float64Array.from(fade),
    tension: Float64Array.from(t.map((c) => c.value)),
    tensionCreated: Float64Array.from(t.map((c) => c.created)),
  };
}

export function buildFloor(scenario: Scenario, inputs: RunInputs): Floor {
  const L = layoutOf(scenario);
  const pairs = new Map(L.pairs.map(([a, b], i) => [`${a}>${b}`, i]));
  const ref = runFast(scenario, { ...inputs, seed: runSeed(inputs.seed, 0) });
  const date = ref.date;
  const pathIds = Object.keys(ref.choices);
  const isPathOption = (c: { kind: string; event: string; option?: string }) => c.kind === 'option' && pathIds.includes(c.event);
  const base = deltasOf(scenario, ref, pairs, (c) => !isPathOption(c));
  const constant = new Float64Array(L.pairs.length);
  L.pairs.forEach(([a, b], i) => {
    for (const t of ref.ties) if (tieApplies(t, a, b)) constant[i]! += t.value;
  });
  const refChoices = Object.fromEntries(pathIds.map((d) => [d, ref.choices[d]!.option]));
  const decisions: PathDecision[] = pathIds.map((id) => {
    const slot = L.decisions.findIndex((x) => x.decision.id === id);
    const d = L.decisions[slot]!;
    const odds = ref.choices[id]!.odds;
    const opts = d.decision.options.map((o, k) => [k, odds[o.id] ?? 0] as const).filter(([, p]) => p > 0);
    let acc = 0;
    const deltas = d.decision.options.map((o) => {
      const forced = runFast(scenario, { ...inputs, seed: runSeed(inputs.seed, 0), choices: { ...refChoices, [id]: o.id } });
      return deltasOf(scenario, forced, pairs, (c) => c.kind === 'option' && c.event === id && c.option === o.id);
    });
    return {
      slot,
      odds: Float64Array.from(d.decision.options, (o) => Math.round((odds[o.id] ?? 0) * ODDS_SCALE)),
      cumulative: Float64Array.from(opts.map(([, p]) => (acc += p))),
      options: Int32Array.from(opts.map(([k]) => k)),
      deltas,
    };
  });
  const scores = new Float64Array(L.pairs.length);
  const chosen = new Int32Array(L.decisions.length).fill(-1);
  let tensionNow = 0;
  const fadeT = (scenario.model.tensionFadePerMonth * 365) / 30;
  const actorIndex = new Map<ActorId, number>(scenario.actors.map((a, i) => [a.id, i]));
  const n = scenario.actors.length;
  const slotOf = new Map(L.decisions.map((x, k) => [x.decision.id, k]));
  // The minimal context predictions read: scores, choices, tension and the reference path's other state.
  const ctx: EvalContext = {
    rel: (a, b) => {
      const i = actorIndex.get(a)!;
      const j = actorIndex.get(b)!;
      return scores[i * (n - 1) + (j < i ? j : j - 1)]!;
    },
    assumption: (id) => inputs.assumptions[id] ?? 0,
    indicator: (id) => ref.indicators[id] ?? 0,
    tension: () => tensionNow,
    posture: (a, p) => ref.postures[a] === p,
    chosen: (d, o) => {
      const k = slotOf.get(d);
      return k !== undefined && chosen[k]! >= 0 && L.decisions[k]!.decision.options[chosen[k]!]!.id === o;
    },
    happened: (e) => ref.happened[e] !== undefined,
    goldstein: () => 0,
  };
  const apply = (x: Deltas) => {
    for (let k = 0; k < x.pair.length; k++) scores[x.pair[k]!]! += fadedValue(x.value[k]!, x.created[k]!, x.fade[k]!, date);
    for (let k = 0; k < x.tension.length; k++) tensionNow += fadedValue(x.tension[k]!, x.tensionCreated[k]!, fadeT, date);
  };
  const runs = (from: number, to: number, d: AccData) => {
    for (let i = from; i < to; i++) {
      const rng = seedrandom.alea(streamSeed(runSeed(inputs.seed, i)));
      scores.set(constant);
      chosen.fill(-1);
      tensionNow = scenario.model.tensionInitial;
      apply(base);
      for (const pd of decisions) {
        const u = rng();
        let k = 0;
        while (k < pd.cumulative.length - 1 && u >= pd.cumulative[k]!) k++;
        const opt = pd.options[k]!;
        chosen[pd.slot] = opt;
        const offset = L.decisions[pd.slot]!.offset;
        d.reached[pd.slot]!++;
        d.chosen[offset + opt]!++;
        for (let k = 0; k < pd.odds.length; k++) d.odds[offset + k]! += pd.odds[k]!;
        apply(pd.deltas[opt]!);
      }
      d.runs++;
      for (let p = 0; p < L.pairs.length; p++) {
        const v = scores[p]!;
        const centi = Math.round((v < -100 ? -100 : v > 100 ? 100 : v) * 100);
        scores[p] = centi / 100;
        tallyScore(d, p, centi);
      }
      const t = Math.round((tensionNow < 0 ? 0 : tensionNow > 100 ? 100 : tensionNow) * 100);
      tensionNow = t / 100;
      d.tensionSum[0]! += t;
      d.tensionHist[t]!++;
      for (let p = 0; p < L.predictions.length; p++) if (L.predictions[p]!.holds.evaluate(ctx) !== 0) d.holds[p]!++;
    }
  };
  return { runs, decisions: decisions.length, modifiers: base.pair.length };
}

/** Runs/s of the floor over `runs` runs (wall clock, this thread). */
export function floorRate(floor: Floor, scenario: Scenario, runs: number): number {
  const data = emptyData(layoutOf(scenario));
  const t0 = performance.now();
  floor.runs(0, runs, data);
  return runs / ((performance.now() - t0) / 1000);
}
