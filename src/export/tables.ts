/** CSV of the sweep report: one row per assumption value (explain's CSV is beside its report, cli/format/explain.ts). */
import type { SweepResult } from '../mc/sweep.js';
import { toCsv } from './csv.js';

export const SWEEP_COLUMNS = ['target', 'assumption', 'value', 'p', 'odds', 'base'] as const;

/** One row per assumption value of the one-at-a-time sweep; Morris effects and flips are in the JSON. */
export function sweepCsv(r: SweepResult): string {
  const rows = r.oat.flatMap((line) => line.values.map((v, i) => [r.target, line.id, v, line.p[i] ?? null, line.odds?.[i] ?? null, line.base]));
  return toCsv(SWEEP_COLUMNS, rows);
}
