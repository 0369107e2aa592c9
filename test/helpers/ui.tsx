import { render } from 'ink-testing-library';
import { createActor } from 'xstate';
import { sessionMachine } from '../../src/machines/session.js';
import type { Scenario } from '../../src/core/model.js';
import type { SessionData } from '../../src/machines/session-logic.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { makeTheme } from '../../src/ui/theme.js';

export const tick = async (): Promise<void> => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 0));
};

export interface Harness {
  readonly actor: ReturnType<typeof startSession>;
  readonly frame: () => string;
  readonly press: (...keys: string[]) => Promise<string>;
  readonly data: () => SessionData;
  readonly quits: number[];
  readonly saved: string[];
  readonly unmount: () => void;
  /** Re-renders at another terminal size (what the resize listener does in the real UI). */
  readonly resize: (columns: number, rows: number) => Promise<string>;
  /** Writes one chunk of input as is (a burst of keys arrives this way). */
  readonly write: (chunk: string) => Promise<string>;
}

export function startSession(scenario: Scenario, seed = 1, roles: string[] = [], choices?: Record<string, string>) {
  return createActor(sessionMachine, { input: { scenario, options: { seed, roles, ...(choices ? { choices } : {}) } } }).start();
}

export const KEY = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  enter: '\r',
  esc: '\u001b',
  backspace: '\u007f',
  tab: '\t',
  home: '\u001b[H',
  end: '\u001b[F',
  ctrlC: '\u0003',
  pageDown: '\u001b[6~',
} as const;

export function mount(
  scenario: Scenario,
  opts: { seed?: number; roles?: string[]; columns?: number; rows?: number; color?: boolean; theme?: 'default' | 'projector'; save?: AppProps['save']; liveOdds?: AppProps['liveOdds']; liveOddsDelayMs?: number } = {},
): Harness {
  const actor = startSession(scenario, opts.seed ?? 1, opts.roles ?? []);
  const quits: number[] = [];
  const saved: string[] = [];
  const tree = (columns: number, rows: number) => (
    <App
      actor={actor}
      columns={columns}
      rows={rows}
      theme={makeTheme(opts.color ?? false, opts.theme)}
      savePath="run.json"
      save={opts.save ?? ((p) => void saved.push(p))}
      onQuit={(c) => void quits.push(c)}
      frameMs={0}
      {...(opts.liveOdds ? { liveOdds: opts.liveOdds } : {})}
      {...(opts.liveOddsDelayMs !== undefined ? { liveOddsDelayMs: opts.liveOddsDelayMs } : {})}
    />
  );
  const r = render(tree(opts.columns ?? 80, opts.rows ?? 24));
  return {
    actor,
    frame: () => r.lastFrame() ?? '',
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await tick();
      }
      return r.lastFrame() ?? '';
    },
    data: () => actor.getSnapshot().context.data,
    quits,
    saved,
    unmount: () => r.unmount(),
    resize: async (columns, rows) => {
      r.rerender(tree(columns, rows));
      await tick();
      return r.lastFrame() ?? '';
    },
    write: async (chunk) => {
      r.stdin.write(chunk);
      await tick();
      return r.lastFrame() ?? '';
    },
  };
}
