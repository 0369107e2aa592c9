/**
 * Teacher injects (issue 5): the scenario's optional events, inserted into the session at the cursor's date or
 * at their default date, and taken out again. Every change sends the session the whole new list (INJECT); the
 * machine re-simulates every branch at once and reports what moved, as it does for assumptions.
 */
import type { Day, EventDef } from '../core/model.js';
import type { Inject } from '../core/run.js';
import { formatDay } from '../core/date.js';
import type { SessionData } from '../machines/session-logic.js';
import { currentState, tipOf, branchOf } from '../machines/selectors.js';
import type { Command } from './keys.js';
import type { UiState } from './ui-state.js';
import { info, sendAndReport, type SessionPort } from './port.js';

export interface InjectRow {
  readonly id: string;
  readonly event: EventDef | undefined;
  /** The dates it is inserted at in the session (empty: not inserted). */
  readonly dates: readonly Day[];
}

export function injectRows(d: SessionData): InjectRow[] {
  return d.scenario.injects.map((id) => ({
    id,
    event: d.scenario.events[id],
    dates: d.injects.filter((i) => i.event === id).map((i) => i.date),
  }));
}

/** The date of the state at the cursor: where an inject goes when the teacher inserts it "here". */
export function cursorDate(d: SessionData): Day {
  return currentState(d).date;
}

/** Where the inject `id` at `date` landed in the current branch: its step, or null when not reached yet. */
function landedAt(d: SessionData, id: string, date: Day): number | null {
  const tip = tipOf(branchOf(d));
  const i = tip.log.findIndex((e) => e.event === id && e.date === date && e.origin.kind === 'inject');
  return i < 0 ? null : i + 1;
}

function setAt(ui: UiState, port: SessionPort, row: InjectRow, date: Day): UiState {
  const d = port.data();
  const injects: Inject[] = [...d.injects.filter((i) => i.event !== row.id), { event: row.id, date }];
  const next = sendAndReport(ui, port, { type: 'INJECT', injects });
  if (next.message || port.tags().has('modal')) return next; // refused, or it flips what happened: the question shows
  const step = landedAt(port.data(), row.id, date);
  const where = step !== null ? `step ${step} of the timeline (✚)` : `comes up when you step on to it (✚)`;
  return { ...next, message: { text: `Injected ${row.id} on ${formatDay(date)}: ${where}`, tone: 'good' } };
}

export function injectsKey(ui: UiState, cmd: Command, port: SessionPort): UiState | undefined {
  const d = port.data();
  const rows = injectRows(d);
  if (!rows.length) return undefined;
  const sel = Math.min(ui.inject, rows.length - 1);
  const row = rows[sel]!;
  switch (cmd) {
    case 'up':
      return { ...ui, inject: Math.max(0, sel - 1), scroll: 0 };
    case 'down':
      return { ...ui, inject: Math.min(rows.length - 1, sel + 1), scroll: 0 };
    case 'toggle': {
      if (!row.dates.length) return setAt(ui, port, row, cursorDate(d));
      const next = sendAndReport(ui, port, { type: 'INJECT', injects: d.injects.filter((i) => i.event !== row.id) });
      return next.message ? next : { ...next, message: info(`Took out ${row.id}`) };
    }
    case 'atDefault': {
      const date = row.event?.date;
      if (date === undefined) return { ...ui, message: info(`${row.id} has no default date: space inserts it at the cursor's date`) };
      if (row.dates.length === 1 && row.dates[0] === date) return { ...ui, message: info(`${row.id} is already at its default date (${formatDay(date)})`) };
      return setAt(ui, port, row, date);
    }
    default:
      return undefined;
  }
}
