/**
 * What the session does, as pure functions over plain data: step, choose, revise, go back, fork branches,
 * re-simulate a branch under new assumptions. The XState session machine (session.ts) calls these; keeping them
 * pure makes them easy to test and keeps the machine a readable map of events to moves.
 *
 * Each branch carries all of its own inputs (seed, preset, overrides, injects, roles, choices, engine draws the
 * user asked for): a branch is rebuilt from them alone (`replayBranch`), which is what a session file stores and
 * what the property test checks. The top-level seed/preset/overrides/roles/injects mirror the current branch's.
 * A refused move throws a SimError whose message the status line shows.
 */
import type { ActorId, Day, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { resolveAssumptions, type Inject, type RunInputs } from '../core/run.js';
import { isFinished } from '../core/step.js';
import { decide, initialState, next } from './engine.js';
import { SimError } from '../core/errors.js';
import { flipsBetween, resimReport, type Resim } from './session-diff.js';

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

function actorOf(scenario: Scenario, s: SimState): ActorId | undefined {
  return s.pending ? scenario.events[s.pending.event]?.decision?.actor : undefined;
}

/** A decision waits for the user: the user plays its actor and has neither chosen it nor handed it to the engine. */
function waitsForUser(scenario: Scenario, b: Pick<Branch, 'choices' | 'rolled' | 'inputs'>, s: SimState): boolean {
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

function replaceBranch(d: SessionData, b: Branch, lastMove: SessionData['lastMove']): SessionData {
  const branches = d.branches.map((x) => (x.id === b.id ? b : x));
  return { ...d, branches, lastMove };
}

/**
 * Plays a branch's inputs from scratch: steps until `steps` states exist, the end, or a user decision with no
 * choice. The reference the property test holds the session to.
 */
export function play(scenario: Scenario, b: Pick<Branch, 'choices' | 'rolled' | 'inputs'>, steps: number, stop?: (s: SimState) => boolean): SimState[] {
  const states = [initialState(scenario, runInputs(scenario, b.inputs, b.choices))];
  let s = states[0]!;
  while (states.length <= steps && !isFinished(s) && !stop?.(s)) {
    if (s.pending) {
      if (waitsForUser(scenario, b, s)) break;
      s = decide(scenario, s, b.choices[s.pending.decision]);
    } else s = next(scenario, s);
    states.push(s);
  }
  return states;
}

/** Entries of a log dated `day` that are not a teacher's inject. */
function onDay(s: SimState, day: Day): number {
  let n = 0;
  for (const e of s.log) if (e.date === day && e.origin.kind !== 'inject') n++;
  return n;
}

/**
 * The state of a replayed run that stands where `old` stood: on the same date, after as many of that day's
 * events (a teacher's injects aside). Index 0 when `old` is the start.
 */
function sameExtent(states: readonly SimState[], old: SimState): number {
  if (!old.log.length) return 0;
  const n = onDay(old, old.date);
  let at = 0;
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    if (s.date > old.date || (s.date === old.date && onDay(s, old.date) > n)) break;
    at = i;
  }
  // A teacher's inject inserted on that day right after it is part of where it stood.
  while (at + 1 < states.length && states[at + 1]!.date === old.date && states[at + 1]!.log.at(-1)?.origin.kind === 'inject') at++;
  return at;
}

/**
 * A branch replayed under other inputs as far as it had gone in time: the states up to the one that stands
 * where its tip stood, and the cursor where its cursor stood (see `sameExtent`).
 */
export function replayAlike(scenario: Scenario, b: Branch, inputs: BranchInputs): Pick<Branch, 'states' | 'cursor'> {
  const tip = tipOf(b);
  const all = play(scenario, { ...b, inputs }, MAX_STEPS, (s) => s.date > tip.date);
  const states = all.slice(0, sameExtent(all, tip) + 1);
  return { states, cursor: sameExtent(states, cursorOf(b)) };
}

/** A branch rebuilt from its inputs, as far as `length` states, with its cursor. */
export function replayBranch(scenario: Scenario, b: Pick<Branch, 'choices' | 'rolled' | 'inputs'>, length: number, cursor: number): Pick<Branch, 'states' | 'cursor'> {
  const states = play(scenario, b, length - 1);
  return { states, cursor: Math.max(0, Math.min(cursor, states.length - 1)) };
}

export function createSession(scenario: Scenario, o: SessionOptions): SessionData {
  const inputs: BranchInputs = {
    seed: o.seed,
    preset: o.preset ?? scenario.defaultPreset,
    overrides: o.overrides ?? {},
    injects: o.injects ?? [],
    roles: o.roles ?? [],
  };
  resolveAssumptions(scenario, inputs.preset, inputs.overrides); // validate early
  const choices = o.choices ?? {};
  const rolled = [...(o.rolled ?? [])];
  const seedOnly = { choices, rolled, inputs };
  const states = o.choices ? play(scenario, seedOnly, MAX_STEPS) : [initialState(scenario, runInputs(scenario, inputs, choices))];
  const branch: Branch = { id: 0, label: 'main', parent: null, forkStep: 0, inputs, choices, rolled, states, cursor: o.choices ? states.length - 1 : 0 };
  return fromBranches(scenario, [branch], 0, o.forecasts ?? {}, o.forecasts !== undefined && Object.keys(o.forecasts).length > 0);
}

/** A session over already built branches (a new session, or one loaded from a file), marked as saved. */
export function fromBranches(scenario: Scenario, branches: readonly Branch[], current: number, forecasts: Forecasts, forecastFirst: boolean): SessionData {
  const i = branches[current]!.inputs;
  const d: SessionData = {
    scenario,
    branches,
    current,
    ...i,
    forecastFirst,
    forecasts,
    lastMove: { kind: 'jump' },
    resim: null,
    pendingChange: null,
    dirty: false,
    savedKey: '',
  };
  return markSaved(d);
}

/** One step forward: through history when it exists, else computed (the engine decides for actors the user does not play). */
export function forward(d: SessionData): SessionData {
  const b = branchOf(d);
  if (b.cursor < b.states.length - 1) return replaceBranch(d, { ...b, cursor: b.cursor + 1 }, { kind: 'jump' });
  const s = cursorOf(b);
  if (isFinished(s) || waitsForUser(d.scenario, b, s)) return d;
  const n = s.pending ? decide(d.scenario, s, b.choices[s.pending.decision]) : next(d.scenario, s);
  return replaceBranch(d, { ...b, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
}

function optionLabel(scenario: Scenario, event: string, option: string): string {
  return scenario.events[event]?.decision?.options.find((o) => o.id === option)?.label ?? option;
}

/**
 * Resolves the decision at the cursor: `option`, or a seeded roll when undefined. Choosing differently at a
 * decision already passed forks a new branch; choosing what the branch already holds just steps forward.
 */
export function choose(d: SessionData, option: string | undefined): SessionData {
  const b = branchOf(d);
  const s = cursorOf(b);
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
    const actor = d.scenario.actors.find((a) => a.id === actorOf(d.scenario, s));
    const fork: Branch = {
      id: d.branches.length,
      label: short(`${actor?.capital ?? decision}: ${optionLabel(d.scenario, s.pending.event, picked)}`),
      parent: b.id,
      forkStep: b.cursor,
      inputs: b.inputs,
      choices: keepDecided(choices, s),
      rolled: rolled.filter((x) => s.choices[x] !== undefined || x === decision),
      states: [...b.states.slice(0, b.cursor + 1), n],
      cursor: b.cursor + 1,
    };
    return { ...d, branches: [...d.branches, fork], current: fork.id, lastMove: { kind: 'fresh', prev: s } };
  }
  return replaceBranch(d, { ...b, choices, rolled, states: [...b.states, n], cursor: b.cursor + 1 }, { kind: 'fresh', prev: s });
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

/**
 * "Choose differently at this decision": at a decision already taken (the cursor on the step that took it, or on
 * the state where it waited with history after it), take `option` (undefined: the engine's draw) instead. The
 * same option as before is refused with a reason; another one starts a branch.
 */
export function revise(d: SessionData, option: string | undefined): SessionData {
  const b = branchOf(d);
  const taken = decisionTakenAtCursor(d);
  const at = taken ? b.cursor - 1 : cursorOf(b).pending && b.cursor < b.states.length - 1 ? b.cursor : -1;
  if (at < 0) throw new SimError('no decision was taken here: step to one (◆ in the timeline) to choose differently');
  const s = b.states[at]!;
  const before = b.states[at + 1]!.choices[s.pending!.decision]!;
  const same = option === undefined ? before.by === 'engine' : before.option === option;
  if (same) {
    const label = optionLabel(d.scenario, s.pending!.event, before.option);
    throw new SimError(`Already ${before.by === 'user' ? 'your choice' : "the engine's draw"} here: another option starts a branch (this one is “${label}”)`);
  }
  const there = replaceBranch(d, { ...b, cursor: at }, { kind: 'jump' });
  return choose(there, option);
}

/** A branch label of at most 120 characters (a session file allows 200). */
function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
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
  return b.cursor === 0 ? d : replaceBranch(d, { ...b, cursor: 0 }, { kind: 'jump' });
}

/** Forward until the end, a user decision, or (with `until`) the last state dated on or before it. */
export function toEnd(d: SessionData, until?: Day): SessionData {
  let cur = d;
  for (let i = 0; i < MAX_STEPS; i++) {
    const b = branchOf(cur);
    const s = cursorOf(b);
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
  if (!d.branches[id]) throw new SimError(`no branch #${id}`);
  if (id === d.current) throw new SimError(`already on branch #${id}`);
  return { ...d, current: id, lastMove: { kind: 'jump' }, resim: null };
}

export function renameBranch(d: SessionData, id: number, name: string): SessionData {
  const b = d.branches[id];
  if (!b) throw new SimError(`no branch #${id}`);
  const clean = [...name].filter((c) => c >= ' ' && c !== '\u007f').join('').trim().slice(0, 80);
  const { name: _old, ...rest } = b;
  return replaceBranch(d, clean ? { ...rest, name: clean } : rest, d.lastMove);
}

function describeChange(d: SessionData, i: BranchInputs): string {
  const old = branchOf(d).inputs;
  const parts: string[] = [];
  if (i.preset !== old.preset) parts.push(`preset ${i.preset}`);
  const before = resolveAssumptions(d.scenario, old.preset, old.overrides);
  const after = resolveAssumptions(d.scenario, i.preset, i.overrides);
  for (const a of d.scenario.assumptions) if (before[a.id] !== after[a.id]) parts.push(`${a.label} ${before[a.id]} → ${after[a.id]}`);
  if (JSON.stringify(i.injects) !== JSON.stringify(old.injects)) parts.push('injects');
  return parts.join(', ') || 'no change';
}

/**
 * New inputs for the current branch. When the change would alter something before or at the cursor beyond
 * scores (a drawn decision, a fired reaction, a posture), nothing is applied yet: `pendingChange` names the
 * flips and the user keeps the change as a new branch or applies it here. Otherwise it applies at once.
 */
function changeInputs(d: SessionData, inputs: BranchInputs): SessionData {
  const b = branchOf(d);
  const replayed = replayAlike(d.scenario, b, inputs);
  const { flips, parting } = flipsBetween(d.scenario, b, replayed);
  if (flips.length) return { ...d, pendingChange: { what: describeChange(d, inputs), inputs, replayed, flips, parting }, resim: null };
  return applyReplayed(d, inputs, replayed);
}

function applyReplayed(d: SessionData, inputs: BranchInputs, replayed: Pick<Branch, 'states' | 'cursor'>): SessionData {
  const b = branchOf(d);
  const after = replaceBranch({ ...d, pendingChange: null }, { ...b, inputs, ...replayed }, { kind: 'jump' });
  return { ...after, resim: resimReport(d.scenario, cursorOf(b), cursorOf(replayed), { before: b, after: { ...replayed, choices: b.choices } }) };
}

/** The pending change applies to the current branch. */
export function applyChange(d: SessionData): SessionData {
  const p = d.pendingChange;
  if (!p) throw new SimError('no change is waiting');
  return applyReplayed(d, p.inputs, p.replayed);
}

/** The pending change becomes a new branch (a child of the current one); the current branch stays as it was. */
export function keepChangeAsBranch(d: SessionData): SessionData {
  const p = d.pendingChange;
  if (!p) throw new SimError('no change is waiting');
  const b = branchOf(d);
  const fork: Branch = {
    id: d.branches.length,
    label: short(p.what),
    parent: b.id,
    forkStep: Math.max(0, p.parting),
    inputs: p.inputs,
    choices: b.choices,
    rolled: b.rolled,
    ...p.replayed,
  };
  return { ...d, branches: [...d.branches, fork], current: fork.id, pendingChange: null, lastMove: { kind: 'jump' }, resim: resimReport(d.scenario, cursorOf(b), cursorOf(p.replayed), { before: b, after: { ...p.replayed, choices: b.choices } }) };
}

export function cancelChange(d: SessionData): SessionData {
  if (!d.pendingChange) throw new SimError('no change is waiting');
  return { ...d, pendingChange: null };
}

export function setAssumptions(d: SessionData, preset: string, overrides: Readonly<Record<string, number>>): SessionData {
  resolveAssumptions(d.scenario, preset, overrides);
  return changeInputs(d, { ...branchOf(d).inputs, preset, overrides });
}

/** A teacher's injects changed: the branch re-simulates with them, as for new assumptions. */
export function setInjects(d: SessionData, injects: readonly Inject[]): SessionData {
  for (const i of injects) {
    if (!d.scenario.injects.includes(i.event)) {
      throw new SimError(`'${i.event}' is not an inject of this scenario (injects: ${d.scenario.injects.join(', ') || 'none'})`);
    }
  }
  return changeInputs(d, { ...branchOf(d).inputs, injects: [...injects] });
}

export function setRoles(d: SessionData, roles: readonly ActorId[]): SessionData {
  const ids = new Set(d.scenario.actors.map((a) => a.id));
  for (const r of roles) if (!ids.has(r)) throw new SimError(`unknown actor '${r}'`);
  const b = branchOf(d);
  // Decisions the engine already drew on this branch for an actor the user now plays stay drawn (handed to the
  // engine), so that the branch still rebuilds from its inputs as far as it went.
  const drawn = Object.entries(tipOf(b).choices)
    .filter(([dec, c]) => c.by === 'engine' && b.choices[dec] === undefined && !b.rolled.includes(dec))
    .map(([dec]) => dec);
  return replaceBranch(d, { ...b, inputs: { ...b.inputs, roles: [...roles] }, rolled: [...b.rolled, ...drawn] }, d.lastMove);
}

export function setForecastFirst(d: SessionData, on: boolean): SessionData {
  return { ...d, forecastFirst: on };
}

/** Records a forecast for a decision: probabilities for each option, summing to 1. */
export function recordForecast(d: SessionData, decision: string, p: Readonly<Record<string, number>>): SessionData {
  const dec = Object.values(d.scenario.events).find((e) => e.decision?.id === decision)?.decision;
  if (!dec) throw new SimError(`unknown decision '${decision}'`);
  for (const k of Object.keys(p)) if (!dec.options.some((o) => o.id === k)) throw new SimError(`decision '${decision}' has no option '${k}'`);
  const sum = Object.values(p).reduce((a, x) => a + x, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new SimError(`a forecast must add up to 100 %, not ${Math.round(sum * 100)} %`);
  return { ...d, forecasts: { ...d.forecasts, [decision]: { ...p } } };
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
