/**
 * Teacher injects (issue 5): the scenario's optional events, inserted into the session at the cursor's date or
 * at their default date, and taken out again. Every change sends the session the whole new list (INJECT); the
 * machine re-simulates every branch at once and reports what moved, as it does for assumptions.
 */
import type { Day } from '../core/model.js';
import type { Inject } from '../core/run.js';
import { formatDay } from '../core/date.js';
import { cursorDate, injectRows, landedAt, type InjectRow } from '../machines/view/injects.js';
import type { Command } from './keys.js';
import type { UiState } from './ui-state.js';
import { info, sendAndReport, type SessionPort } from './port.js';

export { cursorDate, injectRows, type InjectRow };

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
