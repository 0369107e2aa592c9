/**
 * A Web Worker of the page's live odds (bundled to odds-worker.js). The first message is the WorkerInit (the
 * scenario's validated data); the rest are the Monte Carlo pool's messages, answered by the same worker core
 * as the CLI's worker threads (src/mc/worker-core.ts), so the tallies are `geosim mc`'s.
 */
import type { ToWorker, WorkerInit } from '../../mc/protocol.js';
import { workerCore } from '../../mc/worker-core.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(msg: unknown, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let handle: ((msg: ToWorker) => void) | undefined;

scope.onmessage = (e: MessageEvent) => {
  if (handle) handle(e.data as ToWorker);
  else handle = workerCore(e.data as WorkerInit, (msg, transfer = []) => scope.postMessage(msg, transfer));
};
