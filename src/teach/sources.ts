/** Citations in handouts and reports: `¶N` of the scenario's article or an entry of its `sources`. */
import type { Scenario, SourceRef } from '../core/model.js';

export interface CitedSource {
  /** What the text shows: `¶14` or the source id. */
  readonly ref: string;
  /** The source's title, or for a paragraph the scenario's paraphrase of it. */
  readonly title: string;
  readonly url?: string;
  readonly reliability?: 'C' | 'W' | 'unverified';
}

export function refText(ref: SourceRef): string {
  return ref.para !== undefined ? `¶${ref.para}` : ref.id;
}

export function cite(scenario: Scenario, ref: SourceRef): CitedSource {
  if (ref.para !== undefined) {
    const title = scenario.article?.paragraphs[ref.para];
    const article = scenario.article?.title ?? 'the article';
    return { ref: refText(ref), title: title !== undefined ? `${article}, paragraph ${ref.para}: ${title}` : `${article}, paragraph ${ref.para}` };
  }
  const s = scenario.sources[ref.id];
  if (!s) return { ref: ref.id, title: ref.id };
  return { ref: ref.id, title: s.title, ...(s.url ? { url: s.url } : {}), ...(s.reliability ? { reliability: s.reliability } : {}) };
}

/** Collects the sources cited across a document, each once, in order of first citation. */
export class Bibliography {
  private readonly seen = new Map<string, CitedSource>();
  constructor(private readonly scenario: Scenario) {}

  add(refs: readonly SourceRef[]): readonly SourceRef[] {
    for (const r of refs) {
      const k = refText(r);
      if (!this.seen.has(k)) this.seen.set(k, cite(this.scenario, r));
    }
    return refs;
  }

  list(): CitedSource[] {
    return [...this.seen.values()];
  }
}

/** Unique refs in order. */
export function uniqueRefs(refs: readonly SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = refText(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
