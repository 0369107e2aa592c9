/** Names and labels from the scenario, for the human-readable reports. */
import type { Band, Decision, Option, Scenario, SourceRef } from '../../core/model.js';
import { decisionsOf } from '../../scenario/decisions.js';

export function decision(scenario: Scenario, id: string): Decision | undefined {
  return decisionsOf(scenario).get(id);
}

export function option(scenario: Scenario, decisionId: string, optionId: string): Option | undefined {
  return decision(scenario, decisionId)?.options.find((o) => o.id === optionId);
}

export function bandById(scenario: Scenario, id: string): Band | undefined {
  return scenario.bands.find((b) => b.id === id);
}

/** The band legend: `-- hostile (from -100) · - cool (from -50) …`. */
export function bandLegend(scenario: Scenario): string {
  return scenario.bands.map((b) => `${b.symbol} ${b.label} (from ${b.from})`).join('; ');
}

export interface ResolvedSource {
  readonly ref: string;
  /** `¶14` references: the paragraph number and the scenario's paraphrase of it. */
  readonly paragraph?: number;
  readonly paraphrase?: string;
  readonly title?: string;
  readonly url?: string;
  /** The source is marked `reliability: unverified`. */
  readonly unverified?: true;
}

export function resolveSource(scenario: Scenario, ref: SourceRef): ResolvedSource {
  if (ref.para !== undefined) {
    const paraphrase = scenario.article?.paragraphs[ref.para];
    return { ref: `¶${ref.para}`, paragraph: ref.para, ...(paraphrase !== undefined ? { paraphrase } : {}) };
  }
  const s = scenario.sources[ref.id];
  return { ref: ref.id, ...(s ? { title: s.title } : {}), ...(s?.url ? { url: s.url } : {}), ...(s?.reliability === 'unverified' ? { unverified: true as const } : {}) };
}

/** One line per source: `¶14: <paraphrase>` or `<title> <url>`. */
export function sourceText(src: ResolvedSource): string {
  if (src.paragraph !== undefined) return `article ¶${src.paragraph}${src.paraphrase ? `: ${src.paraphrase}` : ''}`;
  if (src.title) return `${src.title}${src.url ? ` <${src.url}>` : ''}${src.unverified ? ' [UNVERIFIED]' : ''}`;
  return src.ref;
}

/** Unique sources, in order. */
export function uniqueSources(scenario: Scenario, refs: readonly SourceRef[]): ResolvedSource[] {
  const seen = new Set<string>();
  const out: ResolvedSource[] = [];
  for (const r of refs) {
    const k = r.para !== undefined ? `¶${r.para}` : r.id;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(resolveSource(scenario, r));
  }
  return out;
}
