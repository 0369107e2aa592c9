/**
 * What a change of inputs did to a branch: the flips it makes before or at the cursor (a drawn decision, a
 * reaction, an event that now happens or not, a posture), named in the scenario's own words, and the odds and
 * scores it moved at the cursor.
 */
import type { ActorId, Scenario } from '../core/model.js';
import type { LogEntry, SimState } from '../core/state.js';
import { score } from '../core/ledger.js';
import { decisionOdds } from '../core/odds.js';
import { formatDay } from '../core/date.js';
import { postureSubjects } from './view/labels.js';

export interface Resim {
  /** Decisions whose odds moved, with the odds before and after (at the state where each came up). */
  readonly odds: readonly { decision: string; option: string; before: number; after: number }[];
  /** Relations at the cursor that moved by at least 0.5. */
  readonly scores: readonly { from: ActorId; to: ActorId; before: number; after: number }[];
}

interface Line {
  readonly states: readonly SimState[];
  readonly cursor: number;
}

function capital(scenario: Scenario, id: ActorId | undefined): string {
  return scenario.actors.find((a) => a.id === id)?.capital ?? id ?? '?';
}

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function eventTitle(scenario: Scenario, e: LogEntry): string {
  const ev = scenario.events[e.event];
  return ev?.decision ? ev.decision.question : (ev?.title ?? e.event);
}

function keyed(log: readonly LogEntry[]): Map<string, LogEntry> {
  const seen = new Map<string, number>();
  const out = new Map<string, LogEntry>();
  for (const e of log) {
    const k = `${e.event}@${e.date}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out.set(`${k}#${n}`, e);
  }
  return out;
}

function what(scenario: Scenario, e: LogEntry): string {
  const how = e.origin.kind === 'reaction' ? ` (reaction ${e.origin.by})` : e.origin.kind === 'inject' ? " (teacher's inject)" : '';
  return `${eventTitle(scenario, e)}${how} on ${formatDay(e.date)}`;
}

/** One line for an entry that differs between the two runs, or null when it does not. */
function entryFlip(scenario: Scenario, a: LogEntry | undefined, b: LogEntry | undefined): string | null {
  if (a && b) {
    if (a.kind === b.kind && a.option === b.option) return null;
    if (a.kind === 'decision' && b.kind === 'decision') {
      const dec = scenario.events[a.event]?.decision;
      const label = (o: string | undefined) => dec?.options.find((x) => x.id === o)?.label ?? o ?? '?';
      return `${possessive(capital(scenario, dec?.actor))} decision flips: ${label(a.option)} → ${label(b.option)}`;
    }
    if (b.kind === 'skipped') return `${what(scenario, a)} no longer happens`;
    if (a.kind === 'skipped') return `${what(scenario, b)} now happens`;
    return `${what(scenario, b)}: ${a.kind} → ${b.kind}`;
  }
  // A teacher's inject coming or going is the change itself, not a flip; what it sets off is.
  if (b) return b.kind === 'skipped' || b.origin.kind === 'inject' ? null : `${what(scenario, b)} now happens`;
  if (a) return a.kind === 'skipped' || a.origin.kind === 'inject' ? null : `${what(scenario, a)} no longer happens`;
  return null;
}

/**
 * The flips between a branch and its replay under new inputs, up to and including the cursor: decisions drawn
 * otherwise, events and reactions that now happen or no longer do (matched by event and date, not by position,
 * so one inserted event is one line), and postures at the cursor. `parting`: the first step whose log entry
 * differs (−1: none), where a branch kept from the change leaves this one.
 */
export function flipsBetween(scenario: Scenario, before: Line, after: Line): { flips: string[]; parting: number } {
  const sa = before.states[before.cursor]!;
  const sb = after.states[after.cursor]!;
  const flips: string[] = [];
  let parting = -1;
  const n = Math.max(sa.log.length, sb.log.length);
  for (let i = 0; i < n && parting < 0; i++) {
    const x = sa.log[i];
    const y = sb.log[i];
    if (!x || !y || x.event !== y.event || x.kind !== y.kind || x.option !== y.option) parting = i;
  }
  const ka = keyed(sa.log);
  const kb = keyed(sb.log);
  for (const k of new Set([...ka.keys(), ...kb.keys()])) {
    const f = entryFlip(scenario, ka.get(k), kb.get(k));
    if (f) flips.push(f);
  }
  for (const c of postureSubjects(scenario)) {
    const x = sa.postures[c.key];
    const y = sb.postures[c.key];
    if (x !== y) {
      if (parting < 0) parting = before.cursor;
      flips.push(`${possessive(c.capital)} ${c.chart ? `${c.chart} ` : ''}posture: ${x} → ${y}`);
    }
  }
  return { flips, parting };
}

/** What moved at the cursor: the odds of every decision taken (and the one waiting), and the scores. */
export function resimReport(scenario: Scenario, sb: SimState, sa: SimState): Resim {
  const odds: Resim['odds'][number][] = [];
  const moved = (dec: string, before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>) => {
    for (const [opt, p] of Object.entries(after)) {
      const q = before[opt] ?? 0;
      if (Math.abs(p - q) >= 0.005) odds.push({ decision: dec, option: opt, before: q, after: p });
    }
  };
  for (const [dec, c] of Object.entries(sa.choices)) {
    const old = sb.choices[dec];
    if (old) moved(dec, old.odds, c.odds);
  }
  if (sa.pending && sb.pending?.decision === sa.pending.decision) {
    const decision = scenario.events[sa.pending.event]!.decision!;
    const oddsAt = (st: SimState) => Object.fromEntries(decisionOdds(scenario, st, decision).map((o) => [o.id, o.p]));
    moved(decision.id, oddsAt(sb), oddsAt(sa));
  }
  const scores: Resim['scores'][number][] = [];
  for (const a of scenario.actors)
    for (const b of scenario.actors) {
      if (a.id === b.id) continue;
      const x = score(sb, a.id, b.id);
      const y = score(sa, a.id, b.id);
      if (Math.abs(x - y) >= 0.5) scores.push({ from: a.id, to: b.id, before: x, after: y });
    }
  return { odds, scores };
}
