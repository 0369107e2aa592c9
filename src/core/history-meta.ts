/**
 * What a history state made by `HistoryState` (history-state.ts) shares with the states before it, and the
 * readers that use it directly instead of building the state's lists: scores and tension (ledger.ts), `happened`
 * in formulas (context.ts), the next agenda item and the last log entry. For any other state they read the
 * state's own fields. Imports only types, so that ledger.ts and context.ts can use it without an import circle.
 */
import type { Day } from './model.js';
import type { AgendaItem, Choice, LogEntry, Modifier, SimState, TensionContribution } from './state.js';
import { lowerBound } from './sorted.js';

/** One pair's list as of a position in the family's chain: the first `len` entries of `list`. */
export interface Version {
  readonly k: number;
  readonly list: Modifier[];
  len: number;
}

export interface Family {
  /** The last state made in this family: the only one stepped in place. */
  tip: SimState | undefined;
  readonly log: LogEntry[];
  readonly tension: TensionContribution[];
  /** Every `happened` write in order (event, day), and each event's first write. */
  readonly happenedEvents: string[];
  readonly happenedDays: Day[];
  readonly firstHappened: Map<string, number>;
  /** The tip's `happened` record (changed in place). */
  readonly happened: Record<string, Day>;
  /** Every choice made, in order (decision, choice), each decision's entries, and the tip's record. */
  readonly choiceIds: string[];
  readonly choiceValues: Choice[];
  readonly choicesOf: Map<string, number[]>;
  readonly choices: Record<string, Choice>;
  /** Pair keys in the order they got a list, each pair's versions along the chain, and the tip's lists. */
  readonly ledgerKeys: string[];
  readonly versions: Map<string, Version[]>;
  readonly ledger: Record<string, Modifier[]>;
  /**
   * Per pair list, the entries a capped modifier replaced in place, in chain order: at position `k`, index `i` of
   * the list held `old` until then. States before `k` read `old` there (`listAt`), so a replacement costs one entry
   * here rather than a copy of the pair's whole list for the states that came before it.
   */
  readonly undo: Map<readonly Modifier[], readonly Undo[]>;
  /** Per pair key, and for tension: the entries that have not faded out (see `LiveTerms`). */
  readonly live: Map<string, LiveTerms<Modifier>>;
  liveTension?: LiveTerms<TensionContribution>;
  /** The agenda the family started from (sorted by date and seq), taken from the front. */
  readonly agendaBase: readonly AgendaItem[];
}

/** An entry of a pair's list replaced in place (`Family.undo`). */
export interface Undo {
  readonly k: number;
  readonly i: number;
  readonly old: Modifier;
}

/**
 * The first `v.len` entries of a pair's list as the state at chain position `k` holds them: the list itself when
 * nothing in it was replaced after `k`, otherwise a copy with the replaced entries put back (the earliest
 * replacement after `k` holds what `k` saw).
 */
export function listAt(f: Family, v: Version, k: number): readonly Modifier[] {
  const log = f.undo.get(v.list);
  if (log === undefined || log[log.length - 1]!.k <= k) return v.list;
  const out = v.list.slice(0, v.len);
  for (let r = log.length - 1; r >= 0 && log[r]!.k > k; r--) {
    const u = log[r]!;
    if (u.i < v.len) out[u.i] = u.old;
  }
  return out;
}

export interface Meta {
  readonly family: Family;
  /** Position in the family's chain (the state it was forked from is 0). */
  readonly k: number;
  readonly logLen: number;
  readonly tensionLen: number;
  readonly happenedLen: number;
  readonly choicesLen: number;
  readonly ledgerKeysLen: number;
  /** Items of `agendaBase` taken so far, and the other items still on the agenda (sorted, frozen). */
  readonly agendaOff: number;
  readonly extra: readonly AgendaItem[];
  /** The state's lists once built. */
  cache: { -readonly [K in 'agenda' | 'ledger' | 'tension' | 'happened' | 'choices' | 'log']?: SimState[K] };
}

/**
 * Where a history state keeps its meta: a non-enumerable symbol property (not a WeakMap, whose miss on every
 * Monte Carlo read showed in profiles; a missing property on one object shape costs next to nothing). JSON,
 * spreads, structured clones and equality checks never see it, so a copy of a state is a plain state.
 */
const META: unique symbol = Symbol('geosim.history');

export const metas = {
  get(s: SimState): Meta | undefined {
    return (s as { [META]?: Meta })[META];
  },
  set(s: SimState, m: Meta): void {
    Object.defineProperty(s, META, { value: m });
  },
};

export function before(a: AgendaItem, b: AgendaItem): boolean {
  return a.date < b.date || (a.date === b.date && a.seq < b.seq);
}

/** The next agenda item of `s` (undefined: none), without building its agenda. */
export function historyAgendaHead(s: SimState): AgendaItem | undefined {
  const m = metas.get(s);
  if (m === undefined) return s.agenda[0];
  const a = m.family.agendaBase[m.agendaOff];
  const b = m.extra[0];
  return a === undefined ? b : b === undefined || before(a, b) ? a : b;
}

/** The log entries of `s` from index `from` on (the ones its last steps wrote), without building its whole log. */
export function historyLogFrom(s: SimState, from: number): LogEntry[] {
  const m = metas.get(s);
  return m === undefined ? s.log.slice(from) : m.family.log.slice(from, m.logLen);
}

/** How many log entries `s` has, without building its log. */
export function historyLogLength(s: SimState): number {
  const m = metas.get(s);
  return m === undefined ? s.log.length : m.logLen;
}

/** The last log entry of `s`, without building its log. */
export function historyLastLog(s: SimState): LogEntry | undefined {
  const m = metas.get(s);
  return m === undefined ? s.log[s.log.length - 1] : m.logLen > 0 ? m.family.log[m.logLen - 1] : undefined;
}

/** The choice made at decision `d` in `s`, without building its record. */
export function historyChoice(s: SimState, d: string): Choice | undefined {
  const m = metas.get(s);
  if (m === undefined) return s.choices[d];
  const at = m.family.choicesOf.get(d);
  if (at === undefined) return undefined;
  for (let i = at.length - 1; i >= 0; i--) if (at[i]! < m.choicesLen) return m.family.choiceValues[at[i]!];
  return undefined;
}

/** Whether event `e` has happened in `s`, without building its record. */
export function historyHappened(s: SimState, e: string): boolean {
  const m = metas.get(s);
  if (m === undefined) return s.happened[e] !== undefined;
  const i = m.family.firstHappened.get(e);
  return i !== undefined && i < m.happenedLen;
}

/**
 * Terms of a list that may be non-zero: `idx` holds, in ascending order, the index of every entry of `list` not
 * yet seen to have faded to 0 by `date` (entries from `upTo` on are not looked at yet). An entry that has faded
 * to 0 stays 0 on every later day, so the indexes serve every state of the family dated `date` or later.
 */
export interface LiveTerms<T> {
  readonly list: readonly T[];
  date: Day;
  upTo: number;
  readonly idx: number[];
}

/** The entries a sum over the first `len` of `list` needs: `live` (ascending, stop at `len`), or all of them. */
export interface Terms<T> {
  readonly list: readonly T[];
  readonly len: number;
  readonly live: readonly number[] | undefined;
}

/**
 * `cache`'s indexes brought to `date` (undefined when they cannot serve it: another list, or an earlier day).
 * Drops the entries `zero` says have faded out; skipping a +0 term leaves an IEEE sum unchanged.
 */
function liveAt<T>(cache: LiveTerms<T>, list: readonly T[], date: Day, zero: (x: T, date: Day) => boolean): readonly number[] | undefined {
  if (cache.list !== list || date < cache.date) return undefined;
  const idx = cache.idx;
  for (let i = cache.upTo; i < list.length; i++) idx.push(i);
  cache.upTo = list.length;
  if (date > cache.date || cache.date !== cache.date) {
    let w = 0;
    for (let r = 0; r < idx.length; r++) {
      const i = idx[r]!;
      if (zero(list[i]!, date)) continue;
      idx[w++] = i;
    }
    idx.length = w;
    cache.date = date;
  }
  return idx;
}

/**
 * Entry `i` of a cached list was replaced (a capped merge): puts it back among the live indexes if they had
 * dropped it. An index whose term reads 0 costs a +0 in the sum and is dropped on a later day; a live term
 * missing would be wrong, so this only ever adds.
 */
export function relive<T>(cache: LiveTerms<T> | undefined, list: readonly T[], i: number): void {
  if (cache === undefined || cache.list !== list || i >= cache.upTo) return;
  const idx = cache.idx;
  const lo = lowerBound(idx, i);
  if (idx[lo] !== i) idx.splice(lo, 0, i);
}

const plainModifiers = { list: [] as readonly Modifier[], len: 0, live: undefined };

/** A pair's modifiers in `s` (shared storage: read, never keep); `zero` tells a faded-out one. */
export function historyModifiers(s: SimState, key: string, zero: (m: Modifier, date: Day) => boolean): Terms<Modifier> | undefined {
  const m = metas.get(s);
  if (m === undefined) {
    const list = s.ledger[key];
    if (list === undefined) return undefined;
    plainModifiers.list = list;
    plainModifiers.len = list.length;
    return plainModifiers;
  }
  const v = versionAt(m, key);
  if (v === undefined) return undefined;
  const list = listAt(m.family, v, m.k);
  // An earlier state of a list replaced in place since: its own copy, summed in full (no live-term cache).
  if (list !== v.list) return { list, len: v.len, live: undefined };
  const caches = m.family.live;
  let c = caches.get(key);
  if (c === undefined || c.list !== v.list) caches.set(key, (c = { list: v.list, date: NaN, upTo: 0, idx: [] }));
  return { list: v.list, len: v.len, live: liveAt(c, v.list, s.date, zero) };
}

/** The state's tension contributions; with `zero`, the ones that have not faded out. */
export function historyTension(s: SimState, zero?: (c: TensionContribution, date: Day) => boolean): Terms<TensionContribution> {
  const m = metas.get(s);
  if (m === undefined) return { list: s.tension, len: s.tension.length, live: undefined };
  const f = m.family;
  const live = zero === undefined ? undefined : liveAt((f.liveTension ??= { list: f.tension, date: NaN, upTo: 0, idx: [] }), f.tension, s.date, zero);
  return { list: f.tension, len: m.tensionLen, live };
}

export function versionAt(m: Meta, key: string): Version | undefined {
  const vs = m.family.versions.get(key);
  if (vs === undefined) return undefined;
  // The last version at or before k (versions are in chain order).
  let lo = 0;
  let hi = vs.length - 1;
  if (vs[hi]!.k <= m.k) return vs[hi];
  if (vs[0]!.k > m.k) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (vs[mid]!.k <= m.k) lo = mid;
    else hi = mid - 1;
  }
  return vs[lo];
}

