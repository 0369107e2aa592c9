/**
 * `npm run bench` (bundled to dist/bench.js): runs every suite in src/bench/suites.ts in this one process,
 * prints a table of medians and writes bench-results.json (gitignored) in the working directory.
 *
 *   node dist/bench.js [--quick] [--reps N] [--suite NAME]   BENCH_QUICK=1 is the same as --quick
 *   node dist/bench.js --scale [--quick] [--full]             the growth of cost with events and actors (scale.ts)
 *   node dist/bench.js --help
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { suites } from './suites.js';
import { isSampleWorker, serveSamples } from './isolated.js';
import { runScale, servePoint } from './scale.js';
import type { BenchContext, BenchRow } from './types.js';

function fmt(v: number, unit: string): string {
  if (unit === 'runs/s') return `${Math.round(v).toLocaleString('en-US')} runs/s`;
  if (unit === '×') return `${v.toFixed(2)}×`;
  if (unit === 'ms') return `${v.toFixed(1)} ms`;
  if (unit === 's') return `${v.toFixed(2)} s`;
  if (unit === 'MiB') return `${v.toFixed(1)} MiB`;
  return `${v} ${unit}`;
}

export function table(rows: readonly (BenchRow & { suite: string })[]): string {
  const cells = rows.map((r) => [r.label, fmt(r.value, r.unit), r.goal ? `${r.goal} ${r.ok ? 'ok' : 'MISSED'}` : '', r.note ?? '']);
  const w = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]!.length), 4));
  return cells.map((c) => `${c[0]!.padEnd(w[0]!)}  ${c[1]!.padStart(w[1]!)}  ${c[2]!.padEnd(w[2]!)}  ${c[3]}`.trimEnd()).join('\n');
}

export const HELP = `Usage: npm run bench -- [options]   (or: node dist/bench.js [options])

Measures geosim's speed against the goals of its issues, as ratios and budgets in the same run, and prints
a table of medians with the machine's load average before and after; writes bench-results.json here.

Options:
  --quick          smaller sizes (100,000 runs instead of 1,000,000 for the memory row); BENCH_QUICK=1 too
  --reps N         repetitions per measurement (default 5; medians are reported)
  --suite NAME     only this suite: ${suites.map((s) => s.name).join(', ')}
  --scale          the growth of cost with events (60 to 5,000) and actors (6 to 50) instead, with fitted
                   exponents (with --quick, the history up to 1,000 events unless --full)
  -h, --help       this help

Examples:
  npm run bench -- --quick --suite engine
  npm run bench -- --scale --quick
`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  // --scale-point JSON: one point of --scale, measured in this (child) process and printed as JSON (scale.ts).
  const pi = argv.indexOf('--scale-point');
  if (pi >= 0) {
    process.stdout.write(`${servePoint(argv[pi + 1] ?? '{}')}\n`);
    return 0;
  }
  const known = new Set(['--quick', '--reps', '--suite', '--scale', '--full']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!known.has(a)) {
      process.stderr.write(`bench: unknown option '${a}' (see --help)\n`);
      return 2;
    }
    if (a === '--reps' || a === '--suite') i++;
  }
  const si = argv.indexOf('--suite');
  const only = si >= 0 ? argv[si + 1] : undefined;
  if (only !== undefined && !suites.some((s) => s.name === only)) {
    process.stderr.write(`bench: unknown suite '${only}' (suites: ${suites.map((s) => s.name).join(', ')})\n`);
    return 2;
  }
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const ri = argv.indexOf('--reps');
  const reps = ri >= 0 ? Math.max(1, Number(argv[ri + 1]) || 5) : 5;
  const ctx: BenchContext = { quick, reps, log: (line) => process.stderr.write(`bench: ${line}\n`), entry: new URL(import.meta.url) };
  if (argv.includes('--scale')) {
    const before = loadavg()[0]!;
    const text = await runScale(ctx, argv);
    process.stdout.write(`${text}load ${before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}\n`);
    return 0;
  }
  const rows: (BenchRow & { suite: string })[] = [];
  const loadBefore = loadavg();
  for (const s of suites) {
    if (only !== undefined && s.name !== only) continue;
    ctx.log(`suite ${s.name}`);
    for (const r of await s.run(ctx)) rows.push({ ...r, suite: s.name });
  }
  const env = {
    node: process.version,
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    loadBefore: loadBefore,
    loadAfter: loadavg(),
    quick,
    reps,
    date: new Date().toISOString(),
  };
  // Other processes compete for the cores: the 1-minute load average before and after says how much.
  const load = `load ${loadBefore[0]!.toFixed(1)} → ${env.loadAfter[0]!.toFixed(1)}`;
  process.stdout.write(`geosim bench (medians of ${reps}${quick ? ', quick' : ''}; ${env.cpus} cores, ${env.node}, ${load})\n${table(rows)}\n`);
  writeFileSync('bench-results.json', `${JSON.stringify({ env, rows }, null, 2)}\n`);
  process.stderr.write('bench: wrote bench-results.json\n');
  return 0;
}

// The same bundle runs in the sample workers (isolated.ts), which only answer the main thread.
if (isSampleWorker()) serveSamples();
else process.exitCode = await main();
