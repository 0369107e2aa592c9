/**
 * "Why is this number what it is?": the terms of one directed relation's ledger, each with its value now, its
 * starting value, its cause and the sources it rests on. The terms sum (before clamping) to rawScore.
 */
import type { ActorId, Scenario, SourceRef } from './model.js';
import type { Cause, CauseKind, SimState } from './state.js';
import { pairKey } from './state.js';
import { indicatorPartNow, indicatorValue, modifierNow, rawScore, score, tieApplies } from './ledger.js';

/** What a term of a sum says of itself: the fields the ledger of a pair and an indicator's terms share. */
export interface TermLine {
  /** What created it: an event title, an option label, a tie label, "initial relation". */
  readonly label: string;
  readonly event: string | null;
  readonly option: string | null;
  readonly reaction: string | null;
  readonly start: number;
  readonly now: number;
  readonly fade: number;
  readonly sources: readonly SourceRef[];
}

export interface LedgerLine extends TermLine {
  readonly kind: CauseKind | 'tie';
  readonly created: number;
  readonly note: string | null;
  /** For a modifier several effects with one `key` stacked into: every contributing cause, oldest first. */
  readonly stack: readonly StackLine[];
}

/** One cause of a stacked modifier; the `now` of a line's stack sum to the line's `now`. */
export interface StackLine {
  readonly kind: CauseKind;
  readonly label: string;
  readonly event: string;
  readonly option: string | null;
  readonly reaction: string | null;
  readonly created: number;
  /** What it added when it came (its share at the last merge, so the parts sum to the line's start). */
  readonly start: number;
  readonly now: number;
  readonly note: string | null;
  readonly sources: readonly SourceRef[];
}

export interface Explanation {
  readonly from: ActorId;
  readonly to: ActorId;
  readonly score: number;
  readonly raw: number;
  readonly lines: readonly LedgerLine[];
}

/** What a cause is called in an explanation, and the sources it rests on. */
function origin(scenario: Scenario, c: Cause, from: ActorId, to: ActorId): { label: string; sources: readonly SourceRef[] } {
  if (c.kind === 'initial') return { label: 'initial relation', sources: scenario.relations.find((x) => x.from === from && x.to === to)?.sources ?? [] };
  const ev = scenario.events[c.event];
  const opt = c.option ? ev?.decision?.options.find((o) => o.id === c.option) : undefined;
  const label =
    c.kind === 'balance' ? `balance: reaction to ${ev?.title ?? c.event}` : opt ? `${ev?.decision?.question ?? ''} → ${opt.label}`.trim() : (ev?.title ?? c.event);
  return { label, sources: opt ? [...opt.sources, ...(ev?.sources ?? [])] : (ev?.sources ?? []) };
}

export function explainPair(scenario: Scenario, state: SimState, from: ActorId, to: ActorId): Explanation {
  const lines: LedgerLine[] = [];
  for (const m of state.ledger[pairKey(from, to)] ?? []) {
    const c = m.cause;
    const { label, sources } = origin(scenario, c, from, to);
    const now = modifierNow(m, state.date);
    const share = m.value === 0 ? 0 : now / m.value;
    const stack = (m.stack ?? []).map((p): StackLine => ({
      kind: p.cause.kind,
      ...origin(scenario, p.cause, from, to),
      event: p.cause.event,
      option: p.cause.option ?? null,
      reaction: p.cause.reaction ?? null,
      created: p.created,
      start: p.value,
      now: p.value * share,
      note: p.note,
    }));
    lines.push({
      kind: c.kind,
      label,
      event: c.kind === 'initial' ? null : c.event,
      option: c.option ?? null,
      reaction: c.reaction ?? null,
      start: m.value,
      now,
      created: m.created,
      fade: m.fade,
      note: m.note,
      sources,
      stack,
    });
  }
  for (const t of state.ties) {
    if (!tieApplies(t, from, to)) continue;
    lines.push({
      kind: 'tie',
      label: `${t.label} (${t.type})`,
      event: null,
      option: null,
      reaction: null,
      start: t.value,
      now: t.value,
      created: state.date,
      fade: 0,
      note: t.why,
      sources: t.sources,
      stack: [],
    });
  }
  return { from, to, score: score(state, from, to), raw: rawScore(state, from, to), lines };
}

/** One term of an indicator: its base, or one fading addition with its cause. */
export interface IndicatorLine extends TermLine {
  readonly kind: 'base' | CauseKind;
  readonly created: number | null;
}

export interface IndicatorExplanation {
  readonly id: string;
  readonly value: number;
  /** The base first, then the fading additions, oldest first; their `now` sum to `value`. */
  readonly lines: readonly IndicatorLine[];
}

/**
 * "Why is this indicator at this value?": its base (the initial value, plus additions that do not fade, or the
 * last value set) and each fading addition (`fade:`) with its cause, its starting value and its value now.
 */
export function explainIndicator(scenario: Scenario, state: SimState, id: string): IndicatorExplanation {
  const def = scenario.indicators.find((i) => i.id === id);
  const lines: IndicatorLine[] = [
    {
      kind: 'base',
      label: 'base: initial value, additions that do not fade, or the last value set',
      event: null,
      option: null,
      reaction: null,
      start: def?.initial ?? 0,
      now: state.indicators[id] ?? 0,
      created: null,
      fade: 0,
      sources: def?.sources ?? [],
    },
  ];
  for (const p of state.fading?.[id] ?? []) {
    const { label, sources } = origin(scenario, p.cause, '', '');
    lines.push({
      kind: p.cause.kind,
      label,
      event: p.cause.event,
      option: p.cause.option ?? null,
      reaction: p.cause.reaction ?? null,
      start: p.value,
      now: indicatorPartNow(p, state.date),
      created: p.created,
      fade: p.fade,
      sources,
    });
  }
  return { id, value: indicatorValue(state, id), lines };
}
