/**
 * The seam between the step recipes (step.ts, effects.ts) and the state they build. A recipe reads the state
 * (`s`, typed read-only) and changes it only through a `RunState`, so a recipe cannot write past it: every
 * write below is a method, and the types refuse a direct one.
 *
 * Two implementations:
 * - `DraftState` (here): an Immer draft, for the immutable history (`next`, `decide`); plain writes.
 * - `FastState` (fast-state.ts): one plain object played to its end by Monte Carlo, which also remembers
 *   scores, kept values and postures within a run. It can do so only because every change arrives through
 *   these methods: the contract "report what you changed" is this interface, not a comment.
 */
import type { Draft } from 'immer';
import type { ActorId, Day, Scenario, Tie } from './model.js';
import type { AgendaItem, Choice, LogEntry, Modifier, PendingDecision, SimState, TensionContribution } from './state.js';
import type { PairSlot } from './keys.js';
import type { EventPlan } from './plan.js';
import { clamp, modifierNow } from './ledger.js';
import { drawUniform } from './rng.js';
import { StateContext } from './context.js';
import { eventPlan, planOf } from './plan.js';

export interface RunState {
  /** The state being built. Read it; change it only through the methods below. */
  readonly s: SimState;
  readonly scenario: Scenario;
  /** The context formulas read on this state (its scores come from the implementation). */
  readonly ctx: StateContext;

  /** The plan of an agenda item's event. */
  planOf(item: AgendaItem): EventPlan;
  /** The current posture of actor `k` of the plan's `postures`. */
  posture(k: number, actor: ActorId): string;
  /**
   * A value that reads only assumptions (and a fixed Goldstein weight), by its plan slot (plan `keep`, ≥ 0):
   * NaN when it has not been worked out in this run. `keep` records it.
   */
  kept(slot: number): number;
  keep(slot: number, value: number): void;

  /** Takes the next item off the agenda (undefined: nothing left). */
  takeNext(): AgendaItem | undefined;
  /** Inserts an item in (date, seq) order; `nextSeq` hands out its seq. */
  schedule(item: AgendaItem): void;
  nextSeq(): number;
  /** Moves the date forward to `date` (never back). */
  advanceTo(date: Day): void;
  markHappened(event: string): void;
  setPending(p: PendingDecision | null): void;
  /** Adds a modifier; one with the same key and a cap stacks onto the existing one, up to |cap|. */
  addModifier(slot: PairSlot, m: Modifier): void;
  addTension(c: TensionContribution): void;
  /** Adds `value` to an indicator, or sets it. */
  indicator(id: string, value: number, set: boolean): void;
  /** `by`: the plan object of the effect (the same for the same change). */
  addTie(tie: Tie, by: object): void;
  endTie(id: string, by: object): void;
  setPosture(k: number, actor: ActorId, to: string): void;
  /** Consumes the decision stream's next draw. */
  draw(): number;
  choose(decision: string, choice: Choice): void;
  log(entry: LogEntry): void;
  /** The step is complete. */
  endStep(): void;
}

/** Inserts keeping (date, seq) order. */
export function insertByDate(a: AgendaItem[], item: AgendaItem): void {
  let i = a.length;
  while (i > 0) {
    const prev = a[i - 1] as AgendaItem;
    if (prev.date < item.date || (prev.date === item.date && prev.seq < item.seq)) break;
    i--;
  }
  a.splice(i, 0, item);
}

/** Adds `m` to a pair's list (stacking a capped one onto the first with its key); returns the index written. */
export function addToList(list: Modifier[], m: Modifier, date: Day): number {
  if (m.cap !== null) {
    const cap = Math.abs(m.cap);
    const i = list.findIndex((x) => x.key === m.key);
    if (i >= 0) {
      const prev = modifierNow(list[i] as Modifier, date);
      list[i] = { ...m, value: clamp(prev + m.value, -cap, cap) };
      return i;
    }
    list.push({ ...m, value: clamp(m.value, -cap, cap) });
    return list.length - 1;
  }
  list.push(m);
  return list.length - 1;
}

/** Removes the tie with this id, if any; returns whether one was there. */
export function removeTie(ties: Tie[], id: string): void {
  const i = ties.findIndex((t) => t.id === id);
  if (i >= 0) ties.splice(i, 1);
}

/** The history's implementation: writes go straight into the Immer draft; nothing is remembered. */
export class DraftState implements RunState {
  readonly ctx: StateContext;
  private readonly d: Draft<SimState>;

  constructor(
    readonly scenario: Scenario,
    draft: Draft<SimState>,
  ) {
    this.d = draft;
    this.ctx = new StateContext(scenario, draft as SimState);
  }

  get s(): SimState {
    return this.d as SimState;
  }

  planOf(item: AgendaItem): EventPlan {
    const all = planOf(this.scenario);
    return all.events.get(item.event) ?? eventPlan(this.scenario, this.scenario.events[item.event]!, all);
  }
  posture(_k: number, actor: ActorId): string {
    return this.d.postures[actor] as string;
  }
  kept(): number {
    return NaN;
  }
  keep(): void {}
  takeNext(): AgendaItem | undefined {
    return this.d.agenda.shift() as AgendaItem | undefined;
  }
  schedule(item: AgendaItem): void {
    insertByDate(this.d.agenda as AgendaItem[], item);
  }
  nextSeq(): number {
    return this.d.seq++;
  }
  advanceTo(date: Day): void {
    if (date > this.d.date) this.d.date = date;
  }
  markHappened(event: string): void {
    this.d.happened[event] = this.d.date;
  }
  setPending(p: PendingDecision | null): void {
    this.d.pending = p;
  }
  addModifier(slot: PairSlot, m: Modifier): void {
    addToList((this.d.ledger[slot.key] ??= []) as Modifier[], m, this.d.date);
  }
  addTension(c: TensionContribution): void {
    this.d.tension.push(c);
  }
  indicator(id: string, value: number, set: boolean): void {
    this.d.indicators[id] = set ? value : (this.d.indicators[id] ?? 0) + value;
  }
  addTie(tie: Tie): void {
    removeTie(this.d.ties as Tie[], tie.id);
    this.d.ties.push(tie as Draft<Tie>);
  }
  endTie(id: string): void {
    removeTie(this.d.ties as Tie[], id);
  }
  setPosture(_k: number, actor: ActorId, to: string): void {
    this.d.postures[actor] = to;
  }
  draw(): number {
    const { u, next } = drawUniform(this.d.rng.decisions);
    this.d.rng.decisions = next;
    return u;
  }
  choose(decision: string, choice: Choice): void {
    this.d.choices[decision] = choice as Draft<Choice>;
  }
  log(entry: LogEntry): void {
    this.d.log.push(entry as Draft<LogEntry>);
  }
  endStep(): void {
    this.d.step++;
  }
}
