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
import { isFinished } from '../core/step.js';
import { stepWith } from './engine.js';
import { postureSubjects } from './view/labels.js';

export interface Resim {
  /**
   * Decisions whose odds moved, with the odds before and after (at the state where each came up): those taken up
   * to the cursor, the one waiting there, and (`ahead`) every one that comes up later in the branch, played on to
   * the end as G would (issue 13: a change reaches decisions past the cursor too).
   */
  readonly odds: readonly { decision: string; option: string; before: number; after: number; ahead?: true }[];
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

/** A branch as far as it is computed, with its cursor and the user's choices (to play it on past its tip). */
export interface AheadLine {
  readonly states: readonly SimState[];
  readonly cursor: number;
  readonly choices: Readonly<Record<string, string>>;
}

const aheadMemo = new WeakMap<readonly SimState[], { cursor: number; choices: AheadLine['choices']; odds: Map<string, Record<string, number>> }>();

/** Steps at most this far past a branch's tip when looking for the decisions ahead (the scenario's own bound is far below). */
const AHEAD_STEPS = 10_000;

/**
 * The odds of every decision that comes up after the cursor, at the state where it first comes up: in the
 * states the branch has computed, then played on from its tip with the user's choices and the engine's seeded
 * draws (what G does) to the end.
 */
export function oddsAhead(scenario: Scenario, line: AheadLine): Map<string, Record<string, number>> {
  // A change's replayed branch is the next change's starting point: its look ahead is kept with its states.
  const hit = aheadMemo.get(line.states);
  if (hit && hit.cursor === line.cursor && hit.choices === line.choices) return hit.odds;
  const out = new Map<string, Record<string, number>>();
  const see = (s: SimState) => {
    if (!s.pending || out.has(s.pending.decision)) return;
    const decision = scenario.events[s.pending.event]?.decision;
    if (decision) out.set(decision.id, Object.fromEntries(decisionOdds(scenario, s, decision).map((o) => [o.id, o.p])));
  };
  for (let i = line.cursor + 1; i < line.states.length; i++) see(line.states[i]!);
  let s = line.states[line.states.length - 1]!;
  for (let n = 0; n < AHEAD_STEPS && !isFinished(s); n++) {
    s = stepWith(scenario, s, line.choices);
    see(s);
  }
  aheadMemo.set(line.states, { cursor: line.cursor, choices: line.choices, odds: out });
  return out;
}

/**
 * What moved: the odds of every decision taken up to the cursor (and the one waiting there), the scores at the
 * cursor, and, given both lines (`ahead`), the odds of the decisions that come up later in the branch.
 */
export function resimReport(scenario: Scenario, sb: SimState, sa: SimState, ahead?: { readonly before: AheadLine; readonly after: AheadLine }): Resim {
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
  if (ahead) {
    const seen = new Set(odds.map((o) => o.decision).concat(Object.keys(sa.choices), sa.pending ? [sa.pending.decision] : []));
    const before = oddsAhead(scenario, ahead.before);
    const n = odds.length;
    for (const [dec, after] of oddsAhead(scenario, ahead.after)) {
      const old = before.get(dec);
      if (old && !seen.has(dec)) moved(dec, old, after);
    }
    for (let i = n; i < odds.length; i++) odds[i] = { ...odds[i]!, ahead: true };
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
