/**
 * The why screen's ledger as data: the terms of one relation at the cursor, largest first, each marked new or
 * changed since the previous step; the pair's change since then; and which whole entries fit a window (the
 * ledger scrolls by entry, so a term's detail line never shows without the term).
 */
import { rounded, shownChange } from './numbers.js';
import type { SessionData } from '../session-logic.js';
import { currentState, explainAt, ledgerSize, previousState, scoreAt } from '../selectors.js';
import type { SimState } from '../../core/state.js';
import type { LedgerLine } from '../../core/explain.js';
import type { Scenario } from '../../core/model.js';

export interface LedgerTerm extends LedgerLine {
  /** Not in the previous step's ledger (new), or there with another value (stacked onto, changed). */
  readonly mark: 'new' | 'changed' | null;
}

export interface PairChange {
  /** Score now minus score at the previous step; null at the start. */
  readonly delta: number | null;
  readonly added: number;
  readonly changed: number;
}

/**
 * Marks each term against the previous state. The ledger of a pair only grows (a stacked modifier is replaced in
 * place), so modifiers compare by position; ties by label.
 */
function marks(scenario: Scenario, s: SimState, prev: SimState | undefined, from: string, to: string): LedgerTerm[] {
  const lines = explainAt(scenario, s, from, to).lines;
  if (!prev) return lines.map((l) => ({ ...l, mark: null }));
  const before = explainAt(scenario, prev, from, to).lines;
  const mods = ledgerSize(s, from, to);
  const prevMods = ledgerSize(prev, from, to);
  return lines.map((l, i): LedgerTerm => {
    if (i >= mods) return { ...l, mark: before.slice(prevMods).some((p) => p.label === l.label) ? null : 'new' };
    const p = i < prevMods ? before[i] : undefined;
    if (!p) return { ...l, mark: 'new' };
    return { ...l, mark: p.start !== l.start || p.created !== l.created ? 'changed' : null };
  });
}

/** The terms of `from`→`to` at the cursor, largest first (by their value now). */
export function ledgerTerms(d: SessionData, from: string, to: string): LedgerTerm[] {
  return marks(d.scenario, currentState(d), previousState(d), from, to).sort((x, y) => Math.abs(y.now) - Math.abs(x.now));
}

export function pairChange(d: SessionData, from: string, to: string): PairChange {
  const prev = previousState(d);
  if (!prev) return { delta: null, added: 0, changed: 0 };
  const terms = ledgerTerms(d, from, to);
  // The difference of the two scores as shown (numbers.ts).
  const delta = shownChange(scoreAt(prev, from, to), scoreAt(currentState(d), from, to));
  return { delta, added: terms.filter((t) => t.mark === 'new').length, changed: terms.filter((t) => t.mark === 'changed').length };
}

export interface LedgerWindow {
  /** The first entry shown and how many. */
  readonly first: number;
  readonly count: number;
  /** Entries above and below the window (a line then says so). */
  readonly above: number;
  readonly below: number;
  /** The largest useful first entry (the last page). */
  readonly maxFirst: number;
}

/**
 * Which whole entries (of the given heights in lines) fit in `lines` lines starting at entry `first`; when not
 * all of them are shown, one line is kept to say how many are above and below.
 */
export function ledgerWindow(heights: readonly number[], first0: number, lines: number): LedgerWindow {
  const n = heights.length;
  const fit = (from: number, room: number): number => {
    let k = 0;
    let used = 0;
    while (from + k < n && used + heights[from + k]! <= room) used += heights[from + k++]!;
    return k;
  };
  if (fit(0, lines) === n) return { first: 0, count: n, above: 0, below: 0, maxFirst: 0 };
  const room = Math.max(1, lines - 1);
  let used = 0;
  let maxFirst = n;
  while (maxFirst > 0 && used + heights[maxFirst - 1]! <= room) used += heights[--maxFirst]!;
  maxFirst = Math.min(maxFirst, n - 1);
  const first = Math.max(0, Math.min(first0, maxFirst));
  const count = Math.max(1, fit(first, room));
  return { first, count, above: first, below: n - first - count, maxFirst };
}

/** The first entry of the next page (`dir` 1) or of the previous one (`dir` −1). */
export function pageFrom(heights: readonly number[], first: number, lines: number, dir: 1 | -1): number {
  const w = ledgerWindow(heights, first, lines);
  if (dir === 1) return Math.min(w.maxFirst, w.first + w.count);
  const room = Math.max(1, lines - 1);
  let used = 0;
  let k = 0;
  while (w.first - k - 1 >= 0 && used + heights[w.first - k - 1]! <= room) used += heights[w.first - ++k]!;
  return Math.max(0, w.first - Math.max(1, k));
}

/**
 * "3 terms sum to 37.4 → 37": the sum of the terms as the ledger shows them (one decimal), then the score as the
 * matrix shows it (numbers.ts), so the line adds up with what is on screen.
 */
export function ledgerSumText(d: SessionData, from: string, to: string): string {
  const s = currentState(d);
  const ex = explainAt(d.scenario, s, from, to);
  const terms = ledgerTerms(d, from, to);
  const sum = rounded(terms.reduce((a, t) => a + rounded(t.now, 1), 0), 1);
  const shown = rounded(ex.score);
  const tail = Math.abs(ex.raw) > 100 ? `clamped to ${shown}` : rounded(sum) !== shown ? `${shown} (with the terms' own decimals)` : String(shown);
  return `${terms.length} term${terms.length === 1 ? '' : 's'} sum to ${sum.toFixed(1)} → ${tail}`;
}
