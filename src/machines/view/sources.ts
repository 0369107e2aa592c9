/** How a citation reads in the UI: `¶14 <the scenario's paraphrase of paragraph 14>` or a source's title and URL. */
import type { Scenario, SourceRef } from '../../core/model.js';

export function sourceLabel(scenario: Scenario, ref: SourceRef): string {
  if (ref.para !== undefined) {
    const text = scenario.article?.paragraphs[ref.para];
    return text ? `¶${ref.para} ${text}` : `¶${ref.para}`;
  }
  const s = scenario.sources[ref.id];
  if (!s) return ref.id;
  return `${s.url ? `${s.title} <${s.url}>` : s.title}${unverified(s)}`;
}

const unverified = (s: { readonly reliability?: string } | undefined) => (s?.reliability === 'unverified' ? ' [UNVERIFIED]' : '');

/** Short form for tight places: `¶14`, or the source's title. */
export function sourceShort(scenario: Scenario, ref: SourceRef): string {
  if (ref.para !== undefined) return `¶${ref.para}`;
  const s = scenario.sources[ref.id];
  return `${s?.title ?? ref.id}${unverified(s)}`;
}

/** A list of citations in short form, each once (an option and its event often cite the same paragraph). */
export function sourcesShort(scenario: Scenario, refs: readonly SourceRef[]): string {
  return [...new Set(refs.map((r) => sourceShort(scenario, r)))].join(', ');
}

/** Citations in full, each once. */
export function sourceLabels(scenario: Scenario, refs: readonly SourceRef[]): string[] {
  return [...new Set(refs.map((r) => sourceLabel(scenario, r)))];
}

/** A citation as parts, for a page that links it: the text to show, and the URL (of a source that has one). */
export interface SourceItem {
  /** `¶14 <paraphrase>` or the source's title (with [UNVERIFIED]). */
  readonly text: string;
  readonly url: string | null;
}

/** Citations as parts, each once. */
export function sourceItems(scenario: Scenario, refs: readonly SourceRef[]): SourceItem[] {
  const seen = new Set<string>();
  const out: SourceItem[] = [];
  for (const ref of refs) {
    const key = sourceLabel(scenario, ref);
    if (seen.has(key)) continue;
    seen.add(key);
    const s = ref.para === undefined ? scenario.sources[ref.id] : undefined;
    out.push(s ? { text: `${s.title}${unverified(s)}`, url: s.url ?? null } : { text: key, url: null });
  }
  return out;
}
