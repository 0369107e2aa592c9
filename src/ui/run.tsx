/** Renders the UI with ink until the user quits; the caller owns the terminal (alternate screen, signals). */
import { useEffect, useState } from 'react';
import { render } from 'ink';
import { createActor } from 'xstate';
import { sessionMachine } from '../machines/session.js';
import { App } from './App.js';
import { makeTheme, type ThemeName } from './theme.js';
import type { PreparedUi } from './prepared.js';
import type { LiveOddsFn } from './use-live-odds.js';

export interface RunAppOptions extends PreparedUi {
  readonly color: boolean;
  readonly theme?: ThemeName | undefined;
  readonly onFrame?: ((metrics: { renderTime: number }) => void) | undefined;
  /** Called after each successful save, with the path written. */
  readonly onSaved?: (path: string) => void;
  /** Called at the end with the first autosave failure, if any. */
  readonly onAutosaveError?: (message: string | undefined) => void;
}

const liveOdds: LiveOddsFn = async (scenario, inputs, runs, opts) => {
  const { oddsFor } = await import('../mc/live.js');
  return oddsFor(scenario, inputs, runs, opts);
};

function size(): { columns: number; rows: number } {
  return { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
}

export async function runApp(o: RunAppOptions): Promise<number> {
  const actor = createActor(sessionMachine, { input: { scenario: o.scenario, options: o.options, ...(o.data ? { data: o.data } : {}) } }).start();
  const autosaveErrors: string[] = [];
  const auto = o.files.autosaver((message) => autosaveErrors.push(message));
  let code = 0;
  const theme = makeTheme(o.color, o.theme);
  function Root() {
    const [s, setS] = useState(size);
    useEffect(() => {
      const onResize = () => setS(size());
      process.stdout.on('resize', onResize);
      return () => void process.stdout.off('resize', onResize);
    }, []);
    return (
      <App
        actor={actor}
        columns={s.columns}
        rows={s.rows}
        theme={theme}
        savePath={o.savePath}
        save={(path, data, format) => {
          o.files.save(path, data, format);
          o.onSaved?.(path);
        }}
        autosave={(data) => auto.save(data)}
        {...(o.note ? { note: o.note } : {})}
        exists={o.files.exists}
        inspect={o.files.inspect}
        {...(o.loadedFrom !== undefined ? { loadedFrom: o.loadedFrom } : {})}
        onQuit={(c) => {
          code = c;
        }}
        liveOdds={liveOdds}
      />
    );
  }
  const instance = render(<Root />, {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 30,
    ...(o.onFrame ? { onRender: o.onFrame } : {}),
  });
  try {
    await instance.waitUntilExit();
  } finally {
    actor.stop();
  }
  o.onAutosaveError?.(autosaveErrors[0]);
  return code;
}
