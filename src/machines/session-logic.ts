/**
 * What the session does, as pure functions over plain data: step, choose, go back, fork branches, re-simulate
 * under new assumptions. The XState session machine (session.ts) calls these; keeping them pure makes them
 * easy to test and keeps the machine a readable map of events to moves.
 */
import type { ActorId, Day, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { choicesOf, resolveAssumptions, type Inject, type RunInputs } from '../core/run.js';
import { isFinished } from '../core/step.js';
import { decide, initialState, next } from './engine.js';
import { score } from '../core/ledger.js';
import { decisionOdds } from '../core/odds.js';
import { SimError } from '../core/errors.js';

export interface Branch {
  readonly id: number;
  readonly label: string;
  readonly parent: number | null;
  /** Index in `states` where this branch left its parent. */
  readonly forkStep: number;
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
}

export interface Resim {
  /** Decisions whose odds moved, with the odds before and after (at the state where each came up). */
  readonly odds: readonly { decision: string; option: string; before: number; after: number }[];
  /** Relations at the cursor that moved by at least 0.5. */
  readonly scores: readonly { from: ActorId; to: ActorId; before: number; after: number }[];
}

export interface SessionData {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly preset: string;
  readonly overrides: Readonly<Record<string, number>>;
  readonly roles: readonly ActorId[];
  readonly injects: readonly Inject[];
  readonly branches: readonly Branch[];
  readonly current: number;
  /** How the cursor last moved: one freshly computed step (from `prev`), or a jump. */
  readonly lastMove: { readonly kind: 'fresh'; readonly prev: SimState } | { readonly kind: 'jump' };
  readonly resim: Resim | null;
  /**
   * Whether the inputs a run file would store (the current branch's choices, the preset, the overrides and the
   * roles) differ from the ones last saved or loaded. Stepping, going back and viewing change nothing to save.
   */
  readonly dirty: boolean;
  /** The inputs as of the last save or load (see `inputsKey`). */
  readonly savedKey: string;
}

const MAX_STEPS = 10_000;

export function inputsFor(d: Pick<SessionData, 'scenario' | 'seed' | 'preset' | 'overrides' | 'injects'>, choices: Readonly<Record<string, string>>): RunInputs {
  return {
    seed: d.seed,
    assumptions: resolveAssumptions(d.scenario, d.preset, d.overrides),
    choices,
    injects: d.injects,
  };
}

export function branchOf(d: SessionData): Branch {
  return d.branches[d.current]!;
}

export function currentState(d: SessionData): SimState {
  const b = branchOf(d);
  return b.states[b.cursor]!;
}

/** A decision waits for the user: the user plays its actor and has neither chosen it nor handed it to the engine. */
function waitsForUser(d: SessionData, b: Pick<Branch, 'choices' | 'rolled'>, s: SimState): boolean {
  if (!s.pending) return false;
  const decision = s.pending.decision;
  if (b.choices[decision] !== undefined || b.rolled.includes(decision)) return false;
  const actor = d.scenario.events[s.pending.event]?.decision?.actor;
  return actor !== undefined && d.roles.includes(actor);
}

/** A decision of an actor the user plays is at the cursor (in history it can be re-chosen; at the tip it waits). */
export function awaitingUser(d: SessionData): boolean {
  const s = currentState(d);
  if (!s.pending) return false;
  const actor = d.scenario.events[s.pending.event]?.decision?.actor;
  return actor !== undefined && d.roles.includes(actor);
}

function replaceBranch(d: SessionData, b: Branch, lastMove: SessionData['lastMove']): SessionData {
  const branches = d.branches.map((x) => (x.id === b.id ? b : x));
  return { ...d, branches, lastMove };
}

/** Plays the branch's inputs: steps until `steps` states exist, the end, or a user decision with no choice. */
function play(d: SessionData, b: Pick<Branch, 'choices' | 'rolled'>, steps: number): SimState[] {
  const inputs = inputsFor(d, b.choices);
  const states = [initialState(d.scenario, inputs)];
  let s = states[0]!;
  while (states.length <= steps && !isFinished(s)) {
    if (s.pending) {
      if (waitsForUser(d, b, s)) break;
      s = decide(d.scenario, s, b.choices[s.pending.decision]);
    } else s = next(d.scenario, s);
    states.push(s);
  }
  return states;
}

export function createSession(scenario: Scenario, o: SessionOptions): SessionData {
  const base = {
    scenario,
    seed: o.seed,
    preset: o.preset ?? scenario.defaultPreset,
    overrides: o.overrides ?? {},
    roles: o.roles ?? [],
    injects: o.injects ?? [],
  };
  resolveAssumptions(scenario, base.preset, base.overrides); // validate early
  const choices = o.choices ?? {};
  const rolled = [...(o.rolled ?? [])];
  const d0: SessionData = { ...base, branches: [], current: 0, lastMove: { kind: 'jump' }, resim: null, dirty: false, savedKey: '' };
  const states = o.choices ? play(d0, { choices, rolled }, MAX_STEPS) : [initialState(scenario, inputsFor(base, choices))];
  const branch: Branch = { id: 0, label: 'main', parent: null, forkStep: 0, choices, rolled, states, cursor: o.choices ? states.length - 1 : 0 };
  return markSaved({ ...d0, branches: [branch] });
}

/** One step forward: through history when it exists, else computed (the engine decides for actors the user does not play). */
export function forward(d: SessionData): SessionData {
  const b = branchOf(d);
  if (b.cursor < b.states.length - 1) return replaceBranch(d, { ...b, cursor: b.cursor + 1 }, { kind: 'jump' });
  const s = b.states[b.cursor]!;
  if (isFinished(s) || waitsForUser(d, b, s)) return d;
  const n = s.pending ? decide(d.scenario, s, b.choices[s.pending.decision]) : next(d.scenario, s);
  return replaceBranch(d, { ...b, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
}

/**
 * Resolves the decision at the cursor: `option`, or a seeded roll when undefined. Going back past a decision
 * and choosing differently forks a new branch; choosing what the branch already holds just steps forward.
 */
export function choose(d: SessionData, option: string | undefined): SessionData {
  const b = branchOf(d);
  const s = b.states[b.cursor]!;
  if (!s.pending) throw new SimError('no decision is waiting here');
  const decision = s.pending.decision;
  const n = decide(d.scenario, s, option);
  const picked = n.choices[decision]!.option;
  const choices = option === undefined ? withoutKey(b.choices, decision) : { ...b.choices, [decision]: option };
  const others = b.rolled.filter((x) => x !== decision);
  const rolled = option === undefined ? [...others, decision] : others;
  const atTip = b.cursor === b.states.length - 1;
  if (!atTip) {
    const existing = b.states[b.cursor + 1]!.choices[decision];
    if (existing?.option === picked && existing.by === n.choices[decision]!.by) return forward(d);
    const label = `${decision} → ${picked}`;
    const fork: Branch = {
      id: d.branches.length,
      label,
      parent: b.id,
      forkStep: b.cursor,
      choices: keepDecided(choices, s),
      rolled: rolled.filter((x) => s.choices[x] !== undefined || x === decision),
      states: [...b.states.slice(0, b.cursor + 1), n],
      cursor: b.cursor + 1,
    };
    return { ...d, branches: [...d.branches, fork], current: fork.id, lastMove: { kind: 'fresh', prev: s } };
  }
  return replaceBranch(d, { ...b, choices, rolled, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
}

function withoutKey(r: Readonly<Record<string, string>>, key: string): Record<string, string> {
  const { [key]: _gone, ...rest } = r;
  return rest;
}

/** The user choices already applied by state `s`, plus any choice for the decision pending at `s`. */
function keepDecided(choices: Readonly<Record<string, string>>, s: SimState): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).filter(([k]) => s.choices[k] !== undefined || s.pending?.decision === k));
}

export function back(d: SessionData): SessionData {
  const b = branchOf(d);
  return b.cursor === 0 ? d : replaceBranch(d, { ...b, cursor: b.cursor - 1 }, { kind: 'jump' });
}

export function toStart(d: SessionData): SessionData {
  const b = branchOf(d);
  return replaceBranch(d, { ...b, cursor: 0 }, { kind: 'jump' });
}

/** Forward until the end, a user decision, or (with `until`) the last state dated on or before it. */
export function toEnd(d: SessionData, until?: Day): SessionData {
  let cur = d;
  for (let i = 0; i < MAX_STEPS; i++) {
    const b = branchOf(cur);
    const s = b.states[b.cursor]!;
    const nextState = b.states[b.cursor + 1];
    if (until !== undefined && (nextState ? nextState.date > until : (s.agenda[0]?.date ?? Infinity) > until && !s.pending)) break;
    const moved = forward(cur);
    if (moved === cur) break;
    cur = moved;
  }
  return cur === d ? d : { ...cur, lastMove: { kind: 'jump' } };
}

/** Moves to the last state dated on or before `day`, going back or playing forward as needed. */
export function toDate(d: SessionData, day: Day): SessionData {
  const b = branchOf(d);
  let i = b.cursor;
  while (i > 0 && b.states[i]!.date > day) i--;
  const moved = i === b.cursor ? d : replaceBranch(d, { ...b, cursor: i }, { kind: 'jump' });
  return toEnd(moved, day);
}

export function switchBranch(d: SessionData, id: number): SessionData {
  if (!d.branches[id]) throw new SimError(`no branch ${id}`);
  return { ...d, current: id, lastMove: { kind: 'jump' } };
}

/**
 * New assumptions: every branch re-simulates from the start with the same seed and user choices, as far as it
 * had gone; the report says which odds and scores moved on the current branch.
 */
export function setAssumptions(d: SessionData, preset: string, overrides: Readonly<Record<string, number>>): SessionData {
  resolveAssumptions(d.scenario, preset, overrides);
  return resimulate(d, { ...d, preset, overrides });
}

/**
 * A teacher's injects changed: every branch re-simulates with them, as for new assumptions. Injects must be
 * events the scenario offers as injects.
 */
export function setInjects(d: SessionData, injects: readonly Inject[]): SessionData {
  for (const i of injects) {
    if (!d.scenario.injects.includes(i.event)) {
      throw new SimError(`'${i.event}' is not an inject of this scenario (injects: ${d.scenario.injects.join(', ') || 'none'})`);
    }
  }
  return resimulate(d, { ...d, injects: [...injects] });
}

/** Replays every branch under `nd`'s inputs, as far as each had gone, and reports what moved. */
function resimulate(d: SessionData, nd: SessionData): SessionData {
  const branches = d.branches.map((b) => {
    const states = play(nd, b, b.states.length - 1);
    return { ...b, states, cursor: Math.min(b.cursor, states.length - 1) };
  });
  const after: SessionData = { ...nd, branches, lastMove: { kind: 'jump' } };
  return { ...after, resim: compare(d, after) };
}

function compare(before: SessionData, after: SessionData): Resim {
  const sb = currentState(before);
  const sa = currentState(after);
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
  // The decision waiting at the cursor: its odds now, before and after.
  if (sa.pending && sb.pending?.decision === sa.pending.decision) {
    const decision = after.scenario.events[sa.pending.event]!.decision!;
    const oddsAt = (st: SimState) => Object.fromEntries(decisionOdds(after.scenario, st, decision).map((o) => [o.id, o.p]));
    moved(decision.id, oddsAt(sb), oddsAt(sa));
  }
  const scores: Resim['scores'][number][] = [];
  for (const a of after.scenario.actors)
    for (const b of after.scenario.actors) {
      if (a.id === b.id) continue;
      const x = score(sb, a.id, b.id);
      const y = score(sa, a.id, b.id);
      if (Math.abs(x - y) >= 0.5) scores.push({ from: a.id, to: b.id, before: x, after: y });
    }
  return { odds, scores };
}

export function setRoles(d: SessionData, roles: readonly ActorId[]): SessionData {
  return { ...d, roles: [...roles] };
}

/** A fingerprint of what a run file of the current branch would store. */
export function inputsKey(d: SessionData): string {
  const sorted = (r: Readonly<Record<string, unknown>>) => Object.keys(r).sort().map((k) => [k, r[k]]);
  return JSON.stringify([d.preset, sorted(d.overrides), [...d.roles].sort(), sorted(branchOf(d).choices), d.injects]);
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

/** The inputs that rebuild the current branch: what a run file stores. */
export function branchInputs(d: SessionData): { inputs: RunInputs; engine: Record<string, string> } {
  const b = branchOf(d);
  const last = b.states[b.states.length - 1]!;
  const all = choicesOf(last);
  const engine = Object.fromEntries(Object.entries(all).filter(([k]) => b.choices[k] === undefined));
  return { inputs: inputsFor(d, b.choices), engine };
}
