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
import { current, freeze, isDraft, type Draft } from 'immer';
import type { ActorId, Day, Scenario, Tie } from './model.js';
import type { AgendaItem, Choice, IndicatorPart, LogEntry, Modifier, PendingDecision, SimState, StackPart, TensionContribution } from './state.js';
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
  /** A dated prediction held today, for the first time in its window (dated.ts). */
  markHeld(prediction: string, date: Day): void;
  setPending(p: PendingDecision | null): void;
  /** Adds a modifier; one with the same key and a cap stacks onto the existing one, up to |cap|. */
  addModifier(slot: PairSlot, m: Modifier): void;
  addTension(c: TensionContribution): void;
  /** Adds `value` to an indicator's base, or sets the base (which drops its fading additions). */
  indicator(id: string, value: number, set: boolean): void;
  /** A fading addition to an indicator with `fade:` (ledger.ts `indicatorValue`). */
  addIndicatorPart(id: string, part: IndicatorPart): void;
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

/** The plan of an agenda item's event, for the run states that remember nothing between steps. */
export function itemPlan(scenario: Scenario, item: AgendaItem): EventPlan {
  const all = planOf(scenario);
  return all.events.get(item.event) ?? eventPlan(scenario, scenario.events[item.event]!, all);
}

/**
 * Inserts keeping (date, seq) order: after every item before it, found by bisection. (A walk back from the end
 * passed every timeline event still to come, so a follow-up due soon cost the length of the agenda: a long
 * scenario's runs grew with the square of its events, issue 12.)
 */
export function insertByDate(a: AgendaItem[], item: AgendaItem): void {
  let lo = 0;
  let hi = a.length;
  // Most items go at or near the end of a short agenda: look there first.
  const last = a[hi - 1];
  if (last === undefined || last.date < item.date || (last.date === item.date && last.seq < item.seq)) {
    a.push(item);
    return;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[mid] as AgendaItem;
    if (x.date < item.date || (x.date === item.date && x.seq < item.seq)) lo = mid + 1;
    else hi = mid;
  }
  a.splice(lo, 0, item);
}

/**
 * Where a key first appears in a pair's list of modifiers, for the capped effects that merge onto it. A list only
 * grows at its end or has an entry replaced by one with the same key (addToList), so each key's search resumes
 * where it stopped and never looks at an entry twice: finding it costs the same at the 10th modifier of a pair
 * as at the 10,000th (a scan from the start made a long run quadratic, issue 12). Only the keys capped effects
 * ask for are searched, a few per pair, by comparing strings rather than hashing every modifier's key.
 */
interface KeySearch {
  /** The first index with the key (-1: not found in the first `upTo` entries). */
  at: number;
  upTo: number;
}
const keySearches = new WeakMap<readonly Modifier[], Map<string, KeySearch>>();
const SHORT_LIST = 32;

/** The index of the first modifier with this key in the list (-1: none): what `findIndex` on the key gives. */
export function firstWithKey(list: readonly Modifier[], key: string): number {
  // A short list (most pairs of most scenarios) is searched directly: cheaper than finding its index.
  if (list.length < SHORT_LIST) {
    for (let i = 0; i < list.length; i++) if ((list[i] as Modifier).key === key) return i;
    return -1;
  }
  let searches = keySearches.get(list);
  if (searches === undefined) keySearches.set(list, (searches = new Map()));
  let k = searches.get(key);
  // (Lists never shrink, nor change an entry's key; an index that no longer fits them is dropped all the same.)
  if (k === undefined || k.upTo > list.length || (k.at >= 0 && list[k.at]?.key !== key)) searches.set(key, (k = { at: -1, upTo: 0 }));
  if (k.at >= 0) return k.at;
  const n = list.length;
  for (let i = k.upTo; i < n; i++) {
    if ((list[i] as Modifier).key === key) {
      k.at = i;
      break;
    }
  }
  k.upTo = n;
  return k.at;
}

/**
 * Adds `m` to a pair's list (stacking a capped one onto the first with its key); returns the index written.
 * `at`: that first index when the caller has looked it up already.
 */
export function addToList(list: Modifier[], m: Modifier, date: Day, at?: number): number {
  if (m.cap !== null) {
    const cap = Math.abs(m.cap);
    const i = at ?? firstWithKey(list, m.key);
    if (i >= 0) {
      const old = list[i] as Modifier;
      const prev = modifierNow(old, date);
      const value = clamp(prev + m.value, -cap, cap);
      list[i] = { ...m, value, stack: stackParts(old, prev, m, value - prev, date) };
      return i;
    }
    list.push({ ...m, value: clamp(m.value, -cap, cap) });
    return list.length - 1;
  }
  list.push(m);
  return list.length - 1;
}

/**
 * The causes of a merged modifier: the old one's parts scaled to what is left of it (`prev`), then the new
 * cause with what it added (`added`, after the cap). Only recorded for explanations; the value is unchanged.
 */
function stackParts(old: Modifier, prev: number, m: Modifier, added: number, date: number): StackPart[] {
  const scale = old.value === 0 ? 0 : prev / old.value;
  const parts = old.stack ?? [{ cause: old.cause, note: old.note, created: old.created, value: old.value }];
  return [...parts.map((p) => ({ cause: p.cause, note: p.note, created: p.created, value: p.value * scale })), { cause: m.cause, note: m.note, created: date, value: added }];
}

/** Removes the tie with this id, if any; returns whether one was there. */
export function removeTie(ties: Tie[], id: string): void {
  const i = ties.findIndex((t) => t.id === id);
  if (i >= 0) ties.splice(i, 1);
}

/**
 * An array of the draft as a plain array this step may change in place: copied once per step from the base
 * (a shallow copy, as Immer's own would be) and assigned back, so that shifting, splicing and pushing do
 * not go through the draft's proxy element by element. Immer freezes it when the step is finalised.
 */
function own<T>(value: readonly T[], assign: (a: T[]) => void, fresh: unknown[][]): T[] {
  if (!isDraft(value)) return value as T[];
  const a = (current(value as unknown as object) as readonly T[]).slice();
  assign(a);
  fresh.push(a);
  return a;
}

/** The history's implementation: writes go into the Immer draft; nothing is remembered. */
export class DraftState implements RunState {
  readonly ctx: StateContext;
  private readonly d: Draft<SimState>;
  /**
   * The arrays `own` copied this step and the new values put in them: frozen at the end of the step (new
   * values deeply), which is what Immer would do, but without it walking every element of every copy.
   */
  private readonly fresh: unknown[][] = [];
  private readonly added: object[] = [];

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
    return itemPlan(this.scenario, item);
  }
  posture(_k: number, actor: ActorId): string {
    return this.d.postures[actor] as string;
  }
  kept(): number {
    return NaN;
  }
  keep(): void {}
  private agenda(): AgendaItem[] {
    return own(this.d.agenda as readonly AgendaItem[], (a) => (this.d.agenda = a), this.fresh);
  }
  takeNext(): AgendaItem | undefined {
    return this.agenda().shift();
  }
  schedule(item: AgendaItem): void {
    if (isDraft(item.origin)) item = { ...item, origin: current(item.origin) };
    insertByDate(this.agenda(), item);
    this.added.push(item);
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
  markHeld(prediction: string, date: Day): void {
    (this.d.held ??= {})[prediction] = date;
  }
  setPending(p: PendingDecision | null): void {
    this.d.pending = p;
  }
  addModifier(slot: PairSlot, m: Modifier): void {
    const ledger = this.d.ledger as Record<string, Modifier[]>;
    const list = ledger[slot.key];
    const target = list === undefined ? (ledger[slot.key] = []) : own(list, (a) => (ledger[slot.key] = a), this.fresh);
    if (list === undefined) this.fresh.push(target);
    this.added.push(target[addToList(target, m, this.d.date)] as Modifier);
  }
  addTension(c: TensionContribution): void {
    own(this.d.tension as readonly TensionContribution[], (a) => (this.d.tension = a), this.fresh).push(c);
    this.added.push(c);
  }
  indicator(id: string, value: number, set: boolean): void {
    this.d.indicators[id] = set ? value : (this.d.indicators[id] ?? 0) + value;
    if (set && this.d.fading?.[id] !== undefined) delete this.d.fading[id];
  }
  addIndicatorPart(id: string, part: IndicatorPart): void {
    const fading = (this.d.fading ??= {}) as Record<string, IndicatorPart[]>;
    (fading[id] ??= []).push(part);
    this.added.push(part);
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
    // The one value a recipe may pass on from the draft (a pending decision's origin): frozen in place below,
    // it must be the plain value, not a proxy that is revoked when the step ends.
    if (isDraft(entry.origin)) entry = { ...entry, origin: current(entry.origin) };
    own(this.d.log as readonly LogEntry[], (a) => ((this.d as { log: LogEntry[] }).log = a), this.fresh).push(entry);
    this.added.push(entry);
  }
  endStep(): void {
    this.d.step++;
    for (const v of this.added) freeze(v, true);
    for (const a of this.fresh) Object.freeze(a);
    this.added.length = 0;
    this.fresh.length = 0;
  }
}
