/** The run report as Markdown tables (for notes, handouts and pull requests). */
import type { Scenario } from '../../core/model.js';
import { tensionPathText, type RunSummary } from '../../core/summary.js';
import { claimWithOrigin, recurrenceText } from './run-text.js';
import { bandById, bandLegend, option } from './lookup.js';
import { decisionIdOf } from './run-text.js';
import { mdCell, mdTable, signed } from './table.js';

export function runMarkdown(scenario: Scenario, s: RunSummary): string {
  const ids = scenario.actors.map((a) => a.id);
  const timeline = s.timeline.map((e) => {
    if (e.kind === 'decision') {
      const opt = option(scenario, decisionIdOf(scenario, e.event), e.option ?? '');
      return [e.date, `→ ${opt?.label ?? e.option ?? ''}`, e.by === 'user' ? 'chosen' : 'drawn'];
    }
    const note = e.kind === 'skipped' ? 'skipped' : e.kind === 'capped' ? 'dropped (cascade cap)' : e.origin;
    return [e.date, e.title, note];
  });
  const choices = Object.entries(s.choices).map(([d, o]) => [
    `\`${d}\``,
    `\`${o}\``,
    option(scenario, d, o)?.label ?? '',
    s.chosenBy[d] === 'user' ? 'chosen' : 'drawn',
  ]);
  const matrix = ids.map((a) => [
    `**${a}**`,
    ...ids.map((b) => {
      if (a === b) return '·';
      const v = s.final.relations[a]?.[b] ?? 0;
      return `${signed(v)} ${bandById(scenario, s.final.bands[a]?.[b] ?? '')?.symbol ?? ''}`.trim();
    }),
  ]);
  const predictions = Object.entries(s.predictions).map(([id, p]) => [
    `\`${id}\``,
    claimWithOrigin(scenario, id),
    `${p.holds ? 'holds' : 'fails'}${recurrenceText(scenario, id, p.counts)}`,
    p.actual,
  ]);
  const assumptions = Object.entries(s.assumptions).map(([k, v]) => [
    `\`${k}\``,
    scenario.assumptions.find((a) => a.id === k)?.label ?? '',
    String(v),
  ]);
  const out = [
    `# ${mdCell(scenario.title)}`,
    '',
    `Scenario \`${s.scenario}\`, seed ${s.seed}, preset \`${s.preset}\`, final date ${s.final.date}.`,
    '',
    '## Timeline',
    '',
    ...mdTable(['date', 'event', 'note'], timeline),
    '',
    '## Choices',
    '',
    ...(choices.length ? mdTable(['decision', 'option', 'label', 'by'], choices) : ['No decisions were reached.']),
    '',
    `## Relations on ${s.final.date}`,
    '',
    'How each row regards each column, from -100 to 100.',
    '',
    ...mdTable(['from \\ to', ...ids], matrix, new Set(ids.map((_, i) => i + 1))),
    '',
    `Bands: ${mdCell(bandLegend(scenario))}.`,
    '',
    `Tension: ${s.final.tension} at the end; over the run: ${tensionPathText(s.tensionPath)}.`,
    '',
    '## Predictions',
    '',
    ...(predictions.length ? mdTable(['prediction', 'claim', 'in this run', 'actually'], predictions) : ['None.']),
    '',
    '## Assumptions',
    '',
    ...mdTable(['assumption', 'label', 'value'], assumptions, new Set([2])),
  ];
  return out.join('\n') + '\n';
}
