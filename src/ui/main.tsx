/**
 * `startUi(options)`: what `geosim play` calls (lazily, only in a terminal). It builds the session from the
 * already-checked play options, takes the alternate screen, renders the UI with ink, and gives the terminal
 * back on every way out. Ink itself is imported only after the environment is settled (see below).
 */
import { appendFileSync, existsSync } from 'node:fs';
import type { PlayOptions } from '../cli/play-options.js';
import type { SessionOptions } from '../machines/session-logic.js';
import type { PreparedUi } from './prepared.js';
import { runFileOptions } from '../machines/session-file.js';
import { colorFromEnv, themeFromEnv } from './color.js';
import { enterFullScreen, guardExit } from './screen.js';
import type { runApp as RunApp } from './run.js';

export type { PreparedUi } from './prepared.js';

/**
 * The file name the save prompt proposes: the session file being resumed, or `<scenario>-seed<N>.session.json`,
 * numbered (`-2`, `-3`…) when that name is taken by an earlier session.
 */
export function proposedSavePath(scenarioId: string, seed: number, exists: (path: string) => boolean = existsSync): string {
  const base = `${scenarioId}-seed${seed}`;
  if (!exists(`${base}.session.json`)) return `${base}.session.json`;
  for (let i = 2; ; i++) if (!exists(`${base}-${i}.session.json`)) return `${base}-${i}.session.json`;
}

/** The session's options from the play options; a run file to resume brings its choices, overrides and injects. */
export function prepareUi(p: PlayOptions, exists: (path: string) => boolean = existsSync): PreparedUi {
  const rf = p.runFile;
  const options: SessionOptions = {
    seed: p.seed,
    preset: p.preset,
    roles: [...p.roles],
    ...('injects' in p && p.injects?.length ? { injects: p.injects } : {}),
    ...(rf
      ? runFileOptions(rf)
      : {}),
  };
  const session = 'session' in p ? p.session : undefined;
  const sessionPath = 'sessionPath' in p ? p.sessionPath : undefined;
  // A run file resumed is saved as a session file next to it (the run file stays as it was).
  const savePath = sessionPath ?? (p.runFilePath?.replace(/(\.run)?\.json$/, '.session.json') || undefined) ?? proposedSavePath(p.scenario.id, p.seed, exists);
  const note = session ? [session.note, ...session.moved].filter(Boolean).join('; ') : '';
  return {
    scenario: p.scenario,
    scenarioFile: p.scenarioFile,
    options,
    savePath,
    autosavePath: p.autosavePath,
    files: p.files,
    ...(sessionPath !== undefined ? { loadedFrom: sessionPath } : {}),
    ...(session ? { data: session.data } : {}),
    ...(note ? { note } : {}),
  };
}

function oneLine(err: unknown): string {
  const m = err instanceof Error ? ((err as { format?: () => string }).format?.() ?? err.message) : String(err);
  return m.replace(/\s*[\r\n]+\s*/g, ' ');
}

const epoch = () => (performance.timeOrigin + performance.now()).toFixed(3);

/**
 * Timestamps for `npm run bench` (GEOSIM_BENCH_FILE): one line per rendered frame (epoch milliseconds, and the
 * time ink spent drawing it), and
 * `# phase time` lines for where start-up went (process start, UI entry, UI code loaded).
 */
function benchRecorder(): { frame: (m: { renderTime: number }) => void; mark: (phase: string, at?: string) => void } | undefined {
  const file = process.env.GEOSIM_BENCH_FILE;
  if (!file) return undefined;
  return {
    // "<when the frame was drawn> <ms ink spent drawing it>"
    frame: (m) => appendFileSync(file, `${epoch()} ${m.renderTime.toFixed(3)}\n`),
    mark: (phase, at = epoch()) => appendFileSync(file, `# ${phase} ${at}\n`),
  };
}

/**
 * Loads the ink UI. yoga-layout (ink's layout engine) instantiates its inlined WebAssembly through `fetch` when
 * fetch exists, and the first fetch loads Node's undici (~20 ms of start-up); without fetch it decodes the same
 * bytes directly. So fetch is hidden while the UI loads (nothing else runs meanwhile) and restored after.
 */
async function importUi(color: boolean): Promise<{ runApp: typeof RunApp }> {
  const g = globalThis as { fetch?: unknown };
  const fetch = g.fetch;
  g.fetch = undefined;
  // Colour is the UI's decision (the theme passes no colour when it is off), not chalk's: chalk reads
  // `--no-color` from the command line as "no escape codes at all", which would take bold and the inverse
  // cursor too. So while ink (and its chalk) loads, FORCE_COLOR=1 keeps those; a dumb terminal gets none.
  const env = process.env;
  const force = env.FORCE_COLOR;
  if (!color && env.TERM !== 'dumb') env.FORCE_COLOR = '1';
  try {
    return await import('./run.js');
  } finally {
    g.fetch = fetch;
    if (force === undefined) delete env.FORCE_COLOR;
    else env.FORCE_COLOR = force;
  }
}

export async function startUi(o: PlayOptions): Promise<number> {
  const bench = benchRecorder();
  bench?.mark('process', performance.timeOrigin.toFixed(3));
  bench?.mark('startUi');
  let prepared: PreparedUi;
  try {
    prepared = prepareUi(o);
  } catch (err) {
    process.stderr.write(`geosim: ${oneLine(err)}\n`);
    return 2;
  }
  // Ink draws nothing until exit when it believes it runs under CI (is-in-ci reads CI at import time). play only
  // runs in a real terminal, so that belief is wrong here: settle it before ink is loaded.
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) if (process.env[k] !== undefined) process.env[k] = '0';
  // React picks its build when first loaded: the development build checks every render and is several times
  // slower. Nothing before this line loads React (keep it so: main.tsx must not import it).
  // (Through a variable, so that a bundler defining process.env.NODE_ENV as a constant leaves this alone.)
  const env = process.env;
  if (env.NODE_ENV === undefined) env.NODE_ENV = 'production';
  const color = 'color' in o && o.color !== undefined ? o.color : colorFromEnv(process.env);
  const { runApp } = await importUi(color);
  bench?.mark('ui-loaded');
  const screen = enterFullScreen(process.stdout);
  const restore = () => {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    screen.leave();
  };
  const guard = guardExit(restore, (line) => process.stderr.write(`${line}\n`));
  const saved: string[] = [];
  try {
    return await runApp({
      ...prepared,
      color,
      theme: ('theme' in o ? o.theme : undefined) ?? themeFromEnv(process.env),
      onFrame: bench?.frame,
      onSaved: (path) => {
        if (!saved.includes(path)) saved.push(path);
      },
    });
  } catch (err) {
    restore();
    process.stderr.write(`geosim: internal error: ${oneLine(err)}\n`);
    return 1;
  } finally {
    restore();
    guard.dispose();
    // On the user's own screen again: say where the work went.
    for (const path of saved) process.stderr.write(`saved run to ${path}\n`);
  }
}
