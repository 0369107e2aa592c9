/**
 * The Monte Carlo implementation of the recipes' seam (run-state.ts): one plain, mutable state played to its
 * end, with what can be remembered within a run because every change arrives through a `RunState` method:
 * scores and tension (score-memo.ts), conditions that read only choices and assumptions (until the next
 * choice), values that read only assumptions (plan `keep` slots; these outlive a run when the next run has
 * the same assumptions, as an ensemble's runs do), each actor's posture, the live decision stream and the
 * position in the timeline. Every answer is the one the plain definition gives; the history (DraftState)
 * never uses any of it, so the tests that compare the two paths compare independent code.
 */
import type { ActorId, Day, EvalContext, Formula, Scenario, Tie } from './model.js';
import type { AgendaItem, Choice, IndicatorPart, LogEntry, Modifier, PendingDecision, SimState, TensionContribution } from './state.js';
import type { PairSlot } from './keys.js';
import { StateContext, type ContextReads } from './context.js';
import { addToList, insertByDate, removeTie, type RunState } from './run-state.js';
import { ScoreMemo } from './score-memo.js';
import { eventPlan, planOf, type EventPlan, type Plan } from './plan.js';
import { liveStream, type LiveStream, type StreamState } from './rng.js';

/** One idle fast state per scenario (FastState.acquire). */
const pool = new WeakMap<Scenario, FastState>();

/** The fields of SimState a fast state writes (the state is a plain object it owns). */
type Writable = { -readonly [K in keyof SimState]: SimState[K] };

export class FastState implements RunState, ContextReads {
  readonly ctx: StateContext;
  private w: Writable;
  private readonly plan: Plan;
  private readonly scores: ScoreMemo;
  private generation = 1;
  /** Posture conditions kept since the last choice, by the slots of the posture table (postures.ts); grown on demand. */
  private guardStamps = new Int32Array(16);
  private guardValues = new Uint8Array(16);
  private readonly keptValues: Float64Array;
  private readonly keptStamps: Int32Array;
  private keptEpoch = 1;
  /** The assumptions (plan order) the kept values were computed with. */
  private readonly keptFor: Float64Array;
  /** Current posture of each actor by its index in the run's `Countries` (postures.ts), read from the state on first use. */
  private postures: string[] | undefined;
  /** The run's decision stream, live, and the state it last wrote (if the state holds another, rebuild). */
  private stream: LiveStream | undefined;
  private streamState: StreamState | undefined;
  /** The timeline item the run takes off the agenda next (its index in the plan's timeline); -1: unknown. */
  private cursor = 0;
  private busy = false;

  constructor(
    readonly scenario: Scenario,
    s: SimState,
  ) {
    this.plan = planOf(scenario);
    this.scores = new ScoreMemo(scenario);
    this.keptValues = new Float64Array(this.plan.keepSlots);
    this.keptStamps = new Int32Array(this.plan.keepSlots);
    this.keptFor = new Float64Array(this.plan.assumptionIds.length).fill(NaN);
    this.w = s as Writable;
    this.ctx = new StateContext(scenario, s, this);
    this.begin(s);
  }

  /**
   * The scenario's fast state for a run from `s` (an initial state of `scenario`, which it then owns),
   * reused run after run (typed arrays cost a malloc each, which showed in profiles); a fresh one when it is
   * in use. `release` when the run ends.
   */
  static acquire(scenario: Scenario, s: SimState, stream?: LiveStream): FastState {
    let f = pool.get(scenario);
    if (f === undefined) pool.set(scenario, (f = new FastState(scenario, s)));
    else if (f.busy) f = new FastState(scenario, s);
    else f.begin(s);
    f.busy = true;
    if (stream !== undefined) {
      f.stream = stream;
      f.streamState = s.rng.decisions;
    }
    return f;
  }

  release(): void {
    this.busy = false;
  }

  get s(): SimState {
    return this.w;
  }

  /** Forget the last run: new epochs make every kept entry stale without touching the arrays. */
  private begin(s: SimState): void {
    this.w = s as Writable;
    this.ctx.bind(s);
    if (this.generation > 0x3fffffff || this.keptEpoch > 0x3fffffff) {
      this.guardStamps.fill(0);
      this.keptStamps.fill(0);
      this.generation = 1;
      this.keptEpoch = 1;
    }
    // Kept values stay only for the very same assumption values.
    const ids = this.plan.assumptionIds;
    const was = this.keptFor;
    for (let i = 0; i < ids.length; i++) {
      if ((s.assumptions[ids[i] as string] ?? 0) !== was[i]) {
        this.keptEpoch++;
        for (let j = 0; j < ids.length; j++) was[j] = s.assumptions[ids[j] as string] ?? 0;
        break;
      }
    }
    this.scores.begin();
    this.cursor = 0;
    this.stream = undefined;
    this.streamState = undefined;
    this.generation++;
    this.postures = undefined;
  }

  // ContextReads: what the state's context asks.
  score(s: SimState, slot: PairSlot): number {
    return this.scores.score(s, slot);
  }
  holdsKept(f: Formula, slot: number, ctx: EvalContext): boolean {
    if (slot >= this.guardStamps.length) this.growGuards(slot);
    if (this.guardStamps[slot] === this.generation) return this.guardValues[slot] === 1;
    const v = (f.constant ?? f.evaluate(ctx)) !== 0;
    this.guardStamps[slot] = this.generation;
    this.guardValues[slot] = v ? 1 : 0;
    return v;
  }
  tension(s: SimState, initial: number, fadePerMonth: number): number {
    return this.scores.tension(s, initial, fadePerMonth);
  }
  /** The context was pointed at another state: nothing read from this one holds there. */
  forget(): void {
    this.cursor = -1;
    this.scores.begin();
    this.scores.tiesChanged();
    this.keptEpoch++;
    this.keptFor.fill(NaN);
    this.generation++;
    this.postures = undefined;
  }

  // RunState.
  planOf(item: AgendaItem): EventPlan {
    // A run starts from the plan's timeline items and takes them off in order: no lookup by id for those.
    const k = this.cursor;
    if (k >= 0 && this.plan.timeline[k] === item) {
      this.cursor = k + 1;
      return this.plan.timelinePlans[k] as EventPlan;
    }
    return this.plan.events.get(item.event) ?? eventPlan(this.scenario, this.scenario.events[item.event]!, this.plan);
  }
  posture(k: number, actor: ActorId): string {
    const names = (this.postures ??= []);
    return (names[k] ??= this.w.postures[actor] as string);
  }
  kept(slot: number): number {
    return this.keptStamps[slot] === this.keptEpoch ? (this.keptValues[slot] as number) : NaN;
  }
  keep(slot: number, value: number): void {
    this.keptValues[slot] = value;
    this.keptStamps[slot] = this.keptEpoch;
  }
  takeNext(): AgendaItem | undefined {
    return (this.w.agenda as AgendaItem[]).shift();
  }
  schedule(item: AgendaItem): void {
    insertByDate(this.w.agenda as AgendaItem[], item);
  }
  nextSeq(): number {
    return this.w.seq++;
  }
  advanceTo(date: Day): void {
    if (date > this.w.date) this.w.date = date;
  }
  markHappened(event: string): void {
    (this.w.happened as Record<string, Day>)[event] = this.w.date;
  }
  markHeld(prediction: string, date: Day): void {
    ((this.w as { held?: Record<string, Day> }).held ??= {})[prediction] = date;
  }
  setPending(p: PendingDecision | null): void {
    this.w.pending = p;
  }
  addModifier(slot: PairSlot, m: Modifier): void {
    const s = this.w;
    let list = this.scores.listOf(s, slot);
    if (list === undefined) this.scores.listMade(slot, (list = (s.ledger as Record<string, Modifier[]>)[slot.key] = []));
    this.scores.modifierSet(slot, list, addToList(list, m, s.date), s.date);
  }
  addTension(c: TensionContribution): void {
    (this.w.tension as TensionContribution[]).push(c);
  }
  indicator(id: string, value: number, set: boolean): void {
    const ind = this.w.indicators as Record<string, number>;
    ind[id] = set ? value : (ind[id] ?? 0) + value;
    const fading = this.w.fading as Record<string, IndicatorPart[]> | undefined;
    if (set && fading?.[id] !== undefined) delete fading[id];
  }
  addIndicatorPart(id: string, part: IndicatorPart): void {
    const w = this.w as { fading?: Record<string, IndicatorPart[]> };
    ((w.fading ??= {})[id] ??= []).push(part);
  }
  addTie(tie: Tie, by: object): void {
    const ties = this.w.ties as Tie[];
    removeTie(ties, tie.id);
    ties.push(tie);
    this.scores.tiesChanged(by);
  }
  endTie(id: string, by: object): void {
    removeTie(this.w.ties as Tie[], id);
    this.scores.tiesChanged(by);
  }
  setPosture(k: number, actor: ActorId, to: string): void {
    (this.w.postures as Record<ActorId, string>)[actor] = to;
    if (this.postures !== undefined) this.postures[k] = to;
  }
  draw(): number {
    const from = this.w.rng.decisions;
    if (this.stream === undefined || this.streamState !== from) this.stream = liveStream(from);
    const u = this.stream();
    const next = this.stream.state();
    this.streamState = next;
    (this.w.rng as { decisions: StreamState }).decisions = next;
    return u;
  }
  choose(decision: string, choice: Choice): void {
    (this.w.choices as Record<string, Choice>)[decision] = choice;
    this.generation++; // conditions that read choices may read otherwise now
  }
  log(entry: LogEntry): void {
    (this.w.log as LogEntry[]).push(entry);
  }
  endStep(): void {
    this.w.step++;
  }

  private growGuards(slot: number): void {
    const n = Math.max(slot + 1, this.guardStamps.length * 2);
    this.guardStamps = grown(this.guardStamps, new Int32Array(n));
    this.guardValues = grown(this.guardValues, new Uint8Array(n));
  }
}

/** `to`, a larger array of the same kind, holding `from`'s entries first. */
function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
