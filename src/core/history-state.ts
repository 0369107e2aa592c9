/**
 * The history's implementation of the recipes' seam (run-state.ts), linear in the length of a run: states
 * stepped one after another share append-only storage (a "family"), so a step costs what it changes, not the
 * size of what came before. Each state is still a plain, frozen, JSON-serialisable `SimState`; its growing
 * parts (`agenda`, `ledger`, `tension`, `happened`, `choices`, `log`) are enumerable getters that build the state's own
 * frozen arrays from the shared storage on first read and keep them. The hot readers (scores, tension, `happened`
 * in formulas, the next agenda item, the last log entry) read the storage directly (the `history*` functions
 * below), so a whole run's history is built and scored without copying any list per step.
 *
 * Only the family's last state (its tip) is stepped in place; stepping any other state (going back, a branch)
 * first copies that state's lists into a family of its own. A recipe that throws leaves the family without a tip.
 * The Immer path (`DraftState`) is the reference this one is tested against, state by state (history-state test).
 * The getters of a state's lists and the start of a new family (`forkAt`) are in history-fork.ts.
 */
import { freeze } from 'immer';
import type { ActorId, Day, Scenario, Tie } from './model.js';
import type { AgendaItem, Choice, IndicatorPart, LogEntry, Modifier, PendingDecision, SimState, TensionContribution } from './state.js';
import type { PairSlot } from './keys.js';
import type { EventPlan } from './plan.js';
import type { RunState } from './run-state.js';
import { addToList, firstWithKey, insertByDate, itemPlan, removeTie } from './run-state.js';
import { drawUniform } from './rng.js';
import { StateContext } from './context.js';
import { before, metas, relive, type Family, type Meta, type Undo } from './history-meta.js';
import { forkAt, getters, lazy } from './history-fork.js';

export { historyAgendaHead, historyChoice, historyHappened, historyLastLog, historyLogFrom, historyLogLength, historyModifiers, historyTension } from './history-meta.js';

type Working = { -readonly [K in keyof SimState]: SimState[K] };

/** One step of the history on a family's tip: writes go to the shared storage and a working copy of the rest. */
export class HistoryState implements RunState {
  readonly ctx: StateContext;
  private readonly w: Working;
  private readonly m: Meta;
  private readonly f: Family;
  private agendaOff: number;
  private extra: readonly AgendaItem[];
  private extraOwned = false;
  /** Which small records this step has copied already. */
  private owned = 0;

  constructor(
    readonly scenario: Scenario,
    from: SimState,
  ) {
    let m = metas.get(from);
    if (m === undefined || m.family.tip !== from) m = forkAt(from);
    this.m = m;
    this.f = m.family;
    this.f.tip = undefined; // until this step completes
    this.agendaOff = m.agendaOff;
    this.extra = m.extra;
    const f = this.f;
    // The working state: the tip's values, with the family's live storage for its growing parts.
    this.w = {
      scenario: from.scenario,
      seed: from.seed,
      assumptions: from.assumptions,
      date: from.date,
      step: from.step,
      seq: from.seq,
      agenda: [],
      ledger: f.ledger,
      ties: from.ties,
      tension: f.tension,
      indicators: from.indicators,
      postures: from.postures,
      rng: from.rng,
      happened: f.happened,
      choices: f.choices,
      pending: from.pending,
      log: f.log,
    };
    for (const k of Object.keys(from) as (keyof SimState)[]) if (k === 'held' || k === 'fading') (this.w as Record<string, unknown>)[k] = from[k];
    Object.defineProperty(this.w, 'agenda', { get: () => lazy.agenda({ ...this.m, agendaOff: this.agendaOff, extra: this.extra }) });
    // Scores, tension and `happened` read on the working state go through the shared storage too (one position
    // further along the chain, its lengths as they are now), so they skip faded-out terms as a state's reads do.
    const at = (): { off: number; extra: readonly AgendaItem[] } => ({ off: this.agendaOff, extra: this.extra });
    metas.set(this.w, {
      family: f,
      k: m.k + 1,
      get logLen() {
        return f.log.length;
      },
      get tensionLen() {
        return f.tension.length;
      },
      get happenedLen() {
        return f.happenedEvents.length;
      },
      get choicesLen() {
        return f.choiceIds.length;
      },
      get ledgerKeysLen() {
        return f.ledgerKeys.length;
      },
      get agendaOff() {
        return at().off;
      },
      get extra() {
        return at().extra;
      },
      cache: {},
    });
    this.ctx = new StateContext(scenario, this.w);
  }

  get s(): SimState {
    return this.w;
  }

  planOf(item: AgendaItem): EventPlan {
    return itemPlan(this.scenario, item);
  }
  posture(_k: number, actor: ActorId): string {
    return this.w.postures[actor] as string;
  }
  kept(): number {
    return NaN;
  }
  keep(): void {}
  takeNext(): AgendaItem | undefined {
    const a = this.f.agendaBase[this.agendaOff];
    const b = this.extra[0];
    if (a !== undefined && (b === undefined || before(a, b))) {
      this.agendaOff++;
      return a;
    }
    if (b === undefined) return undefined;
    this.extra = this.extra.slice(1);
    this.extraOwned = true;
    return b;
  }
  schedule(item: AgendaItem): void {
    freeze(item, true);
    const extra = this.extraOwned ? (this.extra as AgendaItem[]) : this.extra.slice();
    insertByDate(extra, item);
    this.extra = extra;
    this.extraOwned = true;
  }
  nextSeq(): number {
    return this.w.seq++;
  }
  advanceTo(date: Day): void {
    if (date > this.w.date) this.w.date = date;
  }
  markHappened(event: string): void {
    const f = this.f;
    const date = this.w.date;
    if (!f.firstHappened.has(event)) f.firstHappened.set(event, f.happenedEvents.length);
    f.happenedEvents.push(event);
    f.happenedDays.push(date);
    f.happened[event] = date;
  }
  markHeld(prediction: string, date: Day): void {
    this.w.held = { ...this.w.held, [prediction]: date };
  }
  setPending(p: PendingDecision | null): void {
    this.w.pending = p;
  }
  addModifier(slot: PairSlot, m: Modifier): void {
    const f = this.f;
    const key = slot.key;
    const k = this.m.k + 1;
    let list = f.ledger[key];
    let vs = f.versions.get(key);
    let at: number | undefined;
    if (list === undefined || vs === undefined) {
      f.ledger[key] = list = [];
      f.versions.set(key, (vs = []));
      f.ledgerKeys.push(key);
    } else if (m.cap !== null) {
      // A capped modifier replaces one that earlier states hold: they read it back from the undo log (listAt).
      at = firstWithKey(list, m.key);
      if (at >= 0) {
        let log = f.undo.get(list) as Undo[] | undefined;
        if (log === undefined) f.undo.set(list, (log = []));
        log.push({ k, i: at, old: list[at]! });
        // The live terms of this list may have dropped the old entry (faded out): the new one is live again.
        relive(f.live.get(key), list, at);
      }
    }
    const i = addToList(list, m, this.w.date, at);
    freeze(list[i], true);
    const last = vs[vs.length - 1];
    if (last !== undefined && last.k === k && last.list === list) last.len = list.length;
    else vs.push({ k, list, len: list.length });
  }
  addTension(c: TensionContribution): void {
    this.f.tension.push(freeze(c, true));
  }
  private own<K extends 'indicators' | 'postures' | 'ties'>(key: K, bit: number): Working[K] {
    if ((this.owned & bit) === 0) {
      this.owned |= bit;
      const v = this.w[key];
      this.w[key] = (Array.isArray(v) ? v.slice() : { ...v }) as Working[K];
    }
    return this.w[key];
  }
  indicator(id: string, value: number, set: boolean): void {
    const ind = this.own('indicators', 1) as Record<string, number>;
    ind[id] = set ? value : (ind[id] ?? 0) + value;
    // Setting an indicator drops its fading additions, as the Immer path does (run-state.ts).
    if (set && this.w.fading?.[id] !== undefined) delete this.ownFading()[id];
  }
  addIndicatorPart(id: string, part: IndicatorPart): void {
    const fading = this.ownFading();
    fading[id] = [...(fading[id] ?? []), freeze(part, true)];
  }
  /** The step's own copy of the fading additions (lists are replaced, never pushed to: earlier states share them). */
  private ownFading(): Record<string, readonly IndicatorPart[]> {
    if ((this.owned & 16) === 0) {
      this.owned |= 16;
      this.w.fading = { ...(this.w.fading ?? {}) };
    }
    return this.w.fading as Record<string, readonly IndicatorPart[]>;
  }
  addTie(tie: Tie): void {
    const ties = this.own('ties', 2) as Tie[];
    removeTie(ties, tie.id);
    ties.push(tie);
  }
  endTie(id: string): void {
    removeTie(this.own('ties', 2) as Tie[], id);
  }
  setPosture(_k: number, actor: ActorId, to: string): void {
    (this.own('postures', 4) as Record<string, string>)[actor] = to;
  }
  draw(): number {
    const { u, next } = drawUniform(this.w.rng.decisions);
    this.w.rng = { decisions: next };
    return u;
  }
  choose(decision: string, choice: Choice): void {
    const f = this.f;
    freeze(choice, true);
    let at = f.choicesOf.get(decision);
    if (at === undefined) f.choicesOf.set(decision, (at = []));
    at.push(f.choiceIds.length);
    f.choiceIds.push(decision);
    f.choiceValues.push(choice);
    f.choices[decision] = choice;
  }
  log(entry: LogEntry): void {
    this.f.log.push(freeze(entry, true));
  }
  endStep(): void {
    this.w.step++;
  }

  /** The state this step made: frozen, the family's new tip. */
  finish(): SimState {
    const w = this.w;
    const f = this.f;
    const s = {
      scenario: w.scenario,
      seed: w.seed,
      assumptions: w.assumptions,
      date: w.date,
      step: w.step,
      seq: w.seq,
    } as Record<string, unknown>;
    const lazyField = (k: keyof Meta['cache']) => Object.defineProperty(s, k, { get: getters[k], enumerable: true });
    lazyField('agenda');
    lazyField('ledger');
    s.ties = w.ties;
    lazyField('tension');
    s.indicators = w.indicators;
    s.postures = w.postures;
    s.rng = w.rng;
    lazyField('happened');
    lazyField('choices');
    s.pending = w.pending;
    lazyField('log');
    // `held` and `fading` come last, in the order they were made (as Immer appends a new key).
    for (const k of Object.keys(w) as (keyof Working)[]) if ((k === 'held' || k === 'fading') && w[k] !== undefined) s[k] = w[k];
    for (const v of [w.assumptions, w.ties, w.indicators, w.postures, w.rng, w.pending, w.held, w.fading]) freeze(v, true);
    const state = s as unknown as SimState;
    metas.set(state, {
      family: f,
      k: this.m.k + 1,
      logLen: f.log.length,
      tensionLen: f.tension.length,
      happenedLen: f.happenedEvents.length,
      choicesLen: f.choiceIds.length,
      ledgerKeysLen: f.ledgerKeys.length,
      agendaOff: this.agendaOff,
      extra: Object.freeze(this.extra),
      cache: {},
    });
    Object.freeze(s);
    f.tip = state;
    return state;
  }
}
