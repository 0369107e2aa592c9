/**
 * The speed expectations that used to be assertions in the test suite (where a busy machine made them fail):
 * build time, formula evaluation, the size refusal, how promptly Ctrl-C stops `mc`, and the Monte Carlo tally
 * memory at 50 actors (#12). Each is a row with its goal; the tests check only behaviour.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFormula } from '../core/formula.js';
import type { EvalContext } from '../core/model.js';
import { resolveAssumptions } from '../core/run.js';
import { loadScenarioFile, parseScenarioText } from '../scenario/load.js';
import { Accumulator, tallyBytes } from '../mc/accumulator.js';
import { runRange } from '../mc/ensemble.js';
import { manyActorsYaml } from './many-actors.js';
import { median, repeat, type BenchContext, type BenchRow, type BenchSuite } from './types.js';

const row = (id: string, label: string, samples: number[], unit: string, limit: number, goal: string): BenchRow => {
  const value = median(samples);
  return { id, label, value, unit, samples, goal, ok: value < limit };
};

function formulaNs(): number {
  const scope = { assumptions: new Set(['k']), indicators: new Set<string>(), actors: new Set(['KOR', 'RUS']), postures: new Map(), decisions: new Map(), events: new Set<string>() };
  const f = compileFormula('logistic((-rel(KOR, RUS) - 20) / 10) * k', scope);
  const ctx = { rel: () => -40, assumption: () => 2, indicator: () => 0, tension: () => 0, goldstein: () => 0, posture: () => false, chosen: () => false, happened: () => false } as EvalContext;
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += f.evaluate(ctx);
  const n = 1_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sum += f.evaluate(ctx);
  if (sum <= 0) throw new Error('formula bench: wrong value');
  return ((performance.now() - t0) * 1e6) / n;
}

/** Ms from SIGINT to the exit of `geosim mc` on a long ensemble (after its handler is installed). */
async function ctrlCMs(root: string, workers: string): Promise<number> {
  const child = spawn(process.execPath, [join(root, 'dist', 'geosim.js'), 'mc', 'pyongyang-2024', '--runs', '100000000', '--workers', workers], { cwd: root, stdio: 'ignore' });
  const status = `/proc/${child.pid}/status`;
  for (let i = 0; i < 2400; i++) {
    const caught = existsSync(status) ? /^SigCgt:\s*([0-9a-f]+)$/m.exec(readFileSync(status, 'utf8'))?.[1] : undefined;
    if (caught !== undefined && (BigInt(`0x${caught}`) & 2n) !== 0n) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const closed = new Promise((r) => child.on('close', r));
  const t0 = performance.now();
  child.kill('SIGINT');
  await closed;
  return performance.now() - t0;
}

export const checksSuite: BenchSuite = {
  name: 'checks',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const root = fileURLToPath(new URL('..', ctx.entry));
    const out = mkdtempSync(join(tmpdir(), 'geosim-bench-build-'));
    const dir = mkdtempSync(join(tmpdir(), 'geosim-bench-big-'));
    try {
      const build = await repeat(Math.min(ctx.reps, 3), () => {
        const t0 = performance.now();
        spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs')], { cwd: root, env: { ...process.env, GEOSIM_BUILD_OUTDIR: out, GEOSIM_BUILD_QUIET: '1' } });
        return performance.now() - t0;
      });
      const huge = join(dir, 'huge.yaml');
      writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'key: "fifty megabytes"\n'));
      const refuse = await repeat(ctx.reps, () => {
        const t0 = performance.now();
        try {
          loadScenarioFile(huge);
        } catch {
          /* refused, as expected */
        }
        return performance.now() - t0;
      });
      const ctrlC = await repeat(Math.min(ctx.reps, 3), () => ctrlCMs(root, '2'));
      const sc = parseScenarioText(manyActorsYaml(50), 'actors-50.yaml');
      const acc = new Accumulator(sc);
      runRange(sc, { seed: 1, assumptions: resolveAssumptions(sc), choices: {} }, 0, ctx.quick ? 500 : 2000, acc);
      const mib = tallyBytes(acc.data) / (1024 * 1024);
      return [
        row('build_ms', 'npm run build', build, 'ms', 3000, '< 3 s (issue 10: was a test)'),
        row('formula_ns', 'one typical formula evaluation', (await repeat(ctx.reps, formulaNs)).map(Math.round), 'ns', 1000, '< 1 µs (issue 10: was a test)'),
        row('size_refusal_ms', 'refusing a 50 MB scenario file', refuse, 'ms', 500, '< 500 ms (issue 10: was a test)'),
        row('ctrl_c_ms', 'mc (2 workers) stops after Ctrl-C', ctrlC, 'ms', 3000, '< 3 s (issue 10: was a test)'),
        { ...row('tally_mib_50_actors', 'Monte Carlo tallies, 50 actors', [mib], 'MiB', 64, '< 64 MiB per worker (issue 12)'), note: `${ctx.quick ? 500 : 2000} runs, ${acc.data.scorePagesUsed} histogram pages` },
      ];
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
