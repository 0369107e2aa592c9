/**
 * Branches built from their inputs: a new session, a session over branches loaded from a file, and a branch
 * played again from scratch (`play`, `replayBranch`) or under other inputs as far as it had gone in time
 * (`replayAlike`, what an assumption change compares against).
 */
import type { Day, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { resolveAssumptions } from '../core/run.js';
import { isFinished } from '../core/step.js';
import { decide, initialState, next } from './engine.js';
import { cursorOf, markSaved, MAX_STEPS, runInputs, tipOf, waitsForUser } from './session-data.js';
import type { Branch, BranchInputs, Forecasts, SessionData, SessionOptions } from './session-data.js';
import { historyLastLog } from '../core/history-meta.js';

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
  while (at + 1 < states.length && states[at + 1]!.date === old.date && historyLastLog(states[at + 1]!)?.origin.kind === 'inject') at++;
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
