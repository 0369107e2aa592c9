/** The readable report of a run: timeline, choices, the final matrix with bands, and the prediction ledger. */
import type { Scenario } from '../../core/model.js';
import { tensionPathText, type RunSummary } from '../../core/summary.js';
import { predictionOrigin, predictionTallies, tallyText } from '../../core/predictions.js';
import type { Theme } from '../theme.js';
import { formatDay } from '../../core/date.js';
import { bandById, bandLegend, option } from './lookup.js';
import { columns, signed } from './table.js';
import { recurrenceNote } from '../../core/dated.js';

export function matrixText(scenario: Scenario, summary: RunSummary, theme: Theme): string[] {
  const ids = scenario.actors.map((a) => a.id);
  const symW = Math.max(1, ...scenario.bands.map((b) => b.symbol.length));
  const cellW = Math.max(4 + 1 + symW, ...ids.map((id) => id.length));
  const rowW = Math.max(...ids.map((id) => id.length));
  const lines = [`  ${' '.repeat(rowW)}${ids.map((b) => `  ${b.padStart(4).padEnd(cellW)}`).join('')}`.trimEnd()];
  for (const a of ids) {
    let line = `  ${theme.role('heading', a.padEnd(rowW))}`;
    for (const b of ids) {
      if (a === b) {
        line += `  ${theme.role('dim', '·'.padStart(4))}${' '.repeat(cellW - 4)}`;
        continue;
      }
      const v = summary.final.relations[a]?.[b] ?? 0;
      const band = bandById(scenario, summary.final.bands[a]?.[b] ?? '');
      const cell = `${signed(v).padStart(4)} ${(band?.symbol ?? '').padEnd(symW)}`.padStart(cellW);
      line += `  ${band ? theme.named(band.color, cell) : cell}`;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

function timelineText(scenario: Scenario, s: RunSummary, theme: Theme): string[] {
  const rows: string[][] = [];
  for (const e of s.timeline) {
    if (e.kind === 'decision') {
      const opt = option(scenario, decisionIdOf(scenario, e.event), e.option ?? '');
      const who = e.by === 'user' ? 'chosen' : 'drawn';
      rows.push(['', theme.role('accent', `→ ${opt?.label ?? e.option ?? '?'}`) + theme.role('dim', ` (${who})`)]);
    } else if (e.kind === 'skipped') {
      rows.push([e.date, theme.role('dim', `${e.title} (skipped: its condition did not hold)`)]);
    } else if (e.kind === 'capped') {
      rows.push([e.date, theme.role('warn', `${e.title} (dropped: too many chained reactions)`)]);
    } else {
      const tag = e.origin === 'timeline' ? '' : theme.role('dim', ` [${e.origin}]`);
      rows.push([e.date, e.title + tag]);
    }
  }
  return columns(rows);
}

/** The decision an event carries (decision ids and event ids differ). */
export function decisionIdOf(scenario: Scenario, event: string): string {
  return scenario.events[event]?.decision?.id ?? event;
}

function choicesText(scenario: Scenario, s: RunSummary, theme: Theme): string[] {
  const rows = Object.entries(s.choices).map(([d, o]) => {
    const by = s.chosenBy[d] === 'user' ? 'chosen' : 'drawn';
    return [d, `= ${o}`, theme.role('dim', by), option(scenario, d, o)?.label ?? ''];
  });
  return rows.length ? columns(rows) : ['  (no decisions were reached)'];
}

/** A prediction's claim after whose it is: `the article: Seoul will arm Ukraine.` */
/** ` (per year: 2, 1; needs 1)` after a recurring prediction's verdict, or ''. */
export function recurrenceText(scenario: Scenario, id: string, counts: readonly number[] | undefined): string {
  const r = scenario.predictions.find((x) => x.id === id)?.recurs;
  if (r === undefined || counts === undefined) return '';
  return ` (${recurrenceNote(r, counts)})`;
}

export function claimWithOrigin(scenario: Scenario, id: string): string {
  const p = scenario.predictions.find((x) => x.id === id);
  return p ? `${predictionOrigin(scenario, p).who}: ${p.claim}` : '';
}

function predictionsText(scenario: Scenario, s: RunSummary, theme: Theme): string[] {
  const rows = Object.entries(s.predictions).map(([id, p]) => {
    const claim = claimWithOrigin(scenario, id);
    const run = `${p.holds ? theme.role('good', 'holds') : theme.role('bad', 'fails')}${recurrenceText(scenario, id, p.counts)}`;
    return [id, run, `actual: ${p.actual}`, theme.role('dim', claim)];
  });
  if (!rows.length) return ['  (none)'];
  const holds = scenario.predictions.map((p) => s.predictions[p.id]?.holds ?? false);
  return [...predictionTallies(scenario, holds).map((t) => `  ${tallyText(t, 'in this run')}`), ...columns(rows)];
}

export function runText(scenario: Scenario, s: RunSummary, theme: Theme): string {
  const h = (t: string) => theme.role('heading', t);
  const overrides = Object.entries(s.assumptions)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const ind = Object.entries(s.final.indicators).map(([k, v]) => {
    const i = scenario.indicators.find((x) => x.id === k);
    return [i?.label ?? k, String(v), theme.role('dim', i?.unit ?? '')];
  });
  const postures = Object.entries(s.final.postures).map(([a, p]) => `${a} ${p}`);
  const out = [
    `${h(s.scenario)}: ${scenario.title}`,
    `seed ${s.seed} · preset ${s.preset} · ${formatDay(scenario.start)} → ${s.final.date}`,
    theme.role('dim', `assumptions: ${overrides || '(none)'}`),
    '',
    h('Timeline'),
    ...timelineText(scenario, s, theme),
    '',
    h('Choices'),
    ...choicesText(scenario, s, theme),
    '',
    h(`Relations on ${s.final.date}`) + theme.role('dim', ' (how each row regards each column, -100..100)'),
    ...matrixText(scenario, s, theme),
    theme.role('dim', `  bands: ${bandLegend(scenario)}`),
    '',
    `${h('Tension')} ${s.final.tension} ${theme.role('dim', '(0..100)')}`,
    `  ${tensionPathText(s.tensionPath)}`,
  ];
  if (ind.length) out.push('', h('Indicators'), ...columns(ind, new Set([1])));
  if (postures.length) out.push('', `${h('Postures')} ${postures.join(' · ')}`);
  out.push('', h('Predictions') + theme.role('dim', ' (in this run, and what actually happened)'), ...predictionsText(scenario, s, theme));
  return out.join('\n') + '\n';
}
