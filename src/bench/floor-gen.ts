/**
 * The source of the honest floor (floor.ts, issue 12): a simulator of one scenario written as straight-line
 * JavaScript over typed arrays, doing the engine's work and nothing else: the same agenda, event conditions,
 * effect formulas, fades, structural balance, tension, ties, indicators, posture charts, reactions, follow-ups,
 * decisions with state-dependent odds and one draw each, predictions and tallies. Every formula becomes one
 * inline expression over typed-array slots (floor-expr.ts); no objects are made per step, nothing is logged and
 * no state is kept for explanations. The fixed part (ledger, tension, agenda, odds, tallies) is floor-runtime.ts.
 *
 * It is what a programmer would write by hand for the flagship; it is generated from the compiled scenario so
 * that it cannot drift from the file, and checked in as a module (src/bench/floors/, `npm run floors`) that the
 * bench bundles: nothing is evaluated at run time. Only numbers and indexes reach the emitted text (no id or
 * formula text is spliced in: names become array indexes, literals are printed numbers), and the features the
 * flagship does not use (capped modifiers, dated predictions, indicators that fade, named posture charts) are
 * refused rather than half done. Assumptions are the floor's input (one module serves every preset).
 */
import { createHash } from 'node:crypto';
import type { ActorId, Effect, EventDef, Formula, Scenario } from '../core/model.js';
import { scenarioDecisions } from '../mc/layout.js';
import { FormulaText, num, unsupported } from './floor-expr.js';
import { floorBody } from './floor-runtime.js';

export { FloorUnsupported } from './floor-expr.js';

export interface FloorSource {
  /** The body of the generated `makeFloor(rt)`: returns `{ run(from, to, data) }`. */
  readonly body: string;
  readonly lines: number;
  /** sha256 of `body`, hex. */
  readonly digest: string;
}

export function floorSource(scenario: Scenario): FloorSource {
  const actors = scenario.actors.map((a) => a.id);
  const n = actors.length;
  const actorIx = new Map<ActorId, number>(actors.map((a, i) => [a, i]));
  const ix = (a: ActorId): number => actorIx.get(a) ?? unsupported(`a party that is not simulated (${a})`);
  const pair = (a: ActorId, b: ActorId): number => ix(a) * n + ix(b);
  const eventIds = Object.keys(scenario.events);
  const eventIx = new Map(eventIds.map((e, i) => [e, i]));
  const event = (id: string): number => eventIx.get(id) ?? unsupported(`the event ${id}`);
  const assumptionIx = new Map(scenario.assumptions.map((a, i) => [a.id, i]));
  const indicatorIds = scenario.indicators.map((i) => i.id);
  const indicatorIx = new Map(indicatorIds.map((id, i) => [id, i]));
  const indicatorOf = (id: string): number => {
    let k = indicatorIx.get(id);
    if (k === undefined) indicatorIx.set(id, (k = indicatorIds.push(id) - 1));
    return k;
  };
  const decisions = scenarioDecisions(scenario);
  const decisionIx = new Map(decisions.map((d, i) => [d.id, i]));
  const postureNames: Map<string, number>[] = actors.map(() => new Map());
  const postureOf = (a: ActorId, p: string): number => {
    const m = postureNames[ix(a)]!;
    let k = m.get(p);
    if (k === undefined) m.set(p, (k = m.size));
    return k;
  };
  const tieIds = new Map<string, number>();
  const tieIdOf = (id: string) => {
    let k = tieIds.get(id);
    if (k === undefined) tieIds.set(id, (k = tieIds.size));
    return k;
  };
  // Tie definitions (each tie-add effect and each initial tie is one): its id, its two pair slots, its value.
  const ties: { id: number; ab: number; ba: number; value: number }[] = [];
  const tieDef = (t: { id: string; between: readonly [ActorId, ActorId]; value: number }): number => {
    const [a, b] = t.between;
    const sim = actorIx.has(a) && actorIx.has(b) && a !== b;
    ties.push({ id: tieIdOf(t.id), ab: sim ? pair(a, b) : -1, ba: sim ? pair(b, a) : -1, value: t.value });
    return ties.length - 1;
  };
  const initialTies = scenario.ties.map(tieDef);

  const f = new FormulaText({
    pair,
    actor: ix,
    assumption: (id) => assumptionIx.get(id),
    indicator: indicatorOf,
    posture: postureOf,
    chosen: (decision, option) => {
      const d = decisionIx.get(decision) ?? unsupported(`the decision ${decision}`);
      return [d, decisions[d]!.options.findIndex((x) => x.id === option)];
    },
    event,
  });
  const value = (x: Formula, g?: number) => f.value(x, g);
  const holds = (x: Formula | undefined, g?: number) => f.holds(x, g);

  const m = scenario.model;
  const effects = (list: readonly Effect[], g: number): string[] =>
    list.map((e) => {
      switch (e.kind) {
        case 'opinion': {
          if (e.cap !== undefined) unsupported('capped (stacking) modifiers');
          const v = e.value === undefined ? `(${num(g)} * ${value(m.goldsteinScale, g)})` : value(e.value, g);
          return `{ const v = ${v}; if (v !== 0) addMod(${pair(e.from, e.to)}, v, ${num(e.fade)}); }`;
        }
        case 'tension':
          return `{ const v = ${value(e.value, g)}; if (v !== 0) addT(v); }`;
        case 'indicator':
          if (e.fade !== undefined) unsupported('indicators that fade');
          return `I[${indicatorOf(e.id)}] ${e.op === 'set' ? '=' : '+='} ${value(e.value, g)};`;
        case 'tie-add':
          return `tieAdd(${tieDef(e.tie)});`;
        case 'tie-end':
          return `tieEnd(${tieIdOf(e.id)});`;
      }
    });

  // Reactions read the state with a Goldstein weight of 0 (as postures, odds and predictions do).
  const schedule = (ev: string, afterDays: number, onDay: number | undefined, when?: Formula) =>
    `{ const g = 0; if (${holds(when)}) sched(${event(ev)}, ${onDay === undefined ? `D + ${afterDays}` : `Math.max(D, ${onDay})`}, depth + 1); }`;

  // Posture charts: one function of the event index (-1 after a decision): all guards read the old postures.
  const charts = Object.entries(scenario.postures);
  const postureLines: string[] = [];
  for (const [actor, chart] of charts) {
    const a = ix(actor);
    postureOf(actor, chart.initial);
    const cases = Object.entries(chart.states).map(([state, st]) => {
      const tries = st.on.map((t) => {
        const ev = t.event === undefined ? '1' : `e === ${eventIx.get(t.event) ?? -2}`;
        return `if (${ev} && ${holds(t.when)}) { NPO[${a}] = ${postureOf(actor, t.target)}; break; }`;
      });
      return `case ${postureOf(actor, state)}: ${tries.join(' ')} break;`;
    });
    postureLines.push(`switch (PO[${a}]) { ${cases.join(' ')} }`);
  }
  const postureInit = charts.map(([actor, chart]) => `PO[${ix(actor)}] = ${postureOf(actor, chart.initial)};`);

  // Events.
  const reactionsOn = (pick: (r: Scenario['reactions'][number]) => boolean) =>
    scenario.reactions.filter(pick).map((r) => schedule(r.emit, r.afterDays, r.onDay, r.when));
  const eventFns = eventIds.map((id, i) => {
    const ev = scenario.events[id] as EventDef;
    const g = ev.goldstein;
    const lines = [`if (!${holds(ev.when, undefined)}) return;`, `HAP[${i}] = 1;`, ...effects(ev.effects, g)];
    const { actor, target } = ev;
    if (actor !== undefined && target !== undefined && g !== 0 && actorIx.has(target)) {
      const strength = `(${value(m.balanceStrength, g)} * ${value(m.goldsteinScale, g)} * ${num(g)})`;
      const thirds = actors
        .filter((c) => c !== actor && c !== target)
        .map((c) => `{ const v = (s * S(${pair(c, target)})) / 100; if (!(Math.abs(v) < 0.05)) addMod(${pair(c, actor)}, v, ${num(m.fade)}); }`);
      lines.push(`{ const s = ${strength}; if (s !== 0) { ${thirds.join(' ')} } }`);
    }
    if (g < 0) lines.push(`{ const v = ${value(m.tensionScale, g)} * ${num(-g)}; if (v !== 0) addT(v); }`);
    if (ev.decision) lines.push(`PEND = ${decisionIx.get(ev.decision.id)};`);
    lines.push(`postures(${i});`);
    lines.push(...reactionsOn((r) => r.on.event === id || (r.on.tag !== undefined && ev.tags.includes(r.on.tag))));
    // `when` reads the event's weight: evaluated with g in scope.
    return `function ev${i}(depth) { const g = ${num(g)}; ${lines.join('\n    ')} }`;
  });

  // Decisions: odds from the weights (as core/odds.ts), one draw, the chosen option's effects and follow-ups.
  const decisionEvent = new Map<string, EventDef>();
  for (const ev of Object.values(scenario.events)) if (ev.decision && !decisionEvent.has(ev.decision.id)) decisionEvent.set(ev.decision.id, ev);
  const offsets: number[] = [];
  let optionCount = 0;
  const decisionFns = decisions.map((d, k) => {
    const g = decisionEvent.get(d.id)!.goldstein;
    offsets.push(optionCount);
    const o0 = optionCount;
    optionCount += d.options.length;
    const weights = d.options.map(
      (o, j) => `{ const a = ${holds(o.available)}; const w = a ? ${value(o.weight)} : 0; const x = w > 0 && Number.isFinite(w) ? w : 0; AV[${j}] = a ? 1 : 0; W[${j}] = x; }`,
    );
    const options = d.options.map((o, j) => {
      const then = o.then.map((t) => schedule(t.event, t.afterDays, t.onDay));
      const reacts = reactionsOn((r) => r.on.option?.decision === d.id && r.on.option.option === o.id);
      return `case ${j}: { const g = ${num(g)}; ${[...effects(o.effects, g), ...then, 'postures(-1);', ...reacts].join(' ')} break; }`;
    });
    return `function dec${k}(depth) { const g = 0; ${weights.join(' ')}
    const j = pick(${d.options.length}, ${o0});
    CH[${k}] = j;
    switch (j) { ${options.join('\n      ')} } }`;
  });

  for (const p of scenario.predictions) if (p.window !== undefined) unsupported('dated predictions');
  const predictions = scenario.predictions.map((p, i) => `if (${holds(p.holds)}) d.holds[${i}]++;`);
  // Layout pair order (mc/layout.ts): for each actor, every other actor.
  const layoutPairs: number[] = [];
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) layoutPairs.push(a * n + b);

  const body = floorBody({
    n,
    cascadeCap: m.cascadeCap,
    start: scenario.start,
    tensionInitial: m.tensionInitial,
    tieFade: (m.tensionFadePerMonth * 365) / 30,
    perDay: m.tensionFadePerMonth / 30,
    assumptions: scenario.assumptions.length,
    indicators: indicatorIds.length,
    events: eventIds.length,
    decisions: decisions.length,
    optionCount,
    offsets,
    ties,
    timeline: scenario.timeline.map((id) => eventIx.get(id)!),
    timelineDates: scenario.timeline.map((id) => scenario.events[id]!.date!),
    kept: f.kept,
    postureLines,
    eventFns,
    decisionFns,
    initialMods: scenario.relations.map((r) => `addMod0(${pair(r.from, r.to)}, ${num(r.value)});`),
    initialTies,
    indicatorInit: indicatorIds.map((id, i) => `I[${i}] = ${num(scenario.indicators.find((x) => x.id === id)?.initial ?? 0)};`),
    postureInit,
    layoutPairs,
    predictions,
  });
  return { body, lines: body.split('\n').length, digest: createHash('sha256').update(body).digest('hex') };
}

/** The checked-in module of a scenario's floor (src/bench/floors/<id>.js) and its declaration file. */
export function floorModule(scenario: Scenario, from: string): { js: string; dts: string } {
  const src = floorSource(scenario);
  const indented = src.body.replace(/^(?=.)/gm, '  ');
  const js = `// The honest floor of ${from}, generated by \`npm run floors\` (src/bench/floor-gen.ts): do not edit.
// test/bench-floor.test.ts checks that it is what the generator makes of the scenario today, and that its
// tallies equal the engine's bit for bit; buildFloor (src/bench/floor.ts) refuses it when its digest is stale.
/* eslint-disable @typescript-eslint/no-unused-vars, no-constant-condition, no-constant-binary-expression -- generated: every formula has its weight g in scope, and a condition may be a literal */
export const DIGEST = '${src.digest}';
export const LINES = ${src.lines};
/** @param {import('../floor-types.js').FloorRuntime} rt */
export function makeFloor(rt) {
${indented}}
`;
  const dts = `// Generated by \`npm run floors\` beside ${from.replace(/^.*\//, '').replace(/\.yaml$/, '.js')}: do not edit.
import type { FloorRuntime, FloorSim } from '../floor-types.js';
export declare const DIGEST: string;
export declare const LINES: number;
export declare function makeFloor(rt: FloorRuntime): FloorSim;
`;
  return { js, dts };
}
