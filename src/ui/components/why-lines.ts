/**
 * The why screen as lines: the pair panel beside the matrix (score, band, change since the previous step,
 * unbalanced triads), the ledger as whole entries (a term and its detail line), and the screen's geometry, which
 * the keys share so that a page of the ledger is exactly what the screen shows.
 */
import type { SessionData } from '../../machines/session-logic.js';
import type { SourceRef } from '../../core/model.js';
import { bandAt, currentState, explainAt, unbalancedAt } from '../../machines/selectors.js';
import { formatDay } from '../../core/date.js';
import { ledgerSumText, ledgerTerms, pairChange } from '../../machines/view/ledger.js';
import { sourceLabels } from '../../machines/view/sources.js';
import { padEnd, padStart, signed, whole, wrap } from '../../machines/view/text.js';
import type { LineSpec } from './Line.js';
import { matrixWidth, type CellW } from './matrix-lines.js';

const KIND: Record<string, string> = { initial: 'initial', event: 'event', option: 'choice', reaction: 'reaction', balance: 'balance', tie: 'tie' };

function changeLine(d: SessionData, from: string, to: string): LineSpec {
  const c = pairChange(d, from, to);
  if (c.delta === null) return [{ text: 'the start: no previous step', dim: true }];
  const terms = [c.added ? `${c.added} new` : '', c.changed ? `${c.changed} changed` : ''].filter(Boolean).join(', ');
  // The change of the score as shown (whole points, numbers.ts), like the matrix's arrow.
  const moved = c.delta !== 0;
  return [
    { text: 'since the last step: ', dim: true },
    { text: moved ? signed(c.delta) : 'unchanged', bold: moved, role: c.delta > 0 ? 'good' : c.delta < 0 ? 'bad' : 'dim' },
    { text: terms ? ` (${terms})` : '', role: 'warn' },
  ];
}

export function pairLines(d: SessionData, from: string, to: string, width = 60): LineSpec[] {
  const s = currentState(d);
  const ex = explainAt(d.scenario, s, from, to);
  const band = bandAt(d.scenario, ex.score);
  const lines: LineSpec[] = [
    [{ text: `How ${from} regards ${to}`, bold: true }],
    [{ text: `${whole(ex.score)} `, bold: true, color: band.color }, { text: `${band.symbol} ${band.label}`, color: band.color }],
    changeLine(d, from, to),
    [{ text: ledgerSumText(d, from, to), dim: true }],
    [{ text: 'Unbalanced triads:', bold: true }],
  ];
  const triads = unbalancedAt(d.scenario, s, from, to);
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

/** A term's sources: paragraphs of the article by number (the step's own view quotes them), sources in full with their address. */
function sourceLines(d: SessionData, refs: readonly SourceRef[]): string[] {
  const paras = [...new Set(refs.filter((r) => r.para !== undefined).map((r) => `¶${r.para}`))];
  const rest = sourceLabels(d.scenario, refs.filter((r) => r.para === undefined));
  return [...(paras.length ? [`article ${paras.join(', ')}`] : []), ...rest];
}

/**
 * Entries cut to at most `room` lines each, a taller one split into pieces (its first piece holds the term), so
 * that paging by whole entries reaches every line of a long source list.
 */
export function fitEntries(entries: readonly LineSpec[][], room: number): LineSpec[][] {
  const n = Math.max(1, room);
  return entries.flatMap((e) => (e.length <= n ? [e] : Array.from({ length: Math.ceil(e.length / n) }, (_, i) => e.slice(i * n, (i + 1) * n))));
}

/** The ledger's header line and its entries: each term, then (when there is any) its dates, note and sources. */
export function ledgerEntries(d: SessionData, from: string, to: string, width: number): { header: LineSpec; entries: LineSpec[][] } {
  const head = `${'now'.padStart(6)} ${'start'.padStart(6)}  ${'kind'.padEnd(8)} ${width >= 100 ? 'cause and source · largest first · [new]/[changed] since the last step' : 'cause, source · largest first · [new]/[changed]'}`;
  const entries = ledgerTerms(d, from, to).map((t) => {
    // The label wrapped under itself, never cut (a treaty's full name is long).
    const mark = t.mark ? ` [${t.mark}]` : '';
    const labelAt = 6 + 1 + 6 + 2 + 8 + mark.length + 1;
    const label = wrap(t.label, width - labelAt);
    const first: LineSpec = [
      { text: padStart(signed(t.now, 1), 6), bold: true, role: t.now > 0 ? 'good' : t.now < 0 ? 'bad' : 'dim' },
      { text: ` ${padStart(signed(t.start, 1), 6)}  `, dim: true },
      { text: padEnd(KIND[t.kind] ?? t.kind, 8), role: 'accent' },
      ...(t.mark ? [{ text: mark, role: 'warn' as const, bold: true }] : []),
      { text: ` ${label[0] ?? ''}` },
    ];
    const labelMore = label.slice(1).map((l): LineSpec => [{ text: `${' '.repeat(labelAt)}${l}` }]);
    const since = t.kind === 'tie' || t.kind === 'initial' ? '' : `since ${formatDay(t.created)}${t.fade > 0 ? `, fades ${t.fade}/yr` : ''}`;
    // Wrapped, never cut: the note in full, and each source in full with its address (issue 13: a class can
    // read the URL off the screen); the ledger scrolls by whole entries.
    const more = [since, t.note ?? ''].filter(Boolean).join(' · ');
    const pad = ' '.repeat(16);
    const detail: LineSpec[] = [
      ...wrap(more, width - 16),
      ...sourceLines(d, t.sources).flatMap((src, i) => wrap(`${i ? '        ' : 'source: '}${src}`, width - 16)),
    ].map((l): LineSpec => [{ text: `${pad}${l}`, dim: true }]);
    // A stacked modifier names every cause merged into it (docs/model.md, "Keys and caps").
    const stacked = t.stack.map((p): LineSpec => [{ text: `${' '.repeat(16)}↳ ${signed(p.now, 1)} ${p.label} (${formatDay(p.created)})`, dim: true }]);
    return [first, ...labelMore, ...stacked, ...detail];
  });
  return { header: [{ text: padEnd(head, width), bold: true, inverse: true }], entries };
}

/** The ledger as plain lines: the header, then every entry. */
export function ledgerLines(d: SessionData, from: string, to: string, width: number): LineSpec[] {
  const { header, entries } = ledgerEntries(d, from, to, width);
  return [header, ...entries.flat()];
}

export interface WhyGeometry {
  readonly from: string;
  readonly to: string;
  /** Width of the matrix; the pair panel is beside it. */
  readonly matrixW: number;
  readonly pair: LineSpec[];
  /** Lines of the top part (matrix and pair panel), and of the ledger below (its header included). */
  readonly top: number;
  readonly room: number;
}

export function whyGeometry(d: SessionData, cell: readonly [number, number], width: number, height: number, cellW: CellW): WhyGeometry {
  const ids = d.scenario.actors.map((a) => a.id);
  const from = ids[cell[0]] ?? ids[0]!;
  const to = ids[cell[1]] ?? ids[1]!;
  const matrixW = matrixWidth(ids.length, cellW);
  const pair = pairLines(d, from, to, width - matrixW - 2);
  const top = Math.min(Math.max(ids.length + 1, pair.length), Math.max(ids.length + 1, height - 6));
  return { from, to, matrixW, pair, top, room: Math.max(1, height - top - 1) };
}
