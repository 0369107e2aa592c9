/**
 * Every number on screen adds up (issue 13): one rounding rule (src/machines/view/numbers.ts), displayed changes that
 * are the difference of displayed values, only changes that show; scrolling bounded; the predictions tally; an
 * assumption set by a preset explains the preset's value.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeShows, percentOf, rounded, shownChange } from '../src/machines/view/numbers.js';
import { percent, signed, whole } from '../src/machines/view/text.js';
import { appliedChanges } from '../src/machines/view/step.js';
import { matrixView } from '../src/machines/view/matrix.js';
import { score } from '../src/core/ledger.js';
import { clampScroll, scrollKey } from '../src/ui/controller-screens.js';
import { predictionTally } from '../src/ui/components/PredictionsScreen.js';
import { assumptionWhy } from '../src/ui/components/AssumptionsScreen.js';
import { branchLabel, oddsLabel } from '../src/machines/view/labels.js';
import { flagship, small } from './helpers/scenarios.js';
import { mount, startSession } from './helpers/ui.js';
import type { UiState } from '../src/ui/ui-state.js';

const value = fc.double({ min: -100, max: 100, noNaN: true });

describe('the rounding rule', () => {
  it('rounds half away from zero, never shows −0', () => {
    expect([rounded(37.5), rounded(-2.5), rounded(2.4999), rounded(-0.2), rounded(1.005, 2), rounded(0.285 * 100)]).toEqual([38, -3, 2, 0, 1.01, 29]);
    expect(whole(-0.4)).toBe('0');
    expect(signed(-2.5)).toBe('−3');
    expect(percent(0.285)).toBe('29%');
  });

  it('a displayed change is the difference of the displayed values, over random ledgers', () => {
    // A ledger: a before and an after made of random terms; the change shown must be what a reader computes.
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), fc.array(value, { maxLength: 8 }), fc.integer({ min: 0, max: 2 }), (a, b, digits) => {
        const before = a.reduce((x, y) => x + y, 0);
        const after = before + b.reduce((x, y) => x + y, 0);
        const shown = shownChange(before, after, digits);
        expect(shown).toBeCloseTo(rounded(after, digits) - rounded(before, digits), 9);
        expect(changeShows(before, after, digits)).toBe(rounded(after, digits) !== rounded(before, digits));
      }),
      { numRuns: 500 },
    );
  });

  it('a percent shows as the rule rounds it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (p) => {
        expect(percent(p)).toBe(`${percentOf(p)}%`);
        expect(percentOf(p)).toBe(rounded(p * 100));
      }),
    );
  });

  it("the step's Applied line and the matrix arrows agree with the matrix's own numbers, at every step", () => {
    const actor = startSession(flagship(), 1, []);
    for (let i = 0; i < 25; i++) actor.send({ type: 'NEXT' });
    const b = actor.getSnapshot().context.data.branches[0]!;
    const sc = flagship();
    for (let k = 1; k < b.states.length; k++) {
      const [prev, now] = [b.states[k - 1]!, b.states[k]!];
      const m = matrixView(sc, now, prev);
      for (const row of m.rows)
        for (const cell of row) {
          if (!cell) continue;
          expect(cell.delta).toBe(rounded(cell.value) - rounded(score(prev, cell.from, cell.to)));
        }
      // Every relation listed as applied moved as shown (aged to the step's date, as the Applied line reads it).
      const aged = { ...prev, date: now.date };
      for (const part of appliedChanges(sc, prev, now)[0]?.split('  ') ?? []) {
        const mm = /^(\w+)→(\w+) ([+−]\d+)/.exec(part);
        if (!mm) continue;
        const change = Number(mm[3]!.replace('−', '-'));
        expect(change).not.toBe(0);
        expect(change).toBe(rounded(score(now, mm[1]!, mm[2]!)) - rounded(score(aged, mm[1]!, mm[2]!)));
      }
    }
  });
});

describe('scrolling is bounded', () => {
  it('past the end the offset stays on the last page, so the first key back moves', () => {
    const ui = { scroll: 0 } as UiState;
    let s = ui;
    for (let i = 0; i < 30; i++) s = scrollKey(s, 'pageDown', 12)!;
    expect(s.scroll).toBe(12);
    expect(scrollKey(s, 'up', 12)!.scroll).toBe(11);
    expect(clampScroll(-5, 10)).toBe(0);
    expect(clampScroll(5, -3)).toBe(0);
  });

  it('on the help screen, ] thirty times then [ scrolls back at once', async () => {
    const h = mount(small(), { columns: 80, rows: 24 });
    await h.press('?');
    for (let i = 0; i < 30; i++) await h.press(']');
    const bottom = h.frame();
    const up = await h.press('[');
    expect(up).not.toBe(bottom);
    h.unmount();
  });
});

describe('predictions and assumptions say what is true', () => {
  it("tallies the branch against reality, the article's predictions apart from the modeller's", () => {
    const sc = flagship();
    const holds = sc.predictions.map((p) => ['seoul_arms_ukraine', 'tokyo_ties_ruined', 'beijing_keeps_distance'].includes(p.id));
    // beijing_keeps_distance cites ¶15 but is the modeller's extrapolation (origin: modeller): not the article's.
    expect(predictionTally(sc, holds)).toEqual([
      "The article's 9: 2 hold in your branch; 4 held in reality (3 partly, 1 still open)",
      "The scenario author's 2: 1 holds in your branch; 0 held in reality (1 partly)",
    ]);
  });

  it("an assumption set by a preset explains the preset's value, not the default's", () => {
    const sc = small();
    const hawk = sc.assumptions.find((a) => a.id === 'hawk')!;
    const text = assumptionWhy(sc, 'hindsight', {}, hawk);
    expect(text.startsWith('Why 0.2: the preset “Hindsight” sets it')).toBe(true);
    expect(text).toContain(`The default is ${hawk.default}`);
    expect(assumptionWhy(sc, 'article', {}, hawk).startsWith(`Why ${hawk.default}:`)).toBe(true);
    expect(assumptionWhy(sc, 'article', { hawk: 4 }, hawk).startsWith('You set 4;')).toBe(true);
  });

  it('names options and branches in the scenario’s words', () => {
    const sc = small();
    expect(oddsLabel(sc, 'c_choice', 'arm_out')).toBe('CCC: Arm Outland');
    expect(branchLabel(sc, 'c_choice → talk')).toBe('CCC: Talk');
    expect(branchLabel(sc, 'main')).toBe('main');
  });
});

describe('the cold start orients', () => {
  it('says what this is, whom you can play (only actors with decisions), the keys, and what G does for no one', async () => {
    const h = mount(flagship(), { columns: 100, rows: 30 });
    const f = await h.press(); // the first frame
    expect(f).toContain(flagship().title.slice(0, 30));
    expect(f).toMatch(/You can play: [^\n]*KOR/);
    expect(f).not.toMatch(/You can play: [^\n]*PRK/); // North Korea owns no decision in the flagship
    expect(f).toMatch(/You play no one: G plays to the end\s+and the engine draws every decision/);
    expect(f).toMatch(/Keys: space next step · R pick whom you play · \? every key/);
    expect(f).toMatch(/step 0 of \d+ · seed 1 · The article… · forecast off/);
    // The footer reaches save, predictions, injects, branches and roles at 100 columns.
    const footer = f.trimEnd().split('\n').at(-1)!;
    for (const k of ['s save', 'p predictions', 'i injects', 'b branches', 'R roles', '? help', 'q quit']) expect(footer).toContain(k);
    h.unmount();
  });
});
