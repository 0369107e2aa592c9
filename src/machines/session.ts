/**
 * The session as an XState machine. Its states say what the user can do now, and carry tags the UI reads:
 *   playing     (tag 'playing')     → the cursor can move forward; a decision already taken can be revised;
 *   deciding    (tag 'deciding')    → a decision of an actor the user plays is at the cursor: choose, roll;
 *   forecasting (tag 'forecasting') → forecast-first is on and the decision here has no forecast yet;
 *   ended       (tag 'ended')       → the scenario is over (going back, revising, switching still work);
 *   confirming  (tag 'modal')       → an assumption or inject change would flip what already happened:
 *                                     KEEP_BRANCH, APPLY or CANCEL, nothing else.
 * Each state accepts only the events that mean something there; any other event is ignored and `reason` says
 * why, for the status line. A refused move (an unavailable option) sets `error`.
 * The moves themselves are the pure functions of session-logic.ts, which step runs through machines/engine.ts:
 * the countries' postures in every state of a branch are the snapshots XState computes from the country
 * machines (country-exec.ts).
 *
 * The countries are also live: the session spawns one child actor per country machine, registered as
 * `country:<ID>` in its actor system, and keeps each in the posture of the state at the cursor
 * (country-actors.ts): after every move it sends them the steps the cursor went forward, or, on a jump, stops
 * and spawns them again in the cursor's postures. After sending steps it checks (the internal event
 * COUNTRIES_MOVED) that XState moved every actor to the posture the history recorded; a disagreement is an error
 * of the actor. The views read the postures off these actors (selectors.ts `posturesNow`).
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { ActorId, Day, Scenario } from '../core/model.js';
import type { Inject } from '../core/run.js';
import type { SimState } from '../core/state.js';
import * as S from './session-logic.js';
import { countryActorId, countryDrift, countryLogic, countrySync, type CountryInput, type Shown } from './country-actors.js';
import { countryMachines } from './country.js';

export type SessionEvent =
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'START' }
  | { type: 'END' }
  | { type: 'DATE'; day: Day }
  | { type: 'CHOOSE'; option: string }
  | { type: 'ROLL' }
  /** Choose differently at the decision taken here (`option` undefined: let the engine draw). */
  | { type: 'REVISE'; option?: string }
  | { type: 'ASSUME'; preset: string; overrides: Readonly<Record<string, number>> }
  | { type: 'INJECT'; injects: readonly Inject[] }
  | { type: 'KEEP_BRANCH' }
  | { type: 'APPLY' }
  | { type: 'CANCEL' }
  | { type: 'BRANCH'; id: number }
  | { type: 'RENAME'; id: number; name: string }
  | { type: 'ROLES'; roles: readonly ActorId[] }
  | { type: 'FORECAST_FIRST'; on: boolean }
  | { type: 'FORECAST'; decision: string; p: Readonly<Record<string, number>> }
  | { type: 'SAVED' };

export type SessionEventType = SessionEvent['type'];

export interface SessionContext {
  readonly data: S.SessionData;
  /** The last move the core refused (e.g. an unavailable option), for the status line. */
  readonly error: string | null;
  /** Why the last event was ignored in this state, for the status line. */
  readonly reason: string | null;
  /** The state whose postures the country actors show (the cursor's, once they are synced), and its step. */
  readonly countries: Shown | null;
}

/** Sent by the session to itself once the country actors have processed the steps it sent them. */
interface CountriesMoved {
  readonly type: 'COUNTRIES_MOVED';
  readonly state: SimState;
}

export interface SessionInput {
  readonly scenario: Scenario;
  readonly options?: S.SessionOptions;
  /** A session rebuilt from a file (session-file.ts): used instead of `options`. */
  readonly data?: S.SessionData;
}

/** The tags the UI reads. */
export type SessionTag = 'playing' | 'deciding' | 'forecasting' | 'ended' | 'modal';

type CountrySpawn = { readonly id: string; readonly systemId: string; readonly input: CountryInput };
type Move = (d: S.SessionData, e: SessionEvent) => S.SessionData;
type Of<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;

const moves: Record<SessionEventType, Move> = {
  NEXT: (d) => S.forward(d),
  BACK: (d) => S.back(d),
  START: (d) => S.toStart(d),
  END: (d) => S.toEnd(d),
  DATE: (d, e) => S.toDate(d, (e as Of<'DATE'>).day),
  CHOOSE: (d, e) => S.choose(d, (e as Of<'CHOOSE'>).option),
  ROLL: (d) => S.choose(d, undefined),
  REVISE: (d, e) => S.revise(d, (e as Of<'REVISE'>).option),
  ASSUME: (d, e) => S.setAssumptions(d, (e as Of<'ASSUME'>).preset, (e as Of<'ASSUME'>).overrides),
  INJECT: (d, e) => S.setInjects(d, (e as Of<'INJECT'>).injects),
  KEEP_BRANCH: (d) => S.keepChangeAsBranch(d),
  APPLY: (d) => S.applyChange(d),
  CANCEL: (d) => S.cancelChange(d),
  BRANCH: (d, e) => S.switchBranch(d, (e as Of<'BRANCH'>).id),
  RENAME: (d, e) => S.renameBranch(d, (e as Of<'RENAME'>).id, (e as Of<'RENAME'>).name),
  ROLES: (d, e) => S.setRoles(d, (e as Of<'ROLES'>).roles),
  FORECAST_FIRST: (d, e) => S.setForecastFirst(d, (e as Of<'FORECAST_FIRST'>).on),
  FORECAST: (d, e) => S.recordForecast(d, (e as Of<'FORECAST'>).decision, (e as Of<'FORECAST'>).p),
  SAVED: (d) => S.markSaved(d),
};

/** Why an event means nothing in a state (the status line shows it). */
const REASONS: Record<string, Partial<Record<SessionEventType, string>> & { '*'?: string }> = {
  playing: {
    CHOOSE: 'No decision waits here: step forward (→) to the next one',
    ROLL: 'No decision waits here: step forward (→) to the next one',
    KEEP_BRANCH: 'No change is waiting',
    APPLY: 'No change is waiting',
    CANCEL: 'No change is waiting',
  },
  deciding: {
    NEXT: 'A decision of yours waits: choose an option, or let the engine draw',
    END: 'A decision of yours waits: choose an option, or let the engine draw',
    KEEP_BRANCH: 'No change is waiting',
    APPLY: 'No change is waiting',
    CANCEL: 'No change is waiting',
  },
  forecasting: {
    '*': 'Forecast first: give a probability for every option (they must add up to 100 %), or step back',
  },
  ended: {
    NEXT: 'This is the end of the scenario: ← goes back, b shows the branches, s saves',
    END: 'This is the end of the scenario: ← goes back, b shows the branches, s saves',
    CHOOSE: 'This is the end of the scenario: no decision waits here',
    ROLL: 'This is the end of the scenario: no decision waits here',
    '*': 'Nothing to do here at the end of the scenario',
  },
  confirming: {
    '*': 'An assumption change waits for your answer: keep it as a new branch, apply it here, or cancel',
  },
};

/** Applies a move. A refused move keeps the data and gives the reason. */
export function planMove(context: SessionContext, event: SessionEvent): { data: S.SessionData; error: string | null } {
  try {
    const moved = moves[event.type](context.data, event);
    return { data: moved === context.data ? moved : S.withDirty(S.synced(moved)), error: null };
  } catch (err) {
    return { data: context.data, error: err instanceof Error ? err.message : String(err) };
  }
}

function reasonFor(state: string, type: SessionEventType): string {
  const r = REASONS[state];
  return r?.[type] ?? r?.['*'] ?? 'Not possible here';
}

const move = { target: 'route', actions: ['applyMove', 'syncCountries'] } as const;
const stay = { actions: ['applyMove', 'syncCountries'] } as const;
/** What every state but `confirming` accepts: moving back or to a date, new inputs, another branch. */
const outsideModal = {
  BACK: move,
  START: move,
  DATE: move,
  ASSUME: move,
  INJECT: move,
  ROLES: move,
  BRANCH: move,
  FORECAST_FIRST: move,
} as const;

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent | CountriesMoved,
    input: {} as SessionInput,
    tags: {} as SessionTag,
  },
  guards: {
    changePending: ({ context }) => context.data.pendingChange !== null,
    forecastDue: ({ context }) => {
      const d = context.data;
      const s = S.currentState(d);
      return d.forecastFirst && s.pending !== null && d.forecasts[s.pending.decision] === undefined;
    },
    awaitingUser: ({ context }) => S.awaitingUser(context.data),
    pendingHere: ({ context }) => S.currentState(context.data).pending !== null,
    finished: ({ context }) => S.ended(context.data),
  },
  actions: {
    applyMove: assign(({ context, event }) => ({ ...planMove(context, event as SessionEvent), reason: null })),
    /** Brings the country actors to the cursor: the steps it went forward sent, or the actors spawned again. */
    syncCountries: enqueueActions(({ context, enqueue, self }) => {
      const d = context.data;
      const b = S.branchOf(d);
      const here = b.states[b.cursor]!;
      const sync = countrySync(d.scenario, context.countries, b.states, b.cursor);
      if (sync.kind !== 'none' || context.countries?.at !== b.cursor) enqueue.assign({ countries: { state: here, at: b.cursor } });
      if (sync.kind === 'respawn') {
        for (const actor of countryMachines(d.scenario).actors) {
          const id = countryActorId(actor);
          enqueue.stopChild(id);
          // XState's types refuse an `id` beside inline logic (they type ids of the logic named in setup only).
          const options: CountrySpawn = { id, systemId: id, input: { posture: here.postures[actor]! } };
          enqueue.spawnChild(countryLogic(d.scenario, actor), options as { systemId: string });
        }
      } else if (sync.kind === 'steps') {
        for (const step of sync.steps) for (const [actor, event] of step) enqueue.sendTo(countryActorId(actor), event);
        // Sent to itself after the steps (sendTo is delivered in order once this macrostep is over).
        enqueue.sendTo(self, { type: 'COUNTRIES_MOVED', state: here });
      }
    }),
    /** The actors XState moved are in the postures the history recorded for the cursor (else the actor fails). */
    checkCountries: ({ context, event, self }) => {
      const moved = event as CountriesMoved;
      if (context.countries?.state !== moved.state) return; // the cursor has moved on since: a later check follows
      const drift = countryDrift(context.data.scenario, self.getSnapshot().children, moved.state);
      if (drift.length > 0) throw new Error(`the country actors left the history: ${drift.join('; ')}`);
    },
    refuse: assign(({ event, self }) => ({ error: null, reason: reasonFor(String(self.getSnapshot().value), (event as SessionEvent).type) })),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    data: input.data ?? S.createSession(input.scenario, input.options ?? { seed: 1 }),
    error: null,
    reason: null,
    countries: null,
  }),
  entry: 'syncCountries',
  initial: 'route',
  states: {
    route: {
      always: [
        { guard: 'changePending', target: 'confirming' },
        { guard: 'forecastDue', target: 'forecasting' },
        { guard: 'awaitingUser', target: 'deciding' },
        { guard: 'finished', target: 'ended' },
        { target: 'playing' },
      ],
    },
    playing: {
      tags: ['playing'],
      on: {
        ...outsideModal,
        NEXT: move,
        END: move,
        // Any decision can be taken by hand, also one of an actor the engine plays.
        CHOOSE: { guard: 'pendingHere', ...move },
        ROLL: { guard: 'pendingHere', ...move },
        REVISE: move,
      },
    },
    deciding: {
      tags: ['deciding'],
      on: {
        ...outsideModal,
        // In history the cursor can still go forward past the decision already taken.
        NEXT: { guard: ({ context }) => !S.blockedAtTip(context.data), ...move },
        END: { guard: ({ context }) => !S.blockedAtTip(context.data), ...move },
        CHOOSE: move,
        ROLL: move,
        REVISE: move,
      },
    },
    forecasting: {
      tags: ['forecasting'],
      on: { ...outsideModal, FORECAST: move },
    },
    ended: {
      tags: ['ended'],
      on: { ...outsideModal, REVISE: move },
    },
    confirming: {
      tags: ['modal'],
      on: { KEEP_BRANCH: move, APPLY: move, CANCEL: move, SAVED: stay, COUNTRIES_MOVED: { actions: 'checkCountries' }, '*': { actions: 'refuse' } },
    },
  },
  on: {
    SAVED: stay,
    RENAME: stay,
    COUNTRIES_MOVED: { actions: 'checkCountries' },
    '*': { actions: 'refuse' },
  },
});
