/** The debrief report as Markdown: every section of the HTML report, with tables in place of the charts. */
import { tensionPathText } from '../core/summary.js';
import type { SourceRef } from '../core/model.js';
import type { Matrix, Report } from './report-model.js';
import { forecastMarkdown } from './forecast-markdown.js';
import { refText } from './sources.js';
import { ORIGIN_TEXT, arrow, bandFor, mdTable, mdText, num, pct, safeUrl, signed, sparkline } from './text.js';

const refs = (r: readonly SourceRef[]) => (r.length ? r.map(refText).map(mdText).join(', ') : '');

function runLines(r: Report): string[] {
  const run = r.run;
  const out = [
    `- Scenario: \`${r.scenario.id}\` (hash ${r.scenario.hash.slice(0, 12)}), from ${run.start} to ${run.end}${run.until ? ` (stopped at ${run.until})` : ''}.`,
    `- Seed ${run.seed}, assumptions: ${mdText(run.presetLabel)} (\`${run.preset}\`)${
      run.overrides.length ? `, with ${run.overrides.map((o) => `${mdText(o.label)} = ${o.value}`).join('; ')}` : ''
    }.`,
  ];
  if (run.runFile) out.push(`- Run file: ${mdText(run.runFile)}.`);
  if (run.roles.length) out.push(`- Played by students: ${run.roles.join(', ')}.`);
  out.push(
    run.injects.length
      ? `- Teacher injects: ${run.injects.map((i) => `${mdText(i.title)} (\`${i.event}\`, ${i.date})`).join('; ')}.`
      : '- Teacher injects: none.',
  );
  return out;
}

/** Rows of the branch (in its order) dated up to the article's horizon, and after it. */
export function atHorizon<T>(r: Report, rows: readonly T[]): [T[], T[]] {
  const cut = r.horizon === null ? rows.length : r.branch.findIndex((b) => b.date > (r.horizon as string));
  const k = cut < 0 ? rows.length : cut;
  return [rows.slice(0, k), rows.slice(k)];
}

function branch(r: Report): string[] {
  const rows = r.branch.map((b) => {
    if (b.decision) {
      const d = b.decision;
      const odds = d.odds.find((o) => o.id === d.option);
      return [
        b.date,
        `**${mdText(d.actorName)}**: ${mdText(d.question)}`,
        `→ **${mdText(d.label)}**${odds ? ` (model's odds ${pct(odds.p)})` : ''}`,
        d.by,
        refs(b.sources),
      ];
    }
    const how = b.injected ? '**teacher inject**' : b.kind === 'skipped' ? 'skipped (its condition was false)' : b.kind === 'capped' ? 'dropped (cascade cap)' : ORIGIN_TEXT[b.origin]!;
    const postures = b.postures.map((p) => `${p.actor}: ${mdText(p.from)} → ${mdText(p.to)}`).join('; ');
    return [b.date, `${mdText(b.title)}${postures ? ` (posture ${postures})` : ''}`, b.track === 'retro' && b.kind === 'event' ? `${how}, as it happened after the article` : how, '', refs(b.sources)];
  });
  const head = ['date', 'event', 'what happened', 'chosen by', 'sources'];
  const [before, after] = atHorizon(r, rows);
  if (!r.horizon) return mdTable(head, rows);
  return [
    `**Up to the article's horizon (${r.horizon})**: the article's account and the decisions it posed.`,
    '',
    ...(before.length ? mdTable(head, before) : ['Nothing.']),
    '',
    "**After the article's horizon**: what happened next (the retro track, as it happened) and the decisions still open.",
    '',
    ...(after.length ? mdTable(head, after) : ['Nothing: the run stopped at the horizon.']),
  ];
}

function matrix(r: Report, m: Matrix): string[] {
  const ids = r.actors.map((a) => a.id);
  const rows = ids.map((a) => [
    `**${a}**`,
    ...ids.map((b) => {
      if (a === b) return '·';
      const v = m.values[a]?.[b] ?? 0;
      return `${num(v)} ${mdText(bandFor(r.bands, v).symbol)}`;
    }),
  ]);
  return mdTable(['from \\ to', ...ids], rows, new Set(ids.map((_, i) => i + 1)));
}

function moved(r: Report): string[] {
  if (!r.series.lines.length) return ['No relation moved in this run.'];
  const rows = r.series.lines.map((l) => [
    arrow(l.from, l.to),
    num(l.start),
    num(l.min),
    num(l.max),
    num(l.end),
    `\`${sparkline(l.values, l.min, l.max === l.min ? l.min + 1 : l.max)}\``,
  ]);
  return [
    `Over ${r.series.dates.length} dates from ${r.series.dates[0]} to ${r.series.dates[r.series.dates.length - 1]}; the trace runs from each relation's low to its high.`,
    '',
    ...mdTable(['relation', 'start', 'low', 'high', 'end', 'trace'], rows, new Set([1, 2, 3, 4])),
  ];
}

function changes(r: Report): string[] {
  if (!r.changes.length) return ['No relation changed between the start and the end.'];
  const out: string[] = [];
  for (const c of r.changes) {
    out.push(`### ${arrow(c.from, c.to)}: ${num(c.start)} → ${num(c.end)} (${signed(c.delta)})`, '');
    out.push(`By cause: ${c.byKind.map((k) => `${k.kind} ${signed(k.value)}`).join(', ') || 'none'}.${c.clamped ? ' The sum is capped at ±100, so the terms add up to more than the change.' : ''}`, '');
    const rows = c.terms.map((t) => [
      t.kind,
      `${mdText(t.label)}${t.note ? ` (${mdText(t.note)})` : ''}`,
      t.date,
      signed(t.value),
      refs(t.sources),
    ]);
    out.push(...mdTable(['cause', 'what', 'since', 'worth now', 'sources'], rows, new Set([3])), '');
  }
  return out.slice(0, -1);
}

function predictions(r: Report): string[] {
  if (!r.predictions.length) return ['The scenario lists no predictions.'];
  const rows = r.predictions.map((p) => [
    `${mdText(p.by)}: ${mdText(p.claim)} (${refs(p.sources)})`,
    `${p.holds ? 'held' : 'did not hold'}${p.recurrence ? ` (${mdText(p.recurrence)})` : ''}`,
    `**${p.actual.status}**: ${mdText(p.actual.text)} (${refs(p.actual.sources)})`,
  ]);
  return [...r.predictionTallies.map((t) => `- ${mdText(t.charAt(0).toUpperCase() + t.slice(1))}`), '', ...mdTable(['prediction (whose): claim', 'in this run', 'what actually happened'], rows)];
}

function mc(r: Report): string[] {
  const m = r.mc;
  if (!m) return [];
  const out = [
    '## Monte Carlo odds',
    '',
    `${m.runs} runs from seed ${m.seed} with this run's assumptions and injects, every decision drawn by the engine. Share of runs choosing each option, with its 95 % interval.`,
    '',
  ];
  for (const d of m.decisions) {
    out.push(`**${mdText(d.question)}** (${d.actor}; reached in ${d.reached} of ${m.runs} runs)`, '');
    const rows = d.options.map((o) => [
      mdText(o.label),
      pct(o.p),
      `${pct(o.lo)}–${pct(o.hi)}`,
      o.given === null ? '' : pct(o.given),
      [o.predictedBy !== null ? `${mdText(o.predictedBy)} predicted` : '', o.actual ? 'actually happened' : '', o.chosenHere ? 'this run' : ''].filter(Boolean).join(', '),
    ]);
    out.push(...mdTable(['option', 'share of runs', '95 % interval', 'when reached', ''], rows, new Set([1, 3])), '');
  }
  if (m.predictions.length) {
    const rows = m.predictions.map((p) => [mdText(p.claim), pct(p.p), p.actual]);
    out.push('Predictions:', '', ...mdTable(['prediction', 'holds in', 'actually'], rows, new Set([1])), '');
  }
  return out;
}

export function reportMarkdown(r: Report): string {
  const legend = r.bands.map((b) => `${mdText(b.symbol)} ${mdText(b.label)} (from ${b.from})`).join('; ');
  const out = [
    `# Debrief: ${mdText(r.scenario.title)}`,
    '',
    mdText(r.scenario.summary),
    '',
    ...runLines(r),
    '',
    '## The branch played',
    '',
    ...branch(r),
    '',
    '## Relations at the start and at the end',
    '',
    `How each row regards each column, from −100 to +100. Bands: ${legend}.`,
    '',
    `At the start (${r.start.date}), world tension ${num(r.tension.start)}:`,
    '',
    ...matrix(r, r.start),
    '',
    `At the end (${r.end.date}), world tension ${num(r.tension.end)}:`,
    '',
    ...matrix(r, r.end),
    '',
    `World tension over the run: ${tensionPathText(r.tension.path)}.`,
    '',
    '## The relations that moved most',
    '',
    ...moved(r),
    '',
    '## The largest changes and why',
    '',
    ...changes(r),
    '',
    '## The prediction ledger',
    '',
    ...predictions(r),
    '',
    ...mc(r),
    ...(r.forecasts ? [...forecastMarkdown(r.forecasts), ''] : []),
    '## Discussion questions',
    '',
    ...(r.questions.length ? r.questions.map((q, i) => `${i + 1}. ${mdText(q)}`) : ['The scenario lists no questions.']),
    '',
    '## Sources',
    '',
    ...r.sources.map((s) => `- **${mdText(s.ref)}**: ${mdText(s.title)}${safeUrl(s.url) ? ` <${safeUrl(s.url)}>` : s.url ? ` (${mdText(s.url)})` : ''}${s.reliability === 'W' ? ' (weak source)' : s.reliability === 'unverified' ? ' (UNVERIFIED: not confirmed)' : ''}`),
  ];
  return `${out.join('\n')}\n`;
}
