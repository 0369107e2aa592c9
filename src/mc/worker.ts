/**
 * A Monte Carlo worker thread (bundled to dist/mc-worker.js). It compiles the validated scenario the pool sends
 * (or, without one, loads the scenario file itself), then plays the index ranges the pool hands it into one
 * accumulator per job, and posts the tallies back at the end. The work itself is worker-core.ts, shared with
 * the web page's Web Workers; this file is the node:worker_threads glue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenarioFile } from '../scenario/load.js';
import type { ToWorker, WorkerInit } from './protocol.js';
import { workerCore } from './worker-core.js';

const port = parentPort;
if (!port) throw new Error('mc-worker must run in a worker thread');

const handle = workerCore(workerData as WorkerInit, (msg, transfer = []) => port.postMessage(msg, transfer), loadScenarioFile);
port.on('message', (msg: ToWorker) => handle(msg));
