/**
 * The modifier ledger behind one score, as data (JSON) and as text or Markdown: each term with its value now,
 * its starting value, its cause, and its sources (article ¶N with the scenario's paraphrase, or title + URL),
 * then the unbalanced triads that press on the pair.
 */
import type { Scenario } from '../../core/model.js';
import type { Explanation, TermLine } from '../../core/explain.js';
import type { Triad } from '../../core/balance.js';
import { round2, bandOf } from '../../core/summary.js';
import { formatDay } from '../../core/date.js';
import type { Theme } from '../theme.js';
import { sourceText, uniqueSources, type ResolvedSource } from './lookup.js';
import { mdCell, mdTable, signed, signed1 } from './table.js';
import { toCsv } from '../../export/csv.js';

/** What a term of an explain report (a pair's or an indicator's) says of its cause and its value now and at its start. */
export interface ReportCause {
  readonly kind: string;
  readonly label: string;
  readonly event: string | null;
  readonly option: string | null;
  readonly reaction: string | null;
  readonly now: number;
  readonly start: number;
}

/** A term's cause as reports print it: values rounded to 2 decimals. */
export function reportCause(l: Omit<TermLine, 'fade' | 'sources'> & { readonly kind: string }): ReportCause {
  return { kind: l.kind, label: l.label, event: l.event, option: l.option, reaction: l.reaction, now: round2(l.now), start: round2(l.start) };
}

export interface ExplainReport {
  readonly scenario: string;
  readonly seed: number;
  readonly preset: string;
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly score: number;
  readonly raw: number;
  readonly band: string;
  readonly terms: readonly (ReportCause & {
    readonly since: string;
    readonly fadePerYear: number;
    readonly note: string | null;
    readonly sources: readonly ResolvedSource[];
    /** Every cause stacked into this term (effects sharing a key with a cap), oldest first; their `now` sum to the term's. */
    readonly stack: readonly (ReportCause & {
      readonly event: string;
      readonly since: string;
      readonly note: string | null;
    })[];
  })[];
  readonly pressure: readonly {
    readonly actors: readonly string[];
    /** Mean relation of each pair: ab, bc, ca. */
    readonly means: readonly number[];
  }[];
}

export function explainReport(
  scenario: Scenario,
  meta: { seed: number; preset: string; date: number },
  ex: Explanation,
  pressure: readonly Triad[],
): ExplainReport {
  return {
    scenario: scenario.id,
    seed: meta.seed,
    preset: meta.preset,
    date: formatDay(meta.date),
    from: ex.from,
    to: ex.to,
    score: round2(ex.score),
    raw: round2(ex.raw),
    band: bandOf(scenario, ex.score).id,
    terms: ex.lines.map((l) => ({
      ...reportCause(l),
      since: formatDay(l.created),
      fadePerYear: l.fade,
      note: l.note,
      sources: uniqueSources(scenario, [...l.sources, ...l.stack.flatMap((p) => p.sources)]),
      stack: l.stack.map((p) => ({ ...reportCause(p), event: p.event, since: formatDay(p.created), note: p.note })),
    })),
    pressure: pressure.map((t) => ({ actors: [...t.actors], means: t.means.map(round2) })),
  };
}

function actorName(scenario: Scenario, id: string): string {
  return scenario.actors.find((a) => a.id === id)?.capital ?? id;
}

function pressureLine(r: ExplainReport['pressure'][number]): string {
  const [a, b, c] = r.actors;
  const pairs = [`${a}–${b} ${signed(r.means[0]!)}`, `${b}–${c} ${signed(r.means[1]!)}`, `${c}–${a} ${signed(r.means[2]!)}`];
  return `${r.actors.join('–')}: ${pairs.join(', ')}`;
}

/** Terms worth showing: all of them, or those that have not faded to (nearly) nothing. */
function shown(r: ExplainReport, all: boolean): { terms: ExplainReport['terms']; hidden: number } {
  const terms = all ? r.terms : r.terms.filter((t) => Math.abs(t.now) >= 0.05);
  return { terms, hidden: r.terms.length - terms.length };
}

function hiddenNote(hidden: number): string | undefined {
  return hidden ? `(${hidden} more term${hidden === 1 ? ' has' : 's have'} faded to 0; --all shows them)` : undefined;
}

function origin(t: ExplainReport['terms'][number]): string {
  if (t.kind === 'tie') return 'standing tie, counts while it holds';
  const fade = t.fadePerYear > 0 ? `, fades ${t.fadePerYear}/yr from ${signed1(t.start)}` : '';
  const stacked = t.stack.length ? `, ${t.stack.length} causes stacked under one key (their fade restarted on ${t.since})` : '';
  return `${t.kind}, since ${t.since}${fade}${stacked}`;
}

/** A stacked cause as `+7.5 Putin visits Pyongyang (2024-06-19)`. */
function stackText(p: ExplainReport['terms'][number]['stack'][number]): string {
  return `${signed1(p.now)} ${p.label} (${p.since}${p.note ? `; ${p.note}` : ''})`;
}

export function explainText(scenario: Scenario, r: ExplainReport, theme: Theme, all = false): string {
  const h = (t: string) => theme.role('heading', t);
  const band = bandOf(scenario, r.score);
  const out = [
    `${h(`${r.from} → ${r.to}`)} on ${r.date}: ${theme.named(band.color, `${signed(r.score)} ${band.symbol}`)} (${band.label})`,
    theme.role('dim', `How ${actorName(scenario, r.from)} regards ${actorName(scenario, r.to)} in ${r.scenario} (seed ${r.seed}, preset ${r.preset}):`),
    theme.role('dim', 'the sum of these terms, each faded by time, clamped to -100..100.'),
    '',
  ];
  const { terms, hidden } = shown(r, all);
  for (const t of terms) {
    out.push(`  ${signed1(t.now).padStart(5)}  ${t.label}`);
    out.push(theme.role('dim', `         ${origin(t)}`));
    if (t.note) out.push(`         why: ${t.note}`);
    for (const p of t.stack) out.push(`         stacked: ${stackText(p)}`);
    for (const s of t.sources) out.push(`         source: ${sourceText(s)}`);
  }
  if (r.terms.length === 0) out.push('  (no terms: this pair has no relation on record)');
  const note = hiddenNote(hidden);
  if (note) out.push(theme.role('dim', `         ${note}`));
  const clamped = r.raw !== r.score ? ` (raw sum ${signed1(r.raw)}, clamped)` : '';
  out.push(`  ${'─'.repeat(5)}`, `  ${signed1(r.score).padStart(5)}  ${h('score')}${clamped}`, '');
  out.push(h('Pressure from unbalanced triads'));
  if (r.pressure.length === 0) out.push(theme.role('dim', '  none: every triad with this pair is balanced (or has a near-zero side)'));
  else {
    out.push(theme.role('dim', '  an odd number of hostile sides: structural balance pushes one of them to flip'));
    for (const p of r.pressure) out.push(`  ${theme.role('warn', pressureLine(p))}`);
  }
  return out.join('\n') + '\n';
}

export function explainMarkdown(scenario: Scenario, r: ExplainReport, all = false): string {
  const band = bandOf(scenario, r.score);
  const { terms, hidden } = shown(r, all);
  const rows = terms.map((t) => [
    signed1(t.now),
    t.label + (t.note ? ` (${t.note})` : '') + (t.stack.length ? `; stacked: ${t.stack.map(stackText).join('; ')}` : ''),
    origin(t),
    t.sources.map(sourceText).join('; '),
  ]);
  const note = hiddenNote(hidden);
  const out = [
    `# ${r.from} → ${r.to} on ${r.date}: ${signed(r.score)} ${mdCell(band.symbol)} (${mdCell(band.label)})`,
    '',
    `Scenario \`${r.scenario}\`, seed ${r.seed}, preset \`${r.preset}\`. The score is the sum of these terms (raw ${signed1(r.raw)}), clamped to -100..100.`,
    '',
    ...mdTable(['now', 'term', 'origin', 'sources'], rows, new Set([0])),
    ...(note ? ['', note] : []),
    '',
    '## Pressure from unbalanced triads',
    '',
    ...(r.pressure.length ? r.pressure.map((p) => `- ${pressureLine(p)}`) : ['None.']),
  ];
  return out.join('\n') + '\n';
}

export const EXPLAIN_COLUMNS = ['date', 'from', 'to', 'kind', 'label', 'event', 'option', 'reaction', 'now', 'start', 'since', 'fade_per_year', 'sources'] as const;

/** One CSV row per ledger term (`explain --format csv`); source references separated by spaces. */
export function explainCsv(r: ExplainReport): string {
  return toCsv(
    EXPLAIN_COLUMNS,
    r.terms.map((t) => [r.date, r.from, r.to, t.kind, t.label, t.event, t.option, t.reaction, t.now, t.start, t.since, t.fadePerYear, t.sources.map((s) => s.ref).join(' ')]),
  );
}
