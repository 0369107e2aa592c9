/**
 * `geosim explain --indicator ID`: what an indicator is made of on a day, as data (JSON), text, Markdown or CSV,
 * with the conventions of the pair's report (format/explain.ts): the base, then each fading addition with its
 * value now, its starting value, its cause and its sources. The terms' `now` add up to `value`.
 */
import type { Scenario } from '../../core/model.js';
import type { IndicatorExplanation } from '../../core/explain.js';
import { round2 } from '../../core/summary.js';
import { formatDay } from '../../core/date.js';
import type { Theme } from '../theme.js';
import { sourceText, uniqueSources, type ResolvedSource } from './lookup.js';
import { mdCell, mdTable } from './table.js';
import { toCsv } from '../../export/csv.js';
import { reportCause, type ReportCause } from './explain.js';

export interface IndicatorReport {
  readonly scenario: string;
  readonly seed: number;
  readonly preset: string;
  readonly date: string;
  readonly indicator: string;
  readonly label: string;
  /** The indicator's unit ('' when it has none). */
  readonly unit: string;
  readonly value: number;
  /** The base first, then the fading additions, oldest first. */
  readonly terms: readonly (ReportCause & {
    /** When the addition was made; null for the base. */
    readonly since: string | null;
    readonly fadePerYear: number;
    readonly sources: readonly ResolvedSource[];
  })[];
}

export function indicatorReport(scenario: Scenario, meta: { seed: number; preset: string; date: number }, ex: IndicatorExplanation): IndicatorReport {
  const def = scenario.indicators.find((i) => i.id === ex.id);
  return {
    scenario: scenario.id,
    seed: meta.seed,
    preset: meta.preset,
    date: formatDay(meta.date),
    indicator: ex.id,
    label: def?.label ?? ex.id,
    unit: def?.unit ?? '',
    value: round2(ex.value),
    terms: ex.lines.map((l) => ({
      ...reportCause(l),
      since: l.created === null ? null : formatDay(l.created),
      fadePerYear: l.fade,
      sources: uniqueSources(scenario, l.sources),
    })),
  };
}

type Term = IndicatorReport['terms'][number];

function origin(t: Term): string {
  return t.since === null ? 'base' : `${t.kind}, since ${t.since}, fades ${t.fadePerYear}/yr from ${t.start}`;
}

export function indicatorText(r: IndicatorReport, theme: Theme): string {
  const h = (t: string) => theme.role('heading', t);
  const unit = r.unit ? ` ${r.unit}` : '';
  const out = [
    `${h(r.label)} (${r.indicator}) on ${r.date}: ${r.value}${unit}`,
    theme.role('dim', `In ${r.scenario} (seed ${r.seed}, preset ${r.preset}): the sum of these terms, each addition faded by time.`),
    '',
  ];
  for (const t of r.terms) {
    out.push(`  ${String(t.now).padStart(9)}  ${t.label}`);
    if (t.since !== null) out.push(theme.role('dim', `             ${origin(t)}`));
    for (const s of t.sources) out.push(`             source: ${sourceText(s)}`);
  }
  out.push(`  ${'─'.repeat(9)}`, `  ${String(r.value).padStart(9)}  ${h('value')}${unit}`);
  return out.join('\n') + '\n';
}

export function indicatorMarkdown(r: IndicatorReport): string {
  const unit = r.unit ? ` ${mdCell(r.unit)}` : '';
  const rows = r.terms.map((t) => [String(t.now), t.label, origin(t), t.sources.map(sourceText).join('; ')]);
  return [
    `# ${mdCell(r.label)} (\`${r.indicator}\`) on ${r.date}: ${r.value}${unit}`,
    '',
    `Scenario \`${r.scenario}\`, seed ${r.seed}, preset \`${r.preset}\`. The value is the sum of these terms, each addition faded by time.`,
    '',
    ...mdTable(['now', 'term', 'origin', 'sources'], rows, new Set([0])),
  ].join('\n') + '\n';
}

export const INDICATOR_COLUMNS = ['date', 'indicator', 'kind', 'label', 'event', 'option', 'reaction', 'now', 'start', 'since', 'fade_per_year', 'sources'] as const;

/** One CSV row per term (`explain --indicator ID --format csv`); source references separated by spaces. */
export function indicatorCsv(r: IndicatorReport): string {
  return toCsv(
    INDICATOR_COLUMNS,
    r.terms.map((t) => [r.date, r.indicator, t.kind, t.label, t.event, t.option, t.reaction, t.now, t.start, t.since, t.fadePerYear, t.sources.map((s) => s.ref).join(' ')]),
  );
}
