/**
 * What the Monte Carlo path (`runFast`) remembers within one run, where one mutable state is played to its end
 * by the recipes alone: scores already summed today, posture conditions that cannot have changed, where each
 * actor's posture stands. Every answer is exactly the one the plain definition gives (scores: the same terms
 * added in the same order, so the float sums are bit-identical).
 *
 * It is only valid while every change goes through the recipes, which report them (`ledgerChanged`,
 * `tiesChanged`, `choicesChanged`, `postureChanged`); a new date is seen on the next read. The immutable
 * history (Immer) never uses it, so the tests that compare the two paths compare independent code.
 */
import type { EvalContext, Formula, Scenario, Tie } from './model.js';
import type { AgendaItem, Modifier, PairSlot, SimState } from './state.js';
import { SCORE_MAX, SCORE_MIN, clamp, modifierNow, tieApplies } from './ledger.js';
import { planOf, type EventPlan } from './plan.js';
import { liveStream, type LiveStream, type StreamState } from './rng.js';

type TieValues = (readonly number[] | undefined)[];

/**
 * Tie values by pair for one sequence of tie changes since an initial state: the same sequence always gives
 * the same ties, so runs share the tables (`next` is keyed by the effect that changed them).
 */
interface TieNode {
  readonly values: TieValues;
  readonly next: Map<object, TieNode>;
}

/** The tie nodes per scenario, and how many there are (the tree stops growing at MAX_TIE_NODES). */
const tieTrees = new WeakMap<Scenario, { readonly root: TieNode; count: number }>();
const MAX_TIE_NODES = 256;

/** One idle memo per scenario (RunMemo.acquire). */
const pool = new WeakMap<Scenario, RunMemo>();

function tieValues(ties: readonly Tie[], slot: PairSlot): readonly number[] {
  const values: number[] = [];
  for (const t of ties) if (tieApplies(t, slot.from, slot.to)) values.push(t.value);
  return values;
}

export class RunMemo {
  private date = NaN;
  /** A score entry is valid when its stamp equals `epoch`; a new date or new ties start a new epoch. */
  private epoch = 1;
  private stamps: Int32Array;
  private sums: Float64Array;
  /**
   * Each pair's list of modifiers in this run's state, where `listStamps` equals `listEpoch`: on the Monte Carlo
   * path a pair's list, once made, is changed in place, so looking it up again by key (a megamorphic keyed
   * load, among the costliest reads of a run) is needed only once per run.
   */
  private lists: (Modifier[] | undefined)[] = [];
  private listStamps: Int32Array;
  private listEpoch = 1;
  private readonly tree: { readonly root: TieNode; count: number };
  /** The shared node of the state's ties, or undefined once they are not known to be the scenario's. */
  private node: TieNode | undefined;
  private ownTies: TieValues = [];
  private generation = 1;
  /** Posture conditions kept since the last choice, by the slots of the posture table (core/postures.ts). */
  private guardStamps = new Int32Array(16);
  private guardValues = new Uint8Array(16);
  private assumptions = new Float64Array(16).fill(NaN);
  /**
   * Values that read only assumptions (plan.ts `keep` slots), valid while `keptStamps[slot]` equals `keptEpoch`.
   * Unlike everything else here they outlive a run: the next run of the pool's memo keeps them when its
   * assumptions are the same numbers (an ensemble's runs differ only in their seeds).
   */
  private keptValues: Float64Array;
  private keptStamps: Int32Array;
  private keptEpoch = 1;
  /** The assumptions (plan order) the kept values were computed with. */
  private readonly keptFor: Float64Array;
  private readonly assumptionIds: readonly string[];
  /** Current posture of each actor of the posture table (core/postures.ts), read from the state on first use. */
  private postures: string[] | undefined;

  /** The run's decision stream, live, and the state it last wrote (if the state holds another, rebuild). */
  private stream: LiveStream | undefined;
  private streamState: StreamState | undefined;

  /** The timeline item the run takes off the agenda next (its index in the plan's timeline); -1: unknown. */
  private cursor = 0;
  private readonly timeline: readonly AgendaItem[];
  private readonly timelinePlans: readonly EventPlan[];

  private busy = false;

  constructor(scenario: Scenario) {
    let tree = tieTrees.get(scenario);
    if (tree === undefined) tieTrees.set(scenario, (tree = { root: { values: [], next: new Map() }, count: 1 }));
    this.tree = tree;
    this.node = tree.root;
    const plan = planOf(scenario);
    this.keptValues = new Float64Array(plan.keepSlots);
    this.keptStamps = new Int32Array(plan.keepSlots);
    this.assumptionIds = plan.assumptionIds;
    this.timeline = plan.timeline;
    this.timelinePlans = plan.timelinePlans;
    this.keptFor = new Float64Array(plan.assumptionIds.length).fill(NaN);
    this.stamps = new Int32Array(64);
    this.sums = new Float64Array(64);
    this.listStamps = new Int32Array(64);
  }

  /**
   * The scenario's memo for one run, reused run after run (typed arrays cost a malloc each, which showed in
   * profiles); a fresh one when it is in use. The run starts from `s`, an initial state of `scenario`;
   * `release` when it ends.
   */
  static acquire(scenario: Scenario, s: SimState): RunMemo {
    let m = pool.get(scenario);
    if (m === undefined) pool.set(scenario, (m = new RunMemo(scenario)));
    else if (m.busy) m = new RunMemo(scenario);
    m.begin(s);
    return m;
  }

  release(): void {
    this.busy = false;
  }

  /** Forget the last run: new epochs make every kept entry stale without touching the arrays. */
  private begin(s: SimState): void {
    const limit = 0x3fffffff; // stamps are Int32Array entries: start again long before they could wrap
    if (this.epoch > limit || this.generation > limit || this.keptEpoch > limit || this.listEpoch > limit) {
      this.stamps.fill(0);
      this.guardStamps.fill(0);
      this.keptStamps.fill(0);
      this.listStamps.fill(0);
      this.listEpoch = 1;
      this.epoch = 1;
      this.generation = 1;
      this.keptEpoch = 1;
    }
    // Kept values stay only for the very same assumption values.
    const ids = this.assumptionIds;
    const was = this.keptFor;
    for (let i = 0; i < ids.length; i++) {
      const v = s.assumptions[ids[i] as string] ?? 0;
      if (v !== was[i]) {
        this.keptEpoch++;
        for (let j = 0; j < ids.length; j++) was[j] = s.assumptions[ids[j] as string] ?? 0;
        break;
      }
    }
    this.busy = true;
    this.cursor = 0;
    this.stream = undefined;
    this.streamState = undefined;
    this.listEpoch++;
    this.date = NaN;
    this.epoch++;
    this.generation++;
    this.node = this.tree.root;
    this.assumptions.fill(NaN);
    this.postures = undefined;
  }

  score(s: SimState, slot: PairSlot): number {
    const i = slot.index;
    if (s.date !== this.date) {
      this.date = s.date;
      this.epoch++;
    }
    if (i >= this.stamps.length) this.grow(i);
    let sum: number;
    if (this.stamps[i] === this.epoch) sum = this.sums[i] as number;
    else {
      // The same fold as rawScore: modifiers in ledger order from 0, then the ties in state order.
      sum = 0;
      const mods = this.listStamps[i] === this.listEpoch ? this.lists[i] : this.listOf(s, slot);
      if (mods) for (const m of mods) sum += modifierNow(m, s.date);
      const table = this.node ? this.node.values : this.ownTies;
      let tv = table[i];
      if (tv === undefined) table[i] = tv = tieValues(s.ties, slot);
      for (const v of tv) sum += v;
      this.stamps[i] = this.epoch;
      this.sums[i] = sum;
    }
    return clamp(sum, SCORE_MIN, SCORE_MAX);
  }

  /** The pair's list of modifiers in the state (undefined: none yet; a recipe that makes one says `listMade`). */
  listOf(s: SimState, slot: PairSlot): Modifier[] | undefined {
    const i = slot.index;
    if (i >= this.stamps.length) this.grow(i);
    if (this.listStamps[i] === this.listEpoch) return this.lists[i];
    const list = s.ledger[slot.key] as Modifier[] | undefined;
    this.lists[i] = list;
    this.listStamps[i] = this.listEpoch;
    return list;
  }

  /** A modifier of the pair was added or changed. */
  ledgerChanged(slot: PairSlot): void {
    if (slot.index < this.stamps.length) this.stamps[slot.index] = 0;
  }

  /** The recipe gave the pair its first list (after `listOf` found none). */
  listMade(slot: PairSlot, list: Modifier[]): void {
    this.lists[slot.index] = list;
  }

  /** The effect `by` (a plan object, the same for the same change) added or ended a tie; none: unknown change. */
  tiesChanged(by?: object): void {
    this.epoch++;
    const node = this.node;
    let next: TieNode | undefined;
    if (node !== undefined && by !== undefined) {
      next = node.next.get(by);
      if (next === undefined && this.tree.count < MAX_TIE_NODES) {
        node.next.set(by, (next = { values: [], next: new Map() }));
        this.tree.count++;
      }
    }
    this.node = next;
    if (next === undefined) this.ownTies = [];
  }

  /** Whether `f` holds, kept since the last choice (`slot` from the plan: it reads only choices and assumptions). */
  holds(f: Formula, slot: number, ctx: EvalContext): boolean {
    if (slot >= this.guardStamps.length) this.growGuards(slot);
    if (this.guardStamps[slot] === this.generation) return this.guardValues[slot] === 1;
    const v = (f.constant ?? f.evaluate(ctx)) !== 0;
    this.guardStamps[slot] = this.generation;
    this.guardValues[slot] = v ? 1 : 0;
    return v;
  }

  /** Draw from `stream`, live, while the state holds `state` (its state now). */
  drawFrom(stream: LiveStream, state: StreamState): void {
    this.stream = stream;
    this.streamState = state;
  }

  /** `drawUniform(s.rng.decisions)`, from a stream kept live for the run. */
  draw(s: SimState): { u: number; next: StreamState } {
    const from = s.rng.decisions;
    if (this.stream === undefined || this.streamState !== from) this.stream = liveStream(from);
    const u = this.stream();
    const next = this.stream.state();
    this.streamState = next;
    return { u, next };
  }

  /**
   * The plan of `item` if it is the run's next timeline item (a run starts from the plan's timeline items and
   * takes them off in order), without looking its event up by id; undefined otherwise.
   */
  timelinePlan(item: AgendaItem): EventPlan | undefined {
    const k = this.cursor;
    if (k < 0 || this.timeline[k] !== item) return undefined;
    this.cursor = k + 1;
    return this.timelinePlans[k];
  }

  choicesChanged(): void {
    this.generation++;
  }

  /** Whether a value is kept in `slot` (plan.ts `keep`; slot ≥ 0). */
  has(slot: number): boolean {
    return this.keptStamps[slot] === this.keptEpoch;
  }

  /** The value kept in `slot` (when `has(slot)`). */
  kept(slot: number): number {
    return this.keptValues[slot] as number;
  }

  /** Keeps `value`, which reads only the run's assumptions, in `slot`. */
  keep(slot: number, value: number): void {
    this.keptValues[slot] = value;
    this.keptStamps[slot] = this.keptEpoch;
  }

  /** The postures in the posture table's order (mutable: the table writes changes to it and to the state). */
  posturesOf(s: SimState, actors: readonly { readonly actor: string }[]): string[] {
    return (this.postures ??= actors.map((p) => s.postures[p.actor] as string));
  }

  /** `state.assumptions[id] ?? 0`, kept for the run (assumptions never change in one); NaN: not read yet. */
  assumption(s: SimState, id: string, index: number): number {
    let a = this.assumptions;
    if (index >= a.length) {
      const grown = new Float64Array(Math.max(index + 1, a.length * 2)).fill(NaN);
      grown.set(a);
      this.assumptions = a = grown;
    }
    let v = a[index] as number;
    if (v !== v) a[index] = v = s.assumptions[id] ?? 0;
    return v;
  }

  /** Forget what was read from another state. */
  reset(): void {
    this.cursor = -1;
    this.listEpoch++;
    this.keptEpoch++;
    this.keptFor.fill(NaN);
    this.assumptions.fill(NaN);
    this.tiesChanged();
    this.choicesChanged();
    this.postures = undefined;
  }

  private growGuards(slot: number): void {
    const n = Math.max(slot + 1, this.guardStamps.length * 2);
    this.guardStamps = grown(this.guardStamps, new Int32Array(n));
    this.guardValues = grown(this.guardValues, new Uint8Array(n));
  }

  private grow(i: number): void {
    const n = Math.max(i + 1, this.stamps.length * 2);
    const stamps = new Int32Array(n);
    stamps.set(this.stamps);
    const sums = new Float64Array(n);
    sums.set(this.sums);
    const listStamps = new Int32Array(n);
    listStamps.set(this.listStamps);
    this.stamps = stamps;
    this.sums = sums;
    this.listStamps = listStamps;
  }
}

/** `to`, a larger array of the same kind, holding `from`'s entries first. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
