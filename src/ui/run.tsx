/** Renders the UI with ink until the user quits; the caller owns the terminal (alternate screen, signals). */
import { existsSync } from 'node:fs';
import { useEffect, useState } from 'react';
import { render } from 'ink';
import { createActor } from 'xstate';
import { sessionMachine } from '../machines/session.js';
import { App } from './App.js';
import { makeTheme } from './theme.js';
import { saveSession } from './save-run.js';
import type { Scenario } from '../core/model.js';
import type { SessionOptions } from '../machines/session-logic.js';
import type { LiveOddsFn } from './use-live-odds.js';

/** What main.tsx prepares from the play options: the scenario, the session's options, where to save. */
export interface PreparedUi {
  readonly scenario: Scenario;
  readonly scenarioFile: string;
  readonly options: SessionOptions;
  readonly savePath: string;
  /** The run file being resumed: saving over it needs no question. */
  readonly loadedFrom?: string;
  /** Forecasts of the run file being resumed (forecast-first mode). */
  readonly forecasts?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface RunAppOptions extends PreparedUi {
  readonly color: boolean;
  readonly onFrame?: ((metrics: { renderTime: number }) => void) | undefined;
  /** Called after each successful save, with the path written. */
  readonly onSaved?: (path: string) => void;
}

const liveOdds: LiveOddsFn = async (scenario, inputs, runs, opts) => {
  const { oddsFor } = await import('../mc/live.js');
  return oddsFor(scenario, inputs, runs, opts);
};

function size(): { columns: number; rows: number } {
  return { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
}

export async function runApp(o: RunAppOptions): Promise<number> {
  const actor = createActor(sessionMachine, { input: { scenario: o.scenario, options: o.options } }).start();
  let code = 0;
  const theme = makeTheme(o.color);
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
        save={(path, data, forecasts) => {
          saveSession(path, data, o.scenarioFile, forecasts);
          o.onSaved?.(path);
        }}
        exists={existsSync}
        {...(o.loadedFrom !== undefined ? { loadedFrom: o.loadedFrom } : {})}
        {...(o.forecasts ? { forecasts: o.forecasts } : {})}
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
  return code;
}
