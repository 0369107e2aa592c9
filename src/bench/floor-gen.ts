/**
 * The source of the honest floor (floor.ts, issue 12): a simulator of one scenario written as straight-line
 * JavaScript over typed arrays, doing the engine's work and nothing else: the same agenda, event conditions,
 * effect formulas, fades, structural balance, tension, ties, indicators, posture charts, reactions, follow-ups,
 * decisions with state-dependent odds and one draw each, predictions and tallies. Every formula becomes one
 * inline expression over typed-array slots (ids resolved to indexes here, values that read only assumptions
 * worked out once); no objects are made per step, nothing is logged and no state is kept for explanations.
 *
 * It is what a programmer would write by hand for the flagship; it is generated from the compiled scenario so
 * that it cannot drift from the file. Only numbers and indexes reach the emitted text (no id or formula text is
 * spliced in: names become array indexes, literals are printed numbers), and the features the flagship does not
 * use (capped modifiers, dated predictions, indicators that fade, named posture charts) are refused rather than half done.
 */
import jsep from 'jsep';
import type { ActorId, Effect, EventDef, Formula, Scenario } from '../core/model.js';
import type { Node } from '../core/formula-ast.js';
import { READS_ASSUMPTION, READS_GOLDSTEIN } from '../core/formula-deps.js';
import { scenarioDecisions } from '../mc/layout.js';
import '../core/formula.js'; // registers the word operators (and, or, not) with jsep

export class FloorUnsupported extends Error {}

const unsupported = (what: string): never => {
  throw new FloorUnsupported(`the floor does not implement ${what}`);
};

/** A finite JS number literal. */
function num(v: number): string {
  if (!Number.isFinite(v)) return unsupported(`the non-finite number ${v}`);
  return Object.is(v, -0) ? '(-0)' : `(${String(v)})`;
}

export interface FloorSource {
  /** The body of `new Function('rt', body)`: returns `{ run(from, to, data) }`. */
  readonly body: string;
  readonly lines: number;
}

export function floorSource(scenario: Scenario, assumptions: Readonly<Record<string, number>>): FloorSource {
  const actors = scenario.actors.map((a) => a.id);
  const n = actors.length;
  const actorIx = new Map<ActorId, number>(actors.map((a, i) => [a, i]));
  const ix = (a: ActorId): number => actorIx.get(a) ?? unsupported(`a party that is not simulated (${a})`);
  const pair = (a: ActorId, b: ActorId): number => ix(a) * n + ix(b);
  const eventIds = Object.keys(scenario.events);
  const eventIx = new Map(eventIds.map((e, i) => [e, i]));
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

  // Values that read only assumptions (and a fixed Goldstein weight): worked out once, into K.
  const kept: string[] = [];
  const A = (id: string) => `A[${assumptionIx.get(id) ?? unsupported(`the unknown assumption ${id}`)}]`;

  function expr(node: Node): string {
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'boolean' ? (node.value ? '1' : '0') : num(node.value as number);
      case 'Identifier': {
        const name = node.name;
        if (name === 'tension') return 'T()';
        if (name === 'goldstein') return 'g';
        if (assumptionIx.has(name)) return A(name);
        return `I[${indicatorOf(name)}]`;
      }
      case 'UnaryExpression': {
        const a = expr(node.argument);
        if (node.operator === '-') return `(-${a})`;
        if (node.operator === '+') return a;
        return `(${a} ? 0 : 1)`; // ! and not
      }
      case 'BinaryExpression': {
        const a = expr(node.left);
        const b = expr(node.right);
        switch (node.operator) {
          case '+':
          case '-':
          case '*':
          case '/':
          case '%':
            return `(${a} ${node.operator} ${b})`;
          case '<':
          case '<=':
          case '>':
          case '>=':
            return `(${a} ${node.operator} ${b} ? 1 : 0)`;
          case '==':
            return `(${a} === ${b} ? 1 : 0)`;
          case '!=':
            return `(${a} !== ${b} ? 1 : 0)`;
          case '&&':
          case 'and':
            return `(${a} ? (${b} ? 1 : 0) : 0)`;
          case '||':
          case 'or':
            return `(${a} ? 1 : ${b} ? 1 : 0)`;
        }
        return unsupported(`the operator ${node.operator}`);
      }
      case 'ConditionalExpression':
        return `(${expr(node.test)} ? ${expr(node.consequent)} : ${expr(node.alternate)})`;
      case 'CallExpression': {
        const name = (node.callee as { name: string }).name;
        const args = node.arguments;
        const id = (k: number) => (args[k] as { name: string }).name;
        switch (name) {
          case 'rel':
            return `S(${pair(id(0), id(1))})`;
          case 'posture':
            return `(PO[${ix(id(0))}] === ${postureOf(id(0), id(1))} ? 1 : 0)`;
          case 'chosen': {
            const d = decisionIx.get(id(0)) ?? unsupported(`the decision ${id(0)}`);
            const o = decisions[d]!.options.findIndex((x) => x.id === id(1));
            return `(CH[${d}] === ${o} ? 1 : 0)`;
          }
          case 'happened':
            return `HAP[${eventIx.get(id(0)) ?? unsupported(`the event ${id(0)}`)}]`;
        }
        const a = args.map(expr);
        switch (name) {
          case 'logistic':
            return `(1 / (1 + Math.exp(-${a[0]})))`;
          case 'abs':
          case 'sign':
          case 'exp':
          case 'sqrt':
            return `Math.${name}(${a[0]})`;
          case 'min':
          case 'max':
            return a.slice(1).reduce((acc, x) => `Math.${name}(${acc}, ${x})`, a[0]!);
          case 'clamp':
            return `Math.min(Math.max(${a[0]}, ${a[1]}), ${a[2]})`;
        }
        return unsupported(`the function ${name}`);
      }
      default:
        return unsupported(`the expression ${node.type}`);
    }
  }

  /** The formula's value (0 when not finite, as the engine's), where `g` is the Goldstein weight in scope. */
  function value(f: Formula, g?: number): string {
    if (f.constant !== undefined) return num(f.constant);
    const body = `fin(${expr(jsep(f.src) as unknown as Node)})`;
    // Reads only assumptions (and the fixed weight g): once per ensemble, as the engine keeps it.
    if (g !== undefined && f.reads !== undefined && (f.reads & ~(READS_ASSUMPTION | READS_GOLDSTEIN)) === 0) {
      kept.push(`{ const g = ${num(g)}; K[${kept.length}] = ${body}; }`);
      return `K[${kept.length - 1}]`;
    }
    return body;
  }
  const holds = (f: Formula | undefined, g?: number) => (f === undefined ? '1' : `(${value(f, g)} !== 0)`);

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
  const schedule = (event: string, afterDays: number, onDay: number | undefined, when?: Formula) =>
    `{ const g = 0; if (${holds(when)}) sched(${eventIx.get(event) ?? unsupported(`the event ${event}`)}, ${onDay === undefined ? `D + ${afterDays}` : `Math.max(D, ${onDay})`}, depth + 1); }`;

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
    const ev = decisionEvent.get(d.id)!;
    const g = ev.goldstein;
    offsets.push(optionCount);
    const o0 = optionCount;
    optionCount += d.options.length;
    const weights = d.options.map((o, j) => {
      return `{ const a = ${holds(o.available)}; const w = a ? ${value(o.weight)} : 0; const x = w > 0 && Number.isFinite(w) ? w : 0; AV[${j}] = a ? 1 : 0; W[${j}] = x; }`;
    });
    const options = d.options.map((o, j) => {
      const then = o.then.map((f) => schedule(f.event, f.afterDays, f.onDay));
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
  const initialMods = scenario.relations.map((r) => `addMod0(${pair(r.from, r.to)}, ${num(r.value)});`);
  const indicatorInit = indicatorIds.map((id, i) => `I[${i}] = ${num(scenario.indicators.find((x) => x.id === id)?.initial ?? 0)};`);
  const timeline = scenario.timeline.map((id) => eventIx.get(id)!);
  const timelineDates = scenario.timeline.map((id) => scenario.events[id]!.date!);
  const assumptionValues = scenario.assumptions.map((a) => num(assumptions[a.id] ?? 0));
  const tieFade = (m.tensionFadePerMonth * 365) / 30;

  const body = `'use strict';
const { alea, runSeed, streamSeed, tallyScore, ODDS_SCALE, seed, THRESHOLDS } = rt;
const N = ${n}, NP = ${n * n}, CASCADE = ${m.cascadeCap}, START = ${scenario.start}, T0 = ${num(m.tensionInitial)};
const TFADE = ${num(tieFade)}, PER_DAY = ${num(m.tensionFadePerMonth / 30)};
const fin = (v) => (Number.isFinite(v) ? v : 0);
const A = Float64Array.of(${assumptionValues.join(', ')});
const K = new Float64Array(${kept.length + 1});
const I = new Float64Array(${indicatorIds.length + 1});
const HAP = new Uint8Array(${eventIds.length});
const CH = new Int32Array(${decisions.length});
const ODDS = new Float64Array(${optionCount + 1});
const OFF = Int32Array.of(${offsets.join(', ')});
const PO = new Int32Array(N), NPO = new Int32Array(N);
const W = new Float64Array(64), AV = new Uint8Array(64);
// Ties: definitions, and the ids of the ties that hold, in state order.
const TID = Int32Array.of(${ties.map((t) => t.id).join(', ')});
const TAB = Int32Array.of(${ties.map((t) => t.ab).join(', ')});
const TBA = Int32Array.of(${ties.map((t) => t.ba).join(', ')});
const TVAL = Float64Array.of(${ties.map((t) => num(t.value)).join(', ')});
const TIES = new Int32Array(256); let NT = 0;
// Modifiers that have not faded out, per pair, in ledger order; scores remembered per date.
let CAP = 64;
let MV = new Float64Array(NP * CAP), MC = new Float64Array(NP * CAP), MF = new Float64Array(NP * CAP);
const LC = new Int32Array(NP), ST = new Int32Array(NP), SC = new Float64Array(NP);
let EP = 1, D = START;
// Tension: every contribution (for the path) and the live ones.
let TV = new Float64Array(256), TC = new Float64Array(256), TN = 0;
let LV = new Float64Array(256), LCR = new Float64Array(256), LN = 0, TSEEN = 0, TDATE = NaN, TCOUNT = -1, TSUM = 0;
// The agenda: the timeline by cursor, scheduled items sorted by (date, seq).
const TL = Int32Array.of(${timeline.join(', ')});
const TLD = Float64Array.of(${timelineDates.join(', ')});
let TCUR = 0;
const QE = new Int32Array(4096), QD = new Float64Array(4096), QS = new Int32Array(4096), QDEP = new Int32Array(4096);
let QN = 0, SEQ = 0, PEND = -1;
let rng = null;
let levelBuf = new Float64Array(0), slopeBuf = new Float64Array(0);

function grow() {
  const cap = CAP * 2;
  const mv = new Float64Array(NP * cap), mc = new Float64Array(NP * cap), mf = new Float64Array(NP * cap);
  for (let p = 0; p < NP; p++) for (let r = 0; r < LC[p]; r++) { mv[p * cap + r] = MV[p * CAP + r]; mc[p * cap + r] = MC[p * CAP + r]; mf[p * cap + r] = MF[p * CAP + r]; }
  MV = mv; MC = mc; MF = mf; CAP = cap;
}
function addMod0(p, v) { const k = p * CAP + LC[p]++; MV[k] = v; MC[k] = START; MF[k] = 0; }
function addMod(p, v, fade) {
  if (LC[p] === CAP) grow();
  const k = p * CAP + LC[p]++;
  MV[k] = v; MC[k] = D; MF[k] = fade; ST[p] = 0;
}
function S(p) {
  if (ST[p] === EP) return SC[p];
  let sum = 0, w = 0;
  const base = p * CAP, n = LC[p];
  for (let r = 0; r < n; r++) {
    const k = base + r, value = MV[k], c = MC[k], fade = MF[k];
    let v = value;
    if (!(fade <= 0 || D <= c)) { const left = Math.abs(value) - (fade * (D - c)) / 365; v = left <= 0 ? 0 : value < 0 ? -left : left; }
    if (v === 0) continue;
    if (w !== r) { MV[base + w] = value; MC[base + w] = c; MF[base + w] = fade; }
    w++;
    sum += v;
  }
  LC[p] = w;
  for (let k = 0; k < NT; k++) { const t = TIES[k]; if (TAB[t] === p || TBA[t] === p) sum += TVAL[t]; }
  const s = sum < -100 ? -100 : sum > 100 ? 100 : sum;
  ST[p] = EP; SC[p] = s;
  return s;
}
function addT(v) {
  if (TN === TV.length) { const a = new Float64Array(TN * 2); a.set(TV); TV = a; const b = new Float64Array(TN * 2); b.set(TC); TC = b; }
  TV[TN] = v; TC[TN] = D; TN++;
}
function T() {
  if (D === TDATE && TN === TCOUNT) return TSUM;
  for (let k = TSEEN; k < TN; k++) {
    if (LN === LV.length) { const a = new Float64Array(LN * 2); a.set(LV); LV = a; const b = new Float64Array(LN * 2); b.set(LCR); LCR = b; }
    LV[LN] = TV[k]; LCR[LN] = TC[k]; LN++;
  }
  TSEEN = TN;
  let sum = T0, w = 0;
  for (let r = 0; r < LN; r++) {
    const value = LV[r], c = LCR[r];
    let v = value;
    if (!(TFADE <= 0 || D <= c)) { const left = Math.abs(value) - (TFADE * (D - c)) / 365; v = left <= 0 ? 0 : value < 0 ? -left : left; }
    if (v === 0) continue;
    if (w !== r) { LV[w] = value; LCR[w] = c; }
    w++;
    sum += v;
  }
  LN = w;
  TDATE = D; TCOUNT = TN;
  return (TSUM = sum < 0 ? 0 : sum > 100 ? 100 : sum);
}
function tieEnd(id) {
  for (let k = 0; k < NT; k++) if (TID[TIES[k]] === id) { TIES.copyWithin(k, k + 1, NT); NT--; break; }
  EP++;
}
function tieAdd(t) { tieEnd(TID[t]); TIES[NT++] = t; EP++; }
function sched(e, date, depth) {
  if (depth > CASCADE) return;
  const seq = SEQ++;
  let i = QN;
  while (i > 0 && !(QD[i - 1] < date || (QD[i - 1] === date && QS[i - 1] < seq))) i--;
  QE.copyWithin(i + 1, i, QN); QD.copyWithin(i + 1, i, QN); QS.copyWithin(i + 1, i, QN); QDEP.copyWithin(i + 1, i, QN);
  QE[i] = e; QD[i] = date; QS[i] = seq; QDEP[i] = depth; QN++;
}
function postures(e) {
  const g = 0;
  NPO.set(PO);
  ${postureLines.join('\n  ')}
  for (let a = 0; a < N; a++) PO[a] = NPO[a];
}
/** core/odds.ts decisionOdds and pickByDraw, over W and AV; the odds go to ODDS from offset o0. */
function pick(n, o0) {
  let total = 0, open = 0, most = 0;
  for (let j = 0; j < n; j++) { total += W[j]; if (W[j] > most) most = W[j]; if (AV[j]) open++; }
  let scale = 1;
  if (total === Infinity) { scale = most; total = 0; for (let j = 0; j < n; j++) total += W[j] / scale; }
  for (let j = 0; j < n; j++) ODDS[o0 + j] = total > 0 ? W[j] / scale / total : AV[j] ? 1 / open : 0;
  const u = rng();
  let acc = 0, last = -1;
  for (let j = 0; j < n; j++) {
    const p = ODDS[o0 + j];
    if (p <= 0) continue;
    acc += p; last = j;
    if (u < acc) return j;
  }
  if (last < 0) throw new Error('no option available');
  return last;
}
${eventFns.join('\n')}
${decisionFns.join('\n')}
function applyEvent(e, depth) {
  switch (e) { ${eventIds.map((_, i) => `case ${i}: ev${i}(depth); break;`).join(' ')} }
}
function applyDecision(k, depth) {
  switch (k) { ${decisions.map((_, k) => `case ${k}: dec${k}(depth); break;`).join(' ')} }
}
${kept.length ? `{ ${kept.join('\n')} }` : ''}
function reset() {
  LC.fill(0); ST.fill(0); EP++; D = START;
  ${initialMods.join(' ')}
  NT = 0; ${initialTies.map((t) => `TIES[NT++] = ${t};`).join(' ')}
  TN = 0; LN = 0; TSEEN = 0; TDATE = NaN; TCOUNT = -1;
  I.fill(0); ${indicatorInit.join(' ')}
  HAP.fill(0); CH.fill(-1); PO.fill(-1); ${postureInit.join(' ')}
  TCUR = 0; QN = 0; SEQ = 0; PEND = -1;
}
function play() {
  for (;;) {
    let e, date, depth;
    if (QN > 0 && (TCUR >= TL.length || QD[0] <= TLD[TCUR])) {
      e = QE[0]; date = QD[0]; depth = QDEP[0]; QN--;
      QE.copyWithin(0, 1, QN + 1); QD.copyWithin(0, 1, QN + 1); QS.copyWithin(0, 1, QN + 1); QDEP.copyWithin(0, 1, QN + 1);
    } else if (TCUR < TL.length) {
      e = TL[TCUR]; date = TLD[TCUR]; depth = 0; TCUR++;
    } else return;
    if (date > D) { D = date; EP++; }
    applyEvent(e, depth);
    if (PEND >= 0) { const k = PEND; PEND = -1; applyDecision(k, depth); }
  }
}
/** core/tension-path.ts over the contributions. */
function tensionPath(d) {
  const n = Math.max(0, D - START);
  if (levelBuf.length < n + 2) { levelBuf = new Float64Array(n + 2); slopeBuf = new Float64Array(n + 2); }
  else { levelBuf.fill(0, 0, n + 2); slopeBuf.fill(0, 0, n + 2); }
  const level = levelBuf, slope = slopeBuf;
  for (let k = 0; k < TN; k++) {
    const value = TV[k], at = TC[k] - START;
    if (at > n || value === 0) continue;
    const sign = value < 0 ? -1 : 1, size = Math.abs(value);
    const last = PER_DAY > 0 ? Math.min(n, at + Math.ceil(size / PER_DAY) - 1) : n;
    const first = Math.max(0, at);
    if (last < first) continue;
    const a = sign * (size + PER_DAY * at), b = -sign * PER_DAY;
    level[first] += a; level[last + 1] -= a; slope[first] += b; slope[last + 1] -= b;
  }
  let l = 0, k = 0, peak = -Infinity;
  for (let x = 0; x <= n; x++) {
    l += level[x]; k += slope[x];
    let t = T0 + l + k * x;
    t = t < 0 ? 0 : t > 100 ? 100 : t;
    if (t > peak + 1e-9) peak = t;
    if (x === n) break;
    for (let i = 0; i < THRESHOLDS.length; i++) if (t > THRESHOLDS[i]) DAYS[i]++;
  }
  const p = Math.round(peak * 100);
  d.peakSum[0] += p; d.peakHist[p]++;
  for (let i = 0; i < THRESHOLDS.length; i++) { d.daysAbove[i] += DAYS[i]; if (DAYS[i] > 0) d.runsAbove[i]++; DAYS[i] = 0; }
}
const DAYS = new Float64Array(THRESHOLDS.length);
const LAYOUT_PAIRS = Int32Array.of(${layoutPairs.join(', ')});
function tally(d) {
  const g = 0;
  d.runs++;
  for (let k = 0; k < CH.length; k++) {
    const j = CH[k];
    if (j < 0) continue;
    d.reached[k]++;
    d.chosen[OFF[k] + j]++;
    const n = (k + 1 < OFF.length ? OFF[k + 1] : ${optionCount}) - OFF[k];
    for (let o = 0; o < n; o++) d.odds[OFF[k] + o] += Math.round(ODDS[OFF[k] + o] * ODDS_SCALE);
  }
  for (let l = 0; l < LAYOUT_PAIRS.length; l++) tallyScore(d, l, Math.round(S(LAYOUT_PAIRS[l]) * 100));
  ${predictions.join('\n  ')}
  const t = Math.round(T() * 100);
  d.tensionSum[0] += t; d.tensionHist[t]++;
  tensionPath(d);
}
return {
  run(from, to, d) {
    for (let i = from; i < to; i++) {
      rng = alea(streamSeed(runSeed(seed, i)));
      reset();
      play();
      tally(d);
    }
  },
};
`;
  return { body, lines: body.split('\n').length };
}
