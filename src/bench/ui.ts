/**
 * UI timings for `npm run bench`: launch to the first complete frame, and a keypress to the updated frame,
 * measured on the real bundled CLI in a tmux pseudo-terminal. The UI writes a timestamp per rendered frame to
 * the file named by GEOSIM_BENCH_FILE (src/ui/main.tsx), so nothing is guessed from screen polling.
 *
 * Also exports the small tmux driver the end-to-end test uses.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './types.js';
import { median } from './types.js';

export const GOAL_FIRST_FRAME_MS = 250;
export const GOAL_KEYPRESS_MS = 50;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The project root: the nearest directory above this module with a package.json (src/bench or dist). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

/** One tmux server of our own (its own socket, no user config), one session in it. */
export class Tmux {
  readonly socket: string;
  constructor(
    readonly session = 'geosim',
    socket = `geosim-${process.pid}-${Math.floor(now()) % 1e6}`,
  ) {
    this.socket = socket;
  }

  static available(): boolean {
    return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
  }

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** Starts a plain shell (prompt `$ `) in a terminal of the given size; CI is unset so ink draws live. */
  start(columns: number, rows: number, cwd: string, env: Readonly<Record<string, string>> = {}): void {
    const vars = Object.entries({ PS1: '$ ', TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`);
    const shell = ['env', '-u', 'CI', '-u', 'CONTINUOUS_INTEGRATION', '-u', 'NO_COLOR', ...vars, 'bash', '--norc', '--noprofile'];
    this.run('new-session', '-d', '-s', this.session, '-x', String(columns), '-y', String(rows), '-c', cwd, shell.map((a) => `'${a}'`).join(' '));
    this.run('set-option', '-t', this.session, 'status', 'off');
  }

  /** tmux key names: 'Enter', 'Left', 'Escape', 'C-u', or single characters. */
  keys(...keys: string[]): void {
    this.run('send-keys', '-t', this.session, ...keys);
  }

  /** Types text literally. */
  type(text: string): void {
    this.run('send-keys', '-t', this.session, '-l', text);
  }

  capture(escapes = false): string {
    return this.run('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.session);
  }

  alternateOn(): boolean {
    return this.run('display-message', '-p', '-t', this.session, '#{alternate_on}').trim() === '1';
  }

  resize(columns: number, rows: number): void {
    this.run('resize-window', '-t', this.session, '-x', String(columns), '-y', String(rows));
  }

  /** Polls the pane until `test` holds; throws with the last screen after `timeoutMs`. */
  async waitFor(test: (pane: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const end = now() + timeoutMs;
    let pane = '';
    while (now() < end) {
      pane = this.capture();
      if (test(pane)) return pane;
      await sleep(25);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${pane}`);
  }

  kill(): void {
    try {
      this.run('kill-server');
    } catch {
      /* already gone */
    }
  }
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Frame timestamps (epoch ms) the UI wrote. */
export function frames(file: string): number[] {
  return lines(file)
    .filter((l) => !l.startsWith('#'))
    .map((l) => Number(l.split(' ')[0]));
}

/** How long ink took to draw each frame (ms). */
function drawTimes(file: string): number[] {
  return lines(file)
    .filter((l) => !l.startsWith('#'))
    .map((l) => Number(l.split(' ')[1]))
    .filter((x) => Number.isFinite(x));
}

/** Start-up phases the UI wrote (`# phase time`). */
function marks(file: string): Record<string, number> {
  return Object.fromEntries(
    lines(file)
      .filter((l) => l.startsWith('# '))
      .map((l) => l.slice(2).split(' '))
      .map(([k, v]) => [k!, Number(v)]),
  );
}

export async function waitFrames(file: string, count: number, timeoutMs: number): Promise<number[]> {
  const end = now() + timeoutMs;
  for (;;) {
    const f = frames(file);
    if (f.length >= count) return f;
    if (now() > end) throw new Error(`no frame ${count} within ${timeoutMs} ms`);
    await sleep(2);
  }
}

export interface UiTiming {
  readonly name: string;
  readonly median_ms: number;
  /** Undefined: a reference, no goal of its own. */
  readonly goal_ms: number | undefined;
  readonly samples: readonly number[];
  /** For the first frame: median time from the launch to each start-up phase. */
  readonly phases?: Readonly<Record<string, number>>;
}

/** Launches `node <script>` in the pane and returns the time from the keys to its first frame (ms) and its phases. */
async function firstFrame(tmux: Tmux, script: string, file: string, tag: string): Promise<{ ms: number; marks: Record<string, number>; t0: number }> {
  const t0 = now();
  // The echo's output (not its text, which has $((…))) tells that the program has exited and the shell is back.
  tmux.keys(`GEOSIM_BENCH_FILE=${file} node ${script}; echo ${tag}-exit-$((1000+0))`, 'Enter');
  const [f0] = await waitFrames(file, 1, 10_000).catch((err: Error) => {
    throw new Error(`${err.message}; the screen was:\n${tmux.capture()}`);
  });
  return { ms: f0! - t0, marks: marks(file), t0 };
}

/**
 * Launches `geosim play` `launches` times; in each, presses a key `keys` times (alternating step forward and
 * back, so every press changes the frame) and times the next frame. Before each launch it launches the smallest
 * ink app (src/bench/ink-floor.tsx) the same way: the floor of any ink UI's first frame in the same run.
 */
export async function measureUi(launches = 5, keys = 10): Promise<UiTiming[]> {
  const root = projectRoot();
  const cli = join(root, 'dist', 'geosim.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const inkFloor = join(root, 'dist', 'ink-floor.js');
  const floor: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'geosim-bench-ui-'));
  const tmux = new Tmux('bench');
  const first: number[] = [];
  const press: number[] = [];
  const phases: Record<string, number[]> = {};
  const draws: number[] = [];
  try {
    tmux.start(100, 30, root);
    await tmux.waitFor((p) => p.includes('$'), 'the shell prompt');
    for (let i = 0; i < launches; i++) {
      if (existsSync(inkFloor)) {
        floor.push((await firstFrame(tmux, inkFloor, join(dir, `floor-${i}.txt`), `floor${i}`)).ms);
        await sleep(100);
        tmux.keys('q');
        await tmux.waitFor((p) => p.includes(`floor${i}-exit-1000`) && !tmux.alternateOn(), 'the smallest ink app to quit');
        tmux.keys('clear', 'Enter');
      }
      const file = join(dir, `frames-${i}.txt`);
      const launch = await firstFrame(tmux, `${cli} play`, file, `ui${i}`);
      first.push(launch.ms);
      for (const [k, v] of Object.entries(launch.marks)) (phases[k] ??= []).push(v - launch.t0);
      await sleep(150); // let start-up settle (and ink's frame throttle reset)
      for (let k = 0; k < keys; k++) {
        const seen = frames(file).length;
        const t = now();
        tmux.keys(k % 2 === 0 ? 'Right' : 'Left');
        const f = await waitFrames(file, seen + 1, 5_000);
        press.push(f[seen]! - t);
        await sleep(60);
      }
      draws.push(...drawTimes(file).slice(1));
      tmux.keys('q');
      await tmux.waitFor((p) => p.includes(`ui${i}-exit-1000`) && !tmux.alternateOn(), 'the UI to quit');
      tmux.keys('clear', 'Enter');
    }
  } finally {
    tmux.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return [
    {
      name: 'ui: launch to first frame',
      median_ms: round(median(first)),
      goal_ms: GOAL_FIRST_FRAME_MS,
      samples: first.map(round),
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(median(v))])),
    },
    ...(floor.length > 0
      ? [
          {
            name: 'ui: the smallest ink app, launch to first frame',
            median_ms: round(median(floor)),
            goal_ms: undefined,
            samples: floor.map(round),
          },
        ]
      : []),
    {
      name: 'ui: keypress to frame',
      median_ms: round(median(press)),
      goal_ms: GOAL_KEYPRESS_MS,
      samples: press.map(round),
      phases: { 'ink draws a frame': round(median(draws)) },
    },
  ];
}

export const uiSuite: BenchSuite = {
  name: 'ui',
  async run(ctx): Promise<BenchRow[]> {
    if (!Tmux.available()) {
      ctx.log('ui: skipped, tmux is not installed (apt-get install tmux)');
      return [];
    }
    const timings = await measureUi(ctx.quick ? 3 : Math.max(3, ctx.reps), ctx.quick ? 6 : 10);
    const rows: BenchRow[] = [];
    const first = timings.find((t) => t.name === 'ui: launch to first frame')!;
    for (const t of timings) {
      const id = t === first ? 'ui_first_frame' : t.goal_ms === undefined ? 'ui_ink_floor' : 'ui_keypress';
      const phases = Object.entries(t.phases ?? {});
      rows.push({
        id,
        label: t.name,
        value: t.median_ms,
        unit: 'ms',
        samples: t.samples,
        ...(t.goal_ms !== undefined ? { goal: `≤ ${t.goal_ms} ms (issues 4, 12)`, ok: t.median_ms <= t.goal_ms } : {}),
        note:
          id === 'ui_first_frame'
            ? `shell runs node dist/geosim.js play → first rendered frame; phases: ${phases.map(([k, v]) => `${k} ${v} ms`).join(', ')}`
            : id === 'ui_keypress'
              ? `tmux send-keys → the next rendered frame; ${phases.map(([k, v]) => `${k}: ${v} ms`).join(', ')}`
              : 'node dist/ink-floor.js: one line of text, nothing of geosim; launched before each geosim play, the same way',
      });
      if (id === 'ui_ink_floor') {
        rows.push({
          id: 'ui_first_frame_over_ink',
          label: 'ui: first frame / the smallest ink app',
          value: Math.round((first.median_ms / t.median_ms) * 100) / 100,
          unit: '×',
          note: 'what geosim adds to what any ink UI costs before its first frame on this machine',
        });
      }
    }
    return rows;
  },
};
