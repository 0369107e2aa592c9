/** Loading the good fixture into the model's Scenario, and finding scenarios by id or path. */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../src/core/date.js';
import type { EvalContext, Scenario } from '../src/core/model.js';
import { ScenarioError } from '../src/scenario/errors.js';
import { findScenario, listScenarios, loadScenarioFile, parseScenarioText, scenariosDir } from '../src/scenario/load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const GOOD = relative(process.cwd(), fileURLToPath(new URL('./fixtures/good/minimal.yaml', import.meta.url)));
const BAD = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));

/** An evaluation context with fixed values, to run compiled formulas. */
function ctx(over: Partial<EvalContext> = {}): EvalContext {
  return {
    rel: () => 0,
    assumption: (id) => ({ k_goldstein: 5, seoul_hawkishness: 1.2 })[id] ?? 0,
    indicator: () => 0,
    tension: () => 35,
    posture: () => false,
    chosen: () => false,
    happened: () => false,
    goldstein: () => 0,
    ...over,
  };
}

describe('the good fixture', () => {
  const s: Scenario = loadScenarioFile(GOOD);

  it('top level: id, texts, hash of the bytes, start day, article, sources', () => {
    expect([s.id, s.title]).toEqual(['minimal', 'A treaty and a reply']);
    expect(s.hash).toBe(createHash('sha256').update(readFileSync(GOOD)).digest('hex'));
    expect(s.start).toBe(19875);
    expect(formatDay(s.start)).toBe('2024-06-01');
    expect(s.article?.paragraphs[2]).toBe('The third state must choose a reply.');
    expect(Object.keys(s.article?.paragraphs ?? {})).toEqual(['1', '2']);
    expect(s.sources.fs_treaty).toEqual({ id: 'fs_treaty', title: 'Treaty text', url: 'https://example.org/treaty', reliability: 'C', date: '2024-06-19' });
    expect(s.sources.fs_reply).toEqual({ id: 'fs_reply', title: 'Press report', url: 'https://example.org/reply', reliability: 'W', date: '2025-01-15' });
  });

  it('actors in file order, with notes citing the article; others; bands', () => {
    expect(s.actors.map((a) => a.id)).toEqual(['RUS', 'PRK', 'KOR']);
    expect(s.actors[0]?.interests).toEqual([{ text: 'Needs shells', sources: [{ id: 'article', para: 1 }] }]);
    expect(s.actors[2]).toMatchObject({ name: 'South Korea', capital: 'Seoul', interests: [], constraints: [] });
    expect(s.others).toEqual([{ id: 'UKR', name: 'Ukraine' }]);
    expect(s.bands.map((b) => [b.id, b.from, b.symbol])).toEqual([['hostile', -100, '--'], ['neutral', -20, '·'], ['friendly', 20, '+']]);
  });

  it('model parameters, formulas compiled', () => {
    expect(s.model.goldsteinScale.src).toBe('k_goldstein');
    expect(s.model.goldsteinScale.evaluate(ctx())).toBe(5);
    expect(s.model.balanceStrength.constant).toBe(0.25);
    expect(s.model).toMatchObject({ tensionInitial: 35, tensionFadePerMonth: 1.5, balanceThreshold: 10, fade: 6, cascadeCap: 16 });
  });

  it('assumptions and presets', () => {
    expect(s.assumptions.map((a) => [a.id, a.default, a.min, a.max, a.step])).toEqual([['k_goldstein', 5, 1, 10, 0.5], ['seoul_hawkishness', 1, 0, 2, 0.1]]);
    expect(s.assumptions[1]?.sources).toEqual([{ id: 'article', para: 2 }]);
    expect(s.assumptions[0]?.sources).toEqual([{ id: 'fs_treaty' }]);
    expect(s.presets.map((p) => p.id)).toEqual(['article', 'dovish']);
    expect(s.presets[0]?.values).toEqual({ k_goldstein: 5, seoul_hawkishness: 1.2 });
    expect(s.defaultPreset).toBe('article');
  });

  it('relations: between becomes both directions; ties; indicators', () => {
    expect(s.relations.map((r) => [r.from, r.to, r.value])).toEqual([['KOR', 'RUS', -10], ['RUS', 'PRK', 20], ['PRK', 'RUS', 20]]);
    expect(s.relations[0]?.sources).toEqual([{ id: 'article', para: 2 }]);
    expect(s.ties).toEqual([
      { id: 'rus_prk_treaty', type: 'partnership', label: 'Partnership treaty', between: ['RUS', 'PRK'], since: '2024-06-19', value: 15, why: 'The treaty binds them.', sources: [{ id: 'article', para: 1 }] },
    ]);
    expect(s.indicators).toEqual([{ id: 'shells', label: 'Shells shipped', initial: 1, unit: 'million', description: 'Artillery shells sent north to south.', sources: [] }]);
  });

  it('events: timeline, follow-ups and injects in one table, with tracks, dates and Goldstein weights', () => {
    expect(Object.keys(s.events)).toEqual(['treaty_signed', 'seoul_response', 'moscow_warning', 'border_incident']);
    expect(s.timeline).toEqual(['treaty_signed', 'seoul_response']);
    expect(s.injects).toEqual(['border_incident']);
    const treaty = s.events.treaty_signed;
    expect(treaty).toMatchObject({ date: parseDay('2024-06-19'), cameo: '057', goldstein: 8, actor: 'RUS', target: 'PRK', track: 'article', tags: ['treaty'] });
    expect(treaty?.sources).toEqual([{ id: 'article', para: 1 }, { id: 'fs_treaty' }]);
    expect(s.events.moscow_warning).toMatchObject({ date: undefined, cameo: '1313', goldstein: -5.8, track: 'article' });
    expect(s.events.border_incident).toMatchObject({ date: parseDay('2024-08-01'), cameo: undefined, goldstein: -7, track: 'inject', target: 'UKR' });
  });

  it('effects: between opinions split in two with the model fade; tension and indicator formulas', () => {
    const [a, b, tension, indicator] = s.events.treaty_signed?.effects ?? [];
    expect(a).toEqual({ kind: 'opinion', from: 'RUS', to: 'PRK', value: undefined, fade: 6, cap: undefined, key: undefined, note: undefined });
    expect(b).toMatchObject({ kind: 'opinion', from: 'PRK', to: 'RUS' });
    expect(tension?.kind === 'tension' && tension.value.constant).toBe(5);
    expect(indicator).toMatchObject({ kind: 'indicator', id: 'shells', op: 'add' });
    expect(indicator?.kind === 'indicator' && indicator.value.constant).toBe(0.5);
  });

  it('the decision: actor, options, weights, availability, predictions, actual, follow-ups', () => {
    const d = s.events.seoul_response?.decision;
    expect(d?.id).toBe('seoul_response');
    expect(d?.actor).toBe('KOR');
    const [arm, hold] = d?.options ?? [];
    expect(arm?.id).toBe('arm_ukraine');
    expect(arm?.prediction).toBe('seoul_arms_ukraine');
    expect(arm?.then).toEqual([{ event: 'moscow_warning', afterDays: 3 }]);
    expect(arm?.effects).toEqual([{ kind: 'opinion', from: 'RUS', to: 'KOR', value: expect.objectContaining({ constant: -20 }), fade: 2, cap: 40, key: 'arms', note: 'Moscow is furious' }]);
    const weight = arm?.weight.evaluate(ctx({ rel: (f, t) => (f === 'KOR' && t === 'RUS' ? -50 : 0) })) ?? NaN;
    expect(weight).toBeCloseTo(1.2 / (1 + Math.exp(-3)), 10);
    expect(hold?.weight.constant).toBe(1);
    expect(hold?.available?.evaluate(ctx({ tension: () => 90 }))).toBe(0);
    expect(hold?.available?.evaluate(ctx({ tension: () => 90, posture: (a, p) => a === 'KOR' && p === 'engaged' }))).toBe(1);
    expect(hold?.actual).toEqual({ text: 'No lethal arms were sent', sources: [{ id: 'fs_reply' }] });
    expect(hold?.prediction).toBeUndefined();
  });

  it('reactions, postures, predictions, questions', () => {
    expect(s.reactions).toHaveLength(1);
    expect(s.reactions[0]).toMatchObject({ id: 'moscow_punishes_seoul', on: { event: undefined, option: { decision: 'seoul_response', option: 'arm_ukraine' }, tag: undefined }, emit: 'moscow_warning', afterDays: 0 });
    expect(s.reactions[0]?.when?.evaluate(ctx({ rel: () => -1 }))).toBe(1);
    expect(s.postures.KOR?.initial).toBe('engaged');
    expect(s.postures.KOR?.states.engaged?.on).toEqual([{ target: 'alarmed', event: 'treaty_signed', when: undefined }]);
    expect(s.postures.KOR?.states.alarmed).toEqual({ description: 'Treats Moscow as a threat', on: [] });
    const p = s.predictions[0];
    expect(p?.actual).toEqual({ status: 'failed', text: 'No lethal arms as of 2026', sources: [{ id: 'fs_reply' }] });
    expect(p?.holds.evaluate(ctx({ chosen: (d, o) => d === 'seoul_response' && o === 'arm_ukraine' }))).toBe(1);
    expect(p?.holds.evaluate(ctx())).toBe(0);
    expect(s.questions).toEqual(['Why did Seoul hold back?']);
  });

  it('parseScenarioText gives the same scenario and the same hash as the file', () => {
    const t = parseScenarioText(readFileSync(GOOD, 'utf8'), 'x.yaml');
    expect(t.hash).toBe(s.hash);
    expect(JSON.stringify(t)).toBe(JSON.stringify(s));
  });
});

describe('loading hostile files leaves the prototypes alone', () => {
  it('no property appears on Object.prototype, and plain objects stay clean', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const names = readdirSync(BAD).filter((f) => f.endsWith('.yaml'));
    let refused = 0;
    for (const name of names) {
      try {
        loadScenarioFile(join(BAD, name));
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        refused++;
      }
    }
    // The same attacks nested deeper, and a __proto__ hidden in a list item.
    const nested = readFileSync(GOOD, 'utf8').replace('questions:\n', 'questions:\n  - { __proto__: { polluted: true } }\n');
    expect(() => parseScenarioText(nested, 'n.yaml')).toThrow(/forbidden key '__proto__'/);
    expect(refused).toBe(names.length);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('finding scenarios', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-scenarios-'));
  copyFileSync(GOOD, join(dir, 'minimal.yaml'));
  writeFileSync(join(dir, 'renamed.yaml'), readFileSync(GOOD, 'utf8').replace('id: minimal', 'id: other_one').replace('title: A treaty and a reply', 'title: Another'));
  writeFileSync(join(dir, 'two-words.yaml'), readFileSync(GOOD, 'utf8').replace('id: minimal', 'id: two-words').replace('title: A treaty and a reply', 'title: Kebab'));
  writeFileSync(join(dir, 'broken.yaml'), 'a: [\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the YAML files with their ids and titles', () => {
    expect(listScenarios(dir).map((s) => [s.id, s.title])).toEqual([
      ['broken', '(does not load: run geosim validate)'],
      ['minimal', 'A treaty and a reply'],
      ['other_one', 'Another'],
      ['two-words', 'Kebab'],
    ]);
  });

  it('resolves an id by file name or by the id inside the file, and a path as given', () => {
    expect(findScenario('minimal', dir)).toBe(join(dir, 'minimal.yaml'));
    expect(findScenario('other_one', dir)).toBe(join(dir, 'renamed.yaml'));
    expect(findScenario('other-one', dir)).toBe(join(dir, 'renamed.yaml'));
    expect(findScenario('two_words', dir)).toBe(join(dir, 'two-words.yaml'));
    expect(findScenario(GOOD, dir)).toBe(GOOD);
    expect(loadScenarioFile(findScenario('other_one', dir)).id).toBe('other_one');
  });

  it('an unknown id is a one-line error naming the ids and suggesting the nearest', () => {
    let err: unknown;
    try {
      findScenario('minimol', dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as ScenarioError).format()).toBe(
      "minimol: unknown scenario; expected a path or one of the scenario ids broken, minimal, other_one, two-words (did you mean 'minimal'?)",
    );
    expect(() => findScenario('nothing/here.yaml', dir)).toThrow(
      'nothing/here.yaml: no such file; expected a path to a scenario .yaml file or a scenario id',
    );
  });

  it("uses the project's scenarios/ directory by default", () => {
    expect(scenariosDir()).toBe(join(root, 'scenarios'));
  });
});

describe('the shipped scenarios', () => {
  const files = listScenarios().map((s) => s.file);
  it.each(files)('%s loads', (file) => {
    const s = loadScenarioFile(file);
    expect(s.timeline.length).toBeGreaterThan(0);
    expect(findScenario(s.id)).toBe(file);
  });
});
