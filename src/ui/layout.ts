/**
 * Sizes of the main view's parts for a terminal size. The whole frame is `rows - 1` lines: ink 6 clears the
 * screen on every frame once the output is as tall as the terminal, which flickers.
 */
import type { Scenario } from '../core/model.js';
import type { LiveOdds } from './use-live-odds.js';
import { matrixWidth, type CellW } from './components/matrix-lines.js';

export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export function tooSmall(cols: number, rows: number): boolean {
  return cols < MIN_COLS || rows < MIN_ROWS;
}

/** The terminal size the UI draws in. */
export interface View {
  readonly columns: number;
  readonly rows: number;
  /** The assumptions screen's Monte Carlo odds as shown (they take lines, so they count in its scrolling). */
  readonly live?: LiveOdds;
}

/** The room a screen gets: the terminal less the header, the message line, the status line and the last row. */
export function screenBox(v: View): { width: number; height: number } {
  return { width: v.columns, height: v.rows - 1 - 3 };
}

export interface MainLayout {
  readonly width: number;
  readonly height: number;
  readonly cellW: CellW;
  readonly timelineW: number;
  readonly rightW: number;
  readonly top: number;
  readonly detail: number;
  readonly posturesPerLine: number;
  readonly postureW: number;
}

const GAP = 2;

/**
 * The width of one posture column: the actor id and a space, the longest posture name of the scenario, the `*`
 * of a posture that just changed, and a gap before the next column.
 */
export function postureWidth(scenario: Pick<Scenario, 'postures'>): number {
  const names = Object.values(scenario.postures).flatMap((c) => Object.keys(c.states));
  return 4 + Math.max(8, ...names.map((n) => n.length)) + 1 + 1;
}

/**
 * `postureLines(perLine)`: how many posture lines the panel needs (machines/view/postures.ts; default one
 * chart per actor, `perLine` actors to a line).
 */
export function mainLayout(cols: number, rows: number, actors: number, postureW = 25, postureLines = (perLine: number) => Math.ceil(actors / perLine)): MainLayout {
  const height = rows - 1;
  const fits = (w: CellW, timeline: number) => cols >= matrixWidth(actors, w) + GAP + timeline;
  const cellW: CellW = fits(12, 38) ? 12 : fits(9, 30) ? 9 : 8;
  const rightW = matrixWidth(actors, cellW);
  const timelineW = cols - rightW - GAP;
  const posturesPerLine = Math.max(1, Math.floor(rightW / postureW));
  const rightH = 1 + actors + postureLines(posturesPerLine) + 1;
  const rest = height - 3; // header, message, status
  const top = Math.max(0, Math.min(Math.max(rightH, Math.floor(rest * 0.55)), rest - 7));
  return { width: cols, height, cellW, timelineW, rightW, top, detail: rest - top, posturesPerLine, postureW };
}
