/** Messages between the Monte Carlo pool (main thread) and its workers (src/mc/worker.ts). */
import type { RunInputs } from '../core/run.js';
import type { AccData } from './accumulator.js';
import type { RawScenario } from '../scenario/schema.js';

export interface WorkerInit {
  /** The scenario file (named in messages; read only when `validated` is absent). */
  readonly path: string;
  /** sha256 the main thread loaded; a worker that reads different bytes refuses to run. */
  readonly hash: string;
  /**
   * The validated data the main thread compiled its scenario from (structured clone): the worker compiles it
   * without reading or parsing the file. A compiled scenario holds closures and cannot be sent.
   */
  readonly validated?: RawScenario;
}

export type ToWorker =
  | { readonly type: 'job'; readonly inputs: RunInputs }
  | { readonly type: 'run'; readonly from: number; readonly to: number }
  | { readonly type: 'finish' };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly runs: number }
  | { readonly type: 'data'; readonly data: AccData }
  | { readonly type: 'error'; readonly message: string; readonly badInput?: boolean };
