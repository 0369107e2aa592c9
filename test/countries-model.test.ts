// Model-based tests of the country machines (src/machines/country*.ts): XState's graph utilities walk every state
// and transition of every country machine of every shipped scenario and of generated ones, and at every edge
// the table Monte Carlo executes (derived from the same machine objects) must move exactly as XState does.
// Then random session event streams (steps, jumps back, branch switches, role changes, saves and loads,
// chained transitions included) must show, at every point, the state a from-scratch rebuild on the table gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, setup } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import type { EvalContext, Scenario } from '../src/core/model.js';
import type { StateContext } from '../src/core/context.js';
import type { RunState } from '../src/core/run-state.js';
import { evaluate } from '../src/core/context.js';
import { planOf } from '../src/core/plan.js';
import { postureTable } from '../src/core/postures.js';
import * as core from '../src/core/run.js';
import { resolveAssumptions } from '../src/core/run.js';
import { parseScenarioText } from '../src/scenario/load.js';
import { countryMachines, postureOf, type CountryMachine, type CountrySnapshot, type StepEvent } from '../src/machines/country.js';
import { tableChart, tableCountries } from '../src/machines/country-table.js';
import { xstateCountries } from '../src/machines/country-exec.js';
import { runFast, runHistory } from '../src/machines/engine.js';
import { sessionMachine, type SessionEvent } from '../src/machines/session.js';
import { branchOf, currentState, inputsFor, type SessionData } from '../src/machines/session-logic.js';
import { drawnIn } from '../src/machines/session-file.js';
import { fixture, root } from './helpers/scenarios.js';

const shipped = ['pyongyang-2024', 'kursk-2024', 'template'].map((id) =>
  parseScenarioText(readFileSync(`${root}scenarios/${id}.yaml`, 'utf8'), `${id}.yaml`),
);
// An authored case with several posture charts per actor (PRK, PRK.military, KOR.public): each its own machine.
const authored = parseScenarioText(readFileSync(`${root}docs/examples/alignment.yaml`, 'utf8'), 'alignment.yaml');
const smallText = readFileSync(fixture('core/small.yaml'), 'utf8');

/** The small fixture with its `postures:` section replaced (the section ends where `timeline:` starts). */
function withPostures(postures: string): Scenario {
  const start = smallText.indexOf('postures:\n');
  const end = smallText.indexOf('timeline:\n');
  return parseScenarioText(`${smallText.slice(0, start)}postures:\n${postures}${smallText.slice(end)}`, 'generated.yaml');
}

// ---- A formula oracle: a context whose every read is a fixed pseudo-random answer for its (id, call) -------

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // FNV's low bits depend on few input bits: mix them (murmur3's finaliser) before taking a remainder.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

type Oracle = EvalContext & { readonly id: number };

function oracle(id: number): Oracle {
  const pick = <T>(key: string, values: readonly T[]): T => values[fnv(`${id}|${key}`) % values.length] as T;
  const o: Oracle & Record<string, unknown> = {
    id,
    rel: (a, b) => pick(`rel ${a} ${b}`, [-100, -80, -71, -70, -61, -60, -59, -41, -40, -39, -31, -30, -29, 0, 29, 30, 31, 100]),
    assumption: (a) => pick(`a ${a}`, [0, 0.2, 1, 3, 5, 6, 10]),
    indicator: (i) => pick(`i ${i}`, [0, 1, 5, 50, 500, 2500, 6000]),
    tension: () => pick('t', [0, 30, 35, 60, 100]),
    posture: (a, p) => pick(`p ${a} ${p}`, [false, true]),
    chosen: (d, x) => pick(`c ${d} ${x}`, [false, true]),
    happened: (e) => pick(`h ${e}`, [false, true]),
    goldstein: () => 0,
    // What the table reads of a StateContext (no run memo here).
    fast: undefined,
    holdsKept: (f: Parameters<typeof evaluate>[0]) => evaluate(f, o) !== 0,
    at: () => o,
  };
  return o;
}

const ORACLES = Array.from({ length: 64 }, (_, i) => oracle(i));

/** Every step the machine can see: each event its transitions name, one they do not, and a decision. */
function stepEvents(scenario: Scenario, machine: CountryMachine, oracles = ORACLES): StepEvent[] {
  const named = new Set<string>();
  for (const t of tableChart(machine).states.values()) for (const x of t) if (x.event) named.add(x.event);
  const other = Object.keys(scenario.events).find((e) => !named.has(e));
  const ids: (string | undefined)[] = [undefined, ...named, ...(other ? [other] : [])];
  return ids.flatMap((event) => oracles.map((ctx) => ({ type: 'step' as const, event, ctx })));
}

const serializeEvent = (e: StepEvent) => `${e.event ?? '(decision)'}#${(e.ctx as Oracle).id}` as never;
const serializeState = (s: CountrySnapshot) => postureOf(s) as never;

/** Which of the state's `step` transitions XState takes (its index), or -1. */
function taken(machine: CountryMachine, snap: CountrySnapshot, e: StepEvent): number {
  const [t] = machine.getTransitionData(snap, e);
  if (!t) return -1;
  return machine.root.states[postureOf(snap)]!.transitions.get('step')!.indexOf(t);
}

/** The table's move for one actor from `posture` on `e` (the posture it ends in). */
function tableMove(scenario: Scenario, machine: CountryMachine, posture: string, e: StepEvent): string {
  const countries = postureTable(scenario, [tableChart(machine)]);
  const postures: Record<string, string> = { [machine.id]: posture };
  const ctx = e.ctx as unknown as StateContext;
  // The table reads and writes postures only through the run state's two methods, and its guards read `ctx`.
  const t = {
    s: { postures },
    ctx: { at: () => ctx },
    posture: (_k: number, actor: string) => postures[actor] as string,
    setPosture: (_k: number, actor: string, to: string) => {
      postures[actor] = to;
    },
  } as unknown as RunState;
  const ev = e.event === undefined ? undefined : planOf(scenario).events.get(e.event);
  countries.step(t, ev);
  return postures[machine.id] as string;
}

interface Coverage {
  readonly states: Set<string>;
  readonly transitions: Set<string>;
  edges: number;
}

/** Walks the machine from its initial state and from every state (XState's adjacency map), checking the table. */
function walk(scenario: Scenario, machine: CountryMachine, oracles = ORACLES): Coverage {
  const cm = countryMachines(scenario);
  const events = stepEvents(scenario, machine, oracles);
  const cov: Coverage = { states: new Set(), transitions: new Set(), edges: 0 };
  const starts = [undefined, ...Object.keys(machine.root.states).map((p) => cm.snapshot(machine.id, p))];
  for (const fromState of starts) {
    const adj = getAdjacencyMap(machine, { events, serializeEvent, serializeState, ...(fromState ? { fromState } : {}) });
    for (const { state, transitions } of Object.values(adj)) {
      const from = postureOf(state);
      cov.states.add(from);
      for (const { event, state: to } of Object.values(transitions) as { event: StepEvent; state: CountrySnapshot }[]) {
        const index = taken(machine, state, event);
        if (index >= 0) cov.transitions.add(`${from}#${index}`);
        expect(tableMove(scenario, machine, from, event), `${machine.id} ${from} on ${serializeEvent(event)}`).toBe(postureOf(to));
        cov.edges++;
      }
    }
  }
  return cov;
}

function allTransitions(machine: CountryMachine): string[] {
  return Object.entries(machine.root.states).flatMap(([name, node]) =>
    (node.transitions.get('step') ?? []).map((_, i) => `${name}#${i}`),
  );
}

// Generated charts on the small fixture: any number of states, transitions with and without events and
// conditions (including ones that read other actors' postures), in any order.
const events = ['treaty', 'second_grievance', 'c_choice', 'late', 'a_counter', 'a_warns', 'surprise'];
const conditions = [
  'rel(CCC, AAA) < -30',
  'rel(AAA, CCC) > 0',
  'rel(BBB, CCC) < -45',
  'chosen(c_choice, talk)',
  'chosen(c_choice, arm_out)',
  'chosen(a_counter, sanction)',
  'happened(late)',
  'tension > 35',
  'hawk > 5',
  'posture(AAA, s0)',
  'posture(CCC, s0) || posture(BBB, s0)',
  'posture(AAA.gov, s0)',
  'posture(AAA.gov, s0) and not posture(AAA, s0)',
];
const transition = (states: number) =>
  fc.record({
    event: fc.option(fc.constantFrom(...events), { nil: undefined }),
    when: fc.option(fc.constantFrom(...conditions), { nil: undefined }),
    target: fc.nat({ max: states - 1 }),
  });
const chart = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({ initial: fc.nat({ max: n - 1 }), states: fc.array(fc.array(transition(n), { maxLength: 3 }), { minLength: n, maxLength: n }) }),
);
// Every actor has a chart with an s0 (conditions read it); AAA has a second, named chart (AAA.gov), its own machine.
const charts = fc.record({ AAA: chart, BBB: chart, CCC: chart, 'AAA.gov': chart });
type Charts = typeof charts extends fc.Arbitrary<infer T> ? T : never;
function yamlOf(cs: Charts): string {
  const out: string[] = [];
  for (const [actor, c] of Object.entries(cs)) {
    out.push(`  ${actor}:`, `    initial: s${c.initial}`, '    states:');
    c.states.forEach((ts, i) => {
      out.push(`      s${i}:`, `        description: State ${i}`, ts.length ? '        on:' : '        on: []');
      for (const t of ts) {
        const parts = [...(t.event ? [`event: ${t.event}`] : []), ...(t.when ? [`when: "${t.when}"`] : []), `target: s${t.target}`];
        out.push(`          - { ${parts.join(', ')} }`);
      }
    });
  }
  return `${out.join('\n')}\n`;
}
const generated = charts.map((cs) => ({ text: yamlOf(cs), scenario: withPostures(yamlOf(cs)) }));


// Walks of whole machines under many oracles: a bound for busy machines, not a speed goal.
describe('country machines: every state and transition, XState against the derived table', { timeout: 120_000 }, () => {
  for (const scenario of [...shipped, authored]) {
    it(`${scenario.id}: every state and every transition of every country is taken, and the table agrees`, () => {
      const cm = countryMachines(scenario);
      expect(cm.actors.length).toBeGreaterThan(0);
      for (const actor of cm.actors) {
        const machine = cm.machines.get(actor)!;
        const cov = walk(scenario, machine);
        expect([...cov.states].sort()).toEqual(Object.keys(machine.root.states).sort());
        expect([...cov.transitions].sort()).toEqual(allTransitions(machine).sort());
        // And every posture is reachable from the initial one by some sequence of steps (shortest paths).
        const paths = getShortestPaths(machine, { events: stepEvents(scenario, machine), serializeEvent, serializeState });
        expect(new Set(paths.map((p) => postureOf(p.state))).size).toBe(Object.keys(machine.root.states).length);
      }
    });
  }

  it('generated scenarios: on every edge of every state the table moves as XState does, and every state is walked', () => {
    fc.assert(
      fc.property(generated, ({ scenario }) => {
        const cm = countryMachines(scenario);
        for (const actor of cm.actors) {
          const machine = cm.machines.get(actor)!;
          const cov = walk(scenario, machine, ORACLES.slice(0, 16));
          expect(cov.states.size).toBe(Object.keys(machine.root.states).length);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('generated scenarios: whole runs agree, XState history against the Monte Carlo table, for any seed and choices', () => {
    fc.assert(
      fc.property(
        generated,
        fc.nat({ max: 0xffffffff }),
        fc.constantFrom<Record<string, string>>({}, { c_choice: 'talk' }, { c_choice: 'arm_out', a_counter: 'ignore' }),
        ({ scenario }, seed, choices) => {
          const inputs = { seed, assumptions: resolveAssumptions(scenario), choices };
          const history = runHistory(scenario, inputs);
          expect(JSON.stringify(runFast(scenario, inputs))).toBe(JSON.stringify(history.at(-1)));
          // Step by step too: the table on the same history moves exactly as XState did.
          const table = core.runHistory(scenario, inputs, tableCountries(scenario));
          expect(table.map((s) => s.postures)).toEqual(history.map((s) => s.postures));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses to derive a table from a machine it cannot express, rather than execute it differently', () => {
    const foreign = setup({ guards: { other: () => true } }).createMachine({
      id: 'XXX',
      initial: 'a',
      states: { a: { on: { step: { target: 'b', guard: 'other' } } }, b: {} },
    });
    expect(() => tableChart(foreign as unknown as CountryMachine)).toThrow(/guard other than 'fires'/);
    const entry = setup({}).createMachine({ id: 'YYY', initial: 'a', states: { a: { entry: () => undefined } } });
    expect(() => tableChart(entry as unknown as CountryMachine)).toThrow(/actions/);
  });
});

// ---- Sessions: random event streams against a from-scratch rebuild on the table ---------------------------

/** The drift case of issue 9: a chained transition (calm → alarmed on the treaty, alarmed → hostile on any
 * later step, since the condition already holds). Re-sending the treaty's step would move CCC on. */
const chained = withPostures(`  CCC:
    initial: calm
    states:
      calm:
        description: Calm
        on:
          - { event: treaty, target: alarmed }
      alarmed:
        description: Alarmed
        on:
          - { when: "rel(CCC, BBB) < 0", target: hostile }
      hostile:
        description: Hostile
        on: []
`);

/**
 * The state at the session's cursor must be the one a rebuild of the branch's inputs on the table gives
 * (decisions the user handed to the engine are simply left unchosen: the engine draws them the same way).
 */
function expectRebuilt(d: SessionData): void {
  const b = branchOf(d);
  const rebuilt = core.runHistory(d.scenario, inputsFor(d, b.choices), tableCountries(d.scenario));
  const here = currentState(d);
  expect(JSON.stringify(here)).toBe(JSON.stringify(rebuilt[b.cursor]));
}

/** The session's live country actor `country:<actor>`, looked up in its actor system. */
function child(actor: { system: { get(id: string): unknown } }, id: string): { getSnapshot(): CountrySnapshot; send(e: StepEvent): void } {
  const c = actor.system.get(`country:${id}`);
  expect(c, `country:${id}`).toBeDefined();
  return c as { getSnapshot(): CountrySnapshot; send(e: StepEvent): void };
}

/** Every live country actor is in the posture the cursor's state records. */
function expectActorsAtCursor(actor: { system: { get(id: string): unknown }; getSnapshot(): { status: string; context: { data: SessionData } } }): void {
  const snap = actor.getSnapshot();
  expect(snap.status).toBe('active');
  const here = currentState(snap.context.data);
  for (const a of countryMachines(snap.context.data.scenario).actors) expect([a, postureOf(child(actor, a).getSnapshot())]).toEqual([a, here.postures[a]]);
}

function load(d: SessionData) {
  const inputs = inputsFor(d, branchOf(d).choices);
  const engine = drawnIn(branchOf(d));
  return createActor(sessionMachine, {
    input: {
      scenario: d.scenario,
      options: { seed: d.seed, preset: d.preset, overrides: d.overrides, roles: d.roles, injects: d.injects, choices: inputs.choices, rolled: Object.keys(engine) },
    },
  }).start();
}

describe('sessions: the postures shown are the ones the machines give, whatever the user does', { timeout: 120_000 }, () => {
  it('the drift case: SAVED and ROLES after a chained transition change no posture', () => {
    const actor = createActor(sessionMachine, { input: { scenario: chained, options: { seed: 1, roles: ['CCC'] } } }).start();
    let snap = actor.getSnapshot();
    const first = child(actor, 'CCC');
    expect(first.getSnapshot().value).toBe('calm');
    while (currentState(snap.context.data).postures['CCC'] === 'calm') {
      actor.send({ type: 'NEXT' });
      snap = actor.getSnapshot();
      // Each step at the tip is sent to the same actor: XState moves it, nothing spawns it again.
      expect(child(actor, 'CCC')).toBe(first);
      expect(first.getSnapshot().value).toBe(currentState(snap.context.data).postures['CCC']);
    }
    const at = currentState(snap.context.data);
    expect(at.postures['CCC']).toBe('alarmed');
    expect(at.log.at(-1)?.event).toBe('treaty');
    for (const e of [{ type: 'SAVED' }, { type: 'ROLES', roles: ['CCC', 'AAA'] }, { type: 'SAVED' }, { type: 'ROLES', roles: ['CCC'] }] as const) {
      actor.send(e);
      snap = actor.getSnapshot();
      expect(currentState(snap.context.data).postures['CCC']).toBe('alarmed');
      expect(child(actor, 'CCC').getSnapshot().value).toBe('alarmed');
      expectRebuilt(snap.context.data);
    }
    // The live actor: the same one that XState moved from calm to alarmed, still alarmed after SAVED and ROLES.
    const live = child(actor, 'CCC');
    expect(live.getSnapshot().value).toBe('alarmed');
    actor.send({ type: 'NEXT' }); // the next step, and only it, takes the chained transition
    expect(currentState(actor.getSnapshot().context.data).postures['CCC']).toBe('hostile');
    expect(child(actor, 'CCC')).toBe(live);
    expect(live.getSnapshot().value).toBe('hostile');
    expectActorsAtCursor(actor);
    // The XState snapshot of the country, rebuilt from the state, is in the same posture.
    const cm = countryMachines(chained);
    expect(cm.snapshot('CCC', 'hostile').matches('hostile')).toBe(true);
    expect(xstateCountries(chained).initial).toEqual({ CCC: 'calm' });
  });

  it('a country actor moved behind the session\'s back fails the session at its next step', () => {
    const actor = createActor(sessionMachine, { input: { scenario: chained, options: { seed: 1, roles: ['CCC'] } } });
    const errors: unknown[] = [];
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    // The treaty's step, sent by hand: the live actor goes to alarmed while the history stays calm.
    child(actor, 'CCC').send({ type: 'step', event: 'treaty', ctx: ORACLES[0]! });
    expect(child(actor, 'CCC').getSnapshot().value).toBe('alarmed');
    expect(currentState(actor.getSnapshot().context.data).postures['CCC']).toBe('calm');
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().status).toBe('error');
    const [, live, recorded] = /the country actors left the history: CCC: actor (\w+), history (\w+)$/.exec(String(errors[0])) ?? [];
    expect(live).toBeDefined();
    expect(live).not.toBe(recorded);
  });

  it('a jump (back, start, another branch) spawns the actors again in the postures of the new cursor; a date a few steps ahead is sent', () => {
    const actor = createActor(sessionMachine, { input: { scenario: chained, options: { seed: 1, roles: [] } } }).start();
    actor.send({ type: 'END' });
    expectActorsAtCursor(actor);
    const atEnd = child(actor, 'CCC');
    actor.send({ type: 'START' });
    expect(child(actor, 'CCC')).not.toBe(atEnd);
    expect(atEnd.getSnapshot().status).toBe('stopped');
    expect(child(actor, 'CCC').getSnapshot().value).toBe('calm');
    expectActorsAtCursor(actor);
    // A date a few steps ahead is sent as steps: the same actor, moved by XState through each of them.
    const fresh = child(actor, 'CCC');
    const d0 = actor.getSnapshot().context.data;
    const target = branchOf(d0).states[Math.min(5, branchOf(d0).states.length - 1)]!;
    actor.send({ type: 'DATE', day: target.date });
    expect(branchOf(actor.getSnapshot().context.data).cursor).toBeGreaterThan(1);
    expect(child(actor, 'CCC')).toBe(fresh);
    expectActorsAtCursor(actor);
    // Its logic is the country's machine object (as prototype: only the initial snapshot is its own).
    const logic = (child(actor, 'CCC') as unknown as { logic: object }).logic;
    expect(Object.getPrototypeOf(logic)).toBe(countryMachines(chained).machines.get('CCC'));
    expect(Object.getOwnPropertyNames(logic)).toEqual(['getInitialSnapshot']);
  });

  const moves: fc.Arbitrary<SessionEvent | { type: 'LOAD' }>[] = [
    fc.constant({ type: 'NEXT' as const }),
    fc.constant({ type: 'NEXT' as const }),
    fc.constant({ type: 'NEXT' as const }),
    fc.constant({ type: 'BACK' as const }),
    fc.constant({ type: 'START' as const }),
    fc.constant({ type: 'END' as const }),
    fc.constant({ type: 'ROLL' as const }),
    fc.constant({ type: 'SAVED' as const }),
    fc.constant({ type: 'LOAD' as const }),
    fc.constantFrom('talk', 'arm_out', 'sanction', 'ignore').map((option) => ({ type: 'CHOOSE' as const, option })),
    fc.nat({ max: 3 }).map((id) => ({ type: 'BRANCH' as const, id })),
    fc.subarray(['AAA', 'BBB', 'CCC']).map((roles) => ({ type: 'ROLES' as const, roles })),
    fc.constantFrom('article', 'hindsight').map((preset) => ({ type: 'ASSUME' as const, preset, overrides: {} })),
  ];

  for (const [name, scenario] of [
    ['the chained scenario', () => chained],
    ['a generated scenario', undefined],
  ] as const) {
    it(`random streams of steps, jumps, branches, roles, saves and loads (${name})`, () => {
      const arbScenario = scenario ? fc.constant({ scenario: scenario() }) : generated;
      fc.assert(
        fc.property(arbScenario, fc.nat({ max: 1000 }), fc.array(fc.oneof(...moves), { maxLength: 40 }), ({ scenario: sc }, seed, events) => {
          let actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles: ['CCC'] } } }).start();
          for (const e of events) {
            if (e.type === 'LOAD') {
              const d = actor.getSnapshot().context.data;
              actor.stop();
              actor = load(d);
              expectRebuilt(actor.getSnapshot().context.data);
              expectActorsAtCursor(actor);
              continue;
            }
            actor.send(e);
            expectRebuilt(actor.getSnapshot().context.data);
            expectActorsAtCursor(actor);
          }
          actor.stop();
        }),
        { numRuns: 30 },
      );
    });
  }
});
