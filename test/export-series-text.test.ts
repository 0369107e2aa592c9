/**
 * `run --format csv|jsonl` is written one state at a time (seriesText), so its memory is the history's, not the
 * rows'. The parts joined are exactly the whole export built at once.
 */
import { describe, expect, it } from 'vitest';
import { toCsv, toJsonl } from '../src/export/csv.js';
import { SERIES_COLUMNS, seriesRows, seriesText } from '../src/export/series.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runHistory } from '../src/machines/engine.js';
import { flagship, small } from './helpers/scenarios.js';

describe('seriesText', () => {
  for (const [name, sc] of [['flagship', flagship()], ['small', small()]] as const) {
    it(`gives, joined, the CSV and JSON Lines of every row (${name})`, () => {
      const states = runHistory(sc, { seed: 4, assumptions: resolveAssumptions(sc), choices: {} });
      const rows = seriesRows(sc, states);
      const csv = [...seriesText('csv', sc, states)];
      expect(csv).toHaveLength(states.length + 1); // the header, then one part per state
      expect(csv.join('')).toBe(toCsv(SERIES_COLUMNS, rows.map((r) => SERIES_COLUMNS.map((c) => r[c]))));
      expect([...seriesText('jsonl', sc, states)].join('')).toBe(toJsonl(rows));
    });
  }
});
