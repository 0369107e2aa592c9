/** CSV of the explain and sweep reports: one row per ledger term, one row per assumption value. */
import type { SweepResult } from '../mc/sweep.js';
import { toCsv } from './csv.js';

/** The fields of an explain report's CSV (a structural subset of cli/format/explain.ts ExplainReport). */
export interface ExplainTable {
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly score: number;
  readonly terms: readonly {
    readonly kind: string;
    readonly label: string;
    readonly event: string | null;
    readonly option: string | null;
    readonly reaction: string | null;
    readonly now: number;
    readonly start: number;
    readonly since: string;
    readonly fadePerYear: number;
    readonly sources: readonly { readonly ref: string }[];
  }[];
}

export const EXPLAIN_COLUMNS = ['date', 'from', 'to', 'kind', 'label', 'event', 'option', 'reaction', 'now', 'start', 'since', 'fade_per_year', 'sources'] as const;

export function explainCsv(r: ExplainTable): string {
  return toCsv(
    EXPLAIN_COLUMNS,
    r.terms.map((t) => [r.date, r.from, r.to, t.kind, t.label, t.event, t.option, t.reaction, t.now, t.start, t.since, t.fadePerYear, t.sources.map((s) => s.ref).join(' ')]),
  );
}

export const SWEEP_COLUMNS = ['target', 'assumption', 'value', 'p', 'odds', 'base'] as const;

/** One row per assumption value of the one-at-a-time sweep; Morris effects and flips are in the JSON. */
export function sweepCsv(r: SweepResult): string {
  const rows = r.oat.flatMap((line) => line.values.map((v, i) => [r.target, line.id, v, line.p[i] ?? null, line.odds?.[i] ?? null, line.base]));
  return toCsv(SWEEP_COLUMNS, rows);
}
