/**
 * Monte Carlo odds for the assumptions screen: the model's own odds under the current assumptions (the engine
 * draws every decision, whatever the user chose), recomputed when the assumptions change: debounced
 * (holding an arrow key starts one computation, not twenty), and a newer change aborts the stale one.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import type { McResult } from '../mc/result.js';
import type { SessionData } from '../machines/session-logic.js';
import { inputsFor } from '../machines/session-logic.js';

export type LiveOddsFn = (
  scenario: Scenario,
  inputs: RunInputs,
  runs: number,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
) => Promise<McResult>;

export type LiveOdds =
  | { readonly status: 'off' }
  | { readonly status: 'computing'; readonly done: number; readonly runs: number }
  | { readonly status: 'done'; readonly result: McResult }
  | { readonly status: 'error'; readonly message: string };

export const LIVE_RUNS = 1000;

export function useLiveOdds(fn: LiveOddsFn | undefined, data: SessionData, active: boolean, delayMs = 250, runs = LIVE_RUNS): LiveOdds {
  const [state, setState] = useState<LiveOdds>({ status: 'off' });
  const key = JSON.stringify([data.preset, data.overrides, data.seed]);
  useEffect(() => {
    if (!fn || !active) {
      setState({ status: 'off' });
      return;
    }
    const ac = new AbortController();
    setState({ status: 'computing', done: 0, runs });
    const timer = setTimeout(() => {
      let shown = 0;
      fn(data.scenario, inputsFor(data, {}), runs, {
        signal: ac.signal,
        onProgress: (done) => {
          if (ac.signal.aborted || done - shown < runs / 10) return;
          shown = done;
          setState({ status: 'computing', done, runs });
        },
      }).then(
        (result) => {
          if (!ac.signal.aborted) setState({ status: 'done', result });
        },
        (err: unknown) => {
          if (!ac.signal.aborted) setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
    // `key` stands for the inputs; data itself changes on every step.
  }, [fn, active, key, delayMs, runs]);
  return state;
}
