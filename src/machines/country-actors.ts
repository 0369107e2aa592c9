/**
 * The countries as live actors of the session (session.ts): one child per posture chart, registered in the
 * session's actor system as `country:<ID>` (`country:PRK.military` for a named chart), running that country's
 * machine object from `countryMachines(scenario)`. They show the postures at the session's cursor:
 *   - a move that steps forward from what they show (a step at the tip, a step through history, `END`, a date
 *     ahead, a choice) sends each of them, step by step, the `step` event the history was computed with
 *     (`stepEventOf`), so XState itself moves them, and the session then checks that they agree with the
 *     postures the history recorded;
 *   - any other move of the cursor (back, a date behind, another branch, a re-simulation, a load) stops them
 *     and spawns them again in the cursor's postures.
 * The history stays the source: the actors are a live view of its cursor, never read back into it.
 */
import type { ActorRefFrom, AnyActorScope } from 'xstate';
import type { ActorId, Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import { countryMachines, postureOf, type CountryMachine, type StepEvent } from './country.js';
import { stepEventOf } from './country-exec.js';

/** The id and systemId of a country's actor. */
export function countryActorId(actor: ActorId): `country:${string}` {
  return `country:${actor}`;
}

/** What a country actor is spawned with: the posture it starts in. */
export interface CountryInput {
  readonly posture: string;
}

export type CountryActor = ActorRefFrom<CountryMachine>;

const logics = new WeakMap<CountryMachine, CountryMachine>();

/**
 * The country's machine as actor logic that starts in the posture its input names: the machine object itself
 * (its prototype: every transition, guard and persisted form is that machine's), whose initial snapshot is the
 * machine's own `resolveState({ value: posture })` (XState 5's spawn takes no snapshot to start from).
 */
export function countryLogic(scenario: Scenario, actor: ActorId): CountryMachine {
  const cm = countryMachines(scenario);
  const machine = cm.machines.get(actor);
  if (machine === undefined) throw new Error(`no country machine for '${actor}'`);
  let logic = logics.get(machine);
  if (logic === undefined) {
    const getInitialSnapshot = (scope: AnyActorScope, input?: CountryInput) =>
      input === undefined ? machine.getInitialSnapshot(scope as never) : cm.snapshot(actor, input.posture);
    logic = Object.create(machine, { getInitialSnapshot: { value: getInitialSnapshot } }) as CountryMachine;
    logics.set(machine, logic);
  }
  return logic;
}

/** The state the country actors show: the cursor's state when they were last moved, and its step on its branch. */
export interface Shown {
  readonly state: SimState;
  readonly at: number;
}

/** How to bring the country actors from what they show to the cursor. */
export type CountrySync =
  | { readonly kind: 'none' }
  /** The step events to send, one list per step, each `[actor, event]`. */
  | { readonly kind: 'steps'; readonly steps: readonly (readonly (readonly [ActorId, StepEvent])[])[] }
  | { readonly kind: 'respawn' };

/**
 * Beyond this many steps forward the actors are spawned again rather than sent every step (END, a date far
 * ahead): each step sent costs every actor a macrostep (~0.25 ms a step for six actors), a spawn ~0.05 ms.
 */
export const MAX_SENT_STEPS = 16;

/** What brings the actors from `shown` to `at` on a branch whose states are `states`. */
export function countrySync(scenario: Scenario, shown: Shown | null, states: readonly SimState[], at: number): CountrySync {
  if (shown !== null && states[at] === shown.state) return { kind: 'none' };
  if (shown === null || at <= shown.at || at - shown.at > MAX_SENT_STEPS || states[shown.at] !== shown.state) return { kind: 'respawn' };
  const actors = countryMachines(scenario).actors;
  const steps: (readonly [ActorId, StepEvent])[][] = [];
  for (let k = shown.at; k < at; k++) {
    const event = stepEventOf(scenario, states[k]!, states[k + 1]!);
    if (event !== undefined) steps.push(actors.map((a) => [a, event] as const));
  }
  return { kind: 'steps', steps };
}

/** The actors whose live posture differs from the one `s` records, as "KOR: actor hostile, history alarmed". */
export function countryDrift(scenario: Scenario, children: Readonly<Record<string, unknown>>, s: SimState): string[] {
  const out: string[] = [];
  for (const actor of countryMachines(scenario).actors) {
    const child = children[countryActorId(actor)] as CountryActor | undefined;
    const live = child ? postureOf(child.getSnapshot()) : '(no actor)';
    if (live !== s.postures[actor]) out.push(`${actor}: actor ${live}, history ${s.postures[actor]}`);
  }
  return out;
}
