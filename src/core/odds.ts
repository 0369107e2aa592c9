/** The odds of a decision's options, from their weight formulas evaluated on the current state. */
import type { Decision, Scenario } from './model.js';
import type { SimState } from './state.js';
import { StateContext, evaluate, holds } from './context.js';
import { SimError } from './errors.js';

export interface OptionOdds {
  readonly id: string;
  readonly available: boolean;
  /** The weight formula's value, floored at 0 (0 when unavailable). */
  readonly weight: number;
  /** Probability the engine draws this option. */
  readonly p: number;
}

export function decisionOdds(
  scenario: Scenario,
  state: SimState,
  decision: Decision,
  ctx: StateContext = new StateContext(scenario, state),
): OptionOdds[] {
  ctx.at(state);
  // Loops rather than map/reduce/filter (this runs at every decision of every Monte Carlo run); the same
  // values in the same order: weights summed left to right from 0.
  const options = decision.options;
  const n = options.length;
  const available: boolean[] = [];
  const weights: number[] = [];
  let total = 0;
  let open = 0;
  let most = 0;
  for (let i = 0; i < n; i++) {
    const o = options[i] as Decision['options'][number];
    const a = holds(o.available, ctx);
    const w = a ? evaluate(o.weight, ctx) : 0;
    const weight = w > 0 && Number.isFinite(w) ? w : 0;
    available.push(a);
    weights.push(weight);
    total += weight;
    if (weight > most) most = weight;
    if (a) open++;
  }
  // Weights near the largest double (1e308) overflow their sum: then every weight is first divided by the
  // largest, which gives the same odds without overflow. Sums that stay finite keep the plain division.
  let scale = 1;
  if (total === Infinity) {
    scale = most;
    total = 0;
    for (let i = 0; i < n; i++) total += (weights[i] as number) / scale;
  }
  const out: OptionOdds[] = [];
  for (let i = 0; i < n; i++) {
    const a = available[i] as boolean;
    const weight = weights[i] as number;
    out.push({
      id: (options[i] as Decision['options'][number]).id,
      available: a,
      weight,
      // All weights zero: the available options are equally likely. None available (the loader requires an
      // option without a condition, so only a hand-built scenario gets here): every p is 0 and nothing is drawn.
      p: total > 0 ? weight / scale / total : a ? 1 / open : 0,
    });
  }
  return out;
}

/** The option a uniform draw `u` in [0,1) selects: walk the cumulative odds in file order. */
export function pickByDraw(odds: readonly OptionOdds[], u: number): string {
  let acc = 0;
  let last: string | undefined;
  for (const o of odds) {
    if (o.p <= 0) continue;
    acc += o.p;
    last = o.id;
    if (u < acc) return o.id;
  }
  if (last === undefined) throw new SimError('no option of this decision is available, so the engine cannot draw one');
  return last; // u beyond the rounded sum: the last possible option
}
