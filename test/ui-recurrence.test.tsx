/**
 * A recurring prediction (`recurs:`) on the predictions screen: its count in each whole period of its window in
 * the branch, as `geosim run` prints it (machines/view/predictions.ts, shared with the web page).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { predictionsAt } from '../src/machines/selectors.js';
import { recurrenceShown } from '../src/machines/view/predictions.js';
import { runHistory } from '../src/machines/engine.js';
import { resolveAssumptions } from '../src/core/run.js';
import { geosim } from './cli-helpers.js';
import { root } from './helpers/scenarios.js';
import { KEY, mount, type Harness } from './helpers/ui.js';

const file = join(root, 'docs', 'examples', 'alignment.yaml');
const alignment = loadScenarioFile(file);
let h: Harness | undefined;
afterEach(() => h?.unmount());

describe('recurrence counts on the predictions screen', () => {
  it("are the run's: the same text as `geosim run` prints, only for recurring predictions", () => {
    const history = runHistory(alignment, { seed: 1, assumptions: resolveAssumptions(alignment), choices: {} });
    const end = history[history.length - 1]!;
    const shown = predictionsAt(alignment, end).map((st, i) => recurrenceShown(alignment.predictions[i]!, st));
    expect(shown).toEqual(['per year: 1, 1; needs 1', 'per year: 1; needs 2', undefined]);
    const run = geosim(['run', file]);
    expect(run.code, run.stderr).toBe(0);
    for (const s of shown) if (s) expect(run.stdout).toContain(`(${s})`);
    // At the start nothing has happened yet: every period counts 0.
    expect(recurrenceShown(alignment.predictions[0]!, predictionsAt(alignment, history[0]!)[0]!)).toBe('per year: 0, 0; needs 1');
  });

  it('appear under the claim, in the branch at the cursor', async () => {
    h = mount(alignment, { columns: 120, rows: 50 });
    let frame = await h.press('p');
    expect(frame).toMatch(/^ {26}In your branch: per year: 0, 0; needs 1 *$/m);
    await h.press(KEY.esc);
    await h.press('G');
    frame = await h.press('p');
    expect(frame).toMatch(/^ {26}In your branch: per year: 1, 1; needs 1 *$/m);
    expect(frame).toMatch(/^ {26}In your branch: per year: 1; needs 2 *$/m);
    expect(frame.match(/In your branch:/g)).toHaveLength(2);
  });
});
