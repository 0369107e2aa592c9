/** The odds of a decision's options, from their weight formulas evaluated on the current state. */
import type { Decision, Scenario } from './model.js';
import type { SimState } from './state.js';
import { StateContext, evaluate, holds } from './context.js';

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
  const raw = decision.options.map((o) => {
    const available = holds(o.available, ctx);
    const w = available ? evaluate(o.weight, ctx) : 0;
    return { id: o.id, available, weight: w > 0 && Number.isFinite(w) ? w : 0 };
  });
  const total = raw.reduce((a, o) => a + o.weight, 0);
  const open = raw.filter((o) => o.available).length;
  return raw.map((o) => ({
    id: o.id,
    available: o.available,
    weight: o.weight,
    // All weights zero: the available options are equally likely. None available: all are.
    p: total > 0 ? o.weight / total : open > 0 ? (o.available ? 1 / open : 0) : 1 / raw.length,
  }));
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
  return last ?? (odds[0] as OptionOdds).id; // u beyond the rounded sum: the last possible option
}
