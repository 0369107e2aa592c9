/**
 * Two branches side by side (or one above the other) at the same date: which steps are compared, both matrices,
 * the cells that differ highlighted, where the branches part.
 */
import type { SessionData } from '../../machines/session-logic.js';
import { compareView, type CompareSide } from '../../machines/view/branches.js';
import { branchLabel } from '../../machines/view/labels.js';
import { rounded } from '../../machines/view/numbers.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import { Lines, type LineSpec, type Seg } from './Line.js';
import { scrollWindow } from './scroll.js';
import { matrixLines, matrixWidth } from './matrix-lines.js';

export function compareLines(d: SessionData, pair: readonly [number, number], width: number, _height?: number): LineSpec[] {
  const v = compareView(d, pair[0], pair[1]);
  const n = v.a.matrix.actors.length;
  // Width 9: each cell has room for the * that marks a difference.
  const cellW = 9;
  const mW = matrixWidth(n, cellW);
  const ma = matrixLines(v.a.matrix, { cellW, highlight: v.differ, deltas: false });
  const mb = matrixLines(v.b.matrix, { cellW, highlight: v.differ, deltas: false });
  const headText = (s: CompareSide) => `#${s.branch.id} · step ${s.step}${s.date !== v.date ? ` (${s.date})` : ''} · tension ${rounded(s.tension, 1).toFixed(1)} · ${branchLabel(d.scenario, s.branch.label)}`;
  const head = (s: CompareSide, w: number): Seg[] => [{ text: padEnd(headText(s), w - 1) + ' ', bold: true, role: 'branch' }];
  // One above the other: each header wrapped in full (at 80 columns the label would not fit beside the numbers).
  const fullHead = (s: CompareSide): LineSpec[] => wrap(headText(s), width).map((l): LineSpec => [{ text: l, bold: true, role: 'branch' }]);
  const lines: LineSpec[] = wrap(v.note, width).map((l): LineSpec => [{ text: l, bold: true }]);
  const gap = width - 2 * mW;
  if (gap >= 2) {
    const w = mW + Math.floor(gap / 2);
    lines.push([...head(v.a, w), ...head(v.b, w)]);
    ma.forEach((l, i) => lines.push([...(l as readonly Seg[]), { text: ' '.repeat(w - mW) }, ...((mb[i] ?? []) as readonly Seg[])]));
  } else {
    // One above the other: the second matrix reuses the first one's column labels.
    lines.push(...fullHead(v.a), ...ma, ...fullHead(v.b), ...mb.slice(1));
  }
  if (!v.differences.length) {
    lines.push([{ text: 'Nothing differs here.', dim: true }]);
    return lines;
  }
  lines.push([{ text: `${v.differences.length} difference${v.differences.length === 1 ? '' : 's'} (cells that differ are marked *):`, bold: true, role: 'diff' }]);
  // Every difference, wrapped: what does not fit scrolls (↑↓, [ ]).
  for (const x of v.differences) wrap(x, width - 4).forEach((l, i) => lines.push(`${i ? '    ' : '  '}${l}`));
  return lines;
}

export function CompareScreen({ data, pair, width, height, scroll = 0 }: { data: SessionData; pair: readonly [number, number]; width: number; height: number; scroll?: number }) {
  return <Lines lines={scrollWindow(compareLines(data, pair, width, height), height, scroll, '↓ or ], ↑ or [')} width={width} height={height} />;
}
