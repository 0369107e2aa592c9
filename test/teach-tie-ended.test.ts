import { describe, expect, it } from 'vitest';
import { largestChanges } from '../src/teach/report-analysis.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runHistory } from '../src/machines/engine.js';
import { flagship } from './helpers/scenarios.js';

describe('report: a tie that ended', () => {
  it('is dated on the day it ended, not on the last day of the run', () => {
    const s = flagship();
    const history = runHistory(s, { seed: 1, assumptions: resolveAssumptions(s), choices: {} });
    const rows = largestChanges(s, history[0]!, history.at(-1)!, 30);
    const ended = rows.flatMap((r) => r.terms).filter((t) => t.kind === 'tie ended');
    expect(ended.length).toBeGreaterThan(0);
    for (const t of ended) expect(t.date).toBe('2024-12-04'); // the 2000 treaty gives way when the new one enters into force
  });
});
