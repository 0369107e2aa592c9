/**
 * The fixed part of the honest floor's text (floor-gen.ts fills in the scenario's parts): the modifier ledger
 * per pair with fading and ties (S), tension (T), the agenda (sched, play), the odds and one draw (pick), the
 * tension path and the tallies, all over typed arrays. Each function mirrors the core module it names.
 */
import { num } from './floor-expr.js';

/** The scenario's parts of the floor, as text and numbers (floor-gen.ts). */
export interface FloorParts {
  readonly n: number;
  readonly cascadeCap: number;
  readonly start: number;
  readonly tensionInitial: number;
  readonly tieFade: number;
  readonly perDay: number;
  readonly assumptions: number;
  readonly indicators: number;
  readonly events: number;
  readonly decisions: number;
  readonly optionCount: number;
  readonly offsets: readonly number[];
  readonly ties: readonly { readonly id: number; readonly ab: number; readonly ba: number; readonly value: number }[];
  readonly timeline: readonly number[];
  readonly timelineDates: readonly number[];
  readonly kept: readonly string[];
  readonly postureLines: readonly string[];
  readonly eventFns: readonly string[];
  readonly decisionFns: readonly string[];
  readonly initialMods: readonly string[];
  readonly initialTies: readonly number[];
  readonly indicatorInit: readonly string[];
  readonly postureInit: readonly string[];
  readonly layoutPairs: readonly number[];
  readonly predictions: readonly string[];
}

/** The body of the generated `makeFloor(rt)`: returns `{ run(from, to, data) }`. */
export function floorBody(p: FloorParts): string {
  return `const { alea, runSeed, streamSeed, tallyScore, ODDS_SCALE, seed, THRESHOLDS } = rt;
const N = ${p.n}, NP = ${p.n * p.n}, CASCADE = ${p.cascadeCap}, START = ${p.start}, T0 = ${num(p.tensionInitial)};
const TFADE = ${num(p.tieFade)}, PER_DAY = ${num(p.perDay)};
const fin = (v) => (Number.isFinite(v) ? v : 0);
const A = rt.assumptions;
if (A.length !== ${p.assumptions}) throw new Error('expected ${p.assumptions} assumptions');
const K = new Float64Array(${p.kept.length + 1});
const I = new Float64Array(${p.indicators + 1});
const HAP = new Uint8Array(${p.events});
const CH = new Int32Array(${p.decisions});
const ODDS = new Float64Array(${p.optionCount + 1});
const OFF = Int32Array.of(${p.offsets.join(', ')});
const PO = new Int32Array(N), NPO = new Int32Array(N);
const W = new Float64Array(64), AV = new Uint8Array(64);
// Ties: definitions, and the ids of the ties that hold, in state order.
const TID = Int32Array.of(${p.ties.map((t) => t.id).join(', ')});
const TAB = Int32Array.of(${p.ties.map((t) => t.ab).join(', ')});
const TBA = Int32Array.of(${p.ties.map((t) => t.ba).join(', ')});
const TVAL = Float64Array.of(${p.ties.map((t) => num(t.value)).join(', ')});
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
const TL = Int32Array.of(${p.timeline.join(', ')});
const TLD = Float64Array.of(${p.timelineDates.join(', ')});
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
  ${p.postureLines.join('\n  ')}
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
${p.eventFns.join('\n')}
${p.decisionFns.join('\n')}
function applyEvent(e, depth) {
  switch (e) { ${p.eventFns.map((_, i) => `case ${i}: ev${i}(depth); break;`).join(' ')} }
}
function applyDecision(k, depth) {
  switch (k) { ${p.decisionFns.map((_, k) => `case ${k}: dec${k}(depth); break;`).join(' ')} }
}
${p.kept.length ? `{ ${p.kept.join('\n')} }` : ''}
function reset() {
  LC.fill(0); ST.fill(0); EP++; D = START;
  ${p.initialMods.join(' ')}
  NT = 0; ${p.initialTies.map((t) => `TIES[NT++] = ${t};`).join(' ')}
  TN = 0; LN = 0; TSEEN = 0; TDATE = NaN; TCOUNT = -1;
  I.fill(0); ${p.indicatorInit.join(' ')}
  HAP.fill(0); CH.fill(-1); PO.fill(-1); ${p.postureInit.join(' ')}
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
const LAYOUT_PAIRS = Int32Array.of(${p.layoutPairs.join(', ')});
function tally(d) {
  const g = 0;
  d.runs++;
  for (let k = 0; k < CH.length; k++) {
    const j = CH[k];
    if (j < 0) continue;
    d.reached[k]++;
    d.chosen[OFF[k] + j]++;
    const n = (k + 1 < OFF.length ? OFF[k + 1] : ${p.optionCount}) - OFF[k];
    for (let o = 0; o < n; o++) d.odds[OFF[k] + o] += Math.round(ODDS[OFF[k] + o] * ODDS_SCALE);
  }
  for (let l = 0; l < LAYOUT_PAIRS.length; l++) tallyScore(d, l, Math.round(S(LAYOUT_PAIRS[l]) * 100));
  ${p.predictions.join('\n  ')}
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
}
