/**
 * Where two branches are compared, and what differs there. Both are taken at the same date, each after the same
 * set of that day's events (matched by event, not by position), so what differs is the effect of the choices
 * that part them, not of one branch being a step ahead. A branch and its parent are compared by default just
 * after the fork: the state right after the decision taken differently, in both.
 * A selector: it reads states the session already computed and never plays the simulation.
 */
import type { Day, Scenario } from '../core/model.js';
import type { LogEntry, SimState } from '../core/state.js';
import { formatDay } from '../core/date.js';
import { postureSubjects } from './view/labels.js';
import { indicatorValue, score, tension } from '../core/ledger.js';
import type { Branch, SessionData } from './session-logic.js';
import { cursorOf, tipOf } from './session-logic.js';

export interface ComparePoint {
  readonly a: { readonly branch: Branch; readonly step: number; readonly state: SimState };
  readonly b: { readonly branch: Branch; readonly step: number; readonly state: SimState };
  readonly day: Day;
  /** One line: the date, which steps, after which events of that day, and why not later when it is not. */
  readonly note: string;
  /** Exactly what differs between the two states, one line each (decisions, events, postures, indicators, relations, tension). */
  readonly differences: readonly string[];
}

function keyOf(e: LogEntry, n: number): string {
  return `${e.event}@${e.date}#${n}`;
}

/** The keys of the entries of `s`'s log dated `day`, sorted (a log is in date order, so only its tail is read). */
function dayKeys(s: SimState, day: Day): string {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = s.log.length - 1; i >= 0 && s.log[i]!.date >= day; i--) {
    const e = s.log[i]!;
    if (e.date !== day) continue;
    const n = seen.get(e.event) ?? 0;
    seen.set(e.event, n + 1);
    out.push(`${e.event}#${n}`);
  }
  return out.sort().join('|');
}

/**
 * The latest pair of states, one from each branch, dated the same day no later than `day` and after the same
 * events of that day. Dates walk back one at a time; the two initial states always match, so there is a pair.
 */
function matchingSteps(A: readonly SimState[], B: readonly SimState[], day: Day): [number, number] {
  let i = A.length - 1;
  let j = B.length - 1;
  for (;;) {
    while (i > 0 && A[i]!.date > day) i--;
    while (j > 0 && B[j]!.date > day) j--;
    const d = Math.min(A[i]!.date, B[j]!.date);
    while (i > 0 && A[i]!.date > d) i--;
    while (j > 0 && B[j]!.date > d) j--;
    if (A[i]!.date === B[j]!.date) {
      // The states of each branch on this date, latest first; the first pair after the same events wins.
      const bOn = new Map<string, number>();
      for (let y = j; y >= 0 && B[y]!.date === d; y--) {
        const k = dayKeys(B[y]!, d);
        if (!bOn.has(k)) bOn.set(k, y);
      }
      for (let x = i; x >= 0 && A[x]!.date === d; x--) {
        const y = bOn.get(dayKeys(A[x]!, d));
        if (y !== undefined) return [x, y];
      }
    }
    if (i === 0 && j === 0) return [0, 0];
    // Nothing matches on this date (or only one branch has it): look at the day before.
    day = d - 1;
    if (A[0]!.date > day || B[0]!.date > day) return [0, 0];
  }
}

function capital(sc: Scenario, id: string | undefined): string {
  return sc.actors.find((a) => a.id === id)?.capital ?? id ?? '?';
}

function entryLabel(sc: Scenario, e: LogEntry): string {
  const ev = sc.events[e.event];
  return `${ev?.decision ? ev.decision.question : (ev?.title ?? e.event)} (${formatDay(e.date)})${e.kind === 'skipped' ? ' [did not happen]' : ''}`;
}

/** Every difference between two states of the same scenario, in words. */
export function differences(sc: Scenario, ida: number, sa: SimState, idb: number, sb: SimState): string[] {
  const out: string[] = [];
  const optionLabel = (d: string, o: string | undefined) => {
    for (const ev of Object.values(sc.events)) if (ev.decision?.id === d) return ev.decision.options.find((x) => x.id === o)?.label ?? o ?? '—';
    return o ?? '—';
  };
  const actorOf = (d: string) => Object.values(sc.events).find((ev) => ev.decision?.id === d)?.decision?.actor;
  for (const d of [...new Set([...Object.keys(sa.choices), ...Object.keys(sb.choices)])].sort()) {
    const x = sa.choices[d];
    const y = sb.choices[d];
    if (x?.option === y?.option) continue;
    out.push(`${capital(sc, actorOf(d))}'s decision: ${x ? optionLabel(d, x.option) : 'not taken'} (#${ida}) vs ${y ? optionLabel(d, y.option) : 'not taken'} (#${idb})`);
  }
  const keyed = (s: SimState) => {
    const seen = new Map<string, number>();
    const m = new Map<string, LogEntry>();
    for (const e of s.log) {
      const n = seen.get(`${e.event}@${e.date}`) ?? 0;
      seen.set(`${e.event}@${e.date}`, n + 1);
      if (e.kind !== 'decision') m.set(keyOf(e, n), e);
    }
    return m;
  };
  const ka = keyed(sa);
  const kb = keyed(sb);
  for (const [k, e] of ka) {
    const o = kb.get(k);
    if (!o) out.push(`only in #${ida}: ${entryLabel(sc, e)}`);
    else if (o.kind !== e.kind) out.push(`${entryLabel(sc, e)} in #${ida}, ${o.kind === 'skipped' ? 'did not happen' : 'happened'} in #${idb}`);
  }
  for (const [k, e] of kb) if (!ka.has(k)) out.push(`only in #${idb}: ${entryLabel(sc, e)}`);
  for (const c of postureSubjects(sc)) {
    const [x, y] = [sa.postures[c.key], sb.postures[c.key]];
    if (x !== y) out.push(`${c.capital}'s ${c.chart ? `${c.chart} ` : ''}posture: ${x} (#${ida}) vs ${y} (#${idb})`);
  }
  for (const ind of sc.indicators) {
    const x = indicatorValue(sa, ind.id);
    const y = indicatorValue(sb, ind.id);
    if (Math.abs(x - y) > 1e-9) out.push(`${ind.label}: ${+x.toFixed(2)} (#${ida}) vs ${+y.toFixed(2)} (#${idb}) ${ind.unit}`);
  }
  let small = 0;
  for (const x of sc.actors)
    for (const y of sc.actors) {
      if (x.id === y.id) continue;
      const p = score(sa, x.id, y.id);
      const q = score(sb, x.id, y.id);
      if (Math.round(p) !== Math.round(q)) out.push(`${x.id}→${y.id}: ${Math.round(p)} (#${ida}) vs ${Math.round(q)} (#${idb})`);
      else if (Math.abs(p - q) > 1e-9) small++;
    }
  if (small) out.push(`${small} more relation${small === 1 ? ' differs' : 's differ'} by less than the display shows (under 0.5)`);
  const ta = tension(sa, sc.model.tensionInitial, sc.model.tensionFadePerMonth);
  const tb = tension(sb, sc.model.tensionInitial, sc.model.tensionFadePerMonth);
  if (Math.round(ta) !== Math.round(tb)) out.push(`tension: ${Math.round(ta)} (#${ida}) vs ${Math.round(tb)} (#${idb})`);
  return out;
}

/** Just after the fork, when one branch is the other's parent and both have gone past it. */
function afterFork(a: Branch, b: Branch): number | null {
  const child = a.parent === b.id ? a : b.parent === a.id ? b : null;
  if (!child) return null;
  const k = child.forkStep + 1;
  return a.states[k] && b.states[k] && a.states[k]!.date === b.states[k]!.date ? k : null;
}

/**
 * Branch `aId` (at its cursor's date) against branch `bId`; with `fork` (the default when one is the other's
 * parent), just after the fork instead.
 */
export function comparePoint(d: SessionData, aId: number, bId: number, fork = true): ComparePoint {
  const sc = d.scenario;
  const A = d.branches[aId]!;
  const B = d.branches[bId]!;
  const k = fork ? afterFork(A, B) : null;
  if (k !== null) {
    const sa = A.states[k]!;
    const sb = B.states[k]!;
    const e = sa.log[sa.log.length - 1];
    const note = `Just after the fork, on ${formatDay(sa.date)}: #${aId} and #${bId} both at step ${k}, after the same events; ${e ? `they part at “${entryLabel(sc, e)}”` : ''}`;
    return { a: { branch: A, step: k, state: sa }, b: { branch: B, step: k, state: sb }, day: sa.date, note, differences: differences(sc, aId, sa, bId, sb) };
  }
  const want = cursorOf(A).date;
  const reach = tipOf(B).date;
  const day = Math.min(want, reach);
  const [ia, ib] = matchingSteps(A.states, B.states, day);
  const at = A.states[ia]!.date;
  const n = A.states[ia]!.log.filter((e) => e.date === at).length;
  const events = n ? `each after the same ${n} event${n === 1 ? '' : 's'} of that day` : 'each before any event of that day';
  const why = day < want ? `; #${bId} has not got past ${formatDay(reach)} (step it on to compare later)` : ia !== A.cursor ? `; not at #${aId}'s cursor (step ${A.cursor}): #${bId} has no state after the same events` : '';
  const note = `Compared on ${formatDay(at)}, ${events}: #${aId} step ${ia}, #${bId} step ${ib}${why}`;
  const sa = A.states[ia]!;
  const sb = B.states[ib]!;
  return { a: { branch: A, step: ia, state: sa }, b: { branch: B, step: ib, state: sb }, day: at, note, differences: differences(sc, aId, sa, bId, sb) };
}
