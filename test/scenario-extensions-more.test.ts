/**
 * The second round of format extensions of issue #14, on docs/examples/alignment.yaml: indicators that
 * fade, groups as an event's actor and target (with structural balance read over the group), recurring
 * ("at least once a year") predictions, and several posture charts per actor, each its own XState machine.
 * Every feature runs the same on the Monte Carlo path (runFast, the accumulator) as on the history path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDay } from '../src/core/date.js';
import { explainIndicator, explainPair } from '../src/core/explain.js';
import { fadedValue, indicatorValue, score } from '../src/core/ledger.js';
import { predictionStatus } from '../src/core/predictions.js';
import { recurrenceCounts } from '../src/core/dated.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runSeed } from '../src/core/rng.js';
import type { SimState } from '../src/core/state.js';
import { runFast, runHistory } from '../src/machines/engine.js';
import { countryMachines } from '../src/machines/country.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { loadScenarioFile, parseScenarioText } from '../src/scenario/load.js';
import { stepView } from '../src/machines/view/step.js';
import { refusalOf } from './helpers/scenarios.js';
import { differences } from '../src/machines/compare.js';
import { summarize } from '../src/core/summary.js';
import { runText } from '../src/cli/format/run-text.js';
import { makeTheme } from '../src/cli/theme.js';

const FILE = fileURLToPath(new URL('../docs/examples/alignment.yaml', import.meta.url));
const TEXT = readFileSync(FILE, 'utf8');
const scenario = loadScenarioFile(FILE, { prevalidated: null });
const assumptions = resolveAssumptions(scenario);
const day = (d: string) => parseDay(d) as number;
const run = (choice: string, seed = 1, sc = scenario) => runHistory(sc, { seed, assumptions, choices: { reinforcements: choice } });
const last = <T>(xs: readonly T[]) => xs[xs.length - 1] as T;
const after = (states: readonly SimState[], event: string) => states.find((s) => s.happened[event] !== undefined) as SimState;

/** The one-line message the loader gives for the fixture with `from` replaced by `to` (after `FILE:`). */
const refusal = (from: string, to: string): string => refusalOf(TEXT, from, to);

describe('indicators that fade (fade:)', () => {
  it('an addition fades towards zero at the indicator’s rate; the base stays; formulas read the faded value', () => {
    const states = run('hold');
    const deployed = after(states, 'troops_deployed');
    expect(indicatorValue(deployed, 'troops_in_russia')).toBe(11000);
    expect(deployed.indicators.troops_in_russia).toBe(0);
    const end = last(states);
    const days = end.date - day('2024-10-15');
    expect(indicatorValue(end, 'troops_in_russia')).toBeCloseTo(11000 - (6000 * days) / 365, 9);
    // The chart that reads it moved when the value fell below 3000 (a formula reads the faded value).
    expect(end.postures['PRK.military']).toBe('rotated_home');
  });

  it('explain names each addition with its cause, and the terms sum to the value on any date', () => {
    const end = last(run('reinforce'));
    for (const date of [end.date, end.date + 100, end.date + 1000]) {
      const s = { ...end, date };
      const ex = explainIndicator(scenario, s, 'troops_in_russia');
      expect(ex.lines.map((l) => [l.kind, l.event, l.option, l.fade])).toEqual([
        ['base', null, null, 0],
        ['event', 'troops_deployed', null, 6000],
        ['option', 'reinforcements', 'reinforce', 3000],
      ]);
      expect(ex.lines.reduce((a, l) => a + l.now, 0)).toBeCloseTo(ex.value, 9);
      expect(ex.value).toBe(indicatorValue(s, 'troops_in_russia'));
    }
    expect(explainIndicator(scenario, { ...end, date: end.date + 1000 }, 'troops_in_russia').value).toBe(0);
  });

  it('a set replaces the value and drops the fading additions', () => {
    const text = TEXT.replace('- indicator: { id: troops_in_russia, add: 3000, fade: 3000 }', '- indicator: { id: troops_in_russia, set: 500 }');
    const sc = parseScenarioText(text, 'set.yaml');
    const end = last(run('reinforce', 1, sc));
    expect(end.fading?.troops_in_russia).toBeUndefined();
    expect(indicatorValue(end, 'troops_in_russia')).toBe(500);
  });

  it('property: a faded part never changes sign, never grows, and reaches zero after |value| / fade years', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), fc.nat(5000), fc.nat(5000), (v, fade, d1, d2) => {
        const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const x = fadedValue(v, 0, fade, a);
        const y = fadedValue(v, 0, fade, b);
        expect(Math.abs(y)).toBeLessThanOrEqual(Math.abs(x));
        expect(x * v).toBeGreaterThanOrEqual(0);
        if (b >= (Math.abs(v) / fade) * 365 + 1) expect(y).toBe(0);
      }),
    );
  });

  it('a scenario without fading indicators keeps no fading field (its runs are unchanged)', () => {
    const plain = parseScenarioText(TEXT.replace(' fade: 6000,', '').replace(', fade: 3000 }', ' }'), 'plain.yaml');
    const end = last(run('reinforce', 1, plain));
    expect(end.fading).toBeUndefined();
    expect(end.indicators.troops_in_russia).toBe(14000);
  });

  it('bad uses are refused with their position', () => {
    expect(refusal('add: 3000, fade: 3000', 'set: 3000, fade: 3000')).toBe(
      '125:61: timeline[2].decision.options[0].effects[0].indicator.fade: fade on a set; expected fade only with add (a set value stays until changed)',
    );
    expect(refusal('fade: 6000, description', 'fade: -1, description')).toBe('69:93: indicators.troops_in_russia.fade: expected a number >= 0, found -1');
  });
});

describe('groups as an event’s actor and target', () => {
  it('compile to actors and targets (no single actor), and the step view names them', () => {
    const ev = scenario.events.beijing_parade!;
    expect([ev.actor, ev.target, ev.actors, ev.targets]).toEqual([undefined, undefined, ['CHN', 'RUS', 'PRK'], ['USA', 'KOR']]);
    const states = run('hold');
    const i = states.findIndex((s) => s.happened.beijing_parade !== undefined);
    expect(stepView(scenario, states, i).cameo).toContain('CHN+RUS+PRK → USA+KOR');
  });

  it('balance: each actor outside both groups shifts its view of every actor of the group by its mean view of the targets', () => {
    const states = run('hold');
    const i = states.findIndex((s) => s.happened.beijing_parade !== undefined);
    const [before, now] = [states[i - 1] as SimState, states[i] as SimState];
    const strength = 0.25 * 4 * -2; // balance_strength × goldstein_scale × Goldstein of CAMEO 111
    // Views are read on the event's day (the state before it, aged to that day).
    const aged = { ...before, date: now.date };
    const mean = (score(aged, 'JPN', 'USA') + score(aged, 'JPN', 'KOR')) / 2;
    for (const a of ['CHN', 'RUS', 'PRK']) {
      const mods = (now.ledger[`JPN>${a}`] ?? []).filter((m) => m.key === 'balance:beijing_parade');
      expect(mods.map((m) => [m.value, m.key, m.cause.event, m.note])).toEqual([[(strength * mean) / 100, 'balance:beijing_parade', 'beijing_parade', 'JPN regards USA+KOR at 35 on average']]);
    }
    // Nobody inside the groups moves by balance, and explain names the one cause.
    const moved = Object.entries(now.ledger).filter(([, ms]) => ms.some((m) => m.key === 'balance:beijing_parade')).map(([k]) => k);
    expect(moved.sort()).toEqual(['JPN>CHN', 'JPN>PRK', 'JPN>RUS']);
    const lines = explainPair(scenario, now, 'JPN', 'RUS').lines.filter((l) => l.event === 'beijing_parade');
    expect(lines.map((l) => l.label)).toEqual(['balance: reaction to Three leaders stand together in Beijing']);
  });

  it('property: for any two disjoint groups, balance writes only third → actor pairs, by the mean view; runFast equals the history', () => {
    const ids = ['RUS', 'PRK', 'CHN', 'KOR', 'USA', 'JPN'];
    const groups = fc
      .shuffledSubarray(ids, { minLength: 3, maxLength: 6 })
      .chain((xs) => fc.integer({ min: 1, max: xs.length - 1 }).map((k) => [xs.slice(0, k), xs.slice(k)] as const));
    fc.assert(
      fc.property(groups, fc.nat({ max: 0xffffffff }), ([actors, targets], seed) => {
        const side = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : `[${xs.join(', ')}]`);
        const text = TEXT.replace('actor: [CHN, RUS, PRK]', `actor: ${side(actors)}`).replace('target: [USA, KOR]', `target: ${side(targets)}`);
        const sc = parseScenarioText(text, 'groups.yaml');
        const inputs = { seed, assumptions, choices: {} };
        const states = runHistory(sc, inputs);
        expect(JSON.stringify(runFast(sc, inputs))).toBe(JSON.stringify(last(states)));
        const i = states.findIndex((s) => s.happened.beijing_parade !== undefined);
        const [before, now] = [states[i - 1] as SimState, states[i] as SimState];
        for (const [key, mods] of Object.entries(now.ledger)) {
          const [c, a] = key.split('>') as [string, string];
          for (const m of mods.filter((x) => x.key === 'balance:beijing_parade')) {
            expect(actors).toContain(a);
            expect([...actors, ...targets]).not.toContain(c);
            const mean = targets.reduce((sum, t) => sum + score({ ...before, date: now.date }, c, t), 0) / targets.length;
            expect(m.value).toBeCloseTo((-2 * mean) / 100, 9);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('bad groups are refused with their position', () => {
    expect(refusal('actor: [CHN, RUS, PRK]', 'actor: [CHN]')).toBe('139:12: timeline[3].actor: expected 2 or more actor ids in a group (for one, write the id alone: RUS), found 1 (CHN)');
    expect(refusal('actor: [CHN, RUS, PRK]', 'actor: [CHN, RUS, PRX]')).toBe(
      "139:23: timeline[3].actor[2]: unknown actor 'PRX'; expected one of RUS, PRK, CHN, KOR, USA, JPN (did you mean 'PRK'?)",
    );
    expect(refusal('actor: [CHN, RUS, PRK]', 'actor: [CHN, RUS, KOR]')).toBe('140:19: timeline[3].target[1]: KOR is both an actor and a target of the event; expected a target other than CHN, RUS, KOR');
    expect(refusal('actor: [CHN, RUS, PRK]', 'actor: [CHN, RUS, RUS]')).toBe('139:23: timeline[3].actor[2]: RUS is named twice in actor; expected each actor once');
    expect(refusal('actor: [CHN, RUS, PRK]', 'actor: 5')).toBe('139:12: timeline[3].actor: expected an actor id (like RUS) or a group of them [RUS, PRK], found 5');
  });
});

describe('recurring predictions (recurs:)', () => {
  it('count the events of each whole period of the window, and hold when every period has enough', () => {
    const summit = scenario.predictions.find((p) => p.id === 'summit_every_year')!;
    const twice = scenario.predictions.find((p) => p.id === 'two_summits_first_year')!;
    const hold = last(run('hold'));
    const more = last(run('reinforce'));
    expect([recurrenceCounts(summit, hold), recurrenceCounts(twice, hold)]).toEqual([[1, 1], [1]]);
    expect([recurrenceCounts(summit, more), recurrenceCounts(twice, more)]).toEqual([[2, 1], [2]]);
    const status = (s: SimState) => predictionStatus(scenario, s).map((p) => [p.id, p.holds]);
    expect(status(hold)).toEqual([['summit_every_year', true], ['two_summits_first_year', false], ['troops_still_there', false]]);
    expect(status(more)).toEqual([['summit_every_year', true], ['two_summits_first_year', true], ['troops_still_there', false]]);
  });

  it('the run summary, its text and JSON, show the count of each period beside the verdict', () => {
    const summary = summarize(scenario, last(run('hold')), 'article');
    expect(summary.predictions.summit_every_year).toEqual({ holds: true, actual: 'held', counts: [1, 1] });
    expect(summary.predictions.troops_still_there).toEqual({ holds: false, actual: 'open' });
    const text = runText(scenario, summary, makeTheme(false));
    expect(text).toContain('summit_every_year       holds (per year: 1, 1; needs 1)');
    expect(text).toContain('two_summits_first_year  fails (per year: 1; needs 2)');
  });

  it('a skipped event does not count, and a period without one fails the prediction', () => {
    const text = TEXT.replace("    tags: [summit]\n    effects:\n      - tie:", '    when: "false"\n    tags: [summit]\n    effects:\n      - tie:');
    const sc = parseScenarioText(text, 'skipped.yaml');
    const end = last(run('hold', 1, sc));
    expect(recurrenceCounts(sc.predictions[0]!, end)).toEqual([0, 1]);
    expect(predictionStatus(sc, end)[0]?.holds).toBe(false);
  });

  it('property: the counts add up to the matching events applied inside the whole periods, for any period length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 730 }), fc.constantFrom('hold', 'reinforce'), (every, choice) => {
        const sc = parseScenarioText(TEXT.replace('every: year }\n    within', `every: ${every} }\n    within`), 'every.yaml');
        const p = sc.predictions[0]!;
        const end = last(run(choice, 1, sc));
        const counts = recurrenceCounts(p, end);
        const w = p.window!;
        expect(counts).toHaveLength(Math.floor((w.to - w.from + 1) / every));
        const inside = end.log.filter((e) => e.kind === 'event' && sc.events[e.event]!.tags.includes('summit') && e.date >= w.from && e.date < w.from + counts.length * every);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(inside.length);
        expect(predictionStatus(sc, end)[0]?.holds).toBe(counts.every((n) => n >= 1));
      }),
      { numRuns: 30 },
    );
  });

  it('Monte Carlo counts the same runs as single runs, and runFast equals the history', () => {
    const inputs = { seed: 11, assumptions, choices: {} };
    const acc = new Accumulator(scenario);
    runRange(scenario, inputs, 0, 40, acc);
    const i = acc.layout.predictions.findIndex((p) => p.id === 'two_summits_first_year');
    let single = 0;
    for (let r = 0; r < 40; r++) {
      const end = last(runHistory(scenario, { ...inputs, seed: runSeed(11, r) }));
      if (predictionStatus(scenario, end).find((p) => p.id === 'two_summits_first_year')?.holds) single++;
      expect(JSON.stringify(runFast(scenario, { ...inputs, seed: runSeed(11, r) }))).toBe(JSON.stringify(end));
    }
    expect(acc.data.holds[i]).toBe(single);
    expect(single).toBeGreaterThan(0);
    expect(single).toBeLessThan(40);
  });

  it('bad uses are refused with their position', () => {
    expect(refusal('    within: { from: 2024-06-01, to: 2026-05-31 }\n', '')).toBe(
      '160:13: predictions[0].recurs: a recurring prediction without a window; expected by: a date, or within: { from, to } (the periods are counted from its start)',
    );
    expect(refusal('by: 2025-05-31', 'by: 2025-03-31')).toBe(
      '167:9: predictions[1].by: a window of 304 days, shorter than one period (365 days); expected a window of at least one whole period',
    );
    expect(refusal('at_least: 1, every: year }\n    within: { from: 2024-06-01, to: 2026-05-31 }', 'at_least: 1, every: 1 }\n    within: { from: 2024-06-01, to: 2030-05-31 }')).toBe(
      '161:37: predictions[0].within.to: a window of 2191 periods of 1 day; expected at most 1000 periods (a longer period or a shorter window)',
    );
    expect(refusal('recurs: { tag: summit, at_least: 1', 'recurs: { tag: sumit, at_least: 1')).toBe(
      "160:20: predictions[0].recurs.tag: no event has the tag 'sumit'; expected a tag used by some event (did you mean 'summit'?)",
    );
    expect(refusal('recurs: { tag: summit, at_least: 1', 'recurs: { tag: summit, event: review, at_least: 1')).toBe(
      '160:13: predictions[0].recurs: expected exactly one of event, tag, found event and tag',
    );
    expect(refusal('at_least: 1, every: year', 'at_least: 1, every: decade')).toBe(
      "160:48: predictions[0].recurs.every: expected year, quarter, month, week or a whole number of days, found 'decade'",
    );
    expect(refusal('    recurs: { tag: summit, at_least: 2, every: year }\n', '')).toBe(
      "163:5: predictions[1]: missing required key 'holds'; expected holds: a formula, or recurs: { tag or event, at_least, every } for a count of events",
    );
  });
});

describe('several posture charts per actor (ACTOR.chart)', () => {
  it('each chart is its own country machine, executed by XState, and formulas read it as posture(PRK.military, s)', () => {
    const cm = countryMachines(scenario);
    expect(cm.actors).toEqual(['PRK', 'PRK.military', 'KOR.public']);
    expect(Object.keys(cm.machines.get('PRK.military')!.root.states)).toEqual(['at_home', 'deployed', 'rotated_home']);
    const states = run('hold');
    expect(states.map((s) => `${s.postures.PRK}/${s.postures['PRK.military']}/${s.postures['KOR.public']}`)).toEqual([
      'hedging/at_home/calm',
      'allied/at_home/calm',
      'allied/deployed/calm',
      // KOR.public's guard reads PRK.military as it was before the step (all charts move at once): one step later.
      'allied/deployed/alarmed',
      'allied/deployed/alarmed',
      'allied/deployed/alarmed',
      'allied/rotated_home/alarmed',
    ]);
    // The log names the chart that moved.
    expect(states.flatMap((s) => s.log.flatMap((e) => Object.keys(e.postures ?? {}))).filter((k, i, a) => a.indexOf(k) === i)).toEqual(['PRK', 'PRK.military', 'KOR.public']);
  });

  it('comparing two branches names a named chart that differs, with its owner', () => {
    // A second contingent that stays longer: on that branch the troops are still above 3000 at the end.
    const sc = parseScenarioText(TEXT.replace('add: 3000, fade: 3000', 'add: 3000, fade: 1000'), 'longer.yaml');
    const sa = last(run('hold', 1, sc));
    const sb = last(run('reinforce', 1, sc));
    expect([sa.postures['PRK.military'], sb.postures['PRK.military']]).toEqual(['rotated_home', 'deployed']);
    expect(differences(sc, 1, sa, 2, sb)).toContain("Pyongyang's military posture: rotated_home (#1) vs deployed (#2)");
  });

  it('bad chart keys and references are refused with the nearest name', () => {
    expect(refusal('posture(PRK.military, deployed)', 'posture(KOR, calm)')).toBe(
      '86:109: postures.KOR.public.states.calm.on[0].when: formula: KOR has no postures of its own (its charts: KOR.public)',
    );
    expect(refusal('  PRK.military:', '  PRX.military:')).toBe(
      "77:3: postures.PRX.military: unknown actor 'PRX'; expected one of RUS, PRK, CHN, KOR, USA, JPN (did you mean 'PRK'?)",
    );
    expect(refusal('  PRK.military:', '  PRK.Military:')).toBe(
      "77:3: postures.PRK.Military: invalid key 'PRK.Military'; expected an actor id (like JPN) or a named chart ACTOR.chart (like JPN.government)",
    );
    expect(refusal('posture(PRK.military, deployed)', 'posture(PRK.militar, deployed)')).toBe(
      "86:112: postures.KOR.public.states.calm.on[0].when: formula: PRK has no posture chart 'militar' (charts: military) (did you mean 'PRK.military'?)",
    );
    expect(refusal('posture(PRK.military, deployed)', 'posture(PRK.military, deploy)')).toBe(
      "86:123: postures.KOR.public.states.calm.on[0].when: formula: unknown posture 'deploy' of PRK.military (did you mean 'deployed'?)",
    );
  });
});
