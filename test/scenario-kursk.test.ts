/**
 * The Kursk 2024 scenario (scenarios/kursk-2024.yaml): it loads, has the expected cast and decisions, and its
 * presets are calibrated: under `hindsight` the real option is the most likely at every decision that marks
 * one, and the baseline leaves every decision open.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioSchema } from '../src/scenario/schema.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { ScenarioError } from '../src/scenario/errors.js';
import { resolveAssumptions, type Inject } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { predictionStatus } from '../src/core/predictions.js';
import { summarize } from '../src/core/summary.js';
import { parseDay } from '../src/core/date.js';
import type { Decision, Scenario } from '../src/core/model.js';

const FILE = fileURLToPath(new URL('../scenarios/kursk-2024.yaml', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../scenarios/template.yaml', import.meta.url));

function load(file: string): Scenario {
  try {
    return loadScenarioFile(file);
  } catch (e) {
    // Show the loader's one-line message rather than an object dump.
    if (e instanceof ScenarioError) throw new Error(e.format());
    throw e;
  }
}

let cached: Scenario | undefined;
const kursk = (): Scenario => (cached ??= load(FILE));

function decisions(s: Scenario): Decision[] {
  return s.timeline.flatMap((id) => (s.events[id]?.decision ? [s.events[id].decision] : []));
}

/** Decision id → the option marked `actual`, for the decisions that mark one. */
function actualChoices(s: Scenario): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of decisions(s)) {
    const o = d.options.find((x) => x.actual);
    if (o) out[d.id] = o.id;
  }
  return out;
}

/** Plays the real path (every decision takes its actual option) and returns each decision's odds. */
function oddsOnRealPath(s: Scenario, preset: string, injects: Inject[] = []) {
  const choices = actualChoices(s);
  const end = runFast(s, { seed: 7, assumptions: resolveAssumptions(s, preset), choices, injects });
  return { end, odds: Object.fromEntries(Object.entries(end.choices).map(([d, c]) => [d, c.odds])) };
}

const argmax = (odds: Readonly<Record<string, number>>): string =>
  Object.entries(odds).reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];

describe('kursk-2024 scenario', () => {
  it('loads with the six actors, Ukraine as an outside party, and no article', () => {
    const s = kursk();
    expect(s.id).toBe('kursk-2024');
    expect(s.actors.map((a) => a.id)).toEqual(['RUS', 'PRK', 'KOR', 'JPN', 'CHN', 'USA']);
    expect(s.others.map((o) => o.id)).toEqual(['UKR']);
    expect(s.article).toBeUndefined();
    expect(s.presets.map((p) => p.id)).toEqual(expect.arrayContaining(['article', 'hindsight']));
    expect(s.start).toBe(parseDay('2024-10-01'));
    // Built without an article: no option claims to be the article's prediction.
    for (const d of decisions(s)) for (const o of d.options) expect(o.prediction).toBeUndefined();
  });

  it('starts after the June treaty: the RUS–PRK defence treaty, alliances and sanctions hold', () => {
    const types = Object.fromEntries(kursk().ties.map((t) => [t.id, t.type]));
    expect(types).toMatchObject({
      rus_prk_treaty: 'defence_treaty',
      us_rok_alliance: 'alliance',
      us_japan_alliance: 'alliance',
      kor_sanctions_rus: 'sanctions',
      jpn_sanctions_rus: 'sanctions',
      usa_sanctions_rus: 'sanctions',
    });
  });

  it('has the five decisions with their options, and marks the real option where the record gives one', () => {
    const s = kursk();
    const shape = Object.fromEntries(decisions(s).map((d) => [d.id, { actor: d.actor, options: d.options.map((o) => o.id) }]));
    expect(shape).toEqual({
      beijing_stance: { actor: 'CHN', options: ['distance', 'up_to_them', 'pressure_pyongyang'] },
      seoul_response: { actor: 'KOR', options: ['arm_ukraine', 'defensive_only', 'indirect_support', 'protest_only'] },
      moscow_reward: { actor: 'RUS', options: ['air_defence_satellite', 'submarine_tech', 'economic_only'] },
      washington_response: { actor: 'USA', options: ['longer_range_strikes', 'sanctions_only', 'negotiate'] },
      pyongyang_next: { actor: 'PRK', options: ['more_troops_engineers', 'hold_steady', 'withdraw'] },
    });
    // Seoul's real answer was the indirect path (shells via the US, intelligence for NATO and Kyiv), not
    // defensive arms; Washington's was ATACMS strikes inside Russia (17 November 2024), dated after the decision.
    expect(actualChoices(s)).toEqual({
      beijing_stance: 'up_to_them',
      seoul_response: 'indirect_support',
      moscow_reward: 'air_defence_satellite',
      washington_response: 'longer_range_strikes',
      pyongyang_next: 'more_troops_engineers',
    });
    expect(s.events.washington_response?.date).toBeLessThan(parseDay('2024-11-17') as number);
    for (const d of decisions(s)) for (const o of d.options) if (o.actual) expect(o.actual.sources.length).toBeGreaterThan(0);
  });

  it('under hindsight the real option is the most likely at every decision that marks one', () => {
    const s = kursk();
    const { odds } = oddsOnRealPath(s, 'hindsight');
    const actual = actualChoices(s);
    expect(Object.keys(actual).length).toBe(5);
    for (const [d, o] of Object.entries(actual)) expect([d, argmax(odds[d] ?? {})]).toEqual([d, o]);
  });

  it('the baseline leaves every decision open (no option at 75% or more)', () => {
    const { odds } = oddsOnRealPath(kursk(), 'article');
    expect(Object.keys(odds).length).toBe(5);
    for (const [d, o] of Object.entries(odds)) expect({ d, top: Math.max(...Object.values(o)) < 0.75 }).toEqual({ d, top: true });
  });

  it('the real path reproduces the recorded answer of every settled question', () => {
    const s = kursk();
    const { end } = oddsOnRealPath(s, 'hindsight');
    const statuses = predictionStatus(s, end);
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    for (const p of statuses) {
      if (p.actual === 'held') expect({ id: p.id, holds: p.holds }).toEqual({ id: p.id, holds: true });
      if (p.actual === 'failed') expect({ id: p.id, holds: p.holds }).toEqual({ id: p.id, holds: false });
    }
    expect(end.happened.shin_reveals_payment).toBeDefined();
    expect(end.happened.shoigu_deminers_builders).toBeDefined();
    expect(end.indicators.nk_troops_in_russia).toBe(17);
    // The losses, the prisoners and the pull-back are real events on every branch.
    expect(end.indicators.nk_setbacks).toBe(3);
    for (const id of ['nk_heavy_losses', 'nk_pows_captured', 'nk_units_pulled_back']) expect(end.happened[id]).toBeDefined();
  });

  it("pins the real branch's end state (explained in docs/scenario-notes-kursk.md)", () => {
    const s = kursk();
    const { end } = oddsOnRealPath(s, 'hindsight');
    const f = summarize(s, end, 'hindsight').final;
    expect(f.relations.RUS?.KOR).toBeCloseTo(-24.21, 2);
    expect(f.relations.KOR?.RUS).toBeCloseTo(-48.04, 2);
    // The soldiers in Russia are a standing tie (+5) to the end, as the record says they stayed (`ongoing:`).
    expect(f.relations.RUS?.PRK).toBeCloseTo(68.05, 2);
    expect(f.relations.PRK?.RUS).toBeCloseTo(80.66, 2);
    expect(f.relations.CHN?.PRK).toBeCloseTo(22.79, 2);
    expect(f.postures).toMatchObject({ KOR: 'pragmatic', USA: 'escalating', PRK: 'declared_belligerent', CHN: 'noncommittal' });
  });

  it('events that report the real choice are skipped in branches that chose otherwise', () => {
    const s = kursk();
    const choices = { moscow_reward: 'economic_only', pyongyang_next: 'withdraw' };
    const end = runFast(s, { seed: 1, assumptions: resolveAssumptions(s, 'hindsight'), choices });
    expect(end.happened.shin_reveals_payment).toBeUndefined();
    expect(end.happened.shoigu_deminers_builders).toBeUndefined();
    expect(end.indicators.rus_tech_transfer).toBe(0);
    expect(end.indicators.nk_troops_in_russia).toBe(0);
  });

  it('arming Ukraine brings Moscow’s retaliation two weeks later', () => {
    const s = kursk();
    const end = runFast(s, { seed: 1, assumptions: resolveAssumptions(s, 'article'), choices: { seoul_response: 'arm_ukraine' } });
    expect(end.happened.moscow_retaliation).toBe((parseDay('2024-11-07') as number) + 14);
    expect(end.indicators.rus_tech_transfer).toBeGreaterThanOrEqual(2);
    // Weapons for Ukraine are a lasting act: a standing tie, not only a fading grievance.
    expect(end.ties.map((t) => t.id)).toContain('rok_arms_for_ukraine');
  });

  it('has at least two injects, each labelled hypothetical, and a further setback makes Pyongyang likelier to withdraw', () => {
    const s = kursk();
    expect(s.injects.length).toBeGreaterThanOrEqual(2);
    for (const id of s.injects) expect(s.events[id]?.title).toMatch(/^Hypothetical: /);
    const day = (d: string) => parseDay(d) as number;
    const base = oddsOnRealPath(s, 'hindsight').odds.pyongyang_next ?? {};
    const hit = oddsOnRealPath(s, 'hindsight', [{ event: 'hyp_mass_surrender', date: day('2025-01-15') }]).odds.pyongyang_next ?? {};
    expect(hit.withdraw).toBeGreaterThan(base.withdraw ?? 1);
    expect(hit.more_troops_engineers).toBeLessThan(base.more_troops_engineers ?? 0);
  });

  it('the real setbacks weigh on a half-committed Pyongyang, not on a committed one', () => {
    const s = kursk();
    // Baseline (commitment 0.6): after the losses, the prisoners and the pull-back, withdrawal leads.
    const baseline = oddsOnRealPath(s, 'article').odds.pyongyang_next ?? {};
    expect(argmax(baseline)).toBe('withdraw');
    // Hindsight (commitment 0.85): Pyongyang doubles down despite them, as it did in June 2025.
    expect(argmax(oddsOnRealPath(s, 'hindsight').odds.pyongyang_next ?? {})).toBe('more_troops_engineers');
  });

  it('plays to the end from any seed under every preset', () => {
    const s = kursk();
    for (const preset of s.presets.map((p) => p.id)) {
      for (let seed = 0; seed < 200; seed++) {
        const end = runFast(s, { seed, assumptions: resolveAssumptions(s, preset), choices: {} });
        expect(Object.keys(end.choices).length).toBe(5);
      }
    }
  });
});

describe('template.yaml', () => {
  it('loads, and has every top-level section of the format', () => {
    const s = load(TEMPLATE);
    expect(s.id).toBe('template');
    const written = Object.keys(parse(readFileSync(TEMPLATE, 'utf8')) as object).sort();
    expect(written).toEqual(Object.keys(scenarioSchema.shape).sort());
  });

  it('shows opinion, tension, indicator and tie effects, a tie, a reaction, an inject and a posture chart', () => {
    const s = load(TEMPLATE);
    const kinds = new Set(
      Object.values(s.events).flatMap((e) => [...e.effects, ...(e.decision?.options.flatMap((o) => o.effects) ?? [])]).map((e) => e.kind),
    );
    expect([...kinds].sort()).toEqual(['indicator', 'opinion', 'tension', 'tie-add']);
    expect(s.injects.length).toBe(1);
    expect(s.reactions.length).toBe(1);
    expect(Object.keys(s.postures)).toEqual(['ARI']);
    expect(s.ties.length).toBe(1);
  });

  it('follows the calibration convention: the predicted option leads under article, the real one under hindsight', () => {
    const s = load(TEMPLATE);
    const decision = s.events.aria_answer?.decision as Decision;
    const predicted = decision.options.find((o) => o.prediction)?.id;
    const real = decision.options.find((o) => o.actual)?.id;
    for (const [preset, expected] of [['article', predicted], ['hindsight', real]] as const) {
      const end = runFast(s, { seed: 1, assumptions: resolveAssumptions(s, preset), choices: {} });
      expect([preset, argmax(end.choices.aria_answer?.odds ?? {})]).toEqual([preset, expected]);
    }
  });
});
