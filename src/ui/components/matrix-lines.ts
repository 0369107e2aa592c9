/**
 * The relation matrix as lines: row actor → column actor. Each cell carries the band symbol (so the bands read
 * without colour), the score and, when wide enough, the change since the previous step (▲3 ▼12).
 *
 * Every cell starts with a space and gives the score five columns, so neighbours never touch: not after an
 * arrow (`64▼ -- -54`), not between the symbol and −100 (`-- -100`).
 */
import type { MatrixView } from '../../machines/view/matrix.js';
import { whole } from '../../machines/view/text.js';
import type { LineSpec, Seg } from './Line.js';

export interface MatrixStyle {
  /** 8: " ++   65"; 9: and ▲/▼ (or the highlight's *); 12: the size of the change too (" ++   65 ▲12"). */
  readonly cellW: CellW;
  readonly cursor?: readonly [number, number] | undefined;
  /** Cells (`FROM>TO`) to highlight, e.g. those that differ between two branches: inverse, and a `*` after. */
  readonly highlight?: ReadonlySet<string> | undefined;
  /** Show the change since the previous step (default true). */
  readonly deltas?: boolean;
}

export type CellW = 8 | 9 | 12;

/** The space, the band symbol and the score: the part every cell width has. */
const BODY_W = 8;

export const LABEL_W = 4;

export function matrixWidth(actors: number, cellW: number): number {
  return LABEL_W + actors * cellW;
}

function deltaText(delta: number, cellW: number): string {
  if (cellW <= BODY_W) return '';
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : ' ';
  if (cellW < 12) return arrow.padEnd(cellW - BODY_W);
  return (delta === 0 ? '' : ` ${arrow}${Math.min(99, Math.abs(delta))}`).padEnd(cellW - BODY_W);
}

export function matrixLines(m: MatrixView, style: MatrixStyle): LineSpec[] {
  const { cellW } = style;
  const header: Seg[] = [{ text: ' '.repeat(LABEL_W) }];
  const [cr, cc] = style.cursor ?? [-1, -1];
  // The cursor's row and column are also marked in the labels (▸ ▾), so the selection reads without inverse video.
  m.actors.forEach((a, j) =>
    header.push({
      text: (a + (j === cc ? '▾' : ' ')).padStart(BODY_W) + ' '.repeat(cellW - BODY_W),
      bold: true,
      inverse: j === cc,
    }),
  );
  const lines: LineSpec[] = [header];
  m.rows.forEach((row, i) => {
    const line: Seg[] = [{ text: i === cr ? `${m.actors[i]!}▸`.padEnd(LABEL_W) : m.actors[i]!.padEnd(LABEL_W), bold: true, inverse: i === cr }];
    row.forEach((cell, j) => {
      const isCursor = style.cursor?.[0] === i && style.cursor?.[1] === j;
      if (!cell) {
        line.push({ text: '·'.padStart(BODY_W) + ' '.repeat(cellW - BODY_W), dim: true });
        return;
      }
      const marked = style.highlight?.has(`${cell.from}>${cell.to}`) ?? false;
      line.push({ text: ' ' });
      line.push({ text: `${cell.band.symbol.padEnd(2)}${whole(cell.value).padStart(5)}`, color: cell.band.color, inverse: isCursor || marked, bold: marked });
      if (style.deltas === false) {
        if (cellW > BODY_W) line.push({ text: (marked ? '*' : ' ').padEnd(cellW - BODY_W), role: 'diff', bold: true });
        return;
      }
      const d = deltaText(cell.delta, cellW);
      if (d) line.push({ text: d, role: cell.delta > 0 ? 'good' : cell.delta < 0 ? 'bad' : undefined, inverse: isCursor });
    });
    lines.push(line);
  });
  return lines;
}

/** The bands as a legend: "-- hostile  - cold  · neutral …". */
export function bandLegend(bands: readonly { symbol: string; label: string; color: string }[]): Seg[] {
  const out: Seg[] = [];
  bands.forEach((b, i) => {
    if (i) out.push({ text: '  ' });
    out.push({ text: `${b.symbol} ${b.label}`, color: b.color });
  });
  return out;
}
