/** The values formulas read, taken from a simulation state. One context object is reused per evaluation site. */
import type { ActorId, EvalContext, Formula, Scenario } from './model.js';
import type { PairSlot, SimState } from './state.js';
import { pairSlot } from './state.js';
import { score, tension } from './ledger.js';
import { RunMemo } from './run-memo.js';
import { planOf, type Plan } from './plan.js';

export class StateContext implements EvalContext {
  private g = 0;
  /**
   * Only on the Monte Carlo path (`memo` true or a memo from RunMemo.acquire, `state` an initial state of
   * `scenario`), where the recipes report every change they make (run-memo.ts).
   */
  readonly fast: RunMemo | undefined;
  /** The scenario's plan (plan.ts), looked up once per context. */
  readonly plan: Plan;
  constructor(
    private readonly scenario: Scenario,
    private state: SimState,
    memo: boolean | RunMemo = false,
  ) {
    this.plan = planOf(scenario);
    this.fast = memo === true ? new RunMemo(scenario) : memo || undefined;
  }

  at(state: SimState, goldstein = 0): this {
    if (state !== this.state) this.fast?.reset();
    this.state = state;
    this.g = goldstein;
    return this;
  }

  rel(from: ActorId, to: ActorId, slot?: PairSlot): number {
    return this.fast ? this.fast.score(this.state, slot ?? pairSlot(from, to)) : score(this.state, from, to);
  }
  /** Whether `f` holds; `slot` ≥ 0 when it reads only choices and assumptions (plan.ts), so it may be kept. */
  holdsKept(f: Formula, slot: number): boolean {
    return slot >= 0 && this.fast ? this.fast.holds(f, slot, this) : evaluate(f, this) !== 0;
  }
  assumption(id: string, index?: number): number {
    return this.fast && index !== undefined ? this.fast.assumption(this.state, id, index) : (this.state.assumptions[id] ?? 0);
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
