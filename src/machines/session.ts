/**
 * The session as an XState machine: stepping, choosing, going back, forking and switching branches,
 * re-simulating under new assumptions. Its states say what the user can do now:
 *   playing  → the cursor can move forward;
 *   deciding → a decision of an actor the user plays waits for a choice;
 *   ended    → the scenario is over (going back is still possible).
 * The moves themselves are the pure functions of session-logic.ts, which step runs through machines/engine.ts:
 * the countries' postures in every state of a branch are the snapshots XState computes from the country
 * machines (country-exec.ts), so the session keeps no country actors of its own to feed.
 */
import { assign, setup } from 'xstate';
import type { ActorId, Day, Scenario } from '../core/model.js';
import { isFinished } from '../core/step.js';
import type { Inject } from '../core/run.js';
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

/** Applies a move. A refused move keeps the data and gives the reason. */
export function planMove(context: SessionContext, event: SessionEvent): { data: S.SessionData; error: string | null } {
  try {
    const moved = moves[event.type](context.data, event);
    return { data: moved === context.data ? moved : S.withDirty(moved), error: null };
  } catch (err) {
    return { data: context.data, error: err instanceof Error ? err.message : String(err) };
  }
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
    applyMove: assign(({ context, event }) => planMove(context, event)),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({ data: S.createSession(input.scenario, input.options), error: null }),
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
