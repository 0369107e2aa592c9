/**
 * The session's data: a tree of branches, each carrying all of its own inputs (seed, preset, overrides, injects,
 * roles, choices, engine draws the user asked for), so that a branch is rebuilt from them alone
 * (`replayBranch` in session-replay.ts), which is what a session file stores and what the property test checks.
 * The top-level seed/preset/overrides/roles/injects mirror the current branch's. This module holds the types
 * and what reads them (no engine run); the moves are in session-moves.ts, session-assume.ts,
 * session-forecast.ts and session-replay.ts, and session-logic.ts gathers them.
 */
import type { ActorId, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { resolveAssumptions, type Inject, type RunInputs } from '../core/run.js';
import { isFinished } from '../core/step.js';
import type { Resim } from './session-diff.js';

export type { Resim } from './session-diff.js';
export type Forecasts = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What a branch is played from, apart from its choices. */
export interface BranchInputs {
  readonly seed: number;
  readonly preset: string;
  readonly overrides: Readonly<Record<string, number>>;
  readonly injects: readonly Inject[];
  readonly roles: readonly ActorId[];
}

export interface Branch {
  readonly id: number;
  readonly label: string;
  /** A name the user gave it (optional). */
  readonly name?: string;
  readonly parent: number | null;
  /** Index in `states` where this branch left its parent. */
  readonly forkStep: number;
  readonly inputs: BranchInputs;
  /** Choices the user made on this branch (decision → option); the engine's are re-derived from the seed. */
  readonly choices: Readonly<Record<string, string>>;
  /** Decisions of actors the user plays that the user handed to the engine's draw (`r`): re-simulation keeps them drawn. */
  readonly rolled: readonly string[];
  readonly states: readonly SimState[];
  readonly cursor: number;
}

export interface SessionOptions {
  readonly seed: number;
  readonly preset?: string;
  readonly overrides?: Readonly<Record<string, number>>;
  readonly roles?: readonly ActorId[];
  readonly injects?: readonly Inject[];
  /** User choices to replay at once (from a run file). */
  readonly choices?: Readonly<Record<string, string>>;
  /** Decisions the user handed to the engine (from a run file's engine draws). */
  readonly rolled?: readonly string[];
  readonly forecasts?: Forecasts;
}

/** An assumption or inject change that would alter what already happened on the branch: the user decides. */
export interface PendingChange {
  /** What changed, for the question ("hawk 3 → 4"). */
  readonly what: string;
  readonly inputs: BranchInputs;
  /** The branch replayed under the new inputs. */
  readonly replayed: Pick<Branch, 'states' | 'cursor'>;
  /** One line per flip, in the scenario's words ("Seoul's decision flips: Hold back → Defensive only"). */
  readonly flips: readonly string[];
  /** First step whose log differs (where a kept branch parts from this one). */
  readonly parting: number;
}

export interface SessionData {
  readonly scenario: Scenario;
  readonly branches: readonly Branch[];
  readonly current: number;
  /** The current branch's inputs, mirrored for the views (see `synced`). */
  readonly seed: number;
  readonly preset: string;
  readonly overrides: Readonly<Record<string, number>>;
  readonly roles: readonly ActorId[];
  readonly injects: readonly Inject[];
  /** Forecast-first mode and the forecasts recorded (decision → option → probability). */
  readonly forecastFirst: boolean;
  readonly forecasts: Forecasts;
  /** How the cursor last moved: one freshly computed step (from `prev`), or a jump. */
  readonly lastMove: { readonly kind: 'fresh'; readonly prev: SimState } | { readonly kind: 'jump' };
  readonly resim: Resim | null;
  readonly pendingChange: PendingChange | null;
  /** Whether the tree's inputs (every branch's, names, forecasts) differ from the ones last saved or loaded. */
  readonly dirty: boolean;
  /** The inputs as of the last save or load (see `inputsKey`). */
  readonly savedKey: string;
}

export const MAX_STEPS = 10_000;

export function runInputs(scenario: Scenario, i: BranchInputs, choices: Readonly<Record<string, string>>): RunInputs {
  return {
    seed: i.seed,
    assumptions: resolveAssumptions(scenario, i.preset, i.overrides),
    choices,
    injects: i.injects,
  };
}

/** The run inputs of the current branch with `choices` (the live odds use none). */
export function inputsFor(d: SessionData, choices: Readonly<Record<string, string>>): RunInputs {
  return runInputs(d.scenario, branchOf(d).inputs, choices);
}

export function branchOf(d: SessionData): Branch {
  return d.branches[d.current]!;
}

/** The state at a branch's cursor. */
export function cursorOf(b: Pick<Branch, 'states' | 'cursor'>): SimState {
  return b.states[b.cursor]!;
}

/** The last state computed on a branch. */
export function tipOf(b: Pick<Branch, 'states'>): SimState {
  return b.states[b.states.length - 1]!;
}

export function currentState(d: SessionData): SimState {
  return cursorOf(branchOf(d));
}

/** The top-level mirror of the current branch's inputs. */
export function synced(d: SessionData): SessionData {
  const i = branchOf(d).inputs;
  if (d.seed === i.seed && d.preset === i.preset && d.overrides === i.overrides && d.roles === i.roles && d.injects === i.injects) return d;
  return { ...d, seed: i.seed, preset: i.preset, overrides: i.overrides, roles: i.roles, injects: i.injects };
}

export function actorOf(scenario: Scenario, s: SimState): ActorId | undefined {
  return s.pending ? scenario.events[s.pending.event]?.decision?.actor : undefined;
}

/** A decision waits for the user: the user plays its actor and has neither chosen it nor handed it to the engine. */
export function waitsForUser(scenario: Scenario, b: Pick<Branch, 'choices' | 'rolled' | 'inputs'>, s: SimState): boolean {
  if (!s.pending) return false;
  const decision = s.pending.decision;
  if (b.choices[decision] !== undefined || b.rolled.includes(decision)) return false;
  const actor = actorOf(scenario, s);
  return actor !== undefined && b.inputs.roles.includes(actor);
}

/** A decision of an actor the user plays is at the cursor (in history it can be re-chosen; at the tip it waits). */
export function awaitingUser(d: SessionData): boolean {
  const actor = actorOf(d.scenario, currentState(d));
  return actor !== undefined && d.roles.includes(actor);
}

/** The cursor is at the tip and a decision of the user's waits there: nothing moves forward until it is chosen. */
export function blockedAtTip(d: SessionData): boolean {
  const b = branchOf(d);
  return b.cursor === b.states.length - 1 && waitsForUser(d.scenario, b, cursorOf(b));
}

export function ended(d: SessionData): boolean {
  return isFinished(currentState(d));
}

export function replaceBranch(d: SessionData, b: Branch, lastMove: SessionData['lastMove']): SessionData {
  const branches = d.branches.map((x) => (x.id === b.id ? b : x));
  return { ...d, branches, lastMove };
}


/** The decision taken by the step at the cursor, when the state before it was waiting for that decision. */
export function decisionTakenAtCursor(d: SessionData): { decision: string; event: string; option: string; by: 'user' | 'engine' } | null {
  const b = branchOf(d);
  if (b.cursor === 0) return null;
  const e = cursorOf(b).log[cursorOf(b).log.length - 1];
  const pending = b.states[b.cursor - 1]!.pending;
  if (e?.kind !== 'decision' || !pending || pending.event !== e.event || e.option === undefined) return null;
  return { decision: pending.decision, event: e.event, option: e.option, by: e.by ?? 'engine' };
}


export function optionLabel(scenario: Scenario, event: string, option: string): string {
  return scenario.events[event]?.decision?.options.find((o) => o.id === option)?.label ?? option;
}

/** A branch label of at most 120 characters (a session file allows 200). */
export function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export function withoutKey(r: Readonly<Record<string, string>>, key: string): Record<string, string> {
  const { [key]: _gone, ...rest } = r;
  return rest;
}


/** A fingerprint of everything a session file stores except the cursors. */
export function inputsKey(d: SessionData): string {
  const sorted = (r: Readonly<Record<string, unknown>>) => Object.keys(r).sort().map((k) => [k, r[k]]);
  const branches = d.branches.map((b) => [b.parent, b.forkStep, b.name ?? null, b.inputs.seed, b.inputs.preset, sorted(b.inputs.overrides), [...b.inputs.roles].sort(), b.inputs.injects, sorted(b.choices), [...b.rolled].sort()]);
  return JSON.stringify([branches, sorted(d.forecasts)]);
}

/** Recomputes `dirty` after a move: true when the inputs differ from the last saved ones. */
export function withDirty(d: SessionData): SessionData {
  const dirty = inputsKey(d) !== d.savedKey;
  return dirty === d.dirty ? d : { ...d, dirty };
}

/** The session's inputs have just been saved (or loaded): nothing is unsaved. */
export function markSaved(d: SessionData): SessionData {
  return { ...d, savedKey: inputsKey(d), dirty: false };
}
