/**
 * What a Monte Carlo worker does with its messages, whatever kind of thread it is: the CLI's worker threads
 * (worker.ts, node:worker_threads) and the web page's Web Workers (src/web/platform/odds-worker.ts) both run
 * this. Browser-safe: the thread glue (receiving, posting, transferring) is the caller's.
 */
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { SimError } from '../core/errors.js';
import { ScenarioError } from '../scenario/errors.js';
import { compileValidated } from '../scenario/compile-validated.js';
import { Accumulator, transferList } from './accumulator.js';
import { runRange } from './ensemble.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

export type Send = (msg: FromWorker, transfer?: ArrayBuffer[]) => void;

function messageOf(error: unknown): string {
  const e = error as { format?: () => string; message?: string };
  if (typeof e?.format === 'function') return e.format();
  return String(e?.message ?? error).split('\n')[0]!;
}

/** The error as a message to the pool: bad input (a scenario limit, a refused file) or a fault. */
export function errorOf(error: unknown): FromWorker {
  return { type: 'error', message: messageOf(error), badInput: error instanceof SimError || error instanceof ScenarioError };
}

/**
 * Compiles the scenario of `init` (its validated data; `load` reads the file when there is none) and says
 * `ready`, then answers the pool's messages: a job's inputs, index ranges to play, and finish (the tallies).
 */
export function workerCore(init: WorkerInit, send: Send, load?: (path: string) => Scenario): (msg: ToWorker) => void {
  let scenario: Scenario | undefined;
  let inputs: RunInputs | undefined;
  let acc: Accumulator | undefined;
  try {
    if (init.validated) scenario = compileValidated(init.validated, init.path, init.hash);
    else if (load) scenario = load(init.path);
    else throw new Error(`no validated data for ${init.path}`);
    if (scenario.hash !== init.hash) throw new Error(`${init.path} changed while the runs were starting; run again`);
    send({ type: 'ready' });
  } catch (error) {
    scenario = undefined;
    send(errorOf(error));
  }
  return (msg) => {
    try {
      if (!scenario) return;
      if (msg.type === 'job') {
        inputs = msg.inputs;
        acc = new Accumulator(scenario);
      } else if (msg.type === 'run') {
        runRange(scenario, inputs!, msg.from, msg.to, acc!);
        send({ type: 'done', runs: msg.to - msg.from });
      } else if (msg.type === 'finish') {
        const data = acc!.data;
        acc = undefined;
        send({ type: 'data', data }, transferList(data));
      }
    } catch (error) {
      send(errorOf(error));
    }
  };
}
