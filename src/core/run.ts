/**
 * Whole runs: the initial state, and replaying a run's inputs (seed, assumptions, choices, injects) to its end.
 * A run is a pure function of its inputs; the run file stores exactly these inputs (see replay in the CLI).
 */
import type { Day, Scenario, Tie } from './model.js';
import type { AgendaItem, Modifier, SimState } from './state.js';
import { pairKey } from './state.js';
import { seededLiveStream, seedStream, streamSeed, type StreamState } from './rng.js';
import { applyDecision, applyNext, decide, isFinished, next } from './step.js';
import { FastState } from './fast-state.js';
import { SimError } from './errors.js';
import { planOf, stateTie } from './plan.js';
import type { Countries } from './postures.js';
import { historyAgendaHead } from './history-meta.js';

export interface Inject {
  readonly event: string;
  readonly date: Day;
}

export interface RunInputs {
  readonly seed: number;
  /** Complete assumption values (see resolveAssumptions). */
  readonly assumptions: Readonly<Record<string, number>>;
  /** Decision id → option id, for the decisions the user makes; the engine draws the rest. */
  readonly choices: Readonly<Record<string, string>>;
  readonly injects?: readonly Inject[];
  /** Stop before any event dated after this day. */
  readonly until?: Day;
}

/** Default values, then the preset's, then explicit overrides (checked against names and ranges). */
export function resolveAssumptions(
  scenario: Scenario,
  preset: string = scenario.defaultPreset,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const p = scenario.presets.find((x) => x.id === preset);
  if (!p) throw new SimError(`unknown preset '${preset}' (presets: ${scenario.presets.map((x) => x.id).join(', ')})`);
  const values: Record<string, number> = {};
  for (const a of scenario.assumptions) values[a.id] = a.default;
  Object.assign(values, p.values);
  for (const [id, v] of Object.entries(overrides)) {
    const a = scenario.assumptions.find((x) => x.id === id);
    if (!a) throw new SimError(`unknown assumption '${id}'`);
    if (!Number.isFinite(v) || v < a.min || v > a.max) {
      throw new SimError(`assumption '${id}' must be between ${a.min} and ${a.max}, found ${v}`);
    }
    values[id] = v;
  }
  return values;
}

/**
 * The parts of an initial state that depend on the scenario alone, made once: the initial modifiers (in
 * ledger key order), the timeline agenda, the copied ties and indicators. Their objects are
 * immutable data (the recipes replace list entries, never change them), so states share them; arrays and
 * records the recipes change are copied for each state.
 */
interface Template {
  readonly ledger: readonly (readonly [string, readonly Modifier[]])[];
  /** The timeline's agenda items (the plan's, whose order the run memo relies on). */
  readonly agenda: readonly AgendaItem[];
  readonly ties: readonly Tie[];
  readonly indicators: Readonly<Record<string, number>>;
}

const templates = new WeakMap<Scenario, Template>();

function templateOf(scenario: Scenario): Template {
  let t = templates.get(scenario);
  if (t !== undefined) return t;
  const ledger = new Map<string, Modifier[]>();
  for (const r of scenario.relations) {
    const key = pairKey(r.from, r.to);
    let list = ledger.get(key);
    if (list === undefined) ledger.set(key, (list = []));
    list.push({
      key: 'initial',
      value: r.value,
      created: scenario.start,
      fade: 0,
      cap: null,
      cause: { kind: 'initial', event: key },
      note: r.why,
    });
  }
  const agenda = planOf(scenario).timeline;
  const indicators: Record<string, number> = {};
  for (const i of scenario.indicators) indicators[i.id] = i.initial;
  t = { ledger: [...ledger], agenda, ties: scenario.ties.map(stateTie), indicators };
  templates.set(scenario, t);
  return t;
}

/**
 * `countries`: how postures start and move (postures.ts). `stream`: the state of the decision stream seeded
 * from `inputs.seed`, when the caller has made it.
 */
export function initialState(scenario: Scenario, inputs: RunInputs, countries: Countries, stream?: StreamState): SimState {
  const t = templateOf(scenario);
  // Records keyed by scenario ids have no prototype: nothing inherited can be mistaken for an id, and V8 builds
  // them as hash tables from the start rather than migrating them there after a dozen keys (measured: ~25%
  // less time to fill the 30 pairs of the ledger and the ~45 events that happen in a flagship run).
  const ledger = Object.create(null) as Record<string, Modifier[]>;
  for (const [key, mods] of t.ledger) ledger[key] = mods.slice();
  const agenda = t.agenda.slice();
  let seq = 0;
  for (const inj of inputs.injects ?? []) {
    const item: AgendaItem = { event: inj.event, date: inj.date, seq: seq++, depth: 0, origin: { kind: 'inject', by: 'teacher' } };
    const at = agenda.findIndex((a) => a.date > item.date || (a.date === item.date && a.seq > item.seq));
    agenda.splice(at < 0 ? agenda.length : at, 0, item);
  }
  return {
    scenario: scenario.id,
    seed: inputs.seed,
    assumptions: { ...inputs.assumptions },
    date: scenario.start,
    step: 0,
    seq,
    agenda,
    ledger,
    ties: t.ties.slice(),
    tension: [],
    indicators: { ...t.indicators },
    postures: { ...countries.initial },
    rng: { decisions: stream ?? seedStream(streamSeed(inputs.seed)) },
    happened: Object.create(null) as Record<string, Day>,
    choices: {},
    pending: null,
    log: [],
  };
}

function reachedUntil(s: SimState, until: Day | undefined): boolean {
  if (until === undefined || s.pending) return false;
  const nextItem = historyAgendaHead(s);
  return nextItem !== undefined && nextItem.date > until;
}

/**
 * Plays to the end on one mutable object, with no history: the Monte Carlo hot path. Same recipes as `next`
 * and `decide`, so the result equals the last state of `runHistory` (tests check it byte for byte).
 */
export function runFast(scenario: Scenario, inputs: RunInputs, countries: Countries): SimState {
  // One generator for the run, seeded once: the state holds its stream, the memo draws from it.
  const stream = seededLiveStream(streamSeed(inputs.seed));
  const s = initialState(scenario, inputs, countries, stream.state());
  const t = FastState.acquire(scenario, s, stream);
  try {
    while (!isFinished(s) && !reachedUntil(s, inputs.until)) {
      if (s.pending) applyDecision(t, inputs.choices[s.pending.decision], countries);
      else applyNext(t, countries);
    }
  } finally {
    t.release();
  }
  return s;
}

/** Advances one step with the run's inputs: the pending decision if any, else the next event. */
export function stepWith(scenario: Scenario, s: SimState, choices: Readonly<Record<string, string>>, countries: Countries): SimState {
  return s.pending ? decide(scenario, s, choices[s.pending.decision], countries) : next(scenario, s, countries);
}

/** Every state from the initial one to the end, each immutable (Immer), sharing structure. */
export function runHistory(scenario: Scenario, inputs: RunInputs, countries: Countries): SimState[] {
  const states = [initialState(scenario, inputs, countries)];
  let s = states[0]!;
  while (!isFinished(s) && !reachedUntil(s, inputs.until)) {
    s = stepWith(scenario, s, inputs.choices, countries);
    states.push(s);
  }
  return states;
}

/** The choices a state records, as decision → option. */
export function choicesOf(s: SimState): Record<string, string> {
  return Object.fromEntries(Object.entries(s.choices).map(([d, c]) => [d, c.option]));
}
