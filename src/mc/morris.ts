/**
 * Morris elementary effects (Morris 1991): r trajectories through a p-level grid of the unit cube, each
 * moving every factor once by Δ = p / (2(p − 1)) in a random order. The elementary effect of factor i is
 * (y(x + Δeᵢ) − y(x)) / Δ in units of its full range; μ* (mean |EE|) ranks influence, σ flags
 * interactions or non-linearity. Trajectories come from a seeded stream, so the design is reproducible.
 */
import seedrandom from 'seedrandom';

export interface MorrisFactor {
  readonly id: string;
  readonly min: number;
  readonly max: number;
}

export interface MorrisEffect {
  readonly id: string;
  /** Mean elementary effect (signed). */
  readonly mu: number;
  /** Mean absolute elementary effect: the ranking measure. */
  readonly muStar: number;
  /** Standard deviation of the elementary effects. */
  readonly sigma: number;
}

/** The design: r trajectories of k+1 points each, as factor values (not normalised). */
export function morrisDesign(
  factors: readonly MorrisFactor[],
  trajectories: number,
  levels: number,
  seed: number,
): { points: Record<string, number>[]; moved: (number | null)[] }[] {
  const rng = seedrandom.alea(`geosim:morris:${seed}`);
  const delta = levels / (2 * (levels - 1));
  // Base levels whose +Δ stays inside the grid: 0 … (1 − Δ) in steps of 1/(p − 1).
  const baseLevels = Math.floor((1 - delta) * (levels - 1) + 1e-9) + 1;
  const scale = (f: MorrisFactor, x: number) => Math.min(f.max, Math.max(f.min, f.min + x * (f.max - f.min)));
  const out = [];
  for (let t = 0; t < trajectories; t++) {
    const x = factors.map(() => Math.floor(rng() * baseLevels) / (levels - 1));
    const order = factors.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const at = () => Object.fromEntries(factors.map((f, i) => [f.id, scale(f, x[i]!)]));
    const points = [at()];
    const moved: (number | null)[] = [null];
    for (const i of order) {
      x[i] = x[i]! + delta;
      points.push(at());
      moved.push(i);
    }
    out.push({ points, moved });
  }
  return out;
}

/** Elementary effects from the outputs y of each design point (same shape as the design). */
export function morrisEffects(
  factors: readonly MorrisFactor[],
  design: readonly { moved: readonly (number | null)[] }[],
  outputs: readonly (readonly number[])[],
  levels: number,
): MorrisEffect[] {
  const delta = levels / (2 * (levels - 1));
  const ee: number[][] = factors.map(() => []);
  design.forEach((traj, t) => {
    for (let k = 1; k < traj.moved.length; k++) {
      const i = traj.moved[k]!;
      ee[i]!.push((outputs[t]![k]! - outputs[t]![k - 1]!) / delta);
    }
  });
  return factors.map((f, i) => {
    const e = ee[i]!;
    const n = e.length;
    const mu = n ? e.reduce((a, b) => a + b, 0) / n : 0;
    const muStar = n ? e.reduce((a, b) => a + Math.abs(b), 0) / n : 0;
    const sigma = n > 1 ? Math.sqrt(e.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - 1)) : 0;
    return { id: f.id, mu, muStar, sigma };
  });
}
