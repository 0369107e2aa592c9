// #10's failures, each with its own small reproducer: event explosions, Monte Carlo on many actors, band
// indexes past 255, decision odds at the edges, misleading messages and raw bytes in output.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { Scenario } from '../src/core/model.js';
import { decisionOdds } from '../src/core/odds.js';
import { resolveAssumptions, type RunInputs } from '../src/core/run.js';
import { initialState, runFast } from '../src/machines/engine.js';
import { runSeed } from '../src/core/rng.js';
import { summarize } from '../src/core/summary.js';
import { SimError } from '../src/core/errors.js';
import { MAX_ACTORS, MAX_BANDS, MAX_EVENTS_PER_RUN } from '../src/core/limits.js';
import { ScenarioError } from '../src/scenario/errors.js';
import { parseScenarioBytes, parseScenarioText } from '../src/scenario/load.js';
import { Accumulator, emptyData, fixedTallyBytes, MAX_TALLY_BYTES, mergeInto, tallyBytes } from '../src/mc/accumulator.js';
import { layoutOf } from '../src/mc/layout.js';
import { runRange } from '../src/mc/ensemble.js';
import { buildResult } from '../src/mc/result.js';
import { manyActorsYaml } from '../src/bench/many-actors.js';
import { runMarkdown } from '../src/cli/format/run-markdown.js';
import { cleanText, messageLine, MAX_MESSAGE } from '../src/cli/output.js';
import { errorLine } from '../src/cli/error-line.js';
import { fixture } from './helpers/scenarios.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const MINIMAL = readFileSync(fixture('good/minimal.yaml'), 'utf8');

/** The minimal fixture changed by `edit`, compiled. */
function variant(edit: (d: Doc) => void): Scenario {
  const d = parse(MINIMAL) as Doc;
  edit(d);
  return parseScenarioText(stringify(d, { lineWidth: 0 }), 'variant.yaml');
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof SimError) return errorLine(e).line;
    throw e;
  }
  throw new Error('expected a refusal');
}

const inputs = (sc: Scenario, seed = 1): RunInputs => ({ seed, assumptions: resolveAssumptions(sc), choices: {} });

/** Follow-ups f0 … f(depth-1), each scheduling the next twice (two reactions), started by the treaty. */
function doubling(depth: number): (d: Doc) => void {
  return (d) => {
    d.followups.push(...Array.from({ length: depth }, (_, i) => ({ id: `f${i}`, title: `F${i}`, text: 'x', source: 'fs_reply' })));
    d.reactions.push({ id: 'start', on: { event: 'treaty_signed' }, emit: 'f0' });
    for (let i = 0; i + 1 < depth; i++) {
      d.reactions.push({ id: `a${i}`, on: { event: `f${i}` }, emit: `f${i + 1}` }, { id: `b${i}`, on: { event: `f${i}` }, emit: `f${i + 1}`, after: 1 });
    }
    d.model.cascade_cap = 1000;
  };
}

describe('1. events per run', () => {
  it('validate refuses follow-ups that double at each level (18 levels: 2^18 events), naming the limit', () => {
    const line = refusal(() => variant(doubling(18)));
    expect(line).toMatch(/timeline\[0\]\.id: follow-ups and reactions can create more than 20000 events in one run \('treaty_signed' alone more than 20000\); expected at most 20000 events per run/);
  });

  it('accepts the same graph while it stays under the limit, and the run creates exactly what the bound says', () => {
    const sc = variant(doubling(10));
    const s = runFast(sc, inputs(sc));
    expect(s.log.filter((e) => e.event.startsWith('f')).length).toBe(2 ** 10 - 1);
  });

  it('the cascade cap cuts the bound as it cuts the chains', () => {
    expect(() => variant((d) => (doubling(18)(d), (d.model.cascade_cap = 12)))).not.toThrow();
  });

  it('a run that would pass the limit anyway (injects given by hand) stops with one line', () => {
    const sc = variant(() => {});
    const injects = Array.from({ length: MAX_EVENTS_PER_RUN + 1 }, () => ({ event: 'border_incident', date: sc.start + 100 }));
    // Seoul arms Ukraine: Moscow's warning is scheduled after the injects have used up the run's events.
    const line = refusal(() => runFast(sc, { ...inputs(sc), choices: { seoul_response: 'arm_ukraine' }, injects }));
    expect(line).toBe(`geosim: the run would create more than ${MAX_EVENTS_PER_RUN} events (the limit per run; see docs/scenario-format.md)\n`);
    expect(initialState(sc, { ...inputs(sc), injects: injects.slice(0, 3) }).agenda.length).toBeGreaterThan(3);
  });
});

describe('2. Monte Carlo on many actors', () => {
  it('50 actors: tallies far under 64 MiB (they were 187 MiB), and the same report merged from parts', () => {
    const sc = parseScenarioText(manyActorsYaml(50), 'actors50.yaml');
    expect(sc.actors).toHaveLength(50);
    const acc = new Accumulator(sc);
    runRange(sc, inputs(sc), 0, 300, acc);
    expect(tallyBytes(acc.data)).toBeLessThan(64 * 1024 * 1024);
    const merged = emptyData(acc.layout);
    for (const [a, b] of [[0, 100], [100, 300]] as const) {
      const part = new Accumulator(sc);
      runRange(sc, inputs(sc), a, b, part);
      mergeInto(merged, part.data);
    }
    expect(JSON.stringify(buildResult(sc, inputs(sc), merged))).toBe(JSON.stringify(buildResult(sc, inputs(sc), acc.data)));
  });

  it(`refuses more than ${MAX_ACTORS} actors at load, and ${MAX_ACTORS} actors fit the tally budget before any run`, () => {
    expect(refusal(() => parseScenarioText(manyActorsYaml(MAX_ACTORS + 1, 1), 'x.yaml'))).toMatch(/actors: too many actors \(101\); expected at most 100 simulated actors/);
    const sc = parseScenarioText(manyActorsYaml(MAX_ACTORS, 1), 'x.yaml');
    expect(fixedTallyBytes(layoutOf(sc))).toBeLessThan(MAX_TALLY_BYTES / 8);
  });

  it('tallies of different shapes refuse to merge in one line, not a raw exception', () => {
    const a = emptyData(layoutOf(variant(() => {})));
    const b = emptyData(layoutOf(parseScenarioText(manyActorsYaml(4, 1), 'x.yaml')));
    expect(refusal(() => mergeInto(a, b))).toMatch(/^geosim: tallies of different shapes cannot merge \(\w+\)\n$/);
  });
});

describe('3. counted indexes at 255, 256, 257', () => {
  /** n bands of equal width; the last starts at 99. */
  const bands = (n: number) => (d: Doc) => {
    d.bands = Array.from({ length: n }, (_, i) => ({ id: `b${i}`, label: `B${i}`, from: i === 0 ? -100 : i === n - 1 ? 99 : -100 + (199 * i) / (n - 1), symbol: '.', color: 'gray' }));
    d.relations.push({ from: 'PRK', to: 'KOR', value: 100, why: 'x', source: 'fs_reply' });
  };
  it.each([255, 256, 257])('%i bands: mc files each run under the band run gives', (n) => {
    const sc = variant(bands(n));
    const acc = new Accumulator(sc);
    runRange(sc, inputs(sc), 0, 5, acc);
    const r = buildResult(sc, inputs(sc), acc.data);
    for (let i = 0; i < 5; i++) {
      const s = summarize(sc, runFast(sc, { ...inputs(sc), seed: runSeed(1, i) }), 'article');
      for (const rel of r.relations) expect(rel.bands[s.final.bands[rel.from]![rel.to]!]).toBeGreaterThan(0);
    }
    expect(r.relations.find((x) => x.from === 'PRK' && x.to === 'KOR')!.bands[`b${n - 1}`]).toBe(1);
  });

  it(`${MAX_ACTORS} actors and ${MAX_BANDS} bands: the report lists only the bands runs ended in, so it stays small`, () => {
    // Found by the 100,000-mutant campaign: a dense band table made a 66-actor, 1,000-band report 81 MB.
    const doc = parse(manyActorsYaml(MAX_ACTORS, 1)) as Doc;
    bands(MAX_BANDS)(doc);
    doc.relations.pop();
    const sc = parseScenarioText(stringify(doc), 'x.yaml');
    const acc = new Accumulator(sc);
    runRange(sc, inputs(sc), 0, 4, acc);
    const r = buildResult(sc, inputs(sc), acc.data);
    expect(r.relations).toHaveLength(MAX_ACTORS * (MAX_ACTORS - 1));
    for (const rel of r.relations) {
      const shares = Object.values(rel.bands);
      expect(shares.length).toBeGreaterThan(0);
      expect(shares.length).toBeLessThanOrEqual(4);
      expect(shares.every((p) => p > 0)).toBe(true);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    expect(JSON.stringify(r).length).toBeLessThan(4_000_000);
  });

  it(`refuses more than ${MAX_BANDS} bands`, () => {
    expect(refusal(() => variant(bands(MAX_BANDS + 1)))).toMatch(/bands: too many bands \(1001\); expected at most 1000 bands/);
  });

  it.each([255, 256, 257])('%i options, %i-event timeline and predictions: every index tallied where it belongs', (n) => {
    const sc = variant((d) => {
      const dec = d.timeline[1].decision;
      dec.options = Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `O${i}`, explain: 'x', weight: i === n - 1 ? 1 : 0, source: '¶2' }));
      d.predictions = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, claim: 'x', source: '¶2', holds: `chosen(seoul_response, o${i})`, actual: { status: 'open', text: 'x' } }));
      for (let i = 0; i < n; i++) d.timeline.push({ id: `t${i}`, date: '2024-09-01', title: 'T', text: 'x', source: '¶1' });
      d.reactions = [];
    });
    const acc = new Accumulator(sc);
    runRange(sc, inputs(sc), 0, 3, acc);
    const r = buildResult(sc, inputs(sc), acc.data);
    const d = r.decisions.find((x) => x.id === 'seoul_response')!;
    expect(d.options[n - 1]).toMatchObject({ id: `o${n - 1}`, count: 3 });
    expect(r.predictions[n - 1]).toMatchObject({ id: `p${n - 1}`, count: 3 });
    expect(runFast(sc, inputs(sc)).log.filter((e) => /^t\d+$/.test(e.event))).toHaveLength(n);
  });
});

describe('4. decision odds at the edges', () => {
  const options = (...opts: Doc[]) => (d: Doc) => {
    d.timeline[1].decision.options = opts.map((o, i) => ({ id: `o${i}`, label: 'x', explain: 'x', source: '¶2', ...o }));
    d.reactions = [];
    d.predictions[0].holds = 'chosen(seoul_response, o0)';
  };
  const drawn = (sc: Scenario, seeds = 40) => new Set(Array.from({ length: seeds }, (_, seed) => runFast(sc, inputs(sc, seed)).choices.seoul_response!.option));
  const oddsAt = (sc: Scenario) => {
    const s = runFast(sc, { ...inputs(sc), until: sc.start + 30 });
    return decisionOdds(sc, s, sc.events.seoul_response!.decision!).map((o) => o.p);
  };

  it('weights of 1e308 normalise without overflow: even odds, both drawn', () => {
    const sc = variant(options({ weight: '1e308' }, { weight: '1e308' }));
    expect(oddsAt(sc)).toEqual([0.5, 0.5]);
    expect(drawn(sc)).toEqual(new Set(['o0', 'o1']));
  });

  it('an unavailable option is never drawn, however heavy', () => {
    const sc = variant(options({ weight: '1e300', available: '0' }, { weight: '0' }, { weight: '0' }));
    expect(oddsAt(sc)).toEqual([0, 0.5, 0.5]); // every available weight 0: the available options are equally likely
    expect(drawn(sc)).toEqual(new Set(['o1', 'o2']));
  });

  it('every weight 0: equal odds among the available options', () => {
    expect(oddsAt(variant(options({ weight: 0 }, { weight: -3 }, { weight: '1/0' })))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('a decision whose every option has an available condition is refused at load', () => {
    expect(refusal(() => variant(options({ weight: 1, available: 'tension < 50' }, { weight: 1, available: 'tension >= 50' })))).toMatch(
      /timeline\[1\]\.decision\.options: every option has an available condition; expected at least one option without available/,
    );
  });
});

describe('9. messages that named the wrong thing', () => {
  const text = (edit: (t: string) => string) => refusal(() => parseScenarioText(edit(MINIMAL), 'm.yaml'));
  it('an undefined alias is not an alias bomb', () => {
    expect(text((t) => t.replace('title: A treaty and a reply', 'title: *nothing'))).toMatch(/undefined alias '\*nothing'; expected an anchor/);
  });
  it.each([
    ['Cyrillic Ѕ', 'RU\u0405', /the Cyrillic letter 'Ѕ' \(U\+0405\), not the Latin 'S'/],
    ['zero-width space', 'RUS\u200b', /a zero-width space \(U\+200B\)/],
    ['no-break space', 'RU\u00a0S', /a no-break space \(U\+00A0\)/],
  ])('names a confusable character: %s', (_n, id, pattern) => {
    expect(text((t) => t.replace('actor: RUS\n    target: PRK', `actor: "${id}"\n    target: PRK`))).toMatch(pattern);
  });
  it('a UTF-16 file is named as such', () => {
    for (const bom of ['\ufeff', '']) {
      const line = refusal(() => parseScenarioBytes(Buffer.from(`${bom}${MINIMAL}`, 'utf16le'), 'u16.yaml'));
      expect(line).toBe('geosim: u16.yaml:1:1: the file is UTF-16; expected UTF-8 text: save it as UTF-8\n');
    }
  });
  it('bytes that are not UTF-8 are refused at their line, not decoded', () => {
    const bytes = Buffer.concat([Buffer.from('format: geosim/1\nid: x\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(refusal(() => parseScenarioBytes(bytes, 'l1.yaml'))).toMatch(/^geosim: l1\.yaml:3:1: bytes that are not UTF-8 \(at byte 34\)/);
  });
  it('(x) => 1 is not an assignment', () => {
    expect(text((t) => t.replace('weight: 1\n', 'weight: "(x) => 1"\n'))).toMatch(/functions \(=>\) are not allowed/);
  });
});

describe('7. control characters, HTML and length', () => {
  it('control characters in scenario text are refused at load, with their code', () => {
    expect(text('\u001b]0;pwned\u0007')).toMatch(/title: control character U\+001B in text/);
    function text(t: string) {
      return refusal(() => parseScenarioText(MINIMAL.replace('title: A treaty and a reply', `title: ${JSON.stringify(t)}`), 'c.yaml'));
    }
  });

  it('the output edge escapes control characters, keeping our colours only when colour is on', () => {
    const raw = 'a\u001b]0;title\u0007b\u001b[31mred\u001b[0m\u009b\r\u202e';
    expect(cleanText(raw)).toBe('a\\u001b]0;title\\u0007b\\u001b[31mred\\u001b[0m\\u009b\\u000d\\u202e');
    expect(cleanText(raw, true)).toBe('a\\u001b]0;title\\u0007b\u001b[31mred\u001b[0m\\u009b\\u000d\\u202e');
    expect(JSON.parse(cleanText(JSON.stringify('x\u0085y')))).toBe('x\u0085y'); // JSON stays JSON
  });

  it('error lines are one line and cut to a sensible length', () => {
    const line = messageLine(`unknown id '${'x'.repeat(100_000)}'\nsecond line`);
    expect(line.length).toBeLessThanOrEqual(MAX_MESSAGE + 1);
    expect(line).not.toContain('\n');
  });

  it('run --format markdown escapes HTML from scenario text', () => {
    const sc = variant((d) => (d.title = 'Hi <script>alert(1)</script> & co'));
    const md = runMarkdown(sc, summarize(sc, runFast(sc, inputs(sc)), 'article'));
    expect(md).toContain('# Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(md).not.toMatch(/<script/);
  });
});

describe('docs/scenario-format.md states the limits the code enforces', () => {
  it('every number of the resource limits table', async () => {
    const { MAX_FILE_BYTES, MAX_DEPTH, MAX_ALIAS_COUNT } = await import('../src/scenario/parse.js');
    const { MAX_FORMULA_LENGTH, MAX_DEPTH: FORMULA_DEPTH } = await import('../src/core/formula.js');
    const doc = readFileSync(fixture('../../docs/scenario-format.md'), 'utf8');
    const n = (x: number) => x.toLocaleString('en-US');
    expect(doc).toContain(`| file size | ${n(MAX_FILE_BYTES)} bytes (${MAX_FILE_BYTES / 1024 / 1024} MB), UTF-8 only |`);
    expect(doc).toContain(`| nesting of maps and lists | ${MAX_DEPTH} levels |`);
    expect(doc).toContain(`| YAML aliases | ${MAX_ALIAS_COUNT} expansions |`);
    expect(doc).toContain(`| simulated actors | ${n(MAX_ACTORS)} |`);
    expect(doc).toContain(`| bands | ${n(MAX_BANDS)} |`);
    expect(doc).toContain(`| events per run | ${n(MAX_EVENTS_PER_RUN)} |`);
    expect(doc).toContain(`| formula | ${n(MAX_FORMULA_LENGTH)} characters, ${FORMULA_DEPTH} levels of nesting |`);
  });
});
