/**
 * A memo of directed scores for the Monte Carlo path (`runFast`), where one mutable state is played to its end
 * and the same relation is read many times a day (balance, posture guards, weights). It returns exactly what
 * `score` in ledger.ts returns: the same terms added in the same order, so the float sums are bit-identical.
 *
 * It is only valid while every change to the ledger and the ties goes through the recipes, which report them
 * (`ledgerChanged`, `tiesChanged`); a change of date is seen on the next read. The immutable history (Immer)
 * never uses it.
 */
import type { EvalContext, Formula, Scenario, Tie } from './model.js';
import type { PairSlot, SimState } from './state.js';
import { SCORE_MAX, SCORE_MIN, clamp, modifierNow, tieApplies } from './ledger.js';

type TieValues = (readonly number[] | undefined)[];

/** Per scenario, by pair index: the values of the scenario's own ties that apply (the ties of every initial state). */
const scenarioTies = new WeakMap<Scenario, TieValues>();

function tieValues(ties: readonly Tie[], slot: PairSlot): readonly number[] {
  const values: number[] = [];
  for (const t of ties) if (tieApplies(t, slot.from, slot.to)) values.push(t.value);
  return values;
}

export class ScoreMemo {
  private date = NaN;
  /** An entry is valid when its stamp equals `epoch`; a new date or new ties start a new epoch. */
  private epoch = 1;
  private stamps = new Int32Array(64);
  private sums = new Float64Array(64);
  /** Tie values by pair: the scenario's table until the run changes its ties, then one of its own. */
  private ties: TieValues;
  private ownTies = false;

  /** `scenario`: the state read is an initial state of this scenario, or one played from it by the recipes. */
  constructor(private readonly scenario: Scenario) {
    let t = scenarioTies.get(scenario);
    if (t === undefined) scenarioTies.set(scenario, (t = []));
    this.ties = t;
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
      const mods = s.ledger[slot.key];
      if (mods) for (const m of mods) sum += modifierNow(m, s.date);
      let tv = this.ties[i];
      if (tv === undefined) this.ties[i] = tv = tieValues(this.ownTies ? s.ties : this.scenario.ties, slot);
      for (const v of tv) sum += v;
      this.stamps[i] = this.epoch;
      this.sums[i] = sum;
    }
    return clamp(sum, SCORE_MIN, SCORE_MAX);
  }

  /** A modifier of the pair was added or changed. */
  ledgerChanged(slot: PairSlot): void {
    if (slot.index < this.stamps.length) this.stamps[slot.index] = 0;
  }

  /** A tie was added or ended; also called for another state (whose ties may not be the scenario's). */
  tiesChanged(): void {
    this.epoch++;
    this.ties = [];
    this.ownTies = true;
  }

  private grow(i: number): void {
    const n = Math.max(i + 1, this.stamps.length * 2);
    const stamps = new Int32Array(n);
    stamps.set(this.stamps);
    const sums = new Float64Array(n);
    sums.set(this.sums);
    this.stamps = stamps;
    this.sums = sums;
  }
}

/**
 * Posture conditions that read only choices and assumptions, kept between two decisions (plan.ts gives each
 * a slot). `choicesChanged` starts a new generation.
 */
export class GuardMemo {
  private generation = 1;
  private readonly stamps: Int32Array;
  private readonly values: Uint8Array;

  constructor(slots: number) {
    this.stamps = new Int32Array(slots);
    this.values = new Uint8Array(slots);
  }

  holds(f: Formula, slot: number, ctx: EvalContext): boolean {
    if (this.stamps[slot] === this.generation) return this.values[slot] === 1;
    const v = (f.constant ?? f.evaluate(ctx)) !== 0;
    this.stamps[slot] = this.generation;
    this.values[slot] = v ? 1 : 0;
    return v;
  }

  choicesChanged(): void {
    this.generation++;
  }
}
