/**
 * The format extensions of issue #14, on test/fixtures/author/trilateral.yaml: groups of actors (among:) in
 * relations, ties and opinion effects; fixed-date follow-ups (at:); dated predictions (by:, within:); the
 * unverified source status; and bad uses refused with one exact line each.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../src/core/date.js';
import { explainPair } from '../src/core/explain.js';
import { predictionStatus } from '../src/core/predictions.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast, runHistory } from '../src/machines/engine.js';
import { score } from '../src/core/ledger.js';
import { runSeed } from '../src/core/rng.js';
import { Accumulator } from '../src/mc/accumulator.js';
import { runRange } from '../src/mc/ensemble.js';
import { loadScenarioFile, parseScenarioText } from '../src/scenario/load.js';
import { resolveSource, sourceText } from '../src/cli/format/lookup.js';
import { stepView } from '../src/machines/view/step.js';
import { sourceItems, sourceLabel, sourceShort } from '../src/machines/view/sources.js';
import { buildReport } from '../src/teach/report-build.js';
import { reportMarkdown } from '../src/teach/report-markdown.js';
import { reportHtml } from '../src/teach/report-html.js';
import { refusalOf } from './helpers/scenarios.js';

const FILE = fileURLToPath(new URL('./fixtures/author/trilateral.yaml', import.meta.url));
const TEXT = readFileSync(FILE, 'utf8');
const scenario = loadScenarioFile(FILE, { prevalidated: null });
const assumptions = resolveAssumptions(scenario);
const day = (d: string) => parseDay(d) as number;
const run = (choice: string, seed = 1) => runHistory(scenario, { seed, assumptions, choices: { takaichi_takes_office: choice } });
const last = <T>(xs: readonly T[]) => xs[xs.length - 1] as T;

/** The one-line message the loader gives for the fixture with `from` replaced by `to` (after `FILE:`). */
const refusal = (from: string | RegExp, to: string): string => refusalOf(TEXT, from, to);

describe('groups of actors (among:)', () => {
  it('a group relation sets every direction within the group, each citing the one line', () => {
    const partners = scenario.relations.filter((r) => r.why === 'Treaty allies of the United States');
    expect(partners.map((r) => `${r.from}>${r.to}`)).toEqual(['USA>JPN', 'USA>KOR', 'JPN>USA', 'JPN>KOR', 'KOR>USA', 'KOR>JPN']);
  });

  it('a group tie holds for every pair under one label, and explain names it once per pair as one cause', () => {
    const end = last(run('hard_line'));
    const framework = end.ties.filter((t) => t.label === 'Camp David framework');
    expect(framework.map((t) => [t.id, t.between.join('-')])).toEqual([
      ['camp_david_framework:USA-JPN', 'USA-JPN'],
      ['camp_david_framework:USA-KOR', 'USA-KOR'],
      ['camp_david_framework:JPN-KOR', 'JPN-KOR'],
    ]);
    const lines = explainPair(scenario, end, 'JPN', 'KOR').lines;
    expect(lines.filter((l) => l.label.startsWith('Camp David framework'))).toHaveLength(1);
    // The terms add up to the score (clamping aside), whatever their causes.
    expect(lines.reduce((a, l) => a + l.now, 0)).toBeCloseTo(score(end, 'JPN', 'KOR'), 9);
  });

  it('a group opinion effect leaves one modifier per direction, each caused by the event', () => {
    const afterSummit = run('hard_line')[1]!;
    for (const [a, b] of [['USA', 'JPN'], ['KOR', 'USA'], ['JPN', 'KOR']] as const) {
      const mods = afterSummit.ledger[`${a}>${b}`] ?? [];
      expect(mods.filter((m) => m.note === 'The summit itself').map((m) => [m.value, m.cause.event])).toEqual([[6, 'camp_david']]);
    }
  });
});

describe('fixed-date follow-ups (at:)', () => {
  it('fall on their date whatever the branch that scheduled them, and only on branches that do', () => {
    const hard = last(run('hard_line'));
    expect(hard.happened.fourth_summit).toBe(day('2025-11-21'));
    expect(last(run('reassure')).happened.fourth_summit).toBeUndefined();
  });

  it('fall at once when the run is already past the date', () => {
    const early = parseScenarioText(TEXT.replace('at: 2025-11-21', 'at: 2024-01-01'), 'early.yaml');
    const end = last(runHistory(early, { seed: 1, assumptions, choices: { takaichi_takes_office: 'hard_line' } }));
    expect(end.happened.fourth_summit).toBe(day('2025-10-21'));
  });
});

describe('dated predictions (by:, within:)', () => {
  it('hold when the formula held after an event inside the window, and record the first day', () => {
    const hard = last(run('hard_line'));
    expect(hard.held).toEqual({ framework_by_2024: day('2023-08-18'), tokyo_beijing_low_2025: day('2025-10-21') });
    expect(predictionStatus(scenario, hard).map((p) => [p.id, p.holds])).toEqual([['framework_by_2024', true], ['tokyo_beijing_low_2025', true]]);
    const soft = last(run('reassure'));
    expect(predictionStatus(scenario, soft).map((p) => [p.id, p.holds])).toEqual([['framework_by_2024', true], ['tokyo_beijing_low_2025', false]]);
  });

  it('a prediction true only after its window does not hold', () => {
    const late = parseScenarioText(TEXT.replace('by: 2023-12-31', 'by: 2023-08-17'), 'late.yaml');
    const end = last(runHistory(late, { seed: 1, assumptions, choices: {} }));
    expect(predictionStatus(late, end).find((p) => p.id === 'framework_by_2024')?.holds).toBe(false);
  });

  it('the Monte Carlo path counts the same runs as single runs do, and runFast equals the history', () => {
    const inputs = { seed: 7, assumptions, choices: {} };
    const acc = new Accumulator(scenario);
    runRange(scenario, inputs, 0, 40, acc);
    const i = acc.layout.predictions.findIndex((p) => p.id === 'tokyo_beijing_low_2025');
    let single = 0;
    for (let r = 0; r < 40; r++) {
      const end = last(runHistory(scenario, { ...inputs, seed: runSeed(7, r) }));
      if (predictionStatus(scenario, end).find((p) => p.id === 'tokyo_beijing_low_2025')?.holds) single++;
    }
    expect(acc.data.holds[i]).toBe(single);
    expect(single).toBeGreaterThan(0);
    expect(single).toBeLessThan(40);
    for (const choice of ['hard_line', 'reassure']) {
      const fast = runFast(scenario, { seed: 3, assumptions, choices: { takaichi_takes_office: choice } });
      expect(JSON.stringify(fast)).toBe(JSON.stringify(last(run(choice, 3))));
    }
  });
});

describe('conditional text (variants:)', () => {
  it('shows the first variant whose condition holds before the event, else the text; numbers are untouched', () => {
    const states = run('hard_line');
    const i = states.findIndex((s) => s.happened.fourth_summit !== undefined);
    const view = stepView(scenario, states, i);
    expect(view.text).toBe("The three leaders meet again, while Beijing still protests Tokyo's words on Taiwan.");
    const plain = parseScenarioText(TEXT.replace('rel(JPN, CHN) < -25", text', 'rel(JPN, CHN) < -90", text'), 'plain.yaml');
    const other = runHistory(plain, { seed: 1, assumptions, choices: { takaichi_takes_office: 'hard_line' } });
    expect(stepView(plain, other, i).text).toBe('A further trilateral meeting, reported by one unconfirmed source.');
    expect(JSON.stringify(last(other))).toBe(JSON.stringify(last(states)));
  });

  it('a variant with a bad condition is refused with its position', () => {
    expect(refusal('rel(JPN, CHN) < -25", text', 'rel(JPN, CHZ) < -25", text')).toBe(
      "127:27: followups[0].variants[0].when: formula: unknown actor 'CHZ' (did you mean 'CHN'?)",
    );
  });
});

describe('indicators per actor and per pair', () => {
  it('expand into one indicator per actor or directed pair, labelled, and effects change the one they name', () => {
    expect(scenario.indicators.filter((x) => x.id.startsWith('summits_hosted')).map((x) => [x.id, x.label])).toEqual([
      ['summits_hosted_usa', 'Trilateral summits hosted (USA)'],
      ['summits_hosted_jpn', 'Trilateral summits hosted (JPN)'],
      ['summits_hosted_kor', 'Trilateral summits hosted (KOR)'],
      ['summits_hosted_chn', 'Trilateral summits hosted (CHN)'],
    ]);
    expect(scenario.indicators.filter((x) => x.id.startsWith('china_pressure'))).toHaveLength(12);
    const end = last(run('hard_line'));
    expect([end.indicators.summits_hosted_usa, end.indicators.summits_hosted_jpn, end.indicators.china_pressure_chn_jpn, end.indicators.china_pressure_jpn_chn]).toEqual([1, 0, 2, 0]);
  });

  it('an effect must name the actor or pair the indicator is kept for; expanded ids may not collide', () => {
    expect(refusal('{ id: summits_hosted, actor: USA, add: 1 }', '{ id: summits_hosted, add: 1 }')).toBe(
      "134:26: followups[0].effects[1].indicator.id: indicator 'summits_hosted' is per actor; expected actor: A (it is kept per actor)",
    );
    expect(refusal('pair: [CHN, JPN], add: 2', 'pair: [CHN, CHN], add: 2')).toBe('135:54: followups[0].effects[2].indicator.pair[1]: a pair of CHN and itself; expected two different actors');
    expect(refusal(/^ {2}summits_hosted: \{/m, '  china_pressure_chn_jpn: { label: x, initial: 0, unit: x, description: x }\n  summits_hosted: {')).toBe(
      "154:3: indicators.china_pressure: indicator id 'china_pressure_chn_jpn' comes from both 'china_pressure_chn_jpn' and 'china_pressure'; expected ids that do not collide (per-actor ids end in _<actor>)",
    );
  });
});

describe('unverified sources', () => {
  it('are accepted and labelled wherever a source is printed', () => {
    expect(scenario.sources.rumour?.reliability).toBe('unverified');
    expect(sourceText(resolveSource(scenario, { id: 'rumour' }))).toBe('A single unconfirmed report of a fourth summit [UNVERIFIED]');
  });

  // Issue #11 §2: what rests on an unverified source is labelled so in the UI (terminal and page) and in reports.
  it('are labelled in the screens\' citations and in the debrief report, Markdown and HTML', () => {
    const ref = { id: 'rumour' };
    expect(sourceLabel(scenario, ref)).toBe('A single unconfirmed report of a fourth summit [UNVERIFIED]');
    expect(sourceShort(scenario, ref)).toBe('A single unconfirmed report of a fourth summit [UNVERIFIED]');
    expect(sourceItems(scenario, [ref])).toEqual([{ text: 'A single unconfirmed report of a fourth summit [UNVERIFIED]', url: null }]);
    expect(sourceLabel(scenario, { id: 'cabinet' })).not.toContain('UNVERIFIED');
    const report = buildReport({ scenario, history: run('hard_line'), preset: 'article', overrides: {}, injects: [] });
    expect(report.branch.some((b) => b.event === 'fourth_summit')).toBe(true);
    expect(reportMarkdown(report)).toContain('A single unconfirmed report of a fourth summit (UNVERIFIED: not confirmed)');
    expect(reportHtml(report, '0')).toContain('A single unconfirmed report of a fourth summit <strong>(UNVERIFIED: not confirmed)</strong>');
  });
});

describe('bad uses are refused with one exact line', () => {
  it.each([
    ['among with two actors', 'among: [USA, JPN, KOR], value: 15', 'among: [USA, JPN], value: 15', "62:14: relations[0].among: expected 3 or more actor ids (for two, use between: [A, B]), found 2 (USA, JPN)"],
    ['among and between together', 'among: [USA, JPN, KOR], value: 15', 'among: [USA, JPN, KOR], between: [USA, JPN], value: 15', '62:7: relations[0].among: both among and between; expected one of among: [A, B, C], between: [A, B], or from: and to:'],
    ['an actor twice in a group', 'among: [USA, JPN, KOR], value: 15', 'among: [USA, JPN, USA], value: 15', '62:25: relations[0].among[2]: USA is named twice in among; expected each actor once'],
    ['between with three actors', '{ between: [USA, CHN], value: -30', '{ between: [USA, CHN, JPN], value: -30', '63:16: relations[1].between: expected exactly 2 actor ids [A, B] (for 3 or more, use among: [A, B, C]), found 3 (USA, CHN, JPN)'],
    ['a group tie with an unknown actor', 'among: [USA, JPN, KOR], since', 'among: [USA, JPN, KOZ], since', "90:115: timeline[0].effects[0].tie.add.among[2]: unknown actor 'KOZ'; expected one of USA, JPN, KOR, CHN (did you mean 'KOR'?)"],
    ['at and after together', '{ event: fourth_summit, at: 2025-11-21 }', '{ event: fourth_summit, after: 3, at: 2025-11-21 }', '116:49: timeline[2].decision.options[0].then[0].at: both after and at; expected after: N days, or at: a date'],
    ['a follow-up dated before the start', 'at: 2025-11-21', 'at: 2023-01-01', '116:43: timeline[2].decision.options[0].then[0].at: a follow-up before the scenario start; expected a date on or after 2023-08-01, found 2023-01-01'],
    ['by and within together', 'by: 2023-12-31', 'by: 2023-12-31\n    within: { from: 2023-09-01, to: 2023-12-31 }', '142:5: predictions[0].within: both by and within; expected by: a date, or within: { from, to }'],
    ['a window that ends before it starts', 'to: 2025-12-31 }', 'to: 2025-09-30 }', '147:37: predictions[1].within.to: a window that ends before it starts; expected a date on or after 2025-10-01, found 2025-09-30'],
    ['a bad reliability', 'reliability: unverified', 'reliability: unconfirmed', "15:83: sources.rumour.reliability: expected one of 'C', 'W', 'unverified', found 'unconfirmed'"],
  ])('%s', (_what, from, to, message) => {
    expect(refusal(from, to)).toBe(message);
  });
});
