/**
 * Named posture charts (ACTOR.chart) on the matrix's posture line: every chart of each actor, through the
 * shared view model (machines/view/postures.ts) that the terminal and the web page read. A scenario with one
 * chart per actor keeps its one-column-per-actor line (the flagship's captures, test/ui-captures.test.tsx).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';
import { runHistory } from '../src/machines/engine.js';
import { resolveAssumptions } from '../src/core/run.js';
import { parseDay } from '../src/core/date.js';
import { postureLineCount, postureLineGroups, postureText, posturesView } from '../src/machines/view/postures.js';
import { flagship, root } from './helpers/scenarios.js';
import { KEY, mount, type Harness } from './helpers/ui.js';

const alignment = loadScenarioFile(join(root, 'docs', 'examples', 'alignment.yaml'));
let h: Harness | undefined;
afterEach(() => h?.unmount());

describe('the postures view', () => {
  const history = runHistory(alignment, { seed: 1, assumptions: resolveAssumptions(alignment), choices: {} });
  const after = (date: string) => history.findIndex((s) => s.date >= parseDay(date)!);

  it("lists every chart of each actor: its own first, then its named ones; an actor with only a named chart shows that one", () => {
    const v = posturesView(alignment, history[0]!);
    expect(v.map((p) => [p.actor, p.charts.map((c) => c.key)])).toEqual([
      ['RUS', ['RUS']],
      ['PRK', ['PRK', 'PRK.military']],
      ['CHN', ['CHN']],
      ['KOR', ['KOR.public']],
      ['USA', ['USA']],
      ['JPN', ['JPN']],
    ]);
    const prk = v.find((p) => p.actor === 'PRK')!;
    expect(postureText(prk)).toBe('hedging · military: at home');
    expect(prk.charts[1]).toMatchObject({ chart: 'military', state: 'at_home', long: 'Forces at home', changed: false });
    expect(postureText(v.find((p) => p.actor === 'KOR')!)).toBe('public: calm');
    expect(postureText(v.find((p) => p.actor === 'RUS')!)).toBe('—');
  });

  it('marks the chart that changed at the step, and only that one', () => {
    const i = after('2024-10-15');
    expect(i).toBeGreaterThan(0);
    const prk = posturesView(alignment, history[i]!, history[i - 1]).find((p) => p.actor === 'PRK')!;
    expect(prk.charts.map((c) => [c.key, c.state, c.changed])).toEqual([
      ['PRK', 'allied', false],
      ['PRK.military', 'deployed', true],
    ]);
    expect(postureText(prk)).toBe('allied · military: deployed*');
  });

  it('gives each actor with a named chart a line of its own after the shared lines; one chart per actor keeps the columns', () => {
    const v = posturesView(alignment, history[0]!);
    expect(postureLineGroups(alignment, v, 3).map((g) => [g.own, g.items.map((p) => p.actor)])).toEqual([
      [false, ['RUS', 'CHN', 'USA']],
      [false, ['JPN']],
      [true, ['PRK']],
      [true, ['KOR']],
    ]);
    expect(postureLineCount(alignment, 3)).toBe(4);
    expect(postureLineCount(alignment, 4)).toBe(3);
    expect(postureLineCount(flagship(), 3)).toBe(2);
    expect(postureLineCount(flagship(), 4)).toBe(2);
  });
});

describe('the terminal matrix', () => {
  it('shows every chart of each actor on the posture lines, inside the panel, with the tension bar below, at 120 and 80 columns', async () => {
    h = mount(alignment, { columns: 120, rows: 40 });
    let frame = h.frame();
    expect(frame).toMatch(/PRK hedging · military: at home/);
    expect(frame).toMatch(/KOR public: calm/);
    for (let i = 0; i < 2; i++) frame = await h.press(KEY.right);
    expect(frame).toMatch(/PRK allied · military: deployed\* *\n/);
    expect(frame).toMatch(/KOR public: calm *\n/);
    expect(frame).toContain('World tension');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    // At 80×24 too: every chart, and the tension bar still below them.
    frame = await h.resize(80, 24);
    expect(frame).toMatch(/PRK allied · military: deployed\*[^\n]*\n[^\n]*KOR public: calm[^\n]*\n[^\n]*World tension/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("the roles screen names every chart too", async () => {
    h = mount(alignment, { columns: 120, rows: 40 });
    const frame = await h.press('R');
    expect(frame).toMatch(/posture: hedging · military: at home/);
  });
});
