/**
 * The Monte Carlo table, read off the country machines mechanically: each state node of a machine, its `step`
 * transitions in XState's order, each transition's target node and the params of its `fires` guard. Nothing
 * here reads the scenario's posture charts; the core executes the table (core/postures.ts `postureTable`).
 * Anything in a machine the table cannot express (another guard, an action, several targets, a nested state)
 * is refused here rather than executed differently; test/countries-model.test.ts checks that the table and
 * XState's execution agree on every state and transition.
 */
import type { AnyStateNode } from 'xstate';
import type { Scenario } from '../core/model.js';
import { postureTable, type Countries, type TableChart, type TableTransition } from '../core/postures.js';
import { countryMachines, type CountryMachine, type FiresParams } from './country.js';

function refuse(machine: CountryMachine, what: string): never {
  throw new Error(`country machine '${machine.id}': ${what} has no place in the posture table`);
}

/** One machine's table. */
export function tableChart(machine: CountryMachine): TableChart {
  const root = machine.root;
  const initial = root.initial?.target[0]?.key;
  if (initial === undefined) refuse(machine, 'a machine without an initial state');
  const states = new Map<string, TableTransition[]>();
  for (const [name, node] of Object.entries(root.states) as [string, AnyStateNode][]) {
    if (Object.keys(node.states).length > 0) refuse(machine, `nested states in '${name}'`);
    if (node.always?.length || node.after.length || node.entry.length || node.exit.length) refuse(machine, `'${name}' with actions or eventless transitions`);
    const list: TableTransition[] = [];
    for (const [type, transitions] of node.transitions) {
      if (type !== 'step') refuse(machine, `event '${type}' in '${name}'`);
      for (const t of transitions) {
        const guard = t.guard as { type?: string; params?: FiresParams } | undefined;
        if (guard?.type !== 'fires' || guard.params === undefined) refuse(machine, `a guard other than 'fires' in '${name}'`);
        if (t.target?.length !== 1 || t.actions.length > 0) refuse(machine, `a transition of '${name}' with actions or several targets`);
        list.push({ target: t.target[0]!.key, event: guard.params.event, when: guard.params.when });
      }
    }
    states.set(name, list);
  }
  return { actor: machine.id, initial, states };
}

const made = new WeakMap<Scenario, Countries>();

/** The scenario's countries as the table derived from their machines: what Monte Carlo executes. */
export function tableCountries(scenario: Scenario): Countries {
  let c = made.get(scenario);
  if (c === undefined) {
    const cm = countryMachines(scenario);
    made.set(scenario, (c = postureTable(scenario, cm.actors.map((a) => tableChart(cm.machines.get(a)!)))));
  }
  return c;
}
