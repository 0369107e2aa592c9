// Brier scores and calibration, checked against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { BRIER_CONVENTION, brier, calibration, MIN_CALIBRATION_FORECASTS } from '../src/teach/brier.js';
import { scoreForecasts } from '../src/teach/forecasts.js';
import { classroom, classroomWithDecisions, history } from './fixtures/teach/fixture.js';

describe('brier', () => {
  it('is the multi-category sum of squared errors', () => {
    // (0.7-1)² + 0.2² + 0.1² = 0.09 + 0.04 + 0.01
    expect(brier({ a: 0.7, b: 0.2, c: 0.1 }, ['a', 'b', 'c'], 'a')).toBeCloseTo(0.14, 12);
    // (0.7)² + (0.2-1)² + 0.1² = 0.49 + 0.64 + 0.01
    expect(brier({ a: 0.7, b: 0.2, c: 0.1 }, ['a', 'b', 'c'], 'b')).toBeCloseTo(1.14, 12);
  });
  it('is 0 for certainty on what happened, 2 for certainty on something else', () => {
    expect(brier({ a: 1, b: 0 }, ['a', 'b'], 'a')).toBe(0);
    expect(brier({ a: 1, b: 0 }, ['a', 'b'], 'b')).toBe(2);
  });
  it('scores an even spread over k options 1 - 1/k', () => {
    expect(brier({ a: 0.25, b: 0.25, c: 0.25, d: 0.25 }, ['a', 'b', 'c', 'd'], 'c')).toBeCloseTo(0.75, 12);
  });
  it('counts options missing from a forecast as 0', () => {
    // (0-1)² for b, 0.6² and 0.4² for a and c... here a=0.6, c=0.4: 0.36 + 1 + 0.16
    expect(brier({ a: 0.6, c: 0.4 }, ['a', 'b', 'c'], 'b')).toBeCloseTo(1.52, 12);
  });
  it('states its convention', () => {
    expect(BRIER_CONVENTION).toMatch(/sum over the options/);
    expect(BRIER_CONVENTION).toMatch(/0 is perfect, 2/);
  });
});

describe('calibration', () => {
  it('bins forecasts by probability and counts how often they happened', () => {
    const bins = calibration([
      { p: 0.1, happened: false },
      { p: 0.15, happened: true },
      { p: 0.6, happened: true }, // 0.6 × 5 is 2.9999…: still the 60–80 % bin
      { p: 0.7, happened: false },
      { p: 0.9, happened: true },
      { p: 1, happened: true }, // the top edge belongs to the last bin
    ]);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 0, 2, 2]);
    expect(bins[0]).toMatchObject({ lo: 0, hi: 0.2, observed: 0.5 });
    expect(bins[0]!.meanForecast).toBeCloseTo(0.125, 12);
    expect(bins[1]).toMatchObject({ meanForecast: null, observed: null });
    expect(bins[3]!.observed).toBe(0.5);
    expect(bins[3]!.meanForecast).toBeCloseTo(0.65, 12);
    expect(bins[4]).toMatchObject({ observed: 1, meanForecast: 0.95 });
  });
});

describe('scoring a run’s forecasts (classroom fixture, seed 1, Cland chose to arm Outland)', () => {
  const s = classroom();
  const last = history(s, { c_choice: 'arm_out' }).at(-1)!;
  // The model's odds in this run: c_choice weights hawk = 3 and 1 → 0.75 / 0.25; d_stance 1 and 3 → 0.25 / 0.75;
  // a_counter 2 and 1 → 2/3 / 1/3. Real outcomes: c_choice = talk, d_stance = side_a; a_counter has none.
  const forecasts = {
    c_choice: { arm_out: 0.7, talk: 0.3 },
    d_stance: { side_a: 0.5, neutral: 0.5 },
    a_counter: { sanction: 0.2, ignore: 0.8 },
  };
  const f = scoreForecasts(s, last, forecasts);
  const item = (d: string) => f.items.find((i) => i.decision === d)!;

  it('scores each forecast against reality, beside the model’s odds', () => {
    expect(item('c_choice').actual).toBe('talk');
    expect(item('c_choice').reality!.you).toBeCloseTo(0.7 ** 2 + 0.7 ** 2, 12); // 0.98
    expect(item('c_choice').reality!.model).toBeCloseTo(0.75 ** 2 + 0.75 ** 2, 12); // 1.125
    expect(item('d_stance').reality!.you).toBeCloseTo(0.5, 12);
    expect(item('d_stance').reality!.model).toBeCloseTo(0.75 ** 2 + 0.75 ** 2, 12);
    expect(item('a_counter').reality).toBeNull();
  });

  it('scores each forecast against this run’s outcome', () => {
    expect(item('c_choice')).toMatchObject({ chosen: 'arm_out', chosenBy: 'student' });
    expect(item('c_choice').run!.you).toBeCloseTo(0.3 ** 2 + 0.3 ** 2, 12); // 0.18
    expect(item('c_choice').run!.model).toBeCloseTo(0.125, 12);
    expect(item('a_counter')).toMatchObject({ chosen: 'sanction', chosenBy: 'engine' });
    expect(item('a_counter').run!.you).toBeCloseTo(0.8 ** 2 + 0.8 ** 2, 12); // 1.28
    expect(item('a_counter').run!.model).toBeCloseTo((1 / 3) ** 2 * 2, 12); // 0.2222…
  });

  it('averages: against reality over 2 forecasts, against the run over 3', () => {
    expect(f.reality.n).toBe(2);
    expect(f.reality.you).toBeCloseTo((0.98 + 0.5) / 2, 12);
    expect(f.reality.model).toBeCloseTo(1.125, 12);
    expect(f.run.n).toBe(3);
    expect(f.run.you).toBeCloseTo((0.18 + 0.5 + 1.28) / 3, 12);
  });

  it('shows no calibration table below the minimum, one from it on', () => {
    expect(f.optionForecasts).toBe(4);
    expect(f.calibration).toBeNull();
    expect(MIN_CALIBRATION_FORECASTS).toBe(10);
  });

  it('reports model odds as unknown for a decision the run never reached', () => {
    const talked = history(s, { c_choice: 'talk' }).at(-1)!; // no counter-move: a_counter never comes up
    const g = scoreForecasts(s, talked, forecasts);
    const a = g.items.find((i) => i.decision === 'a_counter')!;
    expect(a).toMatchObject({ chosen: null, run: null, reality: null });
    expect(a.options.every((o) => o.model === null)).toBe(true);
    expect(g.run.n).toBe(2);
  });
});

describe('the calibration table in a report with enough forecasts', () => {
  it('appears from 10 option-forecasts scored against reality, with the right counts', () => {
    const s = classroomWithDecisions(3); // with c_choice and d_stance: 5 decisions × 2 options = 10
    const last = history(s).at(-1)!;
    const forecasts: Record<string, Record<string, number>> = {
      c_choice: { arm_out: 0.9, talk: 0.1 }, // talk happened: 0.1 → bin 0–20 % hit, 0.9 → bin 80–100 % miss
      d_stance: { side_a: 0.5, neutral: 0.5 }, // side_a happened: 0.5 hit, 0.5 miss → bin 40–60 %
      extra_0: { yes: 0.7, no: 0.3 }, // yes happened: 0.7 hit (60–80 %), 0.3 miss (20–40 %)
      extra_1: { yes: 0.7, no: 0.3 },
      extra_2: { yes: 0.9, no: 0.1 }, // 0.9 hit, 0.1 miss
    };
    const f = scoreForecasts(s, last, forecasts);
    expect(f.optionForecasts).toBe(10);
    const bins = f.calibration!;
    expect(bins.map((b) => b.count)).toEqual([2, 2, 2, 2, 2]);
    expect(bins.map((b) => b.observed)).toEqual([0.5, 0, 0.5, 1, 0.5]);
    // One fewer decision: 8 option-forecasts, no table.
    const { extra_2: _dropped, ...fewer } = forecasts;
    expect(scoreForecasts(s, last, fewer).calibration).toBeNull();
  });
});
