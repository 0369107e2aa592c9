/**
 * Two branches side by side (or one above the other) at the same date: which steps are compared, both matrices,
 * the cells that differ highlighted, where the branches part.
 */
import type { SessionData } from '../../machines/session-logic.js';
import { compareView, type CompareSide } from '../view/branches.js';
import { branchLabel } from '../view/labels.js';
import { rounded } from '../view/numbers.js';
import { padEnd, wrap } from '../view/text.js';
import { Lines, type LineSpec, type Seg } from './Line.js';
import { matrixLines, matrixWidth } from './matrix-lines.js';

export function compareLines(d: SessionData, pair: readonly [number, number], width: number, height: number): LineSpec[] {
  const v = compareView(d, pair[0], pair[1]);
  const n = v.a.matrix.actors.length;
  // Width 9: each cell has room for the * that marks a difference.
  const cellW = 9;
  const mW = matrixWidth(n, cellW);
  const ma = matrixLines(v.a.matrix, { cellW, highlight: v.differ, deltas: false });
  const mb = matrixLines(v.b.matrix, { cellW, highlight: v.differ, deltas: false });
  const head = (s: CompareSide, w: number): Seg[] => [{ text: padEnd(`#${s.branch.id} · step ${s.step}${s.date !== v.date ? ` (${s.date})` : ''} · tension ${rounded(s.tension, 1).toFixed(1)} · ${branchLabel(d.scenario, s.branch.label)}`, w - 1) + ' ', bold: true, role: 'branch' }];
  const lines: LineSpec[] = wrap(v.note, width, 2).map((l): LineSpec => [{ text: l, bold: true }]);
  const gap = width - 2 * mW;
  if (gap >= 2) {
    const w = mW + Math.floor(gap / 2);
    lines.push([...head(v.a, w), ...head(v.b, w)]);
    ma.forEach((l, i) => lines.push([...(l as readonly Seg[]), { text: ' '.repeat(w - mW) }, ...((mb[i] ?? []) as readonly Seg[])]));
  } else {
    // One above the other: the second matrix reuses the first one's column labels.
    lines.push(head(v.a, width), ...ma, head(v.b, width), ...mb.slice(1));
  }
  lines.push([{ text: `${v.differ.size} cell${v.differ.size === 1 ? '' : 's'} differ (highlighted, marked *)`, role: 'diff' }]);
  if (v.parting) {
    const p = v.parting;
    lines.push([{ text: `They part at step ${p.step} (${p.date}): `, bold: true }, { text: p.what }]);
    const room = Math.max(1, Math.floor((height - lines.length) / 2));
    for (const [id, text] of [
      [v.a.branch.id, p.a],
      [v.b.branch.id, p.b],
    ] as const) {
      lines.push(...wrap(`#${id}: ${text}`, width - 2, room).map((l): LineSpec => `  ${l}`));
    }
  } else lines.push([{ text: 'They have not parted yet (one is ahead of the other on the same path).', dim: true }]);
  return lines;
}

export function CompareScreen({ data, pair, width, height }: { data: SessionData; pair: readonly [number, number]; width: number; height: number }) {
  return <Lines lines={compareLines(data, pair, width, height)} width={width} height={height} />;
}
