/**
 * `npm run bench -- --scale`: how cost grows with the size of a scenario. Synthetic scenarios (synthetic.ts) of
 * 60 to 5,000 events (6 actors), and of 6 to 50 actors at 10 events per actor, are written to a temporary
 * directory and loaded by the ordinary loader; for each it measures the load (time, heap), a Monte Carlo run
 * (`runFast`, per run) and a history run (`runHistory`, per run, and the heap its states hold), each point in a
 * process of its own (`isolatedPoint`), then fits
 * growth exponents by least squares on log–log (events: 200 to 5,000; actors: all points).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadScenarioFile } from '../scenario/load.js';
import { resolveAssumptions } from '../core/run.js';
import { runFast, runHistory } from '../machines/engine.js';
import type { Scenario } from '../core/model.js';
import { syntheticScenario } from './synthetic.js';
import { median, type BenchContext } from './types.js';

export interface ScalePoint {
  readonly events: number;
  readonly actors: number;
  readonly bytes: number;
  readonly steps: number;
  readonly loadMs: number;
  readonly loadMiB: number;
  readonly fastMs: number;
  readonly historyMs: number | undefined;
  readonly historyMiB: number | undefined;
}

/** The slope of log y over log x (least squares): y grows as x^slope. */
export function growthExponent(points: readonly (readonly [number, number])[]): number {
  const xs = points.map((p) => Math.log(p[0]));
  const ys = points.map((p) => Math.log(p[1]));
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function heapMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * CPU milliseconds of this process per call of `f`, the median of `reps` samples of about `budgetMs` each (at
 * least one call). CPU time rather than wall time: on a shared machine the wall time of a single thread mostly
 * measures the other processes.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function perCall(f: (i: number) => void, reps: number, budgetMs: number): number {
  const t0 = cpuMs();
  f(0);
  const once = Math.max(cpuMs() - t0, 0.001);
  const n = Math.max(1, Math.min(100_000, Math.round(budgetMs / once)));
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const s = cpuMs();
    for (let i = 0; i < n; i++) f(i + 1);
    samples.push((cpuMs() - s) / n);
  }
  return median(samples);
}

export function measurePoint(dir: string, events: number, actors: number, reps: number, history: boolean, prose = 0): ScalePoint {
  const text = syntheticScenario({ events, actors, prose });
  const file = join(dir, `synthetic-${events}-${actors}.yaml`);
  writeFileSync(file, text);
  const before = heapMiB();
  const t0 = cpuMs();
  let sc: Scenario | undefined = loadScenarioFile(file);
  const loadMs = cpuMs() - t0;
  const loadMiB = heapMiB() - before;
  const assumptions = resolveAssumptions(sc);
  const s = sc;
  const steps = runFast(s, { seed: 0, assumptions, choices: {} }).step;
  const fastMs = perCall((seed) => runFast(s, { seed, assumptions, choices: {} }), reps, 300);
  let historyMs: number | undefined;
  let historyMiB: number | undefined;
  if (history) {
    // Once unmeasured first, so the heap holds only this run's states, not the history path's first-use code.
    runHistory(s, { seed: 1, assumptions, choices: {} });
    const h0 = heapMiB();
    let states: unknown[] | undefined = runHistory(s, { seed: 0, assumptions, choices: {} });
    historyMiB = heapMiB() - h0;
    states = undefined;
    historyMs = perCall((seed) => runHistory(s, { seed, assumptions, choices: {} }), Math.min(reps, 3), 300);
    void states;
  }
  sc = undefined;
  return { events, actors, bytes: Buffer.byteLength(text), steps, loadMs, loadMiB, fastMs, historyMs, historyMiB };
}

interface PointArgs {
  readonly dir: string;
  readonly events: number;
  readonly actors: number;
  readonly reps: number;
  readonly history: boolean;
  readonly prose?: number;
}

/**
 * `measurePoint` in a fresh Node process (this bundle with `--scale-point`): every point starts with an empty
 * heap and cold code, so a small scenario is not measured in the garbage and the megamorphic code that the
 * big ones left behind (in one process the 6-actor point after the 5,000-event ones took 4-10× its own time,
 * which bent the fitted actor exponent down).
 */
function isolatedPoint(entry: URL, args: PointArgs): ScalePoint {
  const out = execFileSync(process.execPath, [fileURLToPath(entry), '--scale-point', JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as ScalePoint;
}

/** The child's side of `isolatedPoint`: measures the point and prints it as JSON. */
export function servePoint(json: string): string {
  const a = JSON.parse(json) as PointArgs;
  return JSON.stringify(measurePoint(a.dir, a.events, a.actors, a.reps, a.history, a.prose ?? 0));
}

function row(p: ScalePoint): string {
  const f = (v: number | undefined, d: number) => (v === undefined ? '—' : v.toFixed(d));
  return [
    String(p.events).padStart(6),
    String(p.actors).padStart(6),
    String(p.steps).padStart(6),
    (p.bytes / 2 ** 20).toFixed(2).padStart(8),
    f(p.loadMs, 0).padStart(8),
    f(p.loadMiB, 1).padStart(8),
    f(p.fastMs, 3).padStart(10),
    f(p.historyMs, 1).padStart(10),
    f(p.historyMiB, 1).padStart(10),
  ].join(' ');
}

export async function runScale(ctx: BenchContext, argv: readonly string[]): Promise<string> {
  const q = ctx.quick;
  const full = argv.includes('--full');
  const eventSizes = q ? [60, 200, 500, 1000] : [60, 200, 500, 1000, 2000, 5000];
  // The history shares its storage from state to state (core/history-state.ts), so it runs to 5,000 events too.
  const historyUpTo = full || !q ? Infinity : 1000;
  const actorSizes = q ? [6, 12, 25] : [6, 12, 25, 50];
  const dir = mkdtempSync(join(tmpdir(), 'geosim-scale-'));
  const byEvents: ScalePoint[] = [];
  const byActors: ScalePoint[] = [];
  let bigLine = '';
  try {
    for (const e of eventSizes) {
      ctx.log(`scale: ${e} events, 6 actors`);
      byEvents.push(isolatedPoint(ctx.entry, { dir, events: e, actors: 6, reps: ctx.reps, history: e <= historyUpTo }));
    }
    // The size cap (parse.ts) must fit 5,000 events written as the flagship writes them: about 1.9 KB each.
    ctx.log('scale: 5000 events with 1.5 KB of prose each (load only)');
    const big = q ? undefined : isolatedPoint(ctx.entry, { dir, events: 5000, actors: 6, reps: 1, history: false, prose: 1500 });
    if (big) bigLine = `5,000 events of flagship-like size: ${(big.bytes / 2 ** 20).toFixed(1)} MiB loaded in ${big.loadMs.toFixed(0)} CPU ms, ${big.loadMiB.toFixed(1)} MiB of heap`;
    for (const a of actorSizes) {
      ctx.log(`scale: ${a} actors, ${10 * a} events`);
      byActors.push(isolatedPoint(ctx.entry, { dir, events: 10 * a, actors: a, reps: ctx.reps, history: true }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fit = (pts: ScalePoint[], x: (p: ScalePoint) => number, y: (p: ScalePoint) => number | undefined) =>
    growthExponent(pts.filter((p) => y(p) !== undefined && y(p)! > 0).map((p) => [x(p), y(p)!] as const));
  const inRange = byEvents.filter((p) => p.events >= 200);
  const exp = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
  const head = `${'events'.padStart(6)} ${'actors'.padStart(6)} ${'steps'.padStart(6)} ${'MiB file'.padStart(8)} ${'load ms'.padStart(8)} ${'load MiB'.padStart(8)} ${'mc ms/run'.padStart(10)} ${'hist ms'.padStart(10)} ${'hist MiB'.padStart(10)}`;
  const lines = [
    `geosim bench --scale (medians of ${ctx.reps}; CPU milliseconds; synthetic scenarios, src/bench/synthetic.ts)`,
    head,
    ...byEvents.map(row),
    head,
    ...byActors.map(row),
    '',
    'growth exponents (least squares on log–log):',
    `  Monte Carlo run, events 200–${inRange.at(-1)?.events}:  E^${exp(fit(inRange, (p) => p.events, (p) => p.fastMs))}  (goal ≤ 1.1)`,
    `  history run, events 200–${Math.min(historyUpTo, inRange.at(-1)?.events ?? 0)}:     E^${exp(fit(inRange, (p) => p.events, (p) => p.historyMs))}  (goal ≤ 1.1)`,
    `  history memory, events:        E^${exp(fit(inRange, (p) => p.events, (p) => p.historyMiB))}  (goal ≤ 1.0 + noise)`,
    `  load time, events:             E^${exp(fit(inRange, (p) => p.events, (p) => p.loadMs))}`,
    `  load memory, events:           E^${exp(fit(inRange, (p) => p.events, (p) => p.loadMiB))}`,
    `  Monte Carlo run, actors (10 events each): A^${exp(fit(byActors, (p) => p.actors, (p) => p.fastMs))}  (goal ≤ 1.3)`,
    `  history run, actors:           A^${exp(fit(byActors, (p) => p.actors, (p) => p.historyMs))}`,
    ...(bigLine ? [bigLine] : []),
  ];
  return `${lines.join('\n')}\n`;
}
