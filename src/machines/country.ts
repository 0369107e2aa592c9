/**
 * A country's posture as an XState actor, built from the statechart the scenario declares as data.
 *
 * The machine config stays plain data: every transition uses one parameterised guard (`transitionHolds`,
 * params = which transition of which state) and every state one parameterised entry action (`announce`).
 * The guard reads the same transition the core's fast table reads (core/step.ts `postureTarget`), so the
 * actor and the core agree on the posture at every step; test/machines.test.ts checks it over many runs.
 */
import { createActor, emit, setup, type ActorRefFrom } from 'xstate';
import type { ActorId, EvalContext, PostureChart } from '../core/model.js';
import { holds } from '../core/context.js';

/** An event was applied (`event` set) or a decision resolved (`event` undefined); `ctx` reads the state. */
export interface OccurEvent {
  readonly type: 'occur';
  readonly event: string | undefined;
  readonly ctx: EvalContext;
}

/** Put the actor in a posture directly: used when the session jumps in history. */
export interface RestoreEvent {
  readonly type: 'restore';
  readonly posture: string;
}

export type CountryEvent = OccurEvent | RestoreEvent;

export interface PostureEmitted {
  readonly type: 'posture';
  readonly actor: ActorId;
  readonly posture: string;
}

export function countryMachine(actor: ActorId, chart: PostureChart) {
  const names = Object.keys(chart.states);
  const states = Object.fromEntries(
    names.map((name) => [
      name,
      {
        entry: { type: 'announce' as const, params: { posture: name } },
        on: {
          occur: (chart.states[name]?.on ?? []).map((t, index) => ({
            target: t.target,
            guard: { type: 'transitionHolds' as const, params: { state: name, index } },
          })),
        },
      },
    ]),
  );
  return setup({
    types: {
      events: {} as CountryEvent,
      emitted: {} as PostureEmitted,
    },
    guards: {
      transitionHolds: ({ event }, params: { state: string; index: number }) => {
        if (event.type !== 'occur') return false;
        const t = chart.states[params.state]?.on[params.index];
        if (!t) return false;
        return (t.event === undefined || t.event === event.event) && holds(t.when, event.ctx);
      },
      isPosture: ({ event }, params: { posture: string }) => event.type === 'restore' && event.posture === params.posture,
    },
    actions: {
      announce: emit((_, params: { posture: string }) => ({ type: 'posture' as const, actor, posture: params.posture })),
    },
  }).createMachine({
    id: actor,
    initial: chart.initial,
    on: {
      restore: names.map((name) => ({
        target: `.${name}`,
        guard: { type: 'isPosture' as const, params: { posture: name } },
      })),
    },
    states,
  });
}

export type CountryMachine = ReturnType<typeof countryMachine>;
export type CountryRef = ActorRefFrom<CountryMachine>;

/** One started actor per country with a posture chart. */
export function startCountries(postures: Readonly<Record<ActorId, PostureChart>>): Record<ActorId, CountryRef> {
  const refs: Record<ActorId, CountryRef> = {};
  for (const [actor, chart] of Object.entries(postures)) {
    refs[actor] = createActor(countryMachine(actor, chart)).start();
  }
  return refs;
}

export function postureOf(ref: CountryRef): string {
  return String(ref.getSnapshot().value);
}
