/** The decision waiting at the cursor: its options with the current odds, the predictions they embody and what really happened. */
import type { SessionData } from '../session-logic.js';
import { branchOf, currentState, followingState, oddsAt } from '../selectors.js';
import { decisionTakenAtCursor } from '../session-logic.js';
import type { SimState } from '../../core/state.js';
import { sourceShort } from './sources.js';
import type { PredictionOrigin } from '../../core/predictions.js';
import { optionPredictionOrigin } from '../selectors.js';

export interface OptionView {
  readonly id: string;
  readonly label: string;
  readonly explain: string;
  readonly p: number;
  readonly available: boolean;
  /** A prediction embodies this option. */
  readonly predicted: boolean;
  /** Whose prediction: the article's, an analyst's or the scenario author's (core/predictions.ts). */
  readonly predictedBy: PredictionOrigin | null;
  /** What actually happened, when this is the real-world option (with its first source, short). */
  readonly actual: string | null;
  /** This branch has already taken this option here (the cursor went back past it). */
  readonly taken: 'user' | 'engine' | null;
}

export interface DecisionView {
  readonly id: string;
  readonly actor: string;
  readonly actorName: string;
  readonly question: string;
  /** The user plays this actor: the session waits for a choice. */
  readonly yours: boolean;
  readonly options: readonly OptionView[];
}

export function decisionView(d: SessionData): DecisionView | null {
  return decisionViewAt(d, currentState(d), followingState(d));
}

/**
 * The decision taken by the step at the cursor, as it stood just before (its odds then, the option this branch
 * took marked): what a page shows to choose differently there (REVISE).
 */
export function takenDecisionView(d: SessionData): DecisionView | null {
  const b = branchOf(d);
  if (b.cursor === 0 || !decisionTakenAtCursor(d)) return null;
  return decisionViewAt(d, b.states[b.cursor - 1]!, b.states[b.cursor]);
}

function decisionViewAt(d: SessionData, s: SimState, next: SimState | undefined): DecisionView | null {
  if (!s.pending) return null;
  const sc = d.scenario;
  const dec = sc.events[s.pending.event]?.decision;
  if (!dec) return null;
  const odds = oddsAt(sc, s, dec);
  const after = next?.choices[dec.id];
  return {
    id: dec.id,
    actor: dec.actor,
    actorName: sc.actors.find((a) => a.id === dec.actor)?.name ?? dec.actor,
    question: dec.question,
    yours: d.roles.includes(dec.actor),
    options: dec.options.map((o, i) => ({
      id: o.id,
      label: o.label,
      explain: o.explain,
      p: odds[i]?.p ?? 0,
      available: odds[i]?.available ?? false,
      predicted: o.prediction !== undefined,
      predictedBy: optionPredictionOrigin(sc, o.prediction),
      actual: o.actual ? `${o.actual.text}${o.actual.sources[0] ? ` (${sourceShort(sc, o.actual.sources[0])})` : ''}` : null,
      taken: after?.option === o.id ? after.by : null,
    })),
  };
}
