/** The tree of branches explored, and the comparison of two branches at the same date. */
import type { Scenario } from '../../core/model.js';
import type { LogEntry, SimState } from '../../core/state.js';
import type { Branch, SessionData } from '../../machines/session-logic.js';
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
      label: b.label,
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
  readonly matrix: MatrixView;
  readonly tension: number;
  readonly date: string;
}

export interface CompareView {
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly differ: ReadonlySet<string>;
  /** The first step where the two branches part: what each did there. */
  readonly parting: { readonly step: number; readonly date: string; readonly what: string; readonly a: string; readonly b: string } | null;
}

/** Branch `a` at its cursor against branch `b` at its last state dated on or before it. */
export function compareView(d: SessionData, aId: number, bId: number): CompareView {
  const sc = d.scenario;
  const side = (branch: Branch, state: SimState): CompareSide => ({
    branch,
    state,
    matrix: matrixView(sc, state),
    tension: worldTension(sc, state),
    date: formatDay(state.date),
  });
  const ba = d.branches[aId]!;
  const bb = d.branches[bId]!;
  const sa = ba.states[ba.cursor]!;
  let sb = bb.states[0]!;
  for (const s of bb.states) if (s.date <= sa.date) sb = s;
  const a = side(ba, sa);
  const b = side(bb, sb);
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
  return { a, b, differ: differingCells(a.matrix, b.matrix), parting };
}
