/**
 * What the views read. Every simulation number a screen shows (scores, tension, odds, triads, the ledger,
 * prediction status, the assumption values) comes through here, read off states the session already computed:
 * no selector plays the simulation, and no view calls the core's computations itself. Values that cost
 * something (odds) are memoised per state.
 */
import type { ActorId, Band, Decision, Scenario, Tie } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { pairKey } from '../core/state.js';
import { resolveAssumptions } from '../core/run.js';
import { isFinished } from '../core/step.js';
import { indicatorValue, score, tension, tieApplies } from '../core/ledger.js';

export { indicatorValue };
import { decisionOdds, type OptionOdds } from '../core/odds.js';
import { explainPair, type Explanation } from '../core/explain.js';
import { unbalancedFor, type Triad } from '../core/balance.js';
import { optionPredictionOrigin, predictionOrigin, predictionStatus, predictionTallies, tallyText, type PredictionStatus } from '../core/predictions.js';
import { bandOf } from '../core/summary.js';
import { CAMEO_EVENT } from '../core/cameo.js';
import type { Branch, SessionData } from './session-logic.js';
import { branchOf, cursorOf, currentState, decisionTakenAtCursor, tipOf, awaitingUser, blockedAtTip } from './session-logic.js';
import type { SessionTag } from './session.js';
import { countryActorId, type CountryActor } from './country-actors.js';
import { countryMachines, postureOf } from './country.js';

export { branchOf, cursorOf, currentState, tipOf, awaitingUser, blockedAtTip };

/** The session as the views see it: its data, the machine's tags, and why the last event was ignored. */
export interface SessionView {
  readonly data: SessionData;
  readonly tags: ReadonlySet<SessionTag>;
  readonly reason: string | null;
  readonly error: string | null;
}

/** What `posturesNow` reads of a session snapshot: its data and its children (the country actors among them). */
export interface SessionChildren {
  readonly context: { readonly data: SessionData };
  readonly children: Readonly<Record<string, unknown>>;
}

/**
 * The postures at the cursor as the session's live country actors hold them: for each posture chart (actor, or
 * `PRK.military` for a named chart), the value of the child `country:<ID>`'s snapshot. The session keeps these
 * in the postures the history recorded for the cursor (session.ts), and checks that they agree.
 */
export function posturesNow(snap: SessionChildren): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const actor of countryMachines(snap.context.data.scenario).actors) {
    const child = snap.children[countryActorId(actor)] as CountryActor | undefined;
    if (child === undefined) throw new Error(`the session has no country actor '${countryActorId(actor)}'`);
    out[actor] = postureOf(child.getSnapshot());
  }
  return out;
}

/** The state before the cursor's, when there is one. */
export function previousState(d: SessionData): SimState | undefined {
  const b = branchOf(d);
  return b.cursor > 0 ? b.states[b.cursor - 1] : undefined;
}

/** The state after the cursor's, when the branch has gone further. */
export function followingState(d: SessionData): SimState | undefined {
  const b = branchOf(d);
  return b.states[b.cursor + 1];
}

export function stateOf(b: Branch, step: number): SimState {
  return b.states[Math.max(0, Math.min(step, b.states.length - 1))]!;
}

export function isEnded(s: SimState): boolean {
  return isFinished(s);
}

export function atEnd(d: SessionData): boolean {
  return isFinished(currentState(d));
}

export function pendingHere(d: SessionData): boolean {
  return currentState(d).pending !== null;
}

/** The decision waiting at the cursor, if any. */
export function decisionHere(d: SessionData): Decision | null {
  const pending = currentState(d).pending;
  return pending ? (d.scenario.events[pending.event]?.decision ?? null) : null;
}

/** The decision taken by the step at the cursor, with its options (a number key there revises it). */
export function takenHere(d: SessionData): { decision: string; option: string; by: 'user' | 'engine'; options: readonly { id: string; label: string }[] } | null {
  const t = decisionTakenAtCursor(d);
  const dec = t ? d.scenario.events[t.event]?.decision : undefined;
  return t && dec ? { decision: dec.id, option: t.option, by: t.by, options: dec.options } : null;
}

export function scoreAt(s: SimState, from: ActorId, to: ActorId): number {
  return score(s, from, to);
}

export function tensionAt(scenario: Scenario, s: SimState): number {
  return tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth);
}

export function tieCovers(t: Tie, from: ActorId, to: ActorId): boolean {
  return tieApplies(t, from, to);
}

export function bandAt(scenario: Scenario, value: number): Band {
  return bandOf(scenario, value);
}

const oddsMemo = new WeakMap<SimState, Map<string, OptionOdds[]>>();

/** The odds of `decision` at state `s` (memoised per state). */
export function oddsAt(scenario: Scenario, s: SimState, decision: Decision): readonly OptionOdds[] {
  let m = oddsMemo.get(s);
  if (!m) oddsMemo.set(s, (m = new Map()));
  let o = m.get(decision.id);
  if (!o) m.set(decision.id, (o = decisionOdds(scenario, s, decision)));
  return o;
}

export function explainAt(scenario: Scenario, s: SimState, from: ActorId, to: ActorId): Explanation {
  return explainPair(scenario, s, from, to);
}

export function ledgerSize(s: SimState, from: ActorId, to: ActorId): number {
  return s.ledger[pairKey(from, to)]?.length ?? 0;
}

export function unbalancedAt(scenario: Scenario, s: SimState, a: ActorId, b: ActorId): Triad[] {
  return unbalancedFor(scenario, s, a, b);
}

/** Whose claim a prediction is (the article's, an analyst's, the scenario author's). */
export { optionPredictionOrigin, predictionOrigin, predictionTallies, tallyText };

export function predictionsAt(scenario: Scenario, s: SimState): PredictionStatus[] {
  return predictionStatus(scenario, s);
}

/** The assumption values in force on the current branch (its preset with its overrides). */
export function assumptionValues(d: SessionData, overrides: Readonly<Record<string, number>> = d.overrides): Record<string, number> {
  return resolveAssumptions(d.scenario, d.preset, overrides);
}

export function cameoName(code: string): string {
  return CAMEO_EVENT[code] ?? '';
}

