/** Two branches side by side at the same date: both matrices, the cells that differ highlighted, where they part. */
import type { SessionData } from '../../machines/session-logic.js';
import { compareView } from '../view/branches.js';
import { padEnd, wrap } from '../view/text.js';
import { Lines, type LineSpec, type Seg } from './Line.js';
import { matrixLines, matrixWidth } from './matrix-lines.js';

export function compareLines(d: SessionData, pair: readonly [number, number], width: number, height: number): LineSpec[] {
  const v = compareView(d, pair[0], pair[1]);
  const n = v.a.matrix.actors.length;
  // Width 9: each cell has room for the * that marks a difference (side by side when two fit, else stacked).
  const cellW = 9;
  const mW = matrixWidth(n, cellW);
  const ma = matrixLines(v.a.matrix, { cellW, highlight: v.differ, deltas: false });
  const mb = matrixLines(v.b.matrix, { cellW, highlight: v.differ, deltas: false });
  const head = (s: typeof v.a, w: number): LineSpec => [{ text: padEnd(`#${s.branch.id} · ${s.date} · tension ${s.tension.toFixed(0)} · ${s.branch.label}`, w - 1) + ' ', bold: true, role: 'branch' }];
  const lines: LineSpec[] = [];
  const gap = width - 2 * mW;
  if (gap >= 0) {
    const w = mW + Math.floor(gap / 2);
    const hb = head(v.b, w) as readonly Seg[];
    lines.push([...(head(v.a, w) as readonly Seg[]), ...hb]);
    ma.forEach((l, i) => lines.push([...(l as readonly Seg[]), { text: ' '.repeat(w - mW) }, ...((mb[i] ?? []) as readonly Seg[])]));
  } else {
    lines.push(head(v.a, width), ...ma, head(v.b, width), ...mb);
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
