/** The values formulas read, taken from a simulation state. One context object is reused per evaluation site. */
import type { ActorId, EvalContext, Formula, Scenario } from './model.js';
import type { SimState } from './state.js';
import { pairSlot, type PairSlot } from './keys.js';
import { indicatorValue, score, tension } from './ledger.js';
import { planOf, type Plan } from './plan.js';
import { historyChoice, historyHappened } from './history-meta.js';

/**
 * Where a context gets the values a run state may remember (fast-state.ts); the plain definitions otherwise.
 * `forget` is called when the context moves to another state.
 */
export interface ContextReads {
  score(s: SimState, slot: PairSlot): number;
  /** Whether `f` holds; `slot` ≥ 0 when it reads only choices and assumptions (plan.ts), so it may be kept. */
  holdsKept(f: Formula, slot: number, ctx: EvalContext): boolean;
  tension(s: SimState, initial: number, fadePerMonth: number): number;
  forget(): void;
}

const plainReads: ContextReads = {
  score: (s, slot) => score(s, slot.from, slot.to),
  holdsKept: (f, _slot, ctx) => evaluate(f, ctx) !== 0,
  tension,
  forget: () => undefined,
};

export class StateContext implements EvalContext {
  private g = 0;
  /** The scenario's plan (plan.ts), looked up once per context. */
  readonly plan: Plan;
  constructor(
    private readonly scenario: Scenario,
    private state: SimState,
    private readonly reads: ContextReads = plainReads,
  ) {
    this.plan = planOf(scenario);
  }

  /** Points the context at a state its reads already know as new (a fast state's next run). */
  bind(state: SimState): void {
    this.state = state;
  }

  at(state: SimState, goldstein = 0): this {
    if (state !== this.state) this.reads.forget();
    this.state = state;
    this.g = goldstein;
    return this;
  }

  rel(from: ActorId, to: ActorId): number {
    return this.reads.score(this.state, pairSlot(from, to));
  }
  /** `rel` of a pair whose slot the caller holds. */
  relOf(slot: PairSlot): number {
    return this.reads.score(this.state, slot);
  }
  /** Whether `f` holds; `slot` ≥ 0 when it reads only choices and assumptions (plan.ts), so it may be kept. */
  holdsKept(f: Formula, slot: number): boolean {
    return slot >= 0 ? this.reads.holdsKept(f, slot, this) : evaluate(f, this) !== 0;
  }
  assumption(id: string): number {
    return this.state.assumptions[id] ?? 0;
  }
  indicator(id: string): number {
    return indicatorValue(this.state, id);
  }
  tension(): number {
    const m = this.scenario.model;
    return this.reads.tension(this.state, m.tensionInitial, m.tensionFadePerMonth);
  }
  posture(actor: ActorId, posture: string): boolean {
    return this.state.postures[actor] === posture;
  }
  chosen(decision: string, option: string): boolean {
    return historyChoice(this.state, decision)?.option === option;
  }
  happened(event: string): boolean {
    return historyHappened(this.state, event);
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
