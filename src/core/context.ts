/** The values formulas read, taken from a simulation state. One context object is reused per evaluation site. */
import type { ActorId, EvalContext, Formula, Scenario } from './model.js';
import type { SimState } from './state.js';
import { score, tension } from './ledger.js';

export class StateContext implements EvalContext {
  private g = 0;
  constructor(
    private readonly scenario: Scenario,
    private state: SimState,
  ) {}

  at(state: SimState, goldstein = 0): this {
    this.state = state;
    this.g = goldstein;
    return this;
  }

  rel(from: ActorId, to: ActorId): number {
    return score(this.state, from, to);
  }
  assumption(id: string): number {
    return this.state.assumptions[id] ?? 0;
  }
  indicator(id: string): number {
    return this.state.indicators[id] ?? 0;
  }
  tension(): number {
    const m = this.scenario.model;
    return tension(this.state, m.tensionInitial, m.tensionFadePerMonth);
  }
  posture(actor: ActorId, posture: string): boolean {
    return this.state.postures[actor] === posture;
  }
  chosen(decision: string, option: string): boolean {
    return this.state.choices[decision]?.option === option;
  }
  happened(event: string): boolean {
    return this.state.happened[event] !== undefined;
  }
  goldstein(): number {
    return this.g;
  }
}

export function evaluate(f: Formula, ctx: EvalContext): number {
  return f.constant ?? f.evaluate(ctx);
}

export function holds(f: Formula | undefined, ctx: EvalContext): boolean {
  return f === undefined || evaluate(f, ctx) !== 0;
}
