/**
 * The catalogue of malformed scenarios: each file in test/fixtures/bad/ is test/fixtures/good/minimal.yaml with
 * one defect, and must be refused with exactly this one-line message (file:line:col: path: message).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/scenario/errors.js';
import { loadScenarioFile, parseScenarioText } from '../src/scenario/load.js';

const BAD = relative(process.cwd(), fileURLToPath(new URL('./fixtures/bad/', import.meta.url)));

/** The error a loader call throws (fails the test when it does not throw a ScenarioError). */
function errorOf(load: () => unknown): ScenarioError {
  try {
    load();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected the scenario to be refused, but it loaded');
}

/** fixture name → the expected message after `FILE:` */
const EXPECTED: Record<string, string> = {
  'alias-bomb': "2:8: too many alias expansions; expected plain data with at most 50 alias expansions, found an alias bomb",
  'bad-actor-id': "21:3: actors.Prk: invalid key 'Prk'; expected an actor id of 2–4 capital letters (like RUS)",
  'bad-date': "107:11: timeline[1].date: expected a real calendar date YYYY-MM-DD, found '2024-13-01'",
  'bad-id': "93:9: timeline[0].id: expected a snake_case id ([a-z][a-z0-9_]*), found 'Treaty-Signed'",
  'bad-reliability': "14:49: sources.fs_reply.reliability: expected one of 'C', 'W', 'unverified', found 'w'",
  'between-one-actor': "70:16: relations[1].between: expected exactly 2 actor ids [A, B] (for 3 or more, use among: [A, B, C]), found 1 (RUS)",
  'between-three-actors': "70:16: relations[1].between: expected exactly 2 actor ids [A, B] (for 3 or more, use among: [A, B, C]), found 3 (RUS, PRK, KOR)",
  'bands-start': "26:42: bands[0].from: the first band must start at -100; expected -100, found -90",
  'broken-yaml': "70:3: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }",
  'cameo-number': "98:12: timeline[0].cameo: expected a CAMEO code as quoted text, like \"057\", found 057",
  'comments-only': "1:1: empty file; expected a map of scenario keys (format, id, title, …)",
  'constructor-key': "15:3: sources.constructor: forbidden key 'constructor'; expected a key that is not __proto__, constructor or prototype",
  'custom-tag': "5:10: summary: tag '!!js/function' is not allowed; expected plain YAML data without tags",
  'decision-actor-not-simulated': "112:14: timeline[1].decision.actor: 'UKR' is not simulated (it is under others); expected a simulated actor, one of RUS, PRK, KOR",
  'default-out-of-range': "51:14: assumptions.seoul_hawkishness.default: default out of range; expected a value from 0 to 2, found 2.5",
  'duplicate-event-id': "141:9: injects[0].id: duplicate event id 'treaty_signed'; expected a unique id (first used at line 93)",
  'duplicate-option-id': "125:15: timeline[1].decision.options[1].id: duplicate option id 'arm_ukraine'; expected a unique id (first used at line 115)",
  'duplicate-yaml-key': "5:1: title: duplicate key 'title'; expected each key once in a map (first at line 4)",
  'emit-timeline-event': "153:11: reactions[0].emit: 'treaty_signed' is a timeline event; expected the id of an event under followups or injects",
  'empty-source-list': "79:13: ties[0].source: expected at least one source, found an empty list",
  'empty': "1:1: empty file; expected a map of scenario keys (format, id, title, …)",
  'event-before-start': "94:11: timeline[0].date: event before the scenario start; expected a date on or after 2024-06-01, found 2024-05-19",
  'followup-cycle': "133:5: followups[0]: cycle of follow-ups moscow_warning → moscow_warning; expected follow-ups that cannot schedule themselves again",
  'followup-with-date': "134:5: followups[0].date: a follow-up has no date; expected no date (the option or reaction that calls it schedules it)",
  'formula-syntax': "118:75: timeline[1].decision.options[0].weight: formula: syntax error: expected ')'",
  'formula-unknown-actor': "152:21: reactions[0].when: formula: unknown actor 'KOZ' (did you mean 'KOR'?)",
  'formula-unknown-name': "118:59: timeline[1].decision.options[0].weight: formula: unknown name 'seoul_hawkishnes' (did you mean 'seoul_hawkishness'?)",
  'from-equals-to': "69:22: relations[0].to: from and to are both KOR; expected a relation between two different actors",
  'huge-number': "69:34: relations[0].value: expected a finite number within ±1000000, found 1e300",
  'impossible-date': "6:8: start: expected a real calendar date YYYY-MM-DD, found '2024-02-30'",
  'infinite-number': "33:20: model.tension_initial: expected a finite number within ±1000000, found .inf",
  'list-top-level': "1:1: not a scenario; expected a map of scenario keys (format, id, title, …) at the top level, found a list",
  'local-tag': "32:18: model.tension_scale: tag '!foo' is not allowed; expected plain YAML data without tags",
  'missing-paragraph': "110:13: timeline[1].source: unknown paragraph ¶7; expected a paragraph of the article, ¶1–¶2",
  'missing-required': "106:5: timeline[1].title: missing required key 'title'; expected text",
  'missing-source': "70:5: relations[1]: missing source; expected a source: key citing ¶N of the article or a source id",
  'nan-number': "36:9: model.fade: expected a finite number within ±1000000, found .nan",
  'negative-after': "124:47: timeline[1].decision.options[0].then[0].after: expected a whole number of days >= 0, found -3",
  'no-article-preset': "60:3: presets: no preset 'article'; expected a preset with the id article (did you mean 'articles'?)",
  'preset-out-of-range': "63:50: presets.article.values.seoul_hawkishness: seoul_hawkishness out of range; expected a value from 0 to 2, found 3",
  'preset-unknown-assumption': "67:15: presets.dovish.values.seoul_hawkishnes: unknown assumption 'seoul_hawkishnes'; expected one of the ids under assumptions (did you mean 'seoul_hawkishness'?)",
  'proto-key': "5:1: __proto__: forbidden key '__proto__'; expected a key that is not __proto__, constructor or prototype",
  'prototype-key': "21:49: actors.PRK.prototype: forbidden key 'prototype'; expected a key that is not __proto__, constructor or prototype",
  'reaction-cycle': "160:5: reactions[1]: cycle of reactions seoul_protests → moscow_doubles_down → seoul_protests; expected reactions that cannot trigger themselves again",
  'relation-out-of-range': "70:35: relations[1].value: expected a number from -100 to 100, found 150",
  'timeline-out-of-order': "107:11: timeline[1].date: timeline out of order; expected a date on or after 2024-06-19 (the event before), found 2024-06-10",
  'two-documents': "163:1: invalid YAML: more than one document; expected a single document (no second ---)",
  'two-effect-kinds': "104:9: timeline[0].effects[1]: expected exactly one of opinion, tension, indicator, tie, found tension and indicator",
  'unknown-actor': "69:13: relations[0].from: unknown actor 'KOZ'; expected one of RUS, PRK, KOR (did you mean 'KOR'?)",
  'unknown-cameo': "98:12: timeline[0].cameo: unknown CAMEO code '0577'; expected a code of the CAMEO→Goldstein table (src/core/cameo.ts) (did you mean '057'?)",
  'unknown-indicator': "105:26: timeline[0].effects[2].indicator.id: unknown indicator 'shell'; expected one of the ids under indicators (did you mean 'shells'?)",
  'unknown-key': "4:1: tittle: unknown key 'tittle'; expected one of the 24 keys allowed here: title, article, ties, timeline, id, … (did you mean 'title'?)",
  'unknown-nested-key': "98:5: timeline[0].cameos: unknown key 'cameos'; expected one of the 17 keys allowed here: cameo, date, actor, tags, text, … (did you mean 'cameo'?)",
  'unknown-posture-actor': "83:3: postures.KOZ: unknown actor 'KOZ'; expected one of RUS, PRK, KOR (did you mean 'KOR'?)",
  'unknown-posture-state': "89:45: postures.KOR.states.engaged.on[0].target: unknown posture state 'alarm'; expected one of the ids under postures.KOR.states (did you mean 'alarmed'?)",
  'unknown-prediction': "119:23: timeline[1].decision.options[0].prediction: unknown prediction 'seoul_arm_ukraine'; expected one of the ids under predictions (did you mean 'seoul_arms_ukraine'?)",
  'unknown-reaction-option': "151:19: reactions[0].on.option: unknown option 'arm_ukrain' of decision 'seoul_response'; expected one of arm_ukraine, hold_back (did you mean 'seoul_response.arm_ukraine'?)",
  'unknown-reaction-tag': "151:16: reactions[0].on.tag: no event has the tag 'treety'; expected a tag used by some event (did you mean 'treaty'?)",
  'unknown-source-id': "79:14: ties[0].source[0]: unknown source 'fs_treety'; expected ¶N or one of the ids under sources (did you mean 'fs_treaty'?)",
  'unknown-then-event': "124:24: timeline[1].decision.options[0].then[0].event: unknown event 'moscow_warnings'; expected one of the ids under followups or injects (did you mean 'moscow_warning'?)",
  'unknown-tie-end': "104:21: timeline[0].effects[1].tie.end: unknown tie 'rus_prk_treat'; expected one of the ids under ties (or added by an effect) (did you mean 'rus_prk_treaty'?)",
  'wrong-format': "2:9: format: expected 'geosim/1', found 'geosim/2'",
  'wrong-type': "69:34: relations[0].value: expected a number, found '-10'",
};

describe('malformed scenarios are refused with one exact line', () => {
  it('every fixture in test/fixtures/bad has an expectation, and there are at least 30', () => {
    const files = readdirSync(BAD).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, message] of Object.entries(EXPECTED)) {
    it(name, () => {
      const file = join(BAD, `${name}.yaml`);
      const err = errorOf(() => loadScenarioFile(file));
      expect(err.format()).toBe(`${file}:${message}`);
      expect(err.message).toBe(err.format());
      expect(err.format()).not.toMatch(/\n/);
      const [line, column] = message.split(':').map(Number);
      expect([err.file, err.line, err.column]).toEqual([file, line, column]);
    });
  }
});

describe('structured fields', () => {
  it('carries path, expected, found and suggestion separately', () => {
    const err = errorOf(() => loadScenarioFile(join(BAD, 'unknown-prediction.yaml')));
    expect(err.path).toBe('timeline[1].decision.options[0].prediction');
    expect(err.problem).toBe("unknown prediction 'seoul_arm_ukraine'");
    expect(err.expected).toBe('one of the ids under predictions');
    expect(err.suggestion).toBe('seoul_arms_ukraine');
    const typed = errorOf(() => loadScenarioFile(join(BAD, 'wrong-type.yaml')));
    expect([typed.expected, typed.found, typed.suggestion]).toEqual(['a number', "'-10'", undefined]);
  });

  it('does not suggest a name that is not close', () => {
    const text = parseFixture('unknown-actor.yaml').replace('{ from: KOZ,', '{ from: XYZW,');
    expect(errorOf(() => parseScenarioText(text, 'x.yaml')).format()).toBe(
      "x.yaml:69:13: relations[0].from: unknown actor 'XYZW'; expected one of RUS, PRK, KOR",
    );
  });

  it('keeps the other problems of the same pass in `more`, in file order', () => {
    const text = parseFixture('unknown-actor.yaml').replace('prediction: seoul_arms_ukraine', 'prediction: seoul_arm');
    const err = errorOf(() => parseScenarioText(text, 'x.yaml'));
    expect(err.more.map((e) => `${e.line}:${e.column}`)).toEqual(['69:13', '119:23']);
    expect(err.more[0]).toBe(err);
  });
});

describe('formula errors point at the character in the file, whatever the YAML quoting', () => {
  const good = readFileSync(fileURLToPath(new URL('./fixtures/good/minimal.yaml', import.meta.url)), 'utf8');
  const WHEN = '    when: "rel(RUS, KOR) < 0"\n';
  const cases: [string, string, string][] = [
    ['plain', '    when: rel(RUS, KOZ) < 0\n', '152:20'],
    ['single-quoted', "    when: 'rel(RUS, KOZ) < 0'\n", '152:21'],
    ['double-quoted with an escape', '    when: "rel(RUS,\\tKOZ) < 0"\n', '152:22'],
    ['block literal', '    when: |\n      rel(RUS, KOZ) < 0\n', '153:16'],
    ['plain over two lines', '    when: rel(RUS, PRK) < 0 &&\n      rel(RUS, KOZ) < 0\n', '153:16'],
  ];
  for (const [name, replacement, at] of cases) {
    it(name, () => {
      expect(good).toContain(WHEN);
      const err = errorOf(() => parseScenarioText(good.replace(WHEN, replacement), 'f.yaml'));
      expect(err.format()).toBe(`f.yaml:${at}: reactions[0].when: formula: unknown actor 'KOZ' (did you mean 'KOR'?)`);
    });
  }
});

describe('nesting', () => {
  it('refuses maps and lists nested deeper than 64 levels, at the first level too deep', () => {
    const err = errorOf(() => parseScenarioText(`a: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'd.yaml'));
    expect(err.format()).toBe(`d.yaml:1:68: a${'[0]'.repeat(64)}: nested too deeply; expected at most 64 levels of maps and lists`);
  });

  it('turns a stack overflow inside the YAML parser into the same one-line error', () => {
    const err = errorOf(() => parseScenarioText(`a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`, 'd.yaml'));
    expect(err.format()).toMatch(/^d\.yaml:1:\d+: nested too deeply; expected at most 64 levels of maps and lists$/);
  });
});

describe('cycles', () => {
  it('names a long cycle of reactions by its ends and its length', () => {
    const good = readFileSync(fileURLToPath(new URL('./fixtures/good/minimal.yaml', import.meta.url)), 'utf8');
    const n = 12;
    const followups = Array.from({ length: n }, (_, i) => `  - { id: f${i}, title: F, text: T, source: fs_reply, tags: [t${i}] }\n`).join('');
    const reactions = Array.from({ length: n }, (_, i) => `  - { id: r${i}, on: { tag: t${i} }, emit: f${(i + 1) % n} }\n`).join('');
    const text = good.replace('injects:\n', `${followups}injects:\n`).replace('predictions:\n', `${reactions}predictions:\n`);
    const err = errorOf(() => parseScenarioText(text, 'c.yaml'));
    expect(err.detail).toBe('cycle of reactions r0 → r1 → r2 → r3 → … → r10 → r11 → r0 (12 steps); expected reactions that cannot trigger themselves again');
    expect(err.path).toBe('reactions[1]');
  });
});

function parseFixture(name: string): string {
  return readFileSync(join(BAD, name), 'utf8');
}

describe('size limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The content repeats a key, so a loader that parsed it anyway would report a duplicate key instead of the
  // size. (How fast the refusal comes is measured by `npm run bench`, never asserted here.)
  it('refuses a 50 MB file from its size, before parsing it', () => {
    const file = join(dir, 'huge.yaml');
    const size = 50 * 1024 * 1024;
    writeFileSync(file, Buffer.alloc(size, 'key: "a value repeated to fill fifty megabytes"\n'));
    const err = errorOf(() => loadScenarioFile(file));
    expect(err.format()).toBe(`${file}:1:1: file too large; expected at most 16777216 bytes (16 MB), found ${size} bytes`);
  });

  it('refuses text over 16 MB handed in directly', () => {
    const text = `# ${'x'.repeat(16 * 1024 * 1024)}\n`;
    expect(errorOf(() => parseScenarioText(text, 'big.yaml')).format()).toBe(
      `big.yaml:1:1: file too large; expected at most 16777216 bytes (16 MB), found ${text.length} bytes`,
    );
  });

  it('accepts a file just under the limit as far as size goes', () => {
    const text = `# ${'x'.repeat(16 * 1024 * 1024 - 10)}\n`;
    expect(errorOf(() => parseScenarioText(text, 'edge.yaml')).format()).toBe(
      'edge.yaml:1:1: empty file; expected a map of scenario keys (format, id, title, …)',
    );
  });
});

describe('missing files', () => {
  it('names the file and the reason', () => {
    expect(errorOf(() => loadScenarioFile(join(BAD, 'no-such.yaml'))).format()).toBe(
      `${join(BAD, 'no-such.yaml')}: no such file; expected a readable YAML scenario file`,
    );
  });
});
