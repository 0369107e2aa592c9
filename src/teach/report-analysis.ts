/**
 * What moved in a run: the relations that moved most over time (for the line chart) and the largest changes
 * between start and end broken down into the ledger terms that made them (for "why").
 */
import type { ActorId, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { explainPair } from '../core/explain.js';
import { rawScore, score } from '../core/ledger.js';
import { round2 } from '../core/summary.js';
import { formatDay } from '../core/date.js';
import type { ChangeBreakdown, ChangeTerm, Series, SeriesLine, TermKind } from './report-model.js';
import { uniqueRefs } from './sources.js';

/** Pairs shown in the line chart, and changes broken down. */
export const SERIES_PAIRS = 6;
export const CHANGE_PAIRS = 5;
const EPS = 0.005;

function pairs(scenario: Scenario): [ActorId, ActorId][] {
  const out: [ActorId, ActorId][] = [];
  for (const a of scenario.actors) for (const b of scenario.actors) if (a.id !== b.id) out.push([a.id, b.id]);
  return out;
}

/** The last state of each date (several steps can share a day), with the initial state first. */
function statesByDate(history: readonly SimState[]): SimState[] {
  const out: SimState[] = [];
  history.forEach((s, i) => {
    if (i === 0) out.push(s);
    else if (out.length > 1 && out[out.length - 1]!.date === s.date) out[out.length - 1] = s;
    else out.push(s);
  });
  return out;
}

/** The `limit` directed relations that strayed furthest from their starting value, over the run's dates. */
export function movedMost(scenario: Scenario, history: readonly SimState[], limit = SERIES_PAIRS): Series {
  const points = statesByDate(history);
  const lines: SeriesLine[] = pairs(scenario).map(([from, to]) => {
    const values = points.map((s) => round2(score(s, from, to)));
    // The previous date's ledger, faded to this date: the value just before this date's events.
    const before = points.map((s, i) => (i === 0 ? values[0]! : round2(score({ ...points[i - 1]!, date: s.date }, from, to))));
    const start = values[0]!;
    return {
      from,
      to,
      values,
      before,
      start,
      end: values[values.length - 1]!,
      min: Math.min(...values, ...before),
      max: Math.max(...values, ...before),
      moved: round2(Math.max(...values.map((v) => Math.abs(v - start)), ...before.map((v) => Math.abs(v - start)))),
    };
  });
  const order = lines.map((l, i) => [l, i] as const).filter(([l]) => l.moved > EPS);
  order.sort(([a, i], [b, j]) => b.moved - a.moved || i - j);
  return { dates: points.map((s) => formatDay(s.date)), lines: order.slice(0, limit).map(([l]) => l) };
}

function termKind(kind: string): TermKind {
  return kind === 'option' || kind === 'reaction' || kind === 'balance' ? kind : 'event';
}

/** The terms that separate the end of a pair's ledger from its start. */
function termsOf(scenario: Scenario, first: SimState, last: SimState, from: ActorId, to: ActorId): ChangeTerm[] {
  const terms: ChangeTerm[] = [];
  for (const line of explainPair(scenario, last, from, to).lines) {
    if (line.kind === 'initial' || line.kind === 'tie') continue;
    if (Math.abs(line.now) < EPS && Math.abs(line.start) < EPS) continue;
    terms.push({
      kind: termKind(line.kind),
      label: line.label,
      date: formatDay(line.created),
      value: round2(line.now),
      startValue: round2(line.start),
      note: line.note,
      sources: uniqueRefs(line.sources),
    });
  }
  const applies = (t: { between: readonly [ActorId, ActorId] }) =>
    (t.between[0] === from && t.between[1] === to) || (t.between[0] === to && t.between[1] === from);
  const before = new Map(first.ties.filter(applies).map((t) => [t.id, t]));
  const after = new Map(last.ties.filter(applies).map((t) => [t.id, t]));
  for (const [id, t] of after) {
    if (!before.has(id)) {
      terms.push({ kind: 'tie added', label: `${t.label} (${t.type})`, date: t.since, value: t.value, startValue: t.value, note: t.why, sources: t.sources });
    }
  }
  for (const [id, t] of before) {
    if (!after.has(id)) {
      terms.push({ kind: 'tie ended', label: `${t.label} (${t.type})`, date: formatDay(tieEnded(scenario, last, id) ?? last.date), value: -t.value, startValue: -t.value, note: t.why, sources: t.sources });
    }
  }
  return terms.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
}

/** The day a tie was ended in this run: the last logged event or choice whose effects end it. */
function tieEnded(scenario: Scenario, s: SimState, tie: string): number | undefined {
  let day: number | undefined;
  for (const e of s.log) {
    const ev = scenario.events[e.event];
    const effects =
      e.kind === 'decision' ? ev?.decision?.options.find((o) => o.id === e.option)?.effects : e.kind === 'event' ? ev?.effects : undefined;
    if (effects?.some((x) => x.kind === 'tie-end' && x.id === tie)) day = e.date;
  }
  return day;
}

/** The `limit` largest changes from first to last state, each broken down by cause and source. */
export function largestChanges(scenario: Scenario, first: SimState, last: SimState, limit = CHANGE_PAIRS): ChangeBreakdown[] {
  const rows = pairs(scenario)
    .map(([from, to], i) => {
      const start = round2(score(first, from, to));
      const end = round2(score(last, from, to));
      return { from, to, start, end, delta: round2(end - start), i };
    })
    .filter((r) => Math.abs(r.delta) > EPS);
  rows.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.i - b.i);
  return rows.slice(0, limit).map(({ from, to, start, end, delta }) => {
    const terms = termsOf(scenario, first, last, from, to);
    const rawDelta = rawScore(last, from, to) - rawScore(first, from, to);
    const kinds = new Map<TermKind, number>();
    for (const t of terms) kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + t.value);
    return {
      from,
      to,
      start,
      end,
      delta,
      clamped: Math.abs(rawDelta - delta) > 0.01,
      byKind: [...kinds].map(([kind, value]) => ({ kind, value: round2(value) })),
      terms,
    };
  });
}
