// The debrief report's content for a fixed run of the classroom fixture (seed 1, Cland's choice fixed by the
// student, the troops inject), and the escaping of scenario text in both renderers.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/teach/report-build.js';
import { reportMarkdown } from '../src/teach/report-markdown.js';
import { reportHtml } from '../src/teach/report-html.js';
import { scenarioMap } from '../src/teach/map.js';
import { buildRoles } from '../src/teach/roles.js';
import { rolesHtml, rolesMarkdown } from '../src/teach/roles-render.js';
import { classroom, classroomTitled, day, history } from './fixtures/teach/fixture.js';

const s = classroom();
const injects = [{ event: 'troops', date: day('2024-05-01') }];
const h = history(s, { c_choice: 'arm_out' }, injects);
const forecasts = { c_choice: { arm_out: 0.7, talk: 0.3 } };
const report = buildReport({ scenario: s, history: h, preset: 'article', overrides: {}, injects, forecasts, runFile: 'run.json', roles: ['CCC'] });

describe('report model', () => {
  it('lists the branch played, dated, with who made each choice and the inject marked', () => {
    const rows = report.branch.map((b) => [b.date, b.event, b.kind, b.origin, b.decision?.option ?? '', b.decision?.by ?? '', b.injected]);
    expect(rows).toEqual([
      ['2024-02-01', 'pact', 'event', 'timeline', '', '', false],
      ['2024-04-01', 'c_choice', 'event', 'timeline', '', '', false],
      ['2024-04-01', 'c_choice', 'decision', 'timeline', 'arm_out', 'student', false],
      ['2024-04-11', 'a_counter', 'event', 'followup', '', '', false],
      ['2024-04-11', 'a_counter', 'decision', 'followup', 'sanction', 'engine', false],
      ['2024-05-01', 'troops', 'event', 'inject', '', '', true],
      ['2024-05-06', 'c_protest', 'event', 'reaction', '', '', false],
      ['2024-06-01', 'd_stance', 'event', 'timeline', '', '', false],
      ['2024-06-01', 'd_stance', 'decision', 'timeline', 'side_a', 'engine', false],
      ['2024-09-01', 'summit', 'event', 'timeline', '', '', false],
    ]);
    const c = report.branch[2]!.decision!;
    expect(c.odds).toEqual([
      { id: 'arm_out', label: 'Arm Outland', p: 0.75 },
      { id: 'talk', label: 'Talk to Bland', p: 0.25 },
    ]);
    expect(report.run).toMatchObject({ seed: 1, preset: 'article', start: '2024-01-01', end: '2024-09-01', runFile: 'run.json', roles: ['CCC'] });
    expect(report.run.injects).toEqual([{ event: 'troops', title: "Bland's troops appear in Outland", date: '2024-05-01' }]);
  });

  it('has the relation matrix at the start and at the end', () => {
    // AAA→BBB: 30, then +20 (pact) and +10 (pact tie). CCC→BBB: −40, then −25 (inject).
    expect(report.start.values.AAA!.BBB).toBe(30);
    expect(report.end.values.AAA!.BBB).toBe(60);
    expect(report.start.values.CCC!.BBB).toBe(-40);
    expect(report.end.values.CCC!.BBB).toBe(-65);
    // CCC→AAA: 10 − 20 (pact) − 10 (sanctions) = −20. BBB→CCC: −30 − 20 (arms) − 5 (protest) = −55.
    expect(report.end.values.CCC!.AAA).toBe(-20);
    expect(report.end.values.BBB!.CCC).toBe(-55);
  });

  it('charts the relations that moved most, with the jump on the inject’s date', () => {
    expect(report.series.lines.map((l) => `${l.from}>${l.to}:${l.moved}`)).toEqual([
      'AAA>BBB:30',
      'BBB>AAA:30',
      'CCC>AAA:30',
      'BBB>CCC:25',
      'CCC>BBB:25',
      'DDD>AAA:15',
    ]);
    const cb = report.series.lines.find((l) => l.from === 'CCC' && l.to === 'BBB')!;
    const at = report.series.dates.indexOf('2024-05-01');
    expect(cb.before[at]).toBe(-40);
    expect(cb.values[at]).toBe(-65);
  });

  it('breaks the largest changes down by cause and source; the terms add up to the change', () => {
    expect(report.changes.length).toBe(5);
    for (const c of report.changes) {
      expect(c.terms.reduce((a, t) => a + t.value, 0)).toBeCloseTo(c.delta, 6);
      expect(c.clamped).toBe(false);
    }
    const ab = report.changes.find((c) => c.from === 'AAA' && c.to === 'BBB')!;
    expect(ab.byKind).toEqual([
      { kind: 'event', value: 20 },
      { kind: 'tie added', value: 10 },
    ]);
    expect(ab.terms[0]!.sources.map((r) => r.para ?? r.id)).toEqual([1, 'src_a']);
    const bc = report.changes.find((c) => c.from === 'BBB' && c.to === 'CCC')!;
    expect(bc.terms.map((t) => [t.kind, t.value])).toEqual([
      ['option', -20],
      ['reaction', -5],
    ]);
  });

  it('keeps the prediction ledger: the article’s claim, this run, what really happened', () => {
    expect(report.predictions.map((p) => [p.id, p.holds, p.actual.status])).toEqual([
      ['c_arms', true, 'failed'],
      ['d_neutral', false, 'failed'],
      ['c_cold', true, 'held'],
    ]);
  });

  it('carries the discussion questions, the forecasts and every cited source', () => {
    expect(report.questions).toEqual(s.questions);
    expect(report.forecasts!.items.map((i) => i.decision)).toEqual(['c_choice']);
    expect(report.sources.map((x) => x.ref).sort()).toEqual(['src_a', 'src_b', '¶1', '¶2', '¶3']);
    expect(report.mc).toBeNull();
  });
});

describe('markdown report', () => {
  const md = reportMarkdown(report);
  it('has every section in order', () => {
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'The branch played',
      'Relations at the start and at the end',
      'The relations that moved most',
      'The largest changes and why',
      'The prediction ledger',
      'Forecasts',
      'Discussion questions',
      'Sources',
    ]);
  });
  it('marks the inject and who chose', () => {
    expect(md).toContain("| 2024-05-01 | Bland's troops appear in Outland | **teacher inject** |");
    expect(md).toContain("→ **Arm Outland** (model's odds 75 %) | student |");
    expect(md).toContain('| engine |');
    expect(md).toContain('| the article: Cland will arm Outland. (¶2) | held | **failed**: Cland talked instead. (src\\_a) |');
    expect(md).toContain('1. Why did Cland talk rather than arm Outland?');
    expect(md).toContain('| How does Cland answer the pact? | 0.980 | 1.125 | 0.180 | 0.125 |');
  });
});

describe('HTML report', () => {
  const html = reportHtml(report, '9.9.9');
  it('is one self-contained file: inline style and SVG, no script, nothing to fetch', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\b(src|srcset)=/i);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<svg[^>]*class="heatmap"/g)!.length).toBe(3);
    expect(html.match(/<svg[^>]*class="linechart"/g)!.length).toBe(1);
    // External links only in the sources list, never loaded.
    expect([...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.org/a']);
  });
  it('marks the inject and the choices', () => {
    expect(html).toMatch(/<tr class="inject"><td class="date">2024-05-01<\/td><td>Bland&#39;s troops appear in Outland<\/td><td><span class="badge inject">teacher inject<\/span>/);
    expect(html).toContain('<span class="badge student">student</span>');
    expect(html).toContain('<span class="badge engine">engine</span>');
  });
  it('shows each heatmap cell’s value and band symbol', () => {
    expect(html).toMatch(/<title>Aland → Bland: 60 \(Aligned\)<\/title>/);
    expect(html).toMatch(/<title>Cland → Bland: −65 \(Hostile\)<\/title>/);
  });
});

describe('escaping scenario text', () => {
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)> "q" & \'a\' | `c`';
  const hs = classroomTitled(evil);
  const r = buildReport({ scenario: hs, history: history(hs), preset: 'article', overrides: {}, injects: [] });

  it('leaves no live markup in the HTML report or role sheets', () => {
    for (const html of [reportHtml(r, '1'), rolesHtml(buildRoles(hs), '1')]) {
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &quot;q&quot; &amp; &#39;a&#39;');
    }
  });
  it('leaves no raw HTML in Markdown and keeps tables whole', () => {
    for (const md of [reportMarkdown(r), rolesMarkdown(buildRoles(hs))]) {
      expect(md).not.toMatch(/<script|<img/i);
      expect(md).toContain('&lt;script&gt;');
    }
    expect(reportMarkdown(r)).toContain('\\| \\`c\\`');
  });
  it('quotes labels in the scenario map', () => {
    const mm = scenarioMap(hs, 'mermaid');
    expect(mm).not.toMatch(/<script|<img/);
    const dot = scenarioMap(hs, 'dot');
    expect(dot).toContain('label="<script>alert(1)</script><img src=x onerror=alert(2)> \\"q\\" & \'a\' | `c`";');
  });
});
