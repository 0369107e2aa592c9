/**
 * The core's run and step functions with the countries bound: every run that keeps history executes the country
 * machines through XState (country-exec.ts); `runFast`, the Monte Carlo path, executes the table derived from
 * the same machines (country-table.ts). Front ends step runs through these, never through core/step.ts or
 * core/run.ts directly, so no caller can pick a third way of moving postures.
 */
import type { Scenario } from '../core/model.js';
import type { SimState } from '../core/state.js';
import * as run from '../core/run.js';
import * as step from '../core/step.js';
import { xstateCountries } from './country-exec.js';
import { tableCountries } from './country-table.js';

export function initialState(scenario: Scenario, inputs: run.RunInputs): SimState {
  return run.initialState(scenario, inputs, xstateCountries(scenario));
}

/** The next agenda item applied (immutable; XState moves the postures). */
export function next(scenario: Scenario, state: SimState): SimState {
  return step.next(scenario, state, xstateCountries(scenario));
}

/** The pending decision resolved: `option`, or the engine's draw (immutable; XState moves the postures). */
export function decide(scenario: Scenario, state: SimState, option: string | undefined): SimState {
  return step.decide(scenario, state, option, xstateCountries(scenario));
}

/** One step with the run's inputs: the pending decision if any, else the next event. */
export function stepWith(scenario: Scenario, s: SimState, choices: Readonly<Record<string, string>>): SimState {
  return run.stepWith(scenario, s, choices, xstateCountries(scenario));
}

/** Every state of the run, from the initial one (XState moves the postures). */
export function runHistory(scenario: Scenario, inputs: run.RunInputs): SimState[] {
  return run.runHistory(scenario, inputs, xstateCountries(scenario));
}

/** The last state of `runHistory`: a whole run stepped with the countries executed by XState. */
export function runStepped(scenario: Scenario, inputs: run.RunInputs): SimState {
  return run.runHistory(scenario, inputs, xstateCountries(scenario)).at(-1)!;
}

/** The Monte Carlo path: one mutable state with its memo; postures by the table derived from the machines. */
export function runFast(scenario: Scenario, inputs: run.RunInputs): SimState {
  return run.runFast(scenario, inputs, tableCountries(scenario));
}
