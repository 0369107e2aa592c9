/**
 * A run's time series in long format: one row per number per state of the history, for analysts who want the
 * whole trajectory in pandas, R or a spreadsheet (`geosim run --format csv|jsonl`). Values are rounded as in
 * the run summary (`round2`), so the last state's rows equal `run --format json`'s `final` numbers.
 */
import type { Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { indicatorValues, score, tension } from '../core/ledger.js';
import { formatDay } from '../core/date.js';
import { round2 } from '../core/summary.js';
import { historyLastLog } from '../core/history-meta.js';
import { SimError } from '../core/errors.js';
import { csvLines, toJsonl } from './csv.js';

/** What a row measures: a directed relation score, world tension, an indicator, or an actor's posture. */
export type SeriesKind = 'relation' | 'tension' | 'indicator' | 'posture';

export interface SeriesRow {
  readonly date: string;
  /** The state's step number (0: the initial state). */
  readonly step: number;
  /** The event or decision the state follows ('' for the initial state). */
  readonly event: string;
  readonly series: SeriesKind;
  /** relation: the actor whose view it is; posture: the actor. */
  readonly from: string;
  /** relation: the actor viewed; indicator: the indicator id. */
  readonly to: string;
  /** The number (relation, tension, indicator); null for a posture. */
  readonly value: number | null;
  /** A posture's state id; '' otherwise. */
  readonly state: string;
}

/**
 * Most rows one export (a time series, a network at every step) may hold: about 100 MB of CSV, built in memory.
 * A scenario at the loader's limits (100 actors, 20,000 events) would make 198 million relation rows at every
 * step, several GB, and the process would die; past this it is refused in one line before anything is built.
 */
export const MAX_EXPORT_ROWS = 2_000_000;

/** Refuses an export of `states` states of `perState` rows each past MAX_EXPORT_ROWS, naming `what` and a way out. */
export function checkExportRows(what: string, states: number, perState: number, instead: string): void {
  const rows = states * perState;
  if (rows <= MAX_EXPORT_ROWS) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new SimError(`${what} would hold ${n(rows)} rows (${n(states)} steps × ${n(perState)}), more than the ${n(MAX_EXPORT_ROWS)} an export may hold; ${instead}`);
}

export const SERIES_COLUMNS = ['date', 'step', 'event', 'series', 'from', 'to', 'value', 'state'] as const;

/** The rows of one state, in a fixed order: relations (actor order), tension, indicators, postures. */
export function stateRows(scenario: Scenario, s: SimState): SeriesRow[] {
  const date = formatDay(s.date);
  const last = historyLastLog(s); // s.log's last entry, without building every state's log
  const base = { date, step: s.step, event: last?.event ?? '' };
  const rows: SeriesRow[] = [];
  for (const a of scenario.actors) {
    for (const b of scenario.actors) {
      if (a.id === b.id) continue;
      rows.push({ ...base, series: 'relation', from: a.id, to: b.id, value: round2(score(s, a.id, b.id)), state: '' });
    }
  }
  const t = tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth);
  rows.push({ ...base, series: 'tension', from: '', to: '', value: round2(t), state: '' });
  for (const [id, v] of Object.entries(indicatorValues(s))) rows.push({ ...base, series: 'indicator', from: '', to: id, value: round2(v), state: '' });
  for (const [actor, p] of Object.entries(s.postures)) rows.push({ ...base, series: 'posture', from: actor, to: '', value: null, state: p });
  return rows;
}

/** Every row of every state of a history, in order. */
export function seriesRows(scenario: Scenario, states: readonly SimState[]): SeriesRow[] {
  return states.flatMap((s) => stateRows(scenario, s));
}

/**
 * `run --format csv|jsonl` as text in parts, one per state (the CSV header first): the parts joined are
 * toCsv/toJsonl of seriesRows, byte for byte, but only one state's rows exist at a time, so memory stays
 * that of the history however many rows the export holds.
 */
export function* seriesText(format: 'csv' | 'jsonl', scenario: Scenario, states: readonly SimState[]): Generator<string> {
  if (format === 'csv') yield csvLines([SERIES_COLUMNS]);
  for (const s of states) {
    const rows = stateRows(scenario, s);
    yield format === 'csv' ? csvLines(rows.map((r) => SERIES_COLUMNS.map((c) => r[c]))) : toJsonl(rows);
  }
}
