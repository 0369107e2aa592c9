/**
 * Small statistics for the Monte Carlo report: binomial confidence intervals and percentiles read from
 * integer histograms. Pure functions of integer counts, so every worker layout gives the same numbers.
 */

/** The normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Wilson score interval for a binomial proportion (k successes in n trials). Unlike the normal
 * approximation it stays inside [0, 1] and keeps sensible width at p = 0 or 1, which rare branches hit.
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Nearest-rank percentile from a histogram of counts: the smallest bin whose cumulative count reaches
 * ceil(q × total). Returns the bin index, or -1 when the histogram is empty.
 */
export function percentileBin(hist: ArrayLike<number>, offset: number, bins: number, total: number, q: number): number {
  if (total <= 0) return -1;
  const rank = Math.max(1, Math.ceil(q * total));
  let acc = 0;
  for (let i = 0; i < bins; i++) {
    acc += hist[offset + i] as number;
    if (acc >= rank) return i;
  }
  return bins - 1;
}

/** Nearest-rank percentile of a plain list (for tests and small samples): same definition as percentileBin. */
export function percentileOf(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number;
}

/** Rounds for display and JSON; never returns -0. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
