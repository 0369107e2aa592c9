/**
 * A Monte Carlo worker thread (bundled to dist/mc-worker.js). It compiles the validated scenario the pool sends
 * (or, without one, loads the scenario file itself), then plays
 * the index ranges the pool hands it into one accumulator per job, and posts the tallies back at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/model.js';
import type { RunInputs } from '../core/run.js';
import { loadScenarioFile } from '../scenario/load.js';
import { compileValidated } from '../scenario/prevalidated.js';
import { ScenarioError } from '../scenario/errors.js';
import { SimError } from '../core/errors.js';
import { Accumulator, transferList } from './accumulator.js';
import { runRange } from './ensemble.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('mc-worker must run in a worker thread');

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

function messageOf(error: unknown): string {
  const e = error as { format?: () => string; message?: string };
  if (typeof e?.format === 'function') return e.format();
  return String(e?.message ?? error).split('\n')[0]!;
}

/** The error as a message to the pool: bad input (a scenario limit, a refused file) or a fault. */
function errorOf(error: unknown): FromWorker {
  return { type: 'error', message: messageOf(error), badInput: error instanceof SimError || error instanceof ScenarioError };
}

let scenario: Scenario | undefined;
let inputs: RunInputs | undefined;
let acc: Accumulator | undefined;

try {
  const init = workerData as WorkerInit;
  scenario = init.validated ? compileValidated(init.validated, init.path, init.hash) : loadScenarioFile(init.path);
  if (scenario.hash !== init.hash) throw new Error(`${init.path} changed while the runs were starting; run again`);
  send({ type: 'ready' });
} catch (error) {
  send(errorOf(error));
}

port.on('message', (msg: ToWorker) => {
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
});
