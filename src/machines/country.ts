/**
 * Each country's behaviour, defined once: an XState machine built from the posture chart the scenario
 * declares. Its states are the postures; one event, `step`, is sent after every applied event and every
 * resolved decision; each of a state's transitions is guarded by the named, parameterised guard `fires`, whose
 * params are the transition's data (the event it waits for and its condition). The first transition whose
 * guard holds fires, as XState picks transitions in order.
 *
 * These machine objects are the definition the rest derives from:
 *   - country-exec.ts executes them with XState's transition function on every run that keeps history;
 *   - country-table.ts reads the Monte Carlo table off their state nodes and guard params.
 */
import { setup, type SnapshotFrom } from 'xstate';
import type { ActorId, EvalContext, Formula, PostureChart, Scenario } from '../core/model.js';
import { holds } from '../core/context.js';

/**
 * A step of the run: the scenario event just applied (`event`), or a decision just resolved (`event`
 * undefined). `ctx` reads the state after the step's effects, with every posture as it was before the step.
 */
export interface StepEvent {
  readonly type: 'step';
  readonly event: string | undefined;
  readonly ctx: EvalContext;
}

/** The params of the `fires` guard: one transition's data. */
export interface FiresParams {
  /** Fires only when this event (id) is applied; undefined: after any step. */
  readonly event: string | undefined;
  readonly when: Formula | undefined;
}

export function countryMachine(actor: ActorId, chart: PostureChart) {
  const states = Object.fromEntries(
    Object.entries(chart.states).map(([name, st]) => [
      name,
      {
        description: st.description,
        on: {
          step: st.on.map((t) => ({
            target: t.target,
            guard: { type: 'fires' as const, params: { event: t.event, when: t.when } satisfies FiresParams },
          })),
        },
      },
    ]),
  );
  return setup({
    types: { events: {} as StepEvent },
    guards: {
      fires: ({ event }, p: FiresParams) => (p.event === undefined || p.event === event.event) && holds(p.when, event.ctx),
    },
  }).createMachine({ id: actor, initial: chart.initial, states });
}

export type CountryMachine = ReturnType<typeof countryMachine>;
export type CountrySnapshot = SnapshotFrom<CountryMachine>;

/** The country machines of a scenario, in the scenario's actor order; made once per scenario. */
export interface CountryMachines {
  readonly actors: readonly ActorId[];
  readonly machines: ReadonlyMap<ActorId, CountryMachine>;
  /** The machine's snapshot in posture `posture` (XState's own `resolveState`), kept per posture. */
  snapshot(actor: ActorId, posture: string): CountrySnapshot;
}

const made = new WeakMap<Scenario, CountryMachines>();

export function countryMachines(scenario: Scenario): CountryMachines {
  let c = made.get(scenario);
  if (c !== undefined) return c;
  const machines = new Map<ActorId, CountryMachine>();
  for (const [actor, chart] of Object.entries(scenario.postures)) machines.set(actor, countryMachine(actor, chart));
  const snapshots = new Map<ActorId, Map<string, CountrySnapshot>>();
  c = {
    actors: [...machines.keys()],
    machines,
    snapshot(actor, posture) {
      let byPosture = snapshots.get(actor);
      if (byPosture === undefined) snapshots.set(actor, (byPosture = new Map()));
      let snap = byPosture.get(posture);
      if (snap === undefined) {
        const machine = machines.get(actor);
        if (machine === undefined) throw new Error(`no country machine for '${actor}'`);
        byPosture.set(posture, (snap = machine.resolveState({ value: posture, context: {} })));
      }
      return snap;
    },
  };
  made.set(scenario, c);
  return c;
}

/** The posture a snapshot is in (a country machine's states are flat: the value is the posture's name). */
export function postureOf(snap: CountrySnapshot): string {
  return String(snap.value);
}
