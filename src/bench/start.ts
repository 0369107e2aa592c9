/**
 * `npm start` on a built checkout, to the first frame, for `npm run bench`: what a teacher waits for on the
 * second launch (the first one builds). Reported as a ratio to `node -e 0` measured in the same run, since on a
 * shared machine only the ratio means something; the goal is within 5×.
 *
 * The launch goes through npm exactly as a user types it (`npm start`), in a tmux pseudo-terminal; the first
 * frame is the UI's own timestamp (GEOSIM_BENCH_FILE, see src/ui/main.tsx), as in the ui suite.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './types.js';
import { median } from './types.js';
import { projectRoot, Tmux, waitFrames } from './ui.js';

export const GOAL_START_RATIO = 5;

const now = () => performance.timeOrigin + performance.now();

/** Wall time of `node -e 0`, the floor of any Node program on this machine right now (ms). */
function nodeFloor(): number {
  const t = now();
  spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  return now() - t;
}

/**
 * Wall time of `npm start -- --help`: npm's own start, the shell, a second Node, the build stamp's check and
 * `geosim play --help` (which loads the play command), but no UI: what of `npm start` the UI cannot shorten (ms).
 */
function npmHelp(root: string): number {
  const t = now();
  spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: root, stdio: 'ignore' });
  return now() - t;
}

/** Launches `npm start` in the pane (with `env` before it) and returns the time to its first frame (ms). */
async function npmStartFrame(tmux: Tmux, env: string, file: string, tag: string): Promise<number> {
  const t0 = now();
  tmux.keys(`${env} GEOSIM_BENCH_FILE=${file} npm start --silent; echo ${tag}-exit-$((2000))`, 'Enter');
  const [f0] = await waitFrames(file, 1, 60_000).catch((err: Error) => {
    throw new Error(`${err.message}; the screen was:\n${tmux.capture()}`);
  });
  tmux.keys('q');
  await tmux.waitFor((p) => p.includes(`${tag}-exit-2000`) && !tmux.alternateOn(), 'the UI to quit', 30_000);
  tmux.keys('clear', 'Enter');
  return f0! - t0;
}

export async function measureStart(launches: number): Promise<{ start: number[]; floor: number[]; npm: number[]; ink: number[] }> {
  const root = projectRoot();
  // A built checkout: build now if needed, so that no launch below is a build.
  const b = spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs'), '--if-changed'], { stdio: 'ignore' });
  if (b.status !== 0) throw new Error('npm start bench: the build failed');
  const dir = mkdtempSync(join(tmpdir(), 'geosim-bench-start-'));
  const tmux = new Tmux('bench-start');
  const start: number[] = [];
  const floor: number[] = [];
  const npm: number[] = [];
  const ink: number[] = [];
  try {
    tmux.start(100, 30, root);
    await tmux.waitFor((p) => p.includes('$'), 'the shell prompt');
    for (let i = 0; i < launches; i++) {
      floor.push(nodeFloor()); // alternated with the launches, so both see the same load
      npm.push(npmHelp(root));
      // npm start of the smallest ink app (src/build/start.mjs): the floor under any npm start of an ink UI.
      ink.push(await npmStartFrame(tmux, 'GEOSIM_BENCH_INK_FLOOR=1', join(dir, `ink-${i}.txt`), `ink${i}`));
      start.push(await npmStartFrame(tmux, '', join(dir, `frames-${i}.txt`), `start${i}`));
    }
  } finally {
    tmux.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  return { start, floor, npm, ink };
}

export const startSuite: BenchSuite = {
  name: 'start',
  async run(ctx): Promise<BenchRow[]> {
    if (!Tmux.available()) {
      ctx.log('start: skipped, tmux is not installed (apt-get install tmux)');
      return [];
    }
    const { start, floor, npm, ink } = await measureStart(ctx.quick ? 3 : Math.max(3, ctx.reps));
    const ratios = start.map((s, i) => s / floor[i]!);
    const ratio = median(ratios);
    const round = (x: number) => Math.round(x * 10) / 10;
    return [
      {
        id: 'start_first_frame',
        label: 'npm start (built) to first frame',
        value: round(median(start)),
        unit: 'ms',
        samples: start.map(round),
        note: `node -e 0 took ${round(median(floor))} ms (median) in the same run`,
      },
      {
        id: 'start_ratio',
        label: 'npm start / node -e 0',
        value: Math.round(ratio * 100) / 100,
        unit: '×',
        samples: ratios.map((r) => Math.round(r * 100) / 100),
        goal: `≤ ${GOAL_START_RATIO}× (issue 13)`,
        ok: ratio <= GOAL_START_RATIO,
        note: 'each launch divided by the node -e 0 taken just before it',
      },
      {
        id: 'start_npm_floor',
        label: 'npm start -- --help / node -e 0',
        value: Math.round(median(npm.map((x, i) => x / floor[i]!)) * 100) / 100,
        unit: '×',
        samples: npm.map((x, i) => Math.round((x / floor[i]!) * 100) / 100),
        note: `npm, the shell, the stamp check and geosim play --help, no UI (${round(median(npm))} ms): what of npm start the UI cannot shorten`,
      },
      {
        id: 'start_ink_floor',
        label: 'npm start of the smallest ink app / node -e 0',
        value: Math.round(median(ink.map((x, i) => x / floor[i]!)) * 100) / 100,
        unit: '×',
        samples: ink.map((x, i) => Math.round((x / floor[i]!) * 100) / 100),
        note: `npm, the shell, the stamp check and one line of ink (${round(median(ink))} ms; GEOSIM_BENCH_INK_FLOOR=1): the floor of the goal above`,
      },
    ];
  },
};
