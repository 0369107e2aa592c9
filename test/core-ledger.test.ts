import { describe, expect, it } from 'vitest';
import { fadedValue, score, tension } from '../src/core/ledger.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { initialState, runHistory, runFast } from '../src/machines/engine.js';
import { explainPair } from '../src/core/explain.js';
import { parseDay } from '../src/core/date.js';
import type { SimState } from '../src/core/state.js';
import { small } from './helpers/scenarios.js';

const inputs = (choices: Record<string, string> = {}, seed = 1): RunInputs => ({
  seed,
  assumptions: resolveAssumptions(small()),
  choices,
});

function afterEvent(states: SimState[], event: string): SimState {
  const s = states.find((x) => x.log.some((e) => e.event === event));
  if (!s) throw new Error(`no state after ${event}`);
  return s;
}

describe('fade', () => {
  it('fades linearly towards zero and stops there', () => {
    expect(fadedValue(20, 0, 10, 365)).toBeCloseTo(10, 10);
    expect(fadedValue(20, 0, 10, 730)).toBe(0);
    expect(fadedValue(20, 0, 10, 2000)).toBe(0);
    expect(fadedValue(-20, 0, 10, 365)).toBeCloseTo(-10, 10);
    expect(fadedValue(-20, 100, 10, 50)).toBe(-20); // before creation: full value
    expect(fadedValue(7, 0, 0, 10_000)).toBe(7); // no fade
  });
});

describe('the small scenario, event by event', () => {
  const states = runHistory(small(), inputs({ c_choice: 'talk' }));

  it('starts from the initial relations plus standing ties', () => {
    const s0 = states[0]!;
    expect(score(s0, 'AAA', 'BBB')).toBe(40); // 30 initial + 10 pact
    expect(score(s0, 'CCC', 'BBB')).toBe(-60);
    expect(score(s0, 'BBB', 'AAA')).toBe(40);
    expect(score(s0, 'AAA', 'CCC')).toBe(0);
  });

  it('sizes an opinion effect with no value by Goldstein × scale, adds the tie, and clamps', () => {
    const s = afterEvent(states, 'treaty');
    // 30 initial + 10 pact + 15 treaty + 8.0 × 5 = 95
    expect(score(s, 'AAA', 'BBB')).toBe(95);
    expect(s.ties.map((t) => t.id)).toEqual(['ab_pact', 'ab_treaty']);
  });

  it('applies structural balance to third parties in proportion to their view of the target', () => {
    const s = afterEvent(states, 'treaty');
    const lines = explainPair(small(), s, 'CCC', 'AAA').lines;
    const balance = lines.find((l) => l.kind === 'balance');
    // w 0.25 × k 5 × g 8 × rel(CCC, BBB) -60 / 100 = -6
    expect(balance?.start).toBeCloseTo(-6, 10);
  });

  it('stacks keyed modifiers up to their cap, counting fade', () => {
    const s = afterEvent(states, 'second_grievance');
    const grievance = s.ledger['CCC>AAA']!.filter((m) => m.key === 'grievance');
    expect(grievance).toHaveLength(1);
    // -12 faded 24/yr over 29 days is -10.09; plus -12 = -22.09, capped at -20
    expect(grievance[0]!.value).toBe(-20);
  });

  it('an explanation of a stacked modifier lists every cause, and their shares sum to the term', () => {
    const s = afterEvent(states, 'second_grievance');
    const line = explainPair(small(), s, 'CCC', 'AAA').lines.find((l) => l.stack.length > 0)!;
    expect(line.label).toBe('A snubs C');
    expect(line.stack.map((p) => [p.label, p.event])).toEqual([
      ['A and B sign a treaty', 'treaty'],
      ['A snubs C', 'second_grievance'],
    ]);
    // The treaty's -12 had faded to -10.09 by the snub; the snub added what the cap of 20 left: -9.91.
    const faded = -12 + (24 * 29) / 365;
    expect(line.stack[0]!.start).toBeCloseTo(faded, 10);
    expect(line.stack[1]!.start).toBeCloseTo(-20 - faded, 10);
    expect(line.stack.reduce((a, p) => a + p.start, 0)).toBeCloseTo(line.start, 10);
    // Later, both shares fade with the merged term and still sum to it.
    const end = states[states.length - 1]!;
    const later = explainPair(small(), end, 'CCC', 'AAA').lines.find((l) => l.stack.length > 0)!;
    expect(later.now).not.toBeCloseTo(line.now, 3);
    expect(later.stack.reduce((a, p) => a + p.now, 0)).toBeCloseTo(later.now, 10);
    expect(later.stack[0]!.now / later.stack[1]!.now).toBeCloseTo(faded / (-20 - faded), 10);
    // One term holds them: the ledger does not grow a line per stacked cause.
    expect(explainPair(small(), end, 'CCC', 'AAA').lines.filter((l) => l.stack.length > 0)).toHaveLength(1);
  });

  it('raises tension and fades each contribution', () => {
    const s = afterEvent(states, 'treaty');
    expect(tension(s, 30, 3)).toBe(35);
    const later = afterEvent(states, 'second_grievance'); // 29 days later
    expect(tension(later, 30, 3)).toBeCloseTo(35 - (3 * 365 / 30) * 29 / 365, 10);
  });

  it('adds to indicators', () => {
    expect(afterEvent(states, 'treaty').indicators['ammo']).toBe(2);
  });

  it('moves postures on an event, then on a condition', () => {
    expect(states[0]!.postures['CCC']).toBe('calm');
    const s = afterEvent(states, 'treaty');
    expect(s.postures['CCC']).toBe('alarmed');
    expect(s.log.at(-1)!.postures).toEqual({ CCC: ['calm', 'alarmed'] });
  });

  it('skips an event whose condition is false, and applies one whose condition holds', () => {
    const last = states.at(-1)!;
    expect(last.log.find((e) => e.event === 'late')?.kind).toBe('event');
    expect(last.ties.map((t) => t.id)).toEqual(['ab_treaty']); // the pact ended
    const armed = runFast(small(), inputs({ c_choice: 'arm_out', a_counter: 'ignore' }));
    expect(armed.log.find((e) => e.event === 'late')?.kind).toBe('skipped');
  });

  it('explains every score as the sum of its ledger lines', () => {
    for (const s of states)
      for (const a of ['AAA', 'BBB', 'CCC'])
        for (const b of ['AAA', 'BBB', 'CCC']) {
          if (a === b) continue;
          const e = explainPair(small(), s, a, b);
          const sum = e.lines.reduce((x, l) => x + l.now, 0);
          expect(e.raw).toBeCloseTo(sum, 9);
          expect(e.score).toBe(Math.max(-100, Math.min(100, sum)));
        }
  });
});

describe('decisions, follow-ups and reactions', () => {
  it('gives odds from weights and leaves unavailable options out', () => {
    const states = runHistory(small(), inputs({ c_choice: 'talk' }));
    const s = states.find((x) => x.choices['c_choice'])!;
    expect(s.choices['c_choice']!.odds).toEqual({ arm_out: 0.75, talk: 0.25, never: 0 });
    expect(s.choices['c_choice']!.by).toBe('user');
  });

  it('schedules the follow-up decision after its delay and the reaction at once', () => {
    const s = runFast(small(), inputs({ c_choice: 'arm_out', a_counter: 'sanction' }));
    const order = s.log.map((e) => `${e.event}:${e.kind}`);
    expect(order).toEqual([
      'treaty:event',
      'second_grievance:event',
      'c_choice:event',
      'c_choice:decision',
      'a_warns:event',
      'a_counter:event',
      'a_counter:decision',
      'late:skipped',
    ]);
    const counter = s.log.find((e) => e.event === 'a_counter')!;
    expect(counter.date - parseDay('2024-04-01')!).toBe(10);
    expect(s.log.find((e) => e.event === 'a_warns')!.origin).toEqual({ kind: 'reaction', by: 'warn_on_arms' });
  });

  it('refuses an unknown or unavailable option with a clear message', () => {
    expect(() => runFast(small(), inputs({ c_choice: 'nope' }))).toThrow("decision 'c_choice' has no option 'nope' (options: arm_out, talk, never)");
    expect(() => runFast(small(), inputs({ c_choice: 'never' }))).toThrow("option 'never' of decision 'c_choice' is not available now");
  });

  it('consumes exactly one draw per decision, whoever decides', () => {
    const drawn = runFast(small(), inputs({}, 5));
    const forced = runFast(small(), inputs({ c_choice: drawn.choices['c_choice']!.option === 'talk' ? 'arm_out' : 'talk' }, 5));
    expect(forced.choices['c_choice']!.u).toBe(drawn.choices['c_choice']!.u);
    expect(forced.rng.decisions).not.toEqual(initialState(small(), inputs({}, 5)).rng.decisions);
  });

  it('draws by walking the cumulative odds', () => {
    for (let seed = 0; seed < 40; seed++) {
      const s = runFast(small(), inputs({ a_counter: 'ignore' }, seed));
      const c = s.choices['c_choice']!;
      expect(c.option).toBe(c.u < 0.75 ? 'arm_out' : 'talk');
    }
  });
});
