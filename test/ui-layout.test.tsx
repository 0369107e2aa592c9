/** Column widths: matrix cells and posture columns never run together, at every width the layout picks. */
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/scenarios.js';
import { bandOf } from '../src/core/summary.js';
import { LABEL_W, matrixLines, type CellW } from '../src/ui/components/matrix-lines.js';
import { lineText } from '../src/ui/components/Line.js';
import { sideLines } from '../src/ui/components/main-lines.js';
import { posturesNow } from '../src/machines/selectors.js';
import { pairLines } from '../src/ui/components/WhyScreen.js';
import { mainLayout, postureWidth } from '../src/ui/layout.js';
import type { MatrixView } from '../src/machines/view/matrix.js';
import { startSession } from './helpers/ui.js';

const sc = flagship();

/** A 3×3 matrix with the extreme scores and changes: −100 after a cell that changed, +100, a fall of 54. */
function extremes(): MatrixView {
  const cell = (from: string, to: string, value: number, delta: number) => ({ from, to, value, band: bandOf(sc, value), delta });
  return {
    actors: ['RUS', 'PRK', 'KOR'],
    rows: [
      [null, cell('RUS', 'PRK', 64, -3), cell('RUS', 'KOR', -100, -12)],
      [cell('PRK', 'RUS', 100, 5), null, cell('PRK', 'KOR', -54, -120)],
      [cell('KOR', 'RUS', 0, 0), cell('KOR', 'PRK', -99.6, 0), null],
    ],
  };
}

describe('matrix cells', () => {
  for (const w of [8, 9, 12] as CellW[]) {
    it(`at width ${w}: every cell starts with a space, and −100 keeps its gap from the symbol`, () => {
      const lines = matrixLines(extremes(), { cellW: w }).map(lineText);
      for (const l of lines) {
        expect(l.length).toBe(LABEL_W + 3 * w);
        for (let j = 0; j < 3; j++) expect(l[LABEL_W + j * w], `${JSON.stringify(l)} cell ${j}`).toBe(' ');
      }
      expect(lines[1]).toContain('-- -100');
      expect(lines[2]).toContain('++  100');
      expect(lines[3]).toContain('-- -100'); // −99.6 rounds to −100
      expect(lines.join('\n')).not.toMatch(/---|[▲▼][^\s\d]/); // no symbol against a minus, nothing but its size after an arrow
      if (w === 9) expect(lines[1]).toMatch(/\+\+ {3}64▼ -- -100▼/);
      if (w === 12) expect(lines[2]).toMatch(/\+\+ {2}100 ▲5 {3}/);
      if (w === 12) expect(lines[2]).toContain('-54 ▼99'); // a change of 120 shows as 99
    });
  }

  it('marks the cells that differ with a * of their own column', () => {
    const l = matrixLines(extremes(), { cellW: 9, deltas: false, highlight: new Set(['RUS>PRK']) }).map(lineText)[1]!;
    expect(l).toMatch(/\+\+ {3}64\* -- -100 $/);
  });
});

describe('why: the pair panel beside the matrix', () => {
  it('wraps each unbalanced triad by pair into the room left at 80 columns, cutting nothing', () => {
    const actor = startSession(sc, 1, []);
    actor.send({ type: 'END' });
    const d = actor.getSnapshot().context.data;
    const ids = sc.actors.map((a) => a.id);
    let triads = 0;
    for (const from of ids)
      for (const to of ids) {
        if (from === to) continue;
        const lines = pairLines(d, from, to, 26).map(lineText);
        for (const l of lines.slice(4)) expect(l.length, l).toBeLessThanOrEqual(26);
        expect(lines.join(' ')).not.toContain('…');
        triads += lines.slice(4).filter((l) => l.includes('·')).length;
      }
    expect(triads).toBeGreaterThan(0);
    actor.stop();
  });
});

describe('posture columns', () => {
  it('keep a gap after the longest posture name, at 80, 100 and 140 columns', () => {
    const actor = startSession(sc, 1, []);
    const d = actor.getSnapshot().context.data;
    const pw = postureWidth(sc);
    expect(pw).toBe(4 + 'aligned_with_moscow'.length + 1 + 1); // id, name, the * of a change, a space
    for (const cols of [80, 100, 140]) {
      const L = mainLayout(cols, 30, 6, pw);
      const lines = sideLines(d, posturesNow(actor.getSnapshot()), L.rightW, L.cellW, L.posturesPerLine, L.postureW).map(lineText);
      const postures = lines.slice(7, -1);
      expect(postures.length).toBe(Math.ceil(6 / L.posturesPerLine));
      // Each column is the id, the posture padded to the longest name and its *, and a space.
      for (const l of postures) {
        const cols = l.match(/[A-Z]{3} \S+ +/g) ?? [];
        expect(cols.join('')).toBe(l);
        for (const c of cols.slice(0, -1)) expect(c.length).toBe(pw);
      }
      for (const l of postures) expect(l.length).toBeLessThanOrEqual(L.rightW);
    }
    expect(mainLayout(140, 30, 6, pw).posturesPerLine).toBe(3);
    actor.stop();
  });
});
