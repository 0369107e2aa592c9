/** The debrief report as one self-contained HTML file: inline CSS and SVG, no script, nothing fetched. */
import { atHorizon } from './report-markdown.js';
import { tensionPathText } from '../core/summary.js';
import type { Report } from './report-model.js';
import { forecastHtml } from './forecast-html.js';
import { htmlDocument, refsHtml, sourcesHtml, table } from './html.js';
import { heatmapSvg } from './svg-heatmap.js';
import { LINE_STYLES, lineChartSvg } from './svg-linechart.js';
import { ORIGIN_TEXT, arrow, escapeHtml as e, num, pct, signed } from './text.js';

const NUM = (...i: number[]) => new Set(i);

function header(r: Report): string {
  const run = r.run;
  const facts: [string, string][] = [
    ['Scenario', `<code>${e(r.scenario.id)}</code>, ${e(run.start)} to ${e(run.end)}${run.until ? ` (stopped at ${e(run.until)})` : ''}`],
    ['Assumptions', `${e(run.presetLabel)}${run.overrides.length ? `; ${run.overrides.map((o) => `${e(o.label)} = ${e(String(o.value))}`).join('; ')}` : ''}`],
    ['Seed', e(String(run.seed))],
  ];
  if (run.runFile) facts.push(['Run file', `<code>${e(run.runFile)}</code>`]);
  if (run.roles.length) facts.push(['Students played', e(run.roles.join(', '))]);
  facts.push([
    'Teacher injects',
    run.injects.length ? run.injects.map((i) => `<span class="badge inject">inject</span> ${e(i.title)} (${e(i.date)})`).join('; ') : 'none',
  ]);
  return [
    '<header>',
    `<h1>Debrief: ${e(r.scenario.title)}</h1>`,
    `<p class="lead">${e(r.scenario.summary)}</p>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function branch(r: Report): string {
  const classes: (string | undefined)[] = [];
  const rows = r.branch.map((b) => {
    if (b.decision) {
      const d = b.decision;
      classes.push('decision');
      const odds = d.odds.map((o) => `${e(o.label)} ${pct(o.p)}`).join(' · ');
      return [
        e(b.date),
        `<strong>${e(d.actorName)}</strong>: ${e(d.question)}`,
        `→ <strong>${e(d.label)}</strong><br><span class="refs">model's odds: ${odds}</span>`,
        `<span class="badge ${d.by}">${d.by}</span>`,
        refsHtml(b.sources),
      ];
    }
    classes.push(b.injected ? 'inject' : undefined);
    const how = b.injected
      ? '<span class="badge inject">teacher inject</span>'
      : b.kind === 'skipped'
        ? 'skipped (its condition was false)'
        : b.kind === 'capped'
          ? 'dropped (cascade cap)'
          : e(ORIGIN_TEXT[b.origin]!) + (b.track === 'retro' && b.kind === 'event' ? ', as it happened after the article' : '');
    const postures = b.postures.map((p) => `${e(p.actor)}: ${e(p.from)} → ${e(p.to)}`).join('; ');
    return [e(b.date), `${e(b.title)}${postures ? `<br><span class="refs">posture ${postures}</span>` : ''}`, how, '', refsHtml(b.sources)];
  });
  const head = ['date', 'event', 'what happened', 'chosen by', 'sources'];
  if (!r.horizon) return table(head, rows, { rowClass: classes, date: NUM(0) });
  const [before, after] = atHorizon(r, rows);
  const [cb, ca] = atHorizon(r, classes);
  return [
    `<h3>Up to the article's horizon (${e(r.horizon)})</h3><p>The article's account and the decisions it posed.</p>`,
    before.length ? table(head, before, { rowClass: cb, date: NUM(0) }) : '<p>Nothing.</p>',
    "<h3>After the article's horizon</h3><p>What happened next (the retro track, as it happened) and the decisions still open.</p>",
    after.length ? table(head, after, { rowClass: ca, date: NUM(0) }) : '<p>Nothing: the run stopped at the horizon.</p>',
  ].join('\n');
}

function relations(r: Report): string {
  const delta: Record<string, Record<string, number>> = {};
  for (const a of r.actors) {
    delta[a.id] = {};
    for (const b of r.actors) if (a.id !== b.id) delta[a.id]![b.id] = (r.end.values[a.id]?.[b.id] ?? 0) - (r.start.values[a.id]?.[b.id] ?? 0);
  }
  const fig = (id: string, caption: string, values: Report['start']['values'], isDelta = false) =>
    `<figure><figcaption>${caption}</figcaption>${heatmapSvg({ id, title: caption, actors: r.actors, values, bands: r.bands, delta: isDelta })}</figure>`;
  const legend = r.bands.map((b) => `<strong>${e(b.symbol)}</strong> ${e(b.label)} (from ${e(num(b.from))})`).join(' · ');
  return [
    '<p>How each row regards each column, from −100 (red) to +100 (blue).</p>',
    '<div class="heatmaps">',
    fig('heatmap-start', `At the start, ${e(r.start.date)} (tension ${e(num(r.tension.start))})`, r.start.values),
    fig('heatmap-end', `At the end, ${e(r.end.date)} (tension ${e(num(r.tension.end))})`, r.end.values),
    fig('heatmap-change', 'Change, end minus start', delta, true),
    '</div>',
    `<p>Bands: ${legend}.</p>`,
    `<p>World tension over the run: ${e(tensionPathText(r.tension.path))}.</p>`,
  ].join('\n');
}

function moved(r: Report): string {
  if (!r.series.lines.length) return '<p>No relation moved in this run.</p>';
  const key = r.series.lines.map((l, i) => {
    const st = LINE_STYLES[i % LINE_STYLES.length]!;
    const swatch = `<svg width="44" height="12" viewBox="0 0 44 12" aria-hidden="true"><line x1="0" y1="6" x2="44" y2="6" stroke="${st.color}" stroke-width="4"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/></svg>`;
    return `<li>${swatch} <strong>${e(arrow(l.from, l.to))}</strong>: ${e(num(l.start))} → ${e(num(l.end))} (low ${e(num(l.min))}, high ${e(num(l.max))})</li>`;
  });
  return `<figure>${lineChartSvg(r.series)}</figure>\n<ul class="key">${key.join('')}</ul>`;
}

function changes(r: Report): string {
  if (!r.changes.length) return '<p>No relation changed between the start and the end.</p>';
  return r.changes
    .map((c) => {
      const byKind = c.byKind.map((k) => `${e(k.kind)} ${e(signed(k.value))}`).join(', ');
      const rows = c.terms.map((t) => [
        e(t.kind),
        `${e(t.label)}${t.note ? `<br><span class="refs">${e(t.note)}</span>` : ''}`,
        e(t.date),
        e(signed(t.value)),
        refsHtml(t.sources),
      ]);
      return [
        '<div class="change">',
        `<h3>${e(arrow(c.from, c.to))}: ${e(num(c.start))} → ${e(num(c.end))} (${e(signed(c.delta))})</h3>`,
        `<p>By cause: ${byKind || 'none'}.${c.clamped ? ' The sum is capped at ±100, so the terms add up to more than the change.' : ''}</p>`,
        table(['cause', 'what', 'since', 'worth now', 'sources'], rows, { num: NUM(3), date: NUM(2) }),
        '</div>',
      ].join('\n');
    })
    .join('\n');
}

function predictions(r: Report): string {
  if (!r.predictions.length) return '<p>The scenario lists no predictions.</p>';
  const rows = r.predictions.map((p) => [
    `${e(p.by)}: ${e(p.claim)} ${refsHtml(p.sources)}`,
    `${p.holds ? '<strong>held</strong>' : 'did not hold'}${p.recurrence ? ` (${e(p.recurrence)})` : ''}`,
    `<strong>${e(p.actual.status)}</strong>: ${e(p.actual.text)} ${refsHtml(p.actual.sources)}`,
  ]);
  const tallies = r.predictionTallies.map((t) => `<li>${e(t.charAt(0).toUpperCase() + t.slice(1))}</li>`).join('');
  return `<ul class="tally">${tallies}</ul>\n${table(['prediction (whose): claim', 'in this run', 'what actually happened'], rows)}`;
}

function mc(r: Report): string {
  const m = r.mc;
  if (!m) return '';
  const blocks = m.decisions.map((d) => {
    const rows = d.options.map((o) => [
      e(o.label),
      e(pct(o.p)),
      `${e(pct(o.lo))}–${e(pct(o.hi))}`,
      o.given === null ? '' : e(pct(o.given)),
      [o.predictedBy !== null ? `${e(o.predictedBy)} predicted` : '', o.actual ? 'actually happened' : '', o.chosenHere ? 'this run' : ''].filter(Boolean).join(', '),
    ]);
    return `<h3>${e(d.question)} <span class="muted">(${e(d.actor)}; reached in ${d.reached} of ${m.runs} runs)</span></h3>\n${table(['option', 'share of runs', '95 % interval', 'when reached', ''], rows, { num: NUM(1, 2, 3) })}`;
  });
  const preds = m.predictions.length
    ? `<h3>Predictions</h3>\n${table(['prediction', 'holds in', 'actually'], m.predictions.map((p) => [e(p.claim), e(pct(p.p)), e(p.actual)]), { num: NUM(1) })}`
    : '';
  return section(
    'mc',
    'Monte Carlo odds',
    `<p>${m.runs} runs from seed ${m.seed} with this run's assumptions and injects, every decision drawn by the engine: the share of runs choosing each option, with its 95 % interval.</p>\n${blocks.join('\n')}\n${preds}`,
  );
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${title}</h2>\n${body}\n</section>`;
}

export function reportHtml(r: Report, version: string): string {
  const questions = r.questions.length
    ? `<ol class="questions">${r.questions.map((q) => `<li>${e(q)}</li>`).join('')}</ol>`
    : '<p>The scenario lists no questions.</p>';
  const body = [
    header(r),
    '<main>',
    section('branch', 'The branch played', branch(r)),
    section('relations', 'Relations at the start and at the end', relations(r)),
    section('moved', 'The relations that moved most', moved(r)),
    section('changes', 'The largest changes and why', changes(r)),
    section('predictions', 'The prediction ledger', predictions(r)),
    mc(r),
    r.forecasts ? section('forecasts', 'Forecasts', forecastHtml(r.forecasts)) : '',
    section('questions', 'Discussion questions', questions),
    section('sources', 'Sources', sourcesHtml(r.sources)),
    '</main>',
  ]
    .filter(Boolean)
    .join('\n');
  const footer = `Made with geosim ${e(version)} from scenario <code>${e(r.scenario.id)}</code> (hash ${e(r.scenario.hash.slice(0, 12))}). The odds are the model's, not the world's.`;
  return htmlDocument(`Debrief: ${r.scenario.title}`, body, footer);
}
