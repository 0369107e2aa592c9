/**
 * World tension over a whole run, not only at its end: every contribution fades to nothing within months, so the
 * end value is the starting level in almost every branch. The path says what the branch did to it: its peak and
 * the day of the peak, its mean, and how many days it spent above each threshold.
 *
 * Read from the final state alone (it keeps every contribution with its date), one value per day from the start
 * to the final date, each the same sum `tension()` gives on that day. Linear-time: each contribution is a line on
 * a range of days, added through difference arrays.
 */
import type { Day, Scenario } from './model.js';
import type { SimState } from './state.js';
import { clamp, tension } from './ledger.js';
import { historyTension } from './history-meta.js';

/** The levels whose crossing the path counts (tension is 0..100). */
export const TENSION_THRESHOLDS: readonly number[] = [50, 60, 70, 80];

export interface TensionPath {
  readonly start: number;
  readonly end: number;
  readonly peak: number;
  /** The first day at the peak. */
  readonly peakDay: Day;
  /** Mean over the days from the start to the end (the end day excluded; the start value if they coincide). */
  readonly mean: number;
  readonly days: number;
  /** Days (of `days`) on which tension was above each threshold of TENSION_THRESHOLDS, in order. */
  readonly above: readonly number[];
}

// Scratch difference arrays, reused from run to run (a Monte Carlo ensemble computes one path per run).
let levelBuf = new Float64Array(0);
let slopeBuf = new Float64Array(0);

/**
 * Fills the difference arrays for days 0..n after `from` (each contribution is a line on a range of days) and
 * returns them; entries past n + 1 are stale.
 */
function differences(scenario: Scenario, s: SimState, from: Day, n: number): [Float64Array, Float64Array] {
  if (levelBuf.length < n + 2) {
    levelBuf = new Float64Array(n + 2);
    slopeBuf = new Float64Array(n + 2);
  } else {
    levelBuf.fill(0, 0, n + 2);
    slopeBuf.fill(0, 0, n + 2);
  }
  const level = levelBuf;
  const slope = slopeBuf;
  const perDay = scenario.model.tensionFadePerMonth / 30;
  const { list, len } = historyTension(s);
  for (let i = 0; i < len; i++) {
    const c = list[i]!;
    const at = c.created - from;
    if (at > n || c.value === 0) continue;
    const sign = c.value < 0 ? -1 : 1;
    const size = Math.abs(c.value);
    // Worth sign·(size − perDay·(x − at)) on day x while that is positive (ledger.ts fadedValue), then 0.
    const last = perDay > 0 ? Math.min(n, at + Math.ceil(size / perDay) - 1) : n;
    const first = Math.max(0, at);
    if (last < first) continue;
    const a = sign * (size + perDay * at);
    const b = -sign * perDay;
    level[first] = (level[first] as number) + a;
    level[last + 1] = (level[last + 1] as number) - a;
    slope[first] = (slope[first] as number) + b;
    slope[last + 1] = (slope[last + 1] as number) - b;
  }
  return [level, slope];
}

/** Tension on each day from `from` to the state's date, inclusive (index 0 is `from`). */
export function tensionByDay(scenario: Scenario, s: SimState, from: Day = scenario.start): Float64Array {
  const n = Math.max(0, s.date - from);
  const [level, slope] = differences(scenario, s, from, n);
  const out = new Float64Array(n + 1);
  let l = 0;
  let k = 0;
  for (let x = 0; x <= n; x++) {
    l += level[x] as number;
    k += slope[x] as number;
    out[x] = clamp(scenario.model.tensionInitial + l + k * x, 0, 100);
  }
  return out;
}

export function tensionPath(scenario: Scenario, s: SimState, from: Day = scenario.start): TensionPath {
  const n = Math.max(0, s.date - from);
  const [level, slope] = differences(scenario, s, from, n);
  const th = TENSION_THRESHOLDS;
  const above = th.map(() => 0);
  let l = 0;
  let k = 0;
  let first = 0;
  let peak = -Infinity;
  let peakAt = 0;
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    l += level[x] as number;
    k += slope[x] as number;
    const t = clamp(scenario.model.tensionInitial + l + k * x, 0, 100);
    if (x === 0) first = t;
    if (t > peak + 1e-9) {
      peak = t;
      peakAt = x;
    }
    if (x === n) break; // the end day counts for the peak only
    sum += t;
    for (let i = 0; i < th.length; i++) if (t > (th[i] as number)) above[i]!++;
  }
  const end = tension(s, scenario.model.tensionInitial, scenario.model.tensionFadePerMonth);
  return { start: first, end, peak, peakDay: from + peakAt, mean: n > 0 ? sum / n : first, days: n, above };
}
