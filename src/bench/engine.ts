/**
 * The engine benchmark (issue 4): throughput of the flagship on one and on all workers, the hand-written
 * floor beside it, 2,000-run latency, and peak memory over a long ensemble.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { findScenario, loadScenarioFile } from '../scenario/load.js';
import { McPool } from '../mc/pool.js';
import { buildFloor } from './floor.js';
import { Sampler, benchInputs, engineRate } from './isolated.js';
import { median, repeat, type BenchContext, type BenchRow, type BenchSuite } from './types.js';

export const FLAGSHIP = 'pyongyang-2024';

async function poolMs(pool: McPool, scenario: Scenario, inputs: RunInputs, runs: number): Promise<number> {
  const t0 = performance.now();
  await pool.run(scenario, inputs, runs);
  return performance.now() - t0;
}

/** A long ensemble from a cold start (workers included), sampling the process RSS (all threads) every 50 ms. */
async function longRun(path: string, scenario: Scenario, inputs: RunInputs, runs: number, workers: number) {
  const rss = () => process.memoryUsage.rss() / 2 ** 20;
  const before = rss();
  let peak = before;
  let atQuarter = 0;
  let done = 0;
  const timer = setInterval(() => {
    const r = rss();
    peak = Math.max(peak, r);
    if (done >= runs / 4 && atQuarter === 0) atQuarter = peak;
  }, 50);
  const t0 = performance.now();
  const pool = await McPool.start(path, scenario, workers);
  try {
    await pool.run(scenario, inputs, runs, { onProgress: (d) => (done = d) });
  } finally {
    await pool.close();
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, rss());
  return { seconds, before, peak, atQuarter: atQuarter || peak };
}

export const engineSuite: BenchSuite = {
  name: 'engine',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const path = resolve(findScenario(FLAGSHIP));
    const scenario = loadScenarioFile(path);
    const inputs = benchInputs(scenario);
    const cores = availableParallelism();
    const q = ctx.quick;
    const rows: BenchRow[] = [];

    // (a) and (c) each in a worker of its own (isolated.ts), sampled alternately, so that neither pays for the
    // other's code in its JIT state and a change in the machine's speed weighs on both sides of the ratio alike.
    ctx.log('(a) one worker and (c) the floor, alternating, each in its own worker');
    const engineW = await Sampler.start(ctx.entry, 'engine', path);
    const floorW = await Sampler.start(ctx.entry, 'floor', path);
    const a: number[] = [];
    const c: number[] = [];
    try {
      for (let i = 0; i < ctx.reps; i++) {
        a.push(await engineW.sample(q ? 5000 : 20000));
        c.push(await floorW.sample(q ? 20_000 : 80_000));
      }
    } finally {
      await engineW.close();
      await floorW.close();
    }
    ctx.log('warming up this thread');
    engineRate(scenario, inputs, 3000);
    rows.push({ id: 'runs_per_s_1', label: '(a) runs/s, one worker', value: median(a), unit: 'runs/s', samples: a });

    ctx.log(`(b) ${cores} workers`);
    const t0 = performance.now();
    const pool = await McPool.start(path, scenario, cores);
    const startMs = performance.now() - t0;
    let b: number[];
    let lat: number[];
    try {
      await pool.run(scenario, inputs, 4000 * cores);
      const nb = q ? 20_000 : 100_000;
      b = (await repeat(ctx.reps, () => poolMs(pool, scenario, inputs, nb))).map((ms) => nb / (ms / 1000));
      ctx.log('2,000-run latency');
      lat = await repeat(Math.max(ctx.reps, 9), () => poolMs(pool, scenario, inputs, 2000));
    } finally {
      await pool.close();
    }
    const bRate = median(b);
    rows.push({ id: 'runs_per_s_all', label: `(b) runs/s, ${cores} workers`, value: bRate, unit: 'runs/s', samples: b, goal: '≥ 20,000 (issue 4)', ok: bRate >= 20_000 });
    rows.push({ id: 'speedup', label: '(b)/(a) speed-up', value: bRate / median(a), unit: '×' });
    rows.push({ id: 'pool_start_ms', label: `worker pool start (${cores}, loads the scenario)`, value: startMs, unit: 'ms' });
    const l = median(lat);
    rows.push({ id: 'ms_2000_pool', label: `2,000 runs wall, ${cores} warm workers`, value: l, unit: 'ms', samples: lat, goal: '≤ 100 ms (issues 4, 12)', ok: l <= 100 });
    const lt = await repeat(Math.max(ctx.reps, 9), () => 2000 / engineRate(scenario, inputs, 2000) * 1000);
    rows.push({ id: 'ms_2000_thread', label: '2,000 runs wall, this thread (live odds)', value: median(lt), unit: 'ms', samples: lt });

    const cRate = median(c);
    const floor = buildFloor(scenario, inputs);
    rows.push({ id: 'floor_runs_per_s', label: '(c) honest floor runs/s', value: cRate, unit: 'runs/s', samples: c, note: `straight-line typed-array flagship (${floor.lines} lines made by floor-gen.ts), tallies equal to the engine's bit for bit` });
    const ratio = cRate / median(a);
    rows.push({ id: 'floor_ratio', label: '(c)/(a) floor over engine', value: ratio, unit: '×', goal: '≤ 3× (issue 12)', ok: ratio <= 3 });

    const n = q ? 100_000 : 1_000_000;
    ctx.log(`${n.toLocaleString('en-US')}-run mc, ${cores} workers, cold`);
    const big = await longRun(path, scenario, inputs, n, cores);
    rows.push({ id: 'long_s', label: `${n.toLocaleString('en-US')} runs wall (cold, ${cores} workers)`, value: big.seconds, unit: 's', goal: q ? undefined : '< 60 s (issues 4, 12)', ok: q ? undefined : big.seconds < 60 });
    rows.push({ id: 'long_runs_per_s', label: `${n.toLocaleString('en-US')} runs, runs/s`, value: n / big.seconds, unit: 'runs/s' });
    rows.push({ id: 'rss_peak_mb', label: 'peak RSS during it (all threads)', value: big.peak, unit: 'MiB', note: `before ${big.before.toFixed(0)} MiB` });
    rows.push({
      id: 'rss_growth_mb',
      label: 'RSS growth from 25% to 100% of the runs',
      value: big.peak - big.atQuarter,
      unit: 'MiB',
      goal: 'flat, < 50 MiB (issues 4, 12)',
      ok: big.peak - big.atQuarter < 50,
    });
    return rows;
  },
};
