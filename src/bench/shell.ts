/**
 * Commands from the shell (issue 12, "fast from the shell"): `geosim mc --runs 2000` against `geosim validate`
 * on the same scenario (goal: within 1.5×, so the work itself is small next to start-up) and `geosim --version`
 * against `node -e 0` (goal: within 2×). Each round runs the four one after another and the ratios are taken
 * within the round, so that the machine's load weighs on both sides alike; medians over the rounds.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchContext, type BenchRow, type BenchSuite } from './types.js';

export const GOAL_MC_OVER_VALIDATE = 1.5;
export const GOAL_VERSION_OVER_NODE = 2;

function wallMs(args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench: node ${args.join(' ')} exited with ${r.status}`);
  return ms;
}

export const shellSuite: BenchSuite = {
  name: 'shell',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const root = fileURLToPath(new URL('..', ctx.entry));
    const bin = join(root, 'dist', 'geosim.js');
    const rounds = ctx.quick ? 3 : Math.max(5, ctx.reps);
    const t = { node: [] as number[], version: [] as number[], validate: [] as number[], mc: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      ctx.log(`shell: round ${i + 1} of ${rounds}`);
      t.node.push(wallMs(['-e', '0'], root));
      t.version.push(wallMs([bin, '--version'], root));
      t.validate.push(wallMs([bin, 'validate', 'pyongyang-2024'], root));
      t.mc.push(wallMs([bin, 'mc', 'pyongyang-2024', '--runs', '2000'], root));
    }
    const ratio = (a: number[], b: number[]) => a.map((x, i) => x / b[i]!);
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const mcRatio = ratio(t.mc, t.validate);
    const versionRatio = ratio(t.version, t.node);
    const ms = (id: string, label: string, xs: number[]): BenchRow => ({ id, label, value: median(xs), unit: 'ms', samples: xs });
    return [
      ms('shell_node_ms', 'node -e 0', t.node),
      ms('shell_version_ms', 'geosim --version', t.version),
      { id: 'shell_version_ratio', label: 'geosim --version / node -e 0', value: median(versionRatio), unit: '×', samples: versionRatio.map(r2), goal: `≤ ${GOAL_VERSION_OVER_NODE}× (issue 12)`, ok: median(versionRatio) <= GOAL_VERSION_OVER_NODE },
      ms('shell_validate_ms', 'geosim validate (flagship)', t.validate),
      ms('shell_mc_ms', 'geosim mc --runs 2000 (flagship)', t.mc),
      { id: 'shell_mc_ratio', label: 'mc --runs 2000 / validate', value: median(mcRatio), unit: '×', samples: mcRatio.map(r2), goal: `≤ ${GOAL_MC_OVER_VALIDATE}× (issue 12)`, ok: median(mcRatio) <= GOAL_MC_OVER_VALIDATE },
    ];
  },
};
