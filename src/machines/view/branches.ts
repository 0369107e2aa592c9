/** The tree of branches explored, and the comparison of two branches at the same date. */
import { branchLabel } from './labels.js';
import type { SimState } from '../../core/state.js';
import type { Branch, SessionData } from '../session-logic.js';
import { cursorOf } from '../selectors.js';
import { comparePoint, type ComparePoint } from '../compare.js';
import { formatDay } from '../../core/date.js';
import { differingCells, matrixView, worldTension, type MatrixView } from './matrix.js';

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
    const s = cursorOf(b);
    rows.push({
      id: b.id,
      label: b.name ?? branchLabel(d.scenario, b.label),
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

export interface CompareSide {
  readonly branch: Branch;
  readonly state: SimState;
  /** Index of `state` in the branch. */
  readonly step: number;
  readonly matrix: MatrixView;
  readonly tension: number;
  readonly date: string;
}

export interface CompareView {
  readonly a: CompareSide;
  readonly b: CompareSide;
  /** The date both are compared at. */
  readonly date: string;
  /** Which date and steps, after which of that day's events, in one line (machines/compare.ts). */
  readonly note: string;
  readonly differ: ReadonlySet<string>;
  /** Exactly what differs, one line each. */
  readonly differences: readonly string[];
}

const cache = new WeakMap<SessionData, Map<string, CompareView>>();

/** Branch `a` against branch `b` as machines/compare.ts places them (no simulation is played here). */
export function compareView(d: SessionData, aId: number, bId: number): CompareView {
  const key = `${aId}:${bId}`;
  const hit = cache.get(d)?.get(key);
  if (hit) return hit;
  const p = comparePoint(d, aId, bId);
  const side = (x: ComparePoint['a']): CompareSide => ({
    branch: x.branch,
    state: x.state,
    step: x.step,
    matrix: matrixView(d.scenario, x.state),
    tension: worldTension(d.scenario, x.state),
    date: formatDay(x.state.date),
  });
  const a = side(p.a);
  const b = side(p.b);
  const v: CompareView = { a, b, date: formatDay(p.day), note: p.note, differ: differingCells(a.matrix, b.matrix), differences: p.differences };
  if (!cache.has(d)) cache.set(d, new Map());
  cache.get(d)!.set(key, v);
  return v;
}
