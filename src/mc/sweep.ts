/**
 * Sensitivity of a target probability (a prediction holding, or `decision.option` being chosen) to the
 * scenario's assumptions:
 *  - one at a time: each assumption across [min, max] in K steps, the others at their base values;
 *  - Morris elementary effects: all assumptions moving together along r random trajectories;
 *  - the brink: decisions whose most likely option changes inside an assumption's range, and where.
 * Every point is an ensemble with the same seed (common random numbers), so differences between points come
 * from the assumption, not from sampling noise: an assumption no formula reads has an effect of exactly 0.
 */
import type { Scenario } from '../core/model.js';
import type { McResult } from './result.js';
import { targetP } from './result.js';
import { morrisDesign, morrisEffects, type MorrisEffect } from './morris.js';
import { scenarioDecisions } from './layout.js';

/** Plays one ensemble (same seed and run count every time) with these assumption values. */
export type Evaluate = (assumptions: Readonly<Record<string, number>>) => Promise<McResult>;

export interface SweepSpec {
  readonly scenario: Scenario;
  /** Base values of every assumption (preset and overrides applied). */
  readonly base: Readonly<Record<string, number>>;
  readonly target: string;
  /** Assumptions to vary (ids). */
  readonly assumptions: readonly string[];
  readonly steps: number;
  /** Morris trajectories r (0: skip Morris). */
  readonly trajectories: number;
  /** Morris grid levels p. */
  readonly levels: number;
  readonly seed: number;
  /** Bisection steps that narrow each brink between two grid points. */
  readonly refine: number;
  /** Decisions fixed by the user: they cannot flip. */
  readonly fixed?: ReadonlySet<string>;
  readonly evaluate: Evaluate;
  /** Ensembles done so far and the planned total (refinements may add a few). */
  readonly onEnsemble?: (done: number, planned: number) => void;
}

export interface OatLine {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly base: number;
  readonly values: readonly number[];
  /** Target probability at each value. */
  readonly p: readonly number[];
  /** For a DECISION.OPTION target: the engine's mean odds of the option at each value (no sampling noise from the draw). */
  readonly odds: readonly (number | null)[] | null;
  /** max(p) − min(p) over the range: the ranking measure. */
  readonly swing: number;
}

export interface Flip {
  readonly decision: string;
  readonly assumption: string;
  /** Most likely option below the flip point (towards the assumption's min) … */
  readonly from: string;
  /** … and above it. */
  readonly to: string;
  /** Value of the assumption at which the two options' odds cross (others at base). */
  readonly at: number;
  /** Half-width of the bracket the flip was narrowed to. */
  readonly within: number;
}

export interface SweepResult {
  readonly scenario: string;
  readonly target: string;
  readonly seed: number;
  readonly runs: number;
  readonly steps: number;
  readonly baseP: number;
  /** Sorted by swing, largest first (ties: by Morris μ*, then file order). */
  readonly oat: readonly OatLine[];
  readonly morris: readonly MorrisEffect[] | null;
  readonly trajectories: number;
  readonly brink: readonly Flip[];
}

/** Every valid target: prediction ids and `decision.option` pairs. */
export function sweepTargets(scenario: Scenario): string[] {
  const out = scenario.predictions.map((p) => p.id);
  for (const d of scenarioDecisions(scenario)) for (const o of d.options) out.push(`${d.id}.${o.id}`);
  return out;
}

export function grid(min: number, max: number, steps: number): number[] {
  if (steps <= 1) return [min];
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? max : min + ((max - min) * i) / (steps - 1)));
}

/** The most likely option of each decision: by the engine's mean odds when reached, else by frequency. */
export function leaders(r: McResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of r.decisions) {
    let best: string | undefined;
    let bestV = -1;
    for (const o of d.options) {
      const v = o.odds ?? (d.reached > 0 ? o.p : -1);
      if (v > bestV) [best, bestV] = [o.id, v];
    }
    if (best !== undefined && d.reached > 0) out.set(d.id, best);
  }
  return out;
}

function targetOdds(r: McResult, target: string): number | null {
  const [d, o] = target.split('.');
  return r.decisions.find((x) => x.id === d)?.options.find((x) => x.id === o)?.odds ?? null;
}

function oddsOf(r: McResult, decision: string, option: string): number {
  return r.decisions.find((d) => d.id === decision)?.options.find((o) => o.id === option)?.odds ?? 0;
}

export async function sweep(spec: SweepSpec): Promise<SweepResult> {
  const cache = new Map<string, Promise<McResult>>();
  const factors = spec.assumptions.map((id) => spec.scenario.assumptions.find((a) => a.id === id)!);
  const planned = factors.length * spec.steps + spec.trajectories * (factors.length + 1) + 1;
  let done = 0;
  const run = (values: Readonly<Record<string, number>>): Promise<McResult> => {
    const key = JSON.stringify(spec.scenario.assumptions.map((a) => values[a.id]));
    let hit = cache.get(key);
    if (!hit) {
      hit = spec.evaluate(values).then((r) => {
        spec.onEnsemble?.(++done, Math.max(planned, done));
        return r;
      });
      cache.set(key, hit);
    }
    return hit;
  };
  const p = (r: McResult) => targetP(r, spec.target) ?? 0;
  const baseR = await run(spec.base);

  // One at a time.
  const lines: OatLine[] = [];
  const flips: Flip[] = [];
  for (const a of factors) {
    const values = grid(a.min, a.max, spec.steps);
    const results: McResult[] = [];
    for (const v of values) results.push(await run({ ...spec.base, [a.id]: v }));
    const ps = results.map(p);
    const odds = spec.target.includes('.') ? results.map((r) => targetOdds(r, spec.target)) : null;
    lines.push({ id: a.id, label: a.label, min: a.min, max: a.max, base: spec.base[a.id]!, values, p: ps, odds, swing: Math.max(...ps) - Math.min(...ps) });
    for (let k = 0; k + 1 < values.length; k++) {
      const before = leaders(results[k]!);
      const after = leaders(results[k + 1]!);
      for (const [decision, from] of before) {
        const to = after.get(decision);
        if (to === undefined || to === from || spec.fixed?.has(decision)) continue;
        flips.push(await narrow(spec, run, a.id, decision, values[k]!, values[k + 1]!, from, to));
      }
    }
  }

  // Morris.
  let morris: MorrisEffect[] | null = null;
  if (spec.trajectories > 0 && factors.length > 0) {
    const design = morrisDesign(factors, spec.trajectories, spec.levels, spec.seed);
    const outputs: number[][] = [];
    for (const traj of design) {
      const ys: number[] = [];
      for (const point of traj.points) ys.push(p(await run({ ...spec.base, ...point })));
      outputs.push(ys);
    }
    morris = morrisEffects(factors, design, outputs, spec.levels);
  }
  const muStar = new Map(morris?.map((m) => [m.id, m.muStar]) ?? []);
  const order = new Map(factors.map((f, i) => [f.id, i]));
  lines.sort((x, y) => y.swing - x.swing || (muStar.get(y.id) ?? 0) - (muStar.get(x.id) ?? 0) || order.get(x.id)! - order.get(y.id)!);
  return {
    scenario: spec.scenario.id,
    target: spec.target,
    seed: spec.seed,
    runs: baseR.runs,
    steps: spec.steps,
    baseP: p(baseR),
    oat: lines,
    morris,
    trajectories: spec.trajectories,
    brink: flips,
  };
}

/** Narrows a flip of `decision` from `from` to `to` between assumption values lo and hi by bisection. */
async function narrow(
  spec: SweepSpec,
  run: (v: Readonly<Record<string, number>>) => Promise<McResult>,
  assumption: string,
  decision: string,
  lo: number,
  hi: number,
  from: string,
  to: string,
): Promise<Flip> {
  let rLo = await run({ ...spec.base, [assumption]: lo });
  let rHi = await run({ ...spec.base, [assumption]: hi });
  for (let i = 0; i < spec.refine; i++) {
    const mid = (lo + hi) / 2;
    const r = await run({ ...spec.base, [assumption]: mid });
    if (leaders(r).get(decision) === from) [lo, rLo] = [mid, r];
    else [hi, rHi] = [mid, r];
  }
  // Where the odds gap (from − to) crosses zero, linearly between the bracket's ends.
  const gLo = oddsOf(rLo, decision, from) - oddsOf(rLo, decision, to);
  const gHi = oddsOf(rHi, decision, from) - oddsOf(rHi, decision, to);
  const at = gLo !== gHi && gLo >= 0 && gHi <= 0 ? lo + ((hi - lo) * gLo) / (gLo - gHi) : (lo + hi) / 2;
  return { decision, assumption, from, to, at, within: (hi - lo) / 2 };
}
