/**
 * Teacher injects as the screens show them (terminal and web page): the scenario's optional events, where each
 * is inserted in the session, and where an inserted one landed in the current branch.
 */
import type { Day, EventDef } from '../../core/model.js';
import type { SessionData } from '../session-logic.js';
import { branchOf, currentState, tipOf } from '../selectors.js';

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
export function landedAt(d: SessionData, id: string, date: Day): number | null {
  const tip = tipOf(branchOf(d));
  const i = tip.log.findIndex((e) => e.event === id && e.date === date && e.origin.kind === 'inject');
  return i < 0 ? null : i + 1;
}
