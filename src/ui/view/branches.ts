/** The tree of branches explored, and the comparison of two branches at the same date. */
import { branchLabel } from './labels.js';
import type { Scenario } from '../../core/model.js';
import type { LogEntry, SimState } from '../../core/state.js';
import type { Branch, SessionData } from '../../machines/session-logic.js';
import { awaitingUser, branchOf, toDate } from '../../machines/session-logic.js';
import { isFinished } from '../../core/step.js';
import { formatDay } from '../../core/date.js';
import { differingCells, matrixView, worldTension, type MatrixView } from './matrix.js';
import { partingIndex } from './timeline.js';

export interface TreeRow {
  readonly id: number;
  readonly label: string;
  readonly depth: number;
  readonly current: boolean;
  /** "step 12/40 · 2024-06-20" */
  readonly where: string;
  /** Where it left its parent, e.g. "from #0 at step 12". */
  readonly from: string | null;
}

export function branchTree(d: SessionData): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (b: Branch, depth: number) => {
    const s = b.states[b.cursor]!;
    rows.push({
      id: b.id,
      label: branchLabel(d.scenario, b.label),
      depth,
      current: b.id === d.current,
      where: `step ${b.cursor}/${b.states.length - 1} · ${formatDay(s.date)}`,
      from: b.parent === null ? null : `from #${b.parent} at step ${b.forkStep}`,
    });
    for (const c of d.branches.filter((x) => x.parent === b.id)) visit(c, depth + 1);
  };
  for (const root of d.branches.filter((x) => x.parent === null)) visit(root, 0);
  return rows;
}

function entryText(scenario: Scenario, e: LogEntry | undefined): string {
  if (!e) return 'had not got that far';
  const ev = scenario.events[e.event];
  if (e.kind === 'decision') {
    const opt = ev?.decision?.options.find((o) => o.id === e.option);
    return `${opt?.label ?? e.option} (${e.by === 'user' ? 'chosen' : 'drawn by the engine'})`;
  }
  return `${ev?.title ?? e.event}${e.kind === 'skipped' ? ' (did not happen)' : ''}`;
}

export interface CompareSide {
  readonly branch: Branch;
  readonly state: SimState;
  /** Index of `state` in the branch (as far as it is computed, or played on for the comparison). */
  readonly step: number;
  readonly matrix: MatrixView;
  readonly tension: number;
  readonly date: string;
}

export interface CompareView {
  readonly a: CompareSide;
  readonly b: CompareSide;
  /** The date both are compared at: each side is its branch's last state dated on or before it. */
  readonly date: string;
  /** How the two states were chosen, in one line (which steps, and why not the cursor's date when it is not). */
  readonly note: string;
  readonly differ: ReadonlySet<string>;
  /** The first step where the two branches part: what each did there. */
  readonly parting: { readonly step: number; readonly date: string; readonly what: string; readonly a: string; readonly b: string } | null;
}

/** The last index of `states` dated on or before `day` (0 at least). */
function lastOnOrBefore(states: readonly SimState[], day: number): number {
  let i = 0;
  states.forEach((s, j) => {
    if (s.date <= day) i = j;
  });
  return i;
}

const cache = new WeakMap<SessionData, Map<string, CompareView>>();

/**
 * Branch `a` at its cursor against branch `b` at the same date: b's last state dated on or before a's, played on
 * (as stepping would: the engine draws the decisions the user does not play) when b has not got that far. When
 * b cannot reach that date (a decision of yours waits there, or its scenario ended), both are compared at b's last
 * date instead, a at its last state on or before it.
 */
export function compareView(d: SessionData, aId: number, bId: number): CompareView {
  const key = `${aId}:${bId}`;
  const hit = cache.get(d)?.get(key);
  if (hit) return hit;
  const v = computeCompare(d, aId, bId);
  if (!cache.has(d)) cache.set(d, new Map());
  cache.get(d)!.set(key, v);
  return v;
}

function computeCompare(d: SessionData, aId: number, bId: number): CompareView {
  const sc = d.scenario;
  const ba = d.branches[aId]!;
  const target = ba.states[ba.cursor]!.date;
  const played = toDate({ ...d, current: bId }, target);
  const bb = branchOf(played);
  const grown = bb.states.length > d.branches[bId]!.states.length;
  let ia = ba.cursor;
  const ib = bb.cursor;
  let why = '';
  let day = target;
  const sb = bb.states[ib]!;
  if (sb.date < target && ib === bb.states.length - 1) {
    const stop = isFinished(sb) ? `#${bb.id} ends on ${formatDay(sb.date)}` : awaitingUser(played) ? `#${bb.id} waits for your decision on ${formatDay(sb.date)}` : '';
    if (stop) {
      day = sb.date;
      ia = lastOnOrBefore(ba.states, day);
      why = `${stop}, so both are shown there`;
    }
  }
  const side = (branch: Branch, states: readonly SimState[], step: number): CompareSide => {
    const state = states[step]!;
    return { branch, state, step, matrix: matrixView(sc, state), tension: worldTension(sc, state), date: formatDay(state.date) };
  };
  const a = side(ba, ba.states, ia);
  const b = side(bb, bb.states, ib);
  const where = (s: CompareSide, cursor: boolean) => `#${s.branch.id} step ${s.step}${cursor ? ' (its cursor)' : ''}`;
  const note = [
    `Compared on ${formatDay(day)}: ${where(a, ia === ba.cursor)}, ${where(b, false)}${grown ? ' (run on by the engine)' : ''}`,
    why,
  ]
    .filter(Boolean)
    .join('; ');
  const la = ba.states[ba.states.length - 1]!.log;
  const lb = bb.states[bb.states.length - 1]!.log;
  const i = partingIndex(la, lb);
  let parting: CompareView['parting'] = null;
  if (i !== null) {
    const e = la[i] ?? lb[i]!;
    const ev = sc.events[e.event];
    parting = {
      step: i + 1,
      date: formatDay(e.date),
      what: e.kind === 'decision' ? (ev?.decision?.question ?? e.event) : (ev?.title ?? e.event),
      a: entryText(sc, la[i]),
      b: entryText(sc, lb[i]),
    };
  }
  return { a, b, date: formatDay(day), note, differ: differingCells(a.matrix, b.matrix), parting };
}
