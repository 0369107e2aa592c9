/**
 * Why: move a cursor over the matrix; for the selected pair, its score, its change since the previous step and
 * the unbalanced triads that put pressure on it, and below, its ledger (each term's value now, its starting
 * value, its cause and sources), scrolled by whole entries.
 */
import { Box } from 'ink';
import type { SessionData } from '../../machines/session-logic.js';
import { currentState, previousState } from '../../machines/selectors.js';
import { matrixView } from '../../machines/view/matrix.js';
import { ledgerWindow } from '../../machines/view/ledger.js';
import { Lines, type LineSpec } from './Line.js';
import { matrixLines, type CellW } from './matrix-lines.js';
import { fitEntries, ledgerEntries, whyGeometry } from './why-lines.js';

export { ledgerLines, pairLines } from './why-lines.js';

export function WhyScreen({ data, cell, scroll, width, height, cellW }: { data: SessionData; cell: readonly [number, number]; scroll: number; width: number; height: number; cellW: CellW }) {
  const s = currentState(data);
  const prev = previousState(data);
  const g = whyGeometry(data, cell, width, height, cellW);
  const matrix = matrixLines(matrixView(data.scenario, s, prev), { cellW, cursor: cell });
  const { header, entries: all } = ledgerEntries(data, g.from, g.to, width);
  const entries = fitEntries(all, g.room - 2);
  const w = ledgerWindow(entries.map((e) => e.length), scroll, g.room - 1);
  const shown = entries.slice(w.first, w.first + w.count).flat();
  const more = [w.above ? `${w.above} above ([ or PgUp)` : '', w.below ? `${w.below} more below (] or PgDn)` : ''].filter(Boolean).join(' · ');
  const tail: LineSpec[] = more ? [[{ text: `  … ${more}`, dim: true }]] : [];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="row" height={g.top}>
        <Lines lines={matrix} width={g.matrixW} height={g.top} />
        <Box width={2} />
        <Lines lines={g.pair} width={width - g.matrixW - 2} height={g.top} />
      </Box>
      <Box height={1} />
      <Lines lines={[header, ...shown, ...tail]} width={width} height={g.room} />
    </Box>
  );
}
