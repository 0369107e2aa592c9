/**
 * "Why is this number what it is?": the terms of one directed relation's ledger, each with its value now, its
 * starting value, its cause and the sources it rests on. The terms sum (before clamping) to rawScore.
 */
import type { ActorId, Scenario, SourceRef } from './model.js';
import type { CauseKind, SimState } from './state.js';
import { pairKey } from './state.js';
import { modifierNow, rawScore, score, tieApplies } from './ledger.js';

export interface LedgerLine {
  readonly kind: CauseKind | 'tie';
  /** What created it: an event title, an option label, a tie label, "initial relation". */
  readonly label: string;
  readonly event: string | null;
  readonly option: string | null;
  readonly reaction: string | null;
  readonly start: number;
  readonly now: number;
  readonly created: number;
  readonly fade: number;
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

export function explainPair(scenario: Scenario, state: SimState, from: ActorId, to: ActorId): Explanation {
  const lines: LedgerLine[] = [];
  for (const m of state.ledger[pairKey(from, to)] ?? []) {
    const c = m.cause;
    const ev = scenario.events[c.event];
    const opt = c.option ? ev?.decision?.options.find((o) => o.id === c.option) : undefined;
    let label: string;
    let sources: readonly SourceRef[];
    if (c.kind === 'initial') {
      const r = scenario.relations.find((x) => x.from === from && x.to === to);
      label = 'initial relation';
      sources = r?.sources ?? [];
    } else {
      label =
        c.kind === 'balance'
          ? `balance: reaction to ${ev?.title ?? c.event}`
          : opt
            ? `${ev?.decision?.question ?? ''} → ${opt.label}`.trim()
            : (ev?.title ?? c.event);
      sources = opt ? [...opt.sources, ...(ev?.sources ?? [])] : (ev?.sources ?? []);
    }
    lines.push({
      kind: c.kind,
      label,
      event: c.kind === 'initial' ? null : c.event,
      option: c.option ?? null,
      reaction: c.reaction ?? null,
      start: m.value,
      now: modifierNow(m, state.date),
      created: m.created,
      fade: m.fade,
      note: m.note,
      sources,
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
    });
  }
  return { from, to, score: score(state, from, to), raw: rawScore(state, from, to), lines };
}
