/**
 * The timeline of the current branch as rows: the start, every step computed so far (the cursor can be anywhere
 * among them), the decision waiting at the tip, and the dated events still on the agenda (not yet reached).
 * Decisions and branch points are marked.
 */
import type { Scenario } from '../../core/model.js';
import type { LogEntry } from '../../core/state.js';
import type { SessionData } from '../session-logic.js';
import { branchOf, tipOf } from '../selectors.js';
import { formatDay } from '../../core/date.js';

export interface TimelineRow {
  /** Index of the state this row leads to (null for rows beyond the computed history). */
  readonly step: number | null;
  readonly date: string;
  readonly title: string;
  readonly kind: 'start' | 'event' | 'skipped' | 'decision' | 'capped' | 'waiting' | 'upcoming';
  /** For decisions: the option taken, and by whom. */
  readonly option?: string;
  readonly by?: 'user' | 'engine';
  /** For decisions: whose decision it is. */
  readonly actor?: string;
  readonly cursor: boolean;
  /** A teacher's inject (inserted with the injects screen or --inject). */
  readonly inject?: boolean;
  /** Ids of other branches that part from this one at this row. */
  readonly forks: readonly number[];
}

function optionLabel(scenario: Scenario, entry: LogEntry): string | undefined {
  if (entry.option === undefined) return undefined;
  const dec = scenario.events[entry.event]?.decision;
  return dec?.options.find((o) => o.id === entry.option)?.label ?? entry.option;
}

/** The first step at which two logs differ (the index of the first differing entry), or null if one extends the other. */
export function partingIndex(a: readonly LogEntry[], b: readonly LogEntry[]): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.event !== y.event || x.option !== y.option || x.kind !== y.kind) return i;
  }
  return null;
}

export function timelineRows(d: SessionData): TimelineRow[] {
  const b = branchOf(d);
  const sc = d.scenario;
  const tip = tipOf(b);
  const forksAt = new Map<number, number[]>();
  for (const other of d.branches) {
    if (other.id === b.id) continue;
    const i = partingIndex(tip.log, tipOf(other).log);
    if (i !== null) forksAt.set(i, [...(forksAt.get(i) ?? []), other.id]);
  }
  const rows: TimelineRow[] = [
    { step: 0, date: formatDay(b.states[0]!.date), title: 'Start', kind: 'start', cursor: b.cursor === 0, forks: [] },
  ];
  tip.log.forEach((e, i) => {
    const option = optionLabel(sc, e);
    const actor = e.kind === 'decision' ? sc.events[e.event]?.decision?.actor : undefined;
    rows.push({
      step: i + 1,
      date: formatDay(e.date),
      title: e.kind === 'decision' ? (sc.events[e.event]?.decision?.question ?? e.event) : (sc.events[e.event]?.title ?? e.event),
      kind: e.kind,
      ...(option !== undefined ? { option } : {}),
      ...(e.by !== undefined ? { by: e.by } : {}),
      ...(actor !== undefined ? { actor } : {}),
      ...(e.origin.kind === 'inject' ? { inject: true } : {}),
      cursor: b.cursor === i + 1,
      forks: forksAt.get(i) ?? [],
    });
  });
  if (tip.pending) {
    const dec = sc.events[tip.pending.event]?.decision;
    rows.push({
      step: null,
      date: formatDay(tip.date),
      title: dec ? `${dec.actor}: ${dec.question}` : tip.pending.decision,
      kind: 'waiting',
      cursor: false,
      forks: forksAt.get(tip.log.length) ?? [],
    });
  }
  for (const item of tip.agenda) {
    rows.push({
      step: null,
      date: formatDay(item.date),
      title: sc.events[item.event]?.title ?? item.event,
      kind: 'upcoming',
      ...(item.origin.kind === 'inject' ? { inject: true } : {}),
      cursor: false,
      forks: [],
    });
  }
  return rows;
}

/** The slice of `rows` to show in `height` lines, keeping the cursor about a third of the way down. */
export function timelineWindow<T extends { cursor: boolean }>(rows: readonly T[], height: number): { rows: T[]; first: number } {
  if (rows.length <= height) return { rows: [...rows], first: 0 };
  const at = Math.max(0, rows.findIndex((r) => r.cursor));
  const first = Math.max(0, Math.min(at - Math.floor(height / 3), rows.length - height));
  return { rows: rows.slice(first, first + height), first };
}
