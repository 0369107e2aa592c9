// geosim run / explain / validate / list / schema, through the built CLI, checked against the core in-process.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenarioFile, listScenarios } from '../src/scenario/load.js';
import { resolveAssumptions } from '../src/core/run.js';
import { runFast } from '../src/machines/engine.js';
import { summarize } from '../src/core/summary.js';
import { parseDay } from '../src/core/date.js';
import { ensureBuilt, flagshipFile, geosim, minimal, root } from './cli-helpers.js';

beforeAll(() => ensureBuilt());

interface Summary {
  scenario: string;
  seed: number;
  preset: string;
  assumptions: Record<string, number>;
  choices: Record<string, string>;
  chosenBy: Record<string, string>;
  timeline: { date: string; event: string; kind: string }[];
  final: { date: string; relations: Record<string, Record<string, number>>; bands: Record<string, Record<string, string>> };
  predictions: Record<string, { holds: boolean; actual: string }>;
}

function runJson(args: string[]): Summary {
  const r = geosim(['run', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

describe('geosim run --format json', () => {
  it('prints exactly summarize() of the same run, pretty-printed with a final newline', () => {
    const scenario = loadScenarioFile(minimal);
    const r = geosim(['run', minimal, '--seed', '7', '--format', 'json']);
    const state = runFast(scenario, { seed: 7, assumptions: resolveAssumptions(scenario), choices: {} });
    expect(r.stdout).toBe(`${JSON.stringify(summarize(scenario, state, scenario.defaultPreset), null, 2)}\n`);
  });

  it('has scenario, seed, choices, final.relations and the prediction ledger', () => {
    const s = runJson([flagshipFile()]);
    const scenario = loadScenarioFile(flagshipFile());
    expect(s.scenario).toBe(scenario.id);
    expect(s.seed).toBe(1); // the default seed
    const ids = scenario.actors.map((a) => a.id);
    for (const a of ids) for (const b of ids) if (a !== b) expect(typeof s.final.relations[a]![b]).toBe('number');
    expect(Object.keys(s.predictions).sort()).toEqual(scenario.predictions.map((p) => p.id).sort());
    for (const p of Object.values(s.predictions)) {
      expect(typeof p.holds).toBe('boolean');
      expect(['held', 'failed', 'partly', 'open']).toContain(p.actual);
    }
    expect(Object.keys(s.choices).length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const f = flagshipFile();
    const a = geosim(['run', f, '--seed', '11', '--format', 'json']).stdout;
    expect(geosim(['run', f, '--seed', '11', '--format', 'json']).stdout).toBe(a);
    const outcomes = new Set([2, 3, 4, 5].map((seed) => JSON.stringify(runJson([f, '--seed', String(seed)]).choices)));
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('takes --choose as given (by the user) and draws the rest', () => {
    const both = ['arm_ukraine', 'hold_back'].map((o) => runJson([minimal, '--choose', `seoul_response=${o}`]));
    expect(both.map((s) => s.choices.seoul_response)).toEqual(['arm_ukraine', 'hold_back']);
    expect(both.map((s) => s.chosenBy.seoul_response)).toEqual(['user', 'user']);
    expect(runJson([minimal]).chosenBy.seoul_response).toBe('engine');
    // The prediction ledger follows the choice.
    expect(both.map((s) => s.predictions.seoul_arms_ukraine!.holds)).toEqual([true, false]);
  });

  it('notes on stderr a --choose for a decision the run never reached', () => {
    const r = geosim(['run', minimal, '--until', '2024-06-20', '--choose', 'seoul_response=hold_back', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("note: decision 'seoul_response' did not come up in this run, so --choose seoul_response=hold_back had no effect\n");
    expect((JSON.parse(r.stdout) as Summary).choices).toEqual({});
  });

  it('applies --assume over --preset', () => {
    const s = runJson([minimal, '--preset', 'dovish', '--assume', 'k_goldstein=2.5']);
    expect(s.preset).toBe('dovish');
    expect(s.assumptions).toEqual({ k_goldstein: 2.5, seoul_hawkishness: 0.3 });
    expect(runJson([minimal]).assumptions.k_goldstein).toBe(5);
  });

  it('stops at --until and inserts --inject events', () => {
    const s = runJson([minimal, '--until', '2024-06-30']);
    expect(s.timeline.every((e) => parseDay(e.date)! <= parseDay('2024-06-30')!)).toBe(true);
    expect(s.timeline.some((e) => e.event === 'treaty_signed')).toBe(true);
    expect(s.choices).toEqual({});
    const inj = runJson([minimal, '--inject', 'border_incident@2024-06-25']);
    expect(inj.timeline.find((e) => e.event === 'border_incident')?.date).toBe('2024-06-25');
    const byDefault = runJson([minimal, '--inject', 'border_incident']);
    expect(byDefault.timeline.find((e) => e.event === 'border_incident')?.date).toBe('2024-08-01');
  });
});

describe('geosim run, text and markdown', () => {
  it('text: timeline, choices, matrix with band symbols, predictions', () => {
    const r = geosim(['run', minimal, '--choose', 'seoul_response=arm_ukraine']);
    expect(r.code).toBe(0);
    const json = runJson([minimal, '--choose', 'seoul_response=arm_ukraine']);
    expect(r.stdout).toMatch(/^minimal: A treaty and a reply\nseed 1 · preset article/);
    expect(r.stdout).toMatch(/2024-06-19 {2}Treaty signed/);
    expect(r.stdout).toMatch(/→ Send arms to Ukraine \(chosen\)/);
    expect(r.stdout).toMatch(/seoul_response += arm_ukraine +chosen/);
    // The RUS row: each score rounded, with its band's symbol.
    const rusToPrk = Math.round(json.final.relations.RUS!.PRK!);
    expect(json.final.bands.RUS!.PRK).toBe('friendly');
    expect(r.stdout).toMatch(new RegExp(`^ {2}RUS +· +\\+${rusToPrk} \\+`, 'm'));
    expect(r.stdout).toMatch(/bands: -- Hostile \(from -100\); · Neutral \(from -20\); \+ Friendly \(from 20\)/);
    expect(r.stdout).toMatch(/seoul_arms_ukraine +holds +actual: failed +the article: Seoul will arm Ukraine\./);
  });

  it('markdown: tables for the timeline, choices, matrix and predictions', () => {
    const r = geosim(['run', minimal, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# A treaty and a reply\n/);
    expect(r.stdout).toContain('| date | event | note |\n|---|---|---|\n| 2024-06-19 | Treaty signed | timeline |');
    expect(r.stdout).toMatch(/\| from \\\\ to \| RUS \| PRK \| KOR \|\n\|---\|---:\|---:\|---:\|/);
    expect(r.stdout).toMatch(/\| `seoul_arms_ukraine` \| the article: Seoul will arm Ukraine\. \| (holds|fails) \| failed \|/);
    expect(geosim(['run', minimal, '-f', 'md']).stdout).toBe(r.stdout);
  });
});

describe('geosim explain', () => {
  it('names every cause stacked into a keyed modifier (text and JSON)', () => {
    const small = join(root, 'test', 'fixtures', 'core', 'small.yaml');
    const text = geosim(['explain', small, '--pair', 'CCC:AAA', '--at', '2024-03-05']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2 causes stacked under one key (their fade restarted on 2024-03-01)');
    expect(text.stdout).toMatch(/^ +stacked: -10 A and B sign a treaty \(2024-02-01\)$/m);
    expect(text.stdout).toMatch(/^ +stacked: -9\.8 A snubs C \(2024-03-01\)$/m);
    const json = JSON.parse(geosim(['explain', small, '--pair', 'CCC:AAA', '--at', '2024-03-05', '--format', 'json']).stdout) as {
      terms: { now: number; stack: { event: string; now: number }[] }[];
    };
    const term = json.terms.find((t) => t.stack.length)!;
    expect(term.stack.map((p) => p.event)).toEqual(['treaty', 'second_grievance']);
    expect(Math.abs(term.stack.reduce((a, p) => a + p.now, 0) - term.now)).toBeLessThan(0.02);
  });

  it('lists the causes behind a score with their sources, summing to the score', () => {
    const r = geosim(['explain', minimal, '--pair', 'RUS:KOR', '--choose', 'seoul_response=arm_ukraine', '--format', 'json']);
    expect(r.code).toBe(0);
    const ex = JSON.parse(r.stdout) as {
      score: number;
      raw: number;
      terms: { kind: string; label: string; now: number; sources: { ref: string; paragraph?: number; paraphrase?: string; title?: string; url?: string }[] }[];
    };
    const sum = ex.terms.reduce((a, t) => a + t.now, 0);
    expect(Math.abs(sum - ex.raw)).toBeLessThan(0.05 * ex.terms.length);
    const opt = ex.terms.find((t) => t.kind === 'option')!;
    expect(opt.label).toBe('How does Seoul answer? → Send arms to Ukraine');
    expect(opt.sources[0]).toEqual({ ref: '¶2', paragraph: 2, paraphrase: 'The third state must choose a reply.' });
    const run = runJson([minimal, '--choose', 'seoul_response=arm_ukraine']);
    expect(ex.score).toBe(run.final.relations.RUS!.KOR);
  });

  it('text output names causes, article paragraphs with their paraphrase, and source titles with URLs', () => {
    const r = geosim(['explain', minimal, '--pair', 'KOR:RUS']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^KOR → RUS on \d{4}-\d{2}-\d{2}: -?\d+/);
    expect(r.stdout).toContain('initial relation');
    expect(r.stdout).toContain('why: Seoul kept a channel open');
    expect(r.stdout).toContain('source: article ¶2: The third state must choose a reply.');
    expect(r.stdout).toContain('Pressure from unbalanced triads');
    expect(geosim(['explain', minimal, '--pair', 'RUS:PRK']).stdout).toContain('source: Treaty text <https://example.org/treaty>');
  });

  it('--at reads the ledger on that day', () => {
    const early = JSON.parse(geosim(['explain', minimal, '--pair', 'RUS:PRK', '--at', '2024-06-10', '--format', 'json']).stdout) as { date: string; terms: { kind: string }[] };
    expect(early.date).toBe('2024-06-10');
    expect(early.terms.map((t) => t.kind)).not.toContain('event'); // the treaty comes on the 19th
    const late = JSON.parse(geosim(['explain', minimal, '--pair', 'RUS:PRK', '--at', '2024-06-20', '--format', 'json']).stdout) as { terms: { kind: string }[] };
    expect(late.terms.map((t) => t.kind)).toContain('event');
  });

  it('shows the unbalanced triads that press on the pair', () => {
    const triad = join(root, 'test', 'fixtures', 'cli', 'triad.yaml');
    const r = geosim(['explain', triad, '--pair', 'KOR:RUS', '--at', '2024-06-10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Pressure from unbalanced triads\n.*odd number of hostile sides.*\n {2}RUS–PRK–KOR: RUS–PRK \+\d+, PRK–KOR -60, KOR–RUS \+40\n$/);
    const json = JSON.parse(geosim(['explain', triad, '--pair', 'KOR:RUS', '--at', '2024-06-10', '--format', 'json']).stdout) as { pressure: { actors: string[]; means: number[] }[] };
    expect(json.pressure).toHaveLength(1);
    expect(json.pressure[0]!.actors).toEqual(['RUS', 'PRK', 'KOR']);
    expect(json.pressure[0]!.means.filter((m) => m < 0)).toHaveLength(1);
    // The same pair in the (balanced) minimal scenario: no pressure.
    expect(geosim(['explain', minimal, '--pair', 'KOR:RUS', '--at', '2024-06-10']).stdout).toMatch(/Pressure from unbalanced triads\n {2}none/);
  });

  it('markdown output is a table of terms', () => {
    const r = geosim(['explain', minimal, '--pair', 'KOR:RUS', '--format', 'markdown']);
    expect(r.stdout).toMatch(/^# KOR → RUS on /);
    expect(r.stdout).toContain('| now | term | origin | sources |');
  });
});

describe('geosim validate, list, schema', () => {
  it('validate: ok lines for good files, one error line each for bad ones, exit 2 if any is bad', () => {
    const good = geosim(['validate', minimal]);
    // minimal.yaml leaves three directions out: a warning (test/cli-author.test.ts), not an error.
    expect(good).toMatchObject({ code: 0, stderr: expect.stringMatching(/^geosim: warning: .*no initial relation for 3 directions/) });
    expect(good.stdout).toMatch(/^ok .*minimal\.yaml \(minimal: 4 events, 1 decision, 1 warning\)\n$/);
    const bad = join(root, 'test', 'fixtures', 'bad');
    const files = readdirSync(bad).filter((f) => f.endsWith('.yaml')).slice(0, 5).map((f) => join(bad, f));
    const r = geosim(['validate', minimal, ...files]);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('geosim: warning: '));
    expect(lines).toHaveLength(files.length);
    lines.forEach((l, i) => expect(l.startsWith(`geosim: ${files[i]}`)).toBe(true));
  });

  it('list shows the id and title of every scenario in scenarios/', () => {
    const r = geosim(['list']);
    expect(r.code).toBe(0);
    for (const s of listScenarios()) expect(r.stdout).toMatch(new RegExp(`^ {2}${s.id} +${s.title.slice(0, 15).replace(/[()]/g, '.')}`, 'm'));
    const json = (JSON.parse(geosim(['list', '--format', 'json']).stdout) as { scenarios: { id: string }[] }).scenarios;
    expect(json.map((s) => s.id)).toEqual(listScenarios().map((s) => s.id));
  });

  it('a scenario id from list works wherever a path does', () => {
    const id = listScenarios().find((s) => resolve(s.file) === flagshipFile())!.id;
    expect(geosim(['run', id, '--format', 'json']).stdout).toBe(geosim(['run', flagshipFile(), '--format', 'json']).stdout);
  });

  it('schema prints a JSON Schema', () => {
    const r = geosim(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(JSON.stringify(schema)).toContain('timeline');
  });
});
