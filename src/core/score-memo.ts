/**
 * Scores and world tension within one Monte Carlo run (fast-state.ts), where a single mutable state is played
 * to its end and every change to it is reported. Each answer is exactly the plain definition's (ledger.ts):
 * the same terms added in the same order, so the float sums are bit-identical.
 *
 * Faded-out terms cost nothing: a modifier (or tension contribution) whose value has faded to zero stays zero,
 * since dates only move forward, so a sum drops it from its list of live terms the first time it reads zero.
 * Skipping a +0 term leaves an IEEE sum unchanged (the sums start at +0 and never become -0). The state keeps
 * every modifier, so `explain` and the why view still list faded causes; only this run's sums forget them.
 * A capped modifier that stacks onto another replaces it in the list; the live terms are then listed afresh.
 */
import type { Scenario, Tie } from './model.js';
import type { Modifier, SimState, TensionContribution } from './state.js';
import type { PairSlot } from './keys.js';
import { lowerBound } from './sorted.js';
import { SCORE_MAX, SCORE_MIN, clamp, modifierNow, tensionNow, tieApplies } from './ledger.js';

type TieValues = (readonly number[] | undefined)[];

const NO_TERMS: Modifier[] = [];
const NO_INDEXES: number[] = [];

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

function tieValues(ties: readonly Tie[], slot: PairSlot): readonly number[] {
  const values: number[] = [];
  for (const t of ties) if (tieApplies(t, slot.from, slot.to)) values.push(t.value);
  return values;
}

export class ScoreMemo {
  private date = NaN;
  /** A score entry is valid when its stamp equals `epoch`; a new date or new ties start a new epoch. */
  private epoch = 1;
  /**
   * The epoch of the last new ties (or run): an entry of a pair whose terms are all fixed (`fixed`: no live
   * modifier fades) stays valid from date to date while its stamp is at least `since`, as its sum would add the
   * same terms to the same total. Scores of quiet pairs then cost nothing however many actors read them.
   */
  private since = 1;
  private stamps = new Int32Array(64);
  private sums = new Float64Array(64);
  private fixed = new Uint8Array(64);
  /**
   * Each pair's list of modifiers in this run's state and the indexes of its live terms, valid where
   * `listStamps` equals `listEpoch`: a pair's list, once made, is changed in place, so looking it up by key
   * (a megamorphic keyed load) is needed once per run.
   */
  private lists: (Modifier[] | undefined)[] = [];
  /** Per pair, the modifiers of its list whose value has not faded to 0, in list order, and their list indexes. */
  private live: Modifier[][] = [];
  private liveAt: number[][] = [];
  private listStamps = new Int32Array(64);
  private listEpoch = 1;
  private readonly tree: { readonly root: TieNode; count: number };
  /** The shared node of the state's ties, or undefined once they are not known to be the scenario's. */
  private node: TieNode | undefined;
  private ownTies: TieValues = [];
  /** Live tension contributions (in state order), how many of the state's were seen, the last sum and when. */
  private tensionLive: TensionContribution[] = [];
  private tensionSeen = 0;
  private tensionDate = NaN;
  private tensionCount = -1;
  private tensionSum = 0;

  constructor(scenario: Scenario) {
    let tree = tieTrees.get(scenario);
    if (tree === undefined) tieTrees.set(scenario, (tree = { root: { values: [], next: new Map() }, count: 1 }));
    this.tree = tree;
    this.node = tree.root;
  }

  /** Forget the last run (or another state): new epochs make every entry stale without touching the arrays. */
  begin(): void {
    if (this.epoch > 0x3fffffff || this.listEpoch > 0x3fffffff) {
      this.stamps.fill(0);
      this.listStamps.fill(0);
      this.epoch = 1;
      this.listEpoch = 1;
    }
    this.listEpoch++;
    this.date = NaN;
    this.epoch++;
    this.since = this.epoch;
    this.node = this.tree.root;
    this.tensionLive = [];
    this.tensionSeen = 0;
    this.tensionCount = -1;
  }

  score(s: SimState, slot: PairSlot): number {
    const i = slot.index;
    if (s.date !== this.date) {
      this.date = s.date;
      this.epoch++;
    }
    if (i >= this.stamps.length) this.grow(i);
    let sum: number;
    const stamp = this.stamps[i] as number;
    if (stamp === this.epoch || (stamp >= this.since && this.fixed[i] === 1)) sum = this.sums[i] as number;
    else {
      // The same fold as rawScore: modifiers in ledger order from 0 (less those already faded to 0), then
      // the ties in state order.
      sum = 0;
      let fixed = 1;
      const mods = this.listStamps[i] === this.listEpoch ? this.lists[i] : this.listOf(s, slot);
      if (mods !== undefined) {
        const live = this.live[i] as Modifier[];
        const at = this.liveAt[i] as number[];
        const date = s.date;
        let w = 0;
        for (let r = 0; r < live.length; r++) {
          const m = live[r] as Modifier;
          const v = modifierNow(m, date);
          if (v === 0) continue;
          if (w !== r) {
            live[w] = m;
            at[w] = at[r] as number;
          }
          w++;
          sum += v;
          if (m.fade > 0) fixed = 0;
        }
        if (w !== live.length) live.length = at.length = w;
      }
      const table = this.node ? this.node.values : this.ownTies;
      let tv = table[i];
      if (tv === undefined) table[i] = tv = tieValues(s.ties, slot);
      for (const v of tv) sum += v;
      this.stamps[i] = this.epoch;
      this.sums[i] = sum;
      this.fixed[i] = fixed;
    }
    return clamp(sum, SCORE_MIN, SCORE_MAX);
  }

  /** The pair's list of modifiers in the state (undefined: none yet; whoever makes one says `listMade`). */
  listOf(s: SimState, slot: PairSlot): Modifier[] | undefined {
    const i = slot.index;
    if (i >= this.stamps.length) this.grow(i);
    if (this.listStamps[i] === this.listEpoch) return this.lists[i];
    const list = s.ledger[slot.key] as Modifier[] | undefined;
    this.lists[i] = list;
    // A pair without a list shares one empty live list (never written: listMade gives it its own).
    this.live[i] = list === undefined ? NO_TERMS : list.slice();
    this.liveAt[i] = list === undefined ? NO_INDEXES : list.map((_, k) => k);
    this.listStamps[i] = this.listEpoch;
    return list;
  }

  /** The pair got its first list (after `listOf` found none). */
  listMade(slot: PairSlot, list: Modifier[]): void {
    this.lists[slot.index] = list;
    this.live[slot.index] = [];
    this.liveAt[slot.index] = [];
  }

  /**
   * Entry `k` of the pair's list (`list`, as `listOf` gave it) was written: pushed at the end, or replaced by a
   * capped merge. A replaced entry takes the old one's place among the live terms, or is put back in list order
   * if they had dropped it (faded to 0), so the sum adds the same terms in the same order as the plain fold,
   * at a cost that does not grow with the list.
   */
  modifierSet(slot: PairSlot, list: readonly Modifier[], k: number, date: number): void {
    const i = slot.index;
    this.stamps[i] = 0;
    const live = this.live[i] as Modifier[];
    const at = this.liveAt[i] as number[];
    const m = list[k] as Modifier;
    if (k === list.length - 1 && (at.length === 0 || (at[at.length - 1] as number) < k)) {
      live.push(m);
      at.push(k);
      return;
    }
    const lo = lowerBound(at, k);
    const zero = modifierNow(m, date) === 0;
    if (at[lo] === k) {
      if (zero) {
        live.splice(lo, 1);
        at.splice(lo, 1);
      } else live[lo] = m;
    } else if (!zero) {
      live.splice(lo, 0, m);
      at.splice(lo, 0, k);
    }
  }

  /** The effect `by` (a plan object, the same for the same change) added or ended a tie; none: unknown change. */
  tiesChanged(by?: object): void {
    this.epoch++;
    this.since = this.epoch;
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

  /** `tension(s, initial, fadePerMonth)` (ledger.ts), over the contributions that have not faded out. */
  tension(s: SimState, initial: number, fadePerMonth: number): number {
    const all = s.tension;
    if (s.date === this.tensionDate && all.length === this.tensionCount) return this.tensionSum;
    const live = this.tensionLive;
    for (let k = this.tensionSeen; k < all.length; k++) live.push(all[k]!);
    this.tensionSeen = all.length;
    let sum = initial;
    let w = 0;
    for (let r = 0; r < live.length; r++) {
      const c = live[r]!;
      const v = tensionNow(c, s.date, fadePerMonth);
      if (v === 0) continue;
      if (w !== r) live[w] = c;
      w++;
      sum += v;
    }
    if (w !== live.length) live.length = w;
    this.tensionDate = s.date;
    this.tensionCount = all.length;
    return (this.tensionSum = clamp(sum, 0, 100));
  }

  private grow(i: number): void {
    const n = Math.max(i + 1, this.stamps.length * 2);
    const stamps = new Int32Array(n);
    stamps.set(this.stamps);
    const sums = new Float64Array(n);
    sums.set(this.sums);
    const listStamps = new Int32Array(n);
    listStamps.set(this.listStamps);
    const fixed = new Uint8Array(n);
    fixed.set(this.fixed);
    this.fixed = fixed;
    this.stamps = stamps;
    this.sums = sums;
    this.listStamps = listStamps;
  }
}
