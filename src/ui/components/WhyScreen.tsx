/**
 * Why: move a cursor over the matrix; for the selected pair, its ledger (each term's value now, its starting
 * value, its cause and sources) and the unbalanced triads that put pressure on it.
 */
import { Box } from 'ink';
import type { SessionData } from '../../machines/session-logic.js';
import { branchOf } from '../../machines/session-logic.js';
import { explainPair } from '../../core/explain.js';
import { unbalancedFor } from '../../core/balance.js';
import { bandOf } from '../../core/summary.js';
import { formatDay } from '../../core/date.js';
import { matrixView } from '../view/matrix.js';
import { sourcesShort } from '../view/sources.js';
import { padEnd, padStart, signed, whole, wrap } from '../view/text.js';
import { Lines, type LineSpec } from './Line.js';
import { matrixLines, matrixWidth, type CellW } from './matrix-lines.js';

const KIND: Record<string, string> = { initial: 'initial', event: 'event', option: 'choice', reaction: 'reaction', balance: 'balance', tie: 'tie' };

export function pairLines(d: SessionData, from: string, to: string, width = 60): LineSpec[] {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  const ex = explainPair(d.scenario, s, from, to);
  const band = bandOf(d.scenario, ex.score);
  const lines: LineSpec[] = [
    [{ text: `How ${from} regards ${to}`, bold: true }],
    [{ text: `${whole(ex.score)} `, bold: true, color: band.color }, { text: `${band.symbol} ${band.label}`, color: band.color }],
    [{ text: `${ex.lines.length} terms sum to ${ex.raw.toFixed(1)}${Math.abs(ex.raw) > 100 ? ' (clamped)' : ''}`, dim: true }],
    [{ text: 'Unbalanced triads:', bold: true }],
  ];
  const triads = unbalancedFor(d.scenario, s, from, to);
  if (!triads.length) lines.push(...wrap('none: no balance pressure', width - 2).map((l): LineSpec => [{ text: `  ${l}`, dim: true }]));
  for (const t of triads) {
    const [a, b, c] = t.actors;
    const sign = (m: number) => (m > 0 ? '+' : '−');
    // Wrapped by pair, not cut: beside the matrix at 80 columns there are about 26 columns.
    const parts = [`${a}–${b} ${sign(t.means[0])}`, `· ${b}–${c} ${sign(t.means[1])}`, `· ${c}–${a} ${sign(t.means[2])}`];
    let line = '';
    for (const p of parts) {
      if (line && line.length + 1 + p.length > width - 2) {
        lines.push([{ text: `  ${line}`, role: 'warn' }]);
        line = `  ${p}`;
      } else line = line ? `${line} ${p}` : p;
    }
    lines.push([{ text: `  ${line}`, role: 'warn' }]);
  }
  return lines;
}

export function ledgerLines(d: SessionData, from: string, to: string, width: number): LineSpec[] {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  const ex = explainPair(d.scenario, s, from, to);
  const out: LineSpec[] = [[{ text: padEnd(`${'now'.padStart(6)} ${'start'.padStart(6)}  ${'kind'.padEnd(8)} cause and source`, width), bold: true, inverse: true }]];
  const terms = [...ex.lines].sort((x, y) => Math.abs(y.now) - Math.abs(x.now));
  for (const t of terms) {
    out.push([
      { text: padStart(signed(t.now, 1), 6), bold: true, role: t.now > 0 ? 'good' : t.now < 0 ? 'bad' : 'dim' },
      { text: ` ${padStart(signed(t.start, 1), 6)}  `, dim: true },
      { text: padEnd(KIND[t.kind] ?? t.kind, 8), role: 'accent' },
      { text: ` ${t.label}` },
    ]);
    const since = t.kind === 'tie' || t.kind === 'initial' ? '' : `since ${formatDay(t.created)}${t.fade > 0 ? `, fades ${t.fade}/yr` : ''}`;
    const src = sourcesShort(d.scenario, t.sources);
    const more = [since, t.note ?? '', src ? `source: ${src}` : ''].filter(Boolean).join(' · ');
    if (more) out.push([{ text: `${' '.repeat(16)}${more}`, dim: true }]);
  }
  return out;
}

export function WhyScreen({ data, cell, scroll, width, height, cellW }: { data: SessionData; cell: readonly [number, number]; scroll: number; width: number; height: number; cellW: CellW }) {
  const ids = data.scenario.actors.map((a) => a.id);
  const from = ids[cell[0]] ?? ids[0]!;
  const to = ids[cell[1]] ?? ids[1]!;
  const b = branchOf(data);
  const s = b.states[b.cursor]!;
  const prev = b.cursor > 0 ? b.states[b.cursor - 1] : undefined;
  const mW = matrixWidth(ids.length, cellW);
  const pair = pairLines(data, from, to, width - mW - 2);
  const top = Math.min(Math.max(ids.length + 1, pair.length), Math.max(ids.length + 1, height - 6));
  const matrix = matrixLines(matrixView(data.scenario, s, prev), { cellW, cursor: cell });
  const ledger = ledgerLines(data, from, to, width);
  const room = Math.max(1, height - top - 1);
  const maxScroll = Math.max(0, ledger.length - 1 - (room - 1));
  const off = Math.min(scroll, maxScroll);
  const shown = [ledger[0]!, ...ledger.slice(1 + off, 1 + off + room - 1)];
  const tail = off < maxScroll ? [[{ text: `  … ${maxScroll - off} more lines: ] or PgDn`, dim: true }] as LineSpec] : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="row" height={top}>
        <Lines lines={matrix} width={mW} height={top} />
        <Box width={2} />
        <Lines lines={pair} width={width - mW - 2} height={top} />
      </Box>
      <Box height={1} />
      <Lines lines={tail.length ? [...shown.slice(0, room - 1), ...tail] : shown} width={width} height={room} />
    </Box>
  );
}
