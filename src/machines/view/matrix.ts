/** The relation matrix as data: each directed score at a state, its band and its change since a previous state. */
import type { ActorId, Band, Scenario } from '../../core/model.js';
import type { SimState } from '../../core/state.js';
import { bandAt, scoreAt, tensionAt } from '../selectors.js';
import { changeShows, shownChange } from './numbers.js';

export interface Cell {
  readonly from: ActorId;
  readonly to: ActorId;
  readonly value: number;
  readonly band: Band;
  /** Change since the previous state (0 when there is none). */
  readonly delta: number;
}

export interface MatrixView {
  readonly actors: readonly ActorId[];
  /** rows[i][j]: how actors[i] regards actors[j]; null on the diagonal. */
  readonly rows: readonly (readonly (Cell | null)[])[];
}

export function matrixView(scenario: Scenario, state: SimState, prev?: SimState): MatrixView {
  const actors = scenario.actors.map((a) => a.id);
  const rows = actors.map((from) =>
    actors.map((to) => {
      if (from === to) return null;
      const value = scoreAt(state, from, to);
      // The difference of the displayed values (numbers.ts), so the arrow agrees with the two numbers.
      const delta = prev ? shownChange(scoreAt(prev, from, to), value) : 0;
      return { from, to, value, band: bandAt(scenario, value), delta };
    }),
  );
  return { actors, rows };
}

export function worldTension(scenario: Scenario, state: SimState): number {
  return tensionAt(scenario, state);
}

/** Cells whose rounded values differ between two matrices of the same scenario. */
export function differingCells(a: MatrixView, b: MatrixView): Set<string> {
  const out = new Set<string>();
  a.rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      const other = b.rows[i]?.[j];
      if (cell && other && changeShows(cell.value, other.value)) out.add(`${cell.from}>${cell.to}`);
    }),
  );
  return out;
}
