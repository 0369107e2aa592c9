/**
 * The session as an XState machine: stepping, choosing, going back, forking and switching branches,
 * re-simulating under new assumptions. Its states say what the user can do now:
 *   playing  → the cursor can move forward;
 *   deciding → a decision of an actor the user plays waits for a choice;
 *   ended    → the scenario is over (going back is still possible).
 * The moves themselves are the pure functions of session-logic.ts. The country actors (country.ts) are
 * children: after a freshly computed step they receive the event, after a jump they are restored.
 */
import { enqueueActions, setup } from 'xstate';
import type { ActorId, Day, Scenario } from '../core/model.js';
import { isFinished } from '../core/step.js';
import type { Inject } from '../core/run.js';
import { StateContext } from '../core/context.js';
import { countryMachine, type CountryRef } from './country.js';
import * as S from './session-logic.js';

export type SessionEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'START' }
  | { type: 'END' }
  | { type: 'DATE'; day: Day }
  | { type: 'CHOOSE'; option: string }
  | { type: 'ROLL' }
  | { type: 'ASSUME'; preset: string; overrides: Readonly<Record<string, number>> }
  | { type: 'INJECT'; injects: readonly Inject[] }
  | { type: 'BRANCH'; id: number }
  | { type: 'ROLES'; roles: readonly ActorId[] }
  | { type: 'SAVED' };

export interface SessionContext {
  readonly data: S.SessionData;
  readonly countries: Readonly<Record<ActorId, CountryRef>>;
  /** The last move the core refused (e.g. an unavailable option), for the status line. */
  readonly error: string | null;
}

export interface SessionInput {
  readonly scenario: Scenario;
  readonly options: S.SessionOptions;
}

type Move = (d: S.SessionData, e: SessionEvent) => S.SessionData;

const moves: Record<SessionEvent['type'], Move> = {
  NEXT: (d) => S.forward(d),
  BACK: (d) => S.back(d),
  START: (d) => S.toStart(d),
  END: (d) => S.toEnd(d),
  DATE: (d, e) => S.toDate(d, (e as { day: Day }).day),
  CHOOSE: (d, e) => S.choose(d, (e as { option: string }).option),
  ROLL: (d) => S.choose(d, undefined),
  ASSUME: (d, e) => {
    const a = e as Extract<SessionEvent, { type: 'ASSUME' }>;
    return S.setAssumptions(d, a.preset, a.overrides);
  },
  INJECT: (d, e) => S.setInjects(d, (e as Extract<SessionEvent, { type: 'INJECT' }>).injects),
  BRANCH: (d, e) => S.switchBranch(d, (e as { id: number }).id),
  ROLES: (d, e) => S.setRoles(d, (e as { roles: readonly ActorId[] }).roles),
  SAVED: (d) => S.markSaved(d),
};

type CountryMessage =
  | { type: 'occur'; event: string | undefined; ctx: StateContext }
  | { type: 'restore'; posture: string };

/** Applies a move and says what each country actor must be told. A refused move keeps the data and gives the reason. */
export function planMove(
  context: SessionContext,
  event: SessionEvent,
): { data: S.SessionData; error: string | null; messages: [CountryRef, CountryMessage][] } {
  let data: S.SessionData;
  try {
    const moved = moves[event.type](context.data, event);
    data = moved === context.data ? moved : S.withDirty(moved);
  } catch (err) {
    return { data: context.data, error: err instanceof Error ? err.message : String(err), messages: [] };
  }
  const messages: [CountryRef, CountryMessage][] = [];
  if (data === context.data) return { data, error: null, messages };
  const now = S.currentState(data);
  const last = now.log[now.log.length - 1];
  for (const [actor, ref] of Object.entries(context.countries)) {
    if (data.lastMove.kind === 'fresh') {
      if (!last || last.kind === 'skipped' || last.kind === 'capped') continue;
      // The state the core's guards read: after the step's effects, before any posture moved.
      const ctx = new StateContext(data.scenario, { ...now, postures: data.lastMove.prev.postures });
      messages.push([ref, { type: 'occur', event: last.kind === 'event' ? last.event : undefined, ctx }]);
    } else {
      messages.push([ref, { type: 'restore', posture: now.postures[actor] as string }]);
    }
  }
  return { data, error: null, messages };
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  guards: {
    awaitingUser: ({ context }) => S.awaitingUser(context.data),
    finished: ({ context }) => isFinished(S.currentState(context.data)),
  },
  actions: {
    applyMove: enqueueActions(({ context, event, enqueue }) => {
      const { data, error, messages } = planMove(context, event);
      enqueue.assign({ data, error });
      for (const [ref, message] of messages) enqueue.sendTo(ref, message);
    }),
  },
}).createMachine({
  id: 'session',
  context: ({ input, spawn }) => {
    const data = S.createSession(input.scenario, input.options);
    const countries: Record<ActorId, CountryRef> = {};
    for (const [actor, chart] of Object.entries(input.scenario.postures)) {
      countries[actor] = spawn(countryMachine(actor, chart)) as unknown as CountryRef;
    }
    return { data, countries, error: null };
  },
  initial: 'route',
  states: {
    route: {
      always: [{ guard: 'awaitingUser', target: 'deciding' }, { guard: 'finished', target: 'ended' }, { target: 'playing' }],
    },
    playing: {},
    deciding: {},
    ended: {},
  },
  on: {
    NEXT: { target: '.route', actions: 'applyMove' },
    BACK: { target: '.route', actions: 'applyMove' },
    START: { target: '.route', actions: 'applyMove' },
    END: { target: '.route', actions: 'applyMove' },
    DATE: { target: '.route', actions: 'applyMove' },
    CHOOSE: { target: '.route', actions: 'applyMove' },
    ROLL: { target: '.route', actions: 'applyMove' },
    ASSUME: { target: '.route', actions: 'applyMove' },
    INJECT: { target: '.route', actions: 'applyMove' },
    BRANCH: { target: '.route', actions: 'applyMove' },
    ROLES: { target: '.route', actions: 'applyMove' },
    SAVED: { actions: 'applyMove' },
  },
});
