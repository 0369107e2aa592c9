/**
 * The fidelity rules (src/scenario/lint.ts): each broken rule is one exact line, `validate` warns, `validate
 * --strict` refuses (exit 2), and every shipped scenario passes --strict.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkScenarioText } from '../src/scenario/load.js';
import { sourceDateSpan } from '../src/scenario/lint.js';
import { formatDay } from '../src/core/date.js';
import { predictionOrigin } from '../src/core/predictions.js';
import { scenarioMap } from '../src/teach/map.js';
import { articleHorizon } from '../src/core/tracks.js';
import { flagship } from './helpers/scenarios.js';
import { ensureBuilt, geosim, minimal, root } from './cli-helpers.js';

const good = readFileSync(minimal, 'utf8');

/** The minimal scenario with `from` replaced by `to` (which must occur once). */
function variant(from: string, to: string): string {
  expect(good.split(from)).toHaveLength(2);
  return good.replace(from, to);
}

const warningsOf = (text: string) => checkScenarioText(text, 'f.yaml').warnings().map((w) => w.format());

describe('fidelity rules, one exact line each', () => {
  it('the minimal scenario breaks none', () => {
    expect(warningsOf(good)).toEqual([]);
  });

  it('hindsight: an initial relation citing a source dated after the start', () => {
    const text = variant('why: Seoul kept a channel open, source: [¶2] }', 'why: Seoul kept a channel open, source: [¶2, fs_treaty] }');
    expect(warningsOf(text)).toEqual([
      "f.yaml:69:84: relations[0].source[1]: hindsight: an initial relation cites 'fs_treaty', dated after the scenario's start; expected a source dated on or before 2024-06-01, found 2024-06-19",
    ]);
  });

  it("hindsight: a tie's starting state citing a source dated after the start", () => {
    const text = variant('    why: The treaty binds them.\n    source: [¶1]', '    why: The treaty binds them.\n    source: [fs_treaty]');
    expect(warningsOf(text)).toEqual([
      "f.yaml:79:14: ties[0].source[0]: hindsight: a tie's starting state cites 'fs_treaty', dated after the scenario's start; expected a source dated on or before 2024-06-01, found 2024-06-19",
    ]);
  });

  it("spoiler in a briefing: a role sheet's interest citing a later source", () => {
    const text = variant('{ text: Needs shells, source: ¶1 }', '{ text: Needs shells, source: fs_reply }');
    expect(warningsOf(text)).toEqual([
      "f.yaml:20:39: actors.RUS.interests[0].source: spoiler: a role sheet's briefing cites 'fs_reply', dated after the scenario's start; expected a source dated on or before 2024-06-01, found 2025-01-15",
    ]);
  });

  it('a source dated within the start month is not known to precede it', () => {
    const text = variant('date: 2025-01-15 }', 'date: 2024-06 }').replace('why: Seoul kept a channel open, source: [¶2] }', 'why: Seoul kept a channel open, source: [fs_reply] }');
    expect(warningsOf(text).find((w) => w.includes('hindsight'))).toContain('found 2024-06');
  });

  it('malformed URL, and a URL that is not http(s)', () => {
    expect(warningsOf(variant('url: "https://example.org/reply"', 'url: "https//example.org/reply"'))).toEqual([
      "f.yaml:14:41: sources.fs_reply.url: source 'fs_reply' has a url that is not http(s); expected an http(s) URL, found 'https//example.org/reply'",
    ]);
    expect(warningsOf(variant('url: "https://example.org/reply"', 'url: "ftp://example.org/reply"'))[0]).toContain("found 'ftp://example.org/reply'");
  });

  it('a source without url, date or reliability', () => {
    const text = variant('fs_reply: { title: Press report, url: "https://example.org/reply", reliability: W, date: 2025-01-15 }', 'fs_reply: { title: Press report }');
    expect(warningsOf(text)).toEqual([
      "f.yaml:14:3: sources.fs_reply: source 'fs_reply' has no url; expected an http(s) URL, found nothing",
      "f.yaml:14:3: sources.fs_reply: source 'fs_reply' has no date; expected a date YYYY-MM-DD (or YYYY-MM, YYYY), found nothing",
      "f.yaml:14:3: sources.fs_reply: source 'fs_reply' has no reliability; expected C, W or unverified, found nothing",
      "f.yaml:130:61: timeline[1].decision.options[1].actual.source: what happened names no source dated after the decision; expected a source dated after 2024-07-01, found 'fs_reply' with no date",
      "f.yaml:160:73: predictions[0].actual.source[0]: what happened names no source dated after the scenario's start; expected a source dated after 2024-06-01, found 'fs_reply' with no date",
    ]);
  });

  it('an undated or too early source behind what happened', () => {
    const text = variant('actual: { text: No lethal arms were sent, source: fs_reply }', 'actual: { text: No lethal arms were sent, source: fs_treaty }');
    expect(warningsOf(text)).toEqual([
      "f.yaml:130:61: timeline[1].decision.options[1].actual.source: what happened names no source dated after the decision; expected a source dated after 2024-07-01, found 'fs_treaty' 2024-06-19",
    ]);
    const article = variant('actual: { text: No lethal arms were sent, source: fs_reply }', 'actual: { text: No lethal arms were sent, source: [¶2, fs_reply] }');
    expect(warningsOf(article)).toEqual([]);
  });

  const treaty = '    source: [¶1, fs_treaty]\n    cameo: "057"';
  const lasting = '      - opinion: { between: [RUS, PRK] }\n      - tension: 5';
  const withTie = lasting.replace('      - tension: 5', '      - tie: { add: { id: deal, type: trade, label: Deal, between: [RUS, PRK], since: 2024-06-19, value: 5, why: It lasts, source: fs_treaty } }\n      - tension: 5');

  it('an ongoing practice that only fades', () => {
    const text = variant(treaty, treaty.replace('    cameo', '    ongoing: { until: 2025-01-15, source: fs_reply }\n    cameo'));
    expect(warningsOf(text)).toEqual([
      "f.yaml:98:5: timeline[0].ongoing: ongoing practice: 'treaty_signed' adds no standing tie, so its effect fades although the record shows it going on until 2025-01-15; expected a tie: { add } effect that holds while the practice lasts, found 1 fading opinion effect",
    ]);
    expect(warningsOf(variant(lasting, withTie).replace(treaty, treaty.replace('    cameo', '    ongoing: { until: 2025-01-15, source: fs_reply }\n    cameo')))).toEqual([]);
  });

  it('an ongoing practice whose record stops before the date it claims', () => {
    const text = variant(lasting, withTie).replace(treaty, treaty.replace('    cameo', '    ongoing: { until: 2025-06-30, source: fs_reply }\n    cameo'));
    expect(warningsOf(text)).toEqual([
      "f.yaml:98:43: timeline[0].ongoing.source: ongoing practice: 'treaty_signed' names no source dated on or after 2025-06-30, the last day the record is said to show it; expected a source dated on or after 2025-06-30, found 'fs_reply' 2025-01-15",
    ]);
  });

  it('an ongoing practice whose tie an unconditional timeline event ends early', () => {
    const ended = variant(lasting, withTie)
      .replace(treaty, treaty.replace('    cameo', '    ongoing: { until: 2025-01-15, source: fs_reply }\n    cameo'))
      .replace('    source: ¶2\n    decision:', '    source: ¶2\n    effects:\n      - tie: { end: deal }\n    decision:');
    expect(warningsOf(ended)).toEqual([
      "f.yaml:114:21: timeline[1].effects[0].tie.end: ongoing practice: 'seoul_response' ends the tie 'deal' of 'treaty_signed' before the record says the practice stopped; expected no unconditional end before 2025-01-15, found 2024-07-01",
    ]);
  });

  it('partial source dates cover their month or year', () => {
    const span = (t: string) => {
      const s = sourceDateSpan(t);
      return s && `${formatDay(s.first)}..${formatDay(s.last)}`;
    };
    expect(span('2024-06-18')).toBe('2024-06-18..2024-06-18');
    expect(span('2024-02')).toBe('2024-02-01..2024-02-29');
    expect(span('2025')).toBe('2025-01-01..2025-12-31');
    expect(span('2024-13')).toBeUndefined();
    expect(span('June 2024')).toBeUndefined();
  });
});

describe('geosim validate --strict', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('validate warns and exits 0; --strict prints the same lines as errors and exits 2', () => {
    const bad = join(root, 'test', 'fixtures', 'fidelity', 'hindsight.yaml');
    const loose = geosim(['validate', bad]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(/^ok .*hindsight\.yaml \(minimal: 4 events, 1 decision, 1 warning\)\n$/);
    expect(loose.stderr).toBe(
      `geosim: warning: ${bad}:81:14: ties[0].source[0]: hindsight: a tie's starting state cites 'fs_treaty', dated after the scenario's start; expected a source dated on or before 2024-06-01, found 2024-06-19\n`,
    );
    const strict = geosim(['validate', '--strict', bad]);
    expect(strict.code).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(loose.stderr.replace('geosim: warning: ', 'geosim: '));
    expect(geosim(['validate', '--strict', join(root, 'test', 'fixtures', 'fidelity', 'clean.yaml')])).toMatchObject({ code: 0, stderr: '' });
    expect(geosim(['validate', '--strict', join(root, 'scenarios', 'template.yaml')])).toMatchObject({ code: 0, stderr: '' });
  });

  // Issue #11's done-when: the corrected data of §1 breaks none of the rules above.
  it('every shipped scenario passes --strict', () => {
    const dir = join(root, 'scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
    const r = geosim(['validate', '--strict', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('predictions are labelled by their real origin', () => {
  const claim = '  - id: seoul_arms_ukraine\n    claim: Seoul will arm Ukraine.\n    source: [¶2]';
  const origin = (text: string) => {
    const sc = checkScenarioText(text, 'f.yaml').scenario;
    return predictionOrigin(sc, sc.predictions[0]!);
  };

  it("the article's, an analyst's (a source with a URL), or the scenario author's", () => {
    expect(origin(good)).toEqual({ kind: 'article', who: 'the article' });
    expect(origin(variant(claim, claim.replace('[¶2]', '[fs_reply]')))).toEqual({ kind: 'analyst', who: 'Press report' });
    const own = variant(claim, claim.replace('[¶2]', '[own_notes]')).replace('sources:\n', 'sources:\n  own_notes: { title: Notes on the scenario }\n');
    expect(origin(own)).toEqual({ kind: 'author', who: "the scenario's author" });
  });

  it('origin: says whose it is, whatever it cites; ¶N must be cited, record needs a source with a URL', () => {
    const withOrigin = (o: string, src = '[¶2]') => variant(claim, claim.replace('[¶2]', src).replace('    source:', `    origin: ${o}\n    source:`));
    expect(origin(withOrigin('"¶2"'))).toEqual({ kind: 'article', who: 'the article' });
    // An extrapolation of the article's paragraph is the modeller's, not the article's.
    expect(origin(withOrigin('modeller'))).toEqual({ kind: 'author', who: "the scenario's author" });
    expect(origin(withOrigin('record', '[¶2, fs_reply]'))).toEqual({ kind: 'analyst', who: 'Press report' });
    const err = (text: string) => {
      try {
        checkScenarioText(text, 'f.yaml');
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(err(withOrigin('"¶1"'))).toBe("f.yaml:158:13: predictions[0].origin: origin ¶1 is not among the prediction's citations; expected a paragraph the prediction cites (¶2), or origin modeller, found '¶1'");
    expect(err(withOrigin('record'))).toBe("f.yaml:158:13: predictions[0].origin: origin 'record' but the prediction cites no source with a url; expected a cited source naming the analyst or official, or origin modeller, found 'record'");
    expect(err(withOrigin('article'))).toContain('predictions[0].origin: expected ¶N (the article, at that paragraph), modeller (the scenario author) or record');
  });

  it("every shipped scenario says whose each prediction is, and only the article's count as the article's", () => {
    for (const f of readdirSync(join(root, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
      const sc = checkScenarioText(readFileSync(join(root, 'scenarios', f), 'utf8'), f).scenario;
      for (const p of sc.predictions) expect({ f, id: p.id, origin: p.origin !== undefined }).toEqual({ f, id: p.id, origin: true });
    }
    const sc = flagship();
    const whose = Object.fromEntries(sc.predictions.map((p) => [p.id, predictionOrigin(sc, p).kind]));
    expect(whose.beijing_keeps_distance).toBe('author');
    expect(whose.tech_transfer_question).toBe('author');
    expect(Object.values(whose).filter((k) => k === 'article')).toHaveLength(9);
  });

  it('the map names who predicted an option, never "the article" for another origin', () => {
    const sc = checkScenarioText(variant(claim, claim.replace('[¶2]', '[fs_reply]')), 'f.yaml').scenario;
    const map = scenarioMap(sc, 'mermaid');
    expect(map).toContain('Press report predicted');
    expect(map).not.toContain('article predicted');
  });
});

describe('track: retro, the article and what came after', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("--until article stops the run before the first retro event, at the article's horizon", () => {
    const sc = flagship();
    const first = Math.min(...sc.timeline.map((id) => sc.events[id]!).filter((e) => e.track === 'retro').map((e) => e.date!));
    expect(articleHorizon(sc)).toBe(first - 1);
    const r = geosim(['run', 'pyongyang-2024', '--until', 'article', '--format', 'json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as { timeline: { date: string; event: string }[] };
    expect(run.timeline.length).toBeGreaterThan(0);
    expect(run.timeline.every((e) => e.date <= formatDay(first - 1))).toBe(true);
    expect(run.timeline.some((e) => sc.events[e.event]?.track === 'retro')).toBe(false);
    expect(geosim(['run', minimal, '--until', 'article'])).toMatchObject({
      code: 2,
      stderr: 'geosim: --until article needs a scenario with retro events (track: retro); minimal has none\n',
    });
  });

  it('the report shows the branch up to the horizon apart from what happened after it', () => {
    const md = geosim(['report', 'pyongyang-2024', '--format', 'markdown']).stdout;
    const before = md.indexOf("**Up to the article's horizon (2024-10-17)**");
    const after = md.indexOf("**After the article's horizon**");
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
    expect(md.slice(before, after)).not.toContain('as it happened after the article');
    expect(md.slice(after)).toContain('as it happened after the article');
  });
});

// Issue #11: docs/sources-audit.md covers every claim of the shipped scenarios. A source, event, decision outcome
// or prediction added without an audit row fails here, naming what is missing.
describe('docs/sources-audit.md covers both shipped scenarios', () => {
  const audit = readFileSync(join(root, 'docs', 'sources-audit.md'), 'utf8');
  interface RawEvent {
    id: string;
    decision?: { options: { id: string; actual?: unknown }[] };
  }
  interface Raw {
    sources: Record<string, unknown>;
    timeline?: RawEvent[];
    followups?: RawEvent[];
    injects?: RawEvent[];
    predictions: { id: string }[];
  }

  it.each(['pyongyang-2024', 'kursk-2024'])('%s: every source in the source table, every event, real outcome and prediction in a row', (name) => {
    const raw = parse(readFileSync(join(root, 'scenarios', `${name}.yaml`), 'utf8')) as Raw;
    const file = `\`${name}.yaml\``;
    const missing: string[] = [];
    for (const id of Object.keys(raw.sources)) if (!audit.includes(`| \`${id}\` |`)) missing.push(`source ${id}`);
    for (const section of ['timeline', 'followups', 'injects'] as const) {
      for (const ev of raw[section] ?? []) {
        if (!audit.includes(`${file} ${section}.${ev.id}`)) missing.push(`${section}.${ev.id}`);
        for (const o of ev.decision?.options ?? []) {
          if (o.actual !== undefined && !audit.includes(`${file} ${ev.id}.${o.id}.actual`)) missing.push(`${ev.id}.${o.id}.actual`);
        }
      }
    }
    for (const p of raw.predictions) if (!audit.includes(`${file} predictions.${p.id}.actual`)) missing.push(`predictions.${p.id}.actual`);
    expect(missing).toEqual([]);
  });
});
