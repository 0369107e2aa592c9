/**
 * Throughput samples taken in a worker thread of their own: one for the engine, one for the floor. Code that
 * runs in one V8 isolate shares its inline caches and optimised code, so measuring the engine and the floor
 * in the same thread makes whichever runs second pay for the other's shapes (the prediction formulas, for
 * one, then see two kinds of context). In separate workers each runs as it would alone, as the engine does in
 * `geosim mc`'s workers. The bench asks the two for samples alternately, so a drift in the machine's speed
 * weighs on both alike.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../core/model.js';
import { resolveAssumptions, type RunInputs } from '../core/run.js';
import { loadScenarioFile } from '../scenario/load.js';
import { Accumulator } from '../mc/accumulator.js';
import { runRange } from '../mc/ensemble.js';
import { buildFloor, floorRate } from './floor.js';

export type SampleKind = 'engine' | 'floor';

interface Setup {
  readonly role: 'geosim-bench-sample';
  readonly kind: SampleKind;
  readonly path: string;
}

/** Runs/s of `runs` complete engine runs in this thread (the flagship at its default preset, seed 1). */
export function engineRate(scenario: Scenario, inputs: RunInputs, runs: number): number {
  const acc = new Accumulator(scenario);
  const t0 = performance.now();
  runRange(scenario, inputs, 0, runs, acc);
  return runs / ((performance.now() - t0) / 1000);
}

/** The inputs every sample uses. */
export function benchInputs(scenario: Scenario): RunInputs {
  return { seed: 1, assumptions: resolveAssumptions(scenario), choices: {} };
}

/** Whether this thread is a sample worker (then `serveSamples` is its whole job). */
export function isSampleWorker(): boolean {
  return !isMainThread && (workerData as Partial<Setup> | undefined)?.role === 'geosim-bench-sample';
}

/** The worker side: load, warm up, then answer each `{ runs }` with the measured rate. */
export function serveSamples(): void {
  const { kind, path } = workerData as Setup;
  const scenario = loadScenarioFile(path);
  const inputs = benchInputs(scenario);
  const floor = kind === 'floor' ? buildFloor(scenario, inputs) : undefined;
  const rate = (runs: number): number => (floor ? floorRate(floor, scenario, runs) : engineRate(scenario, inputs, runs));
  rate(kind === 'floor' ? 10_000 : 3000);
  parentPort!.on('message', (runs: number) => parentPort!.postMessage(rate(runs)));
  parentPort!.postMessage('ready');
}

export class Sampler {
  private constructor(private readonly worker: Worker) {}

  /** A warm sample worker of `kind` for the scenario file at `path`; `entry` is the bundle that serves it. */
  static start(entry: URL, kind: SampleKind, path: string): Promise<Sampler> {
    const worker = new Worker(entry, { workerData: { role: 'geosim-bench-sample', kind, path } satisfies Setup });
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => resolve(new Sampler(worker)));
    });
  }

  /** Runs/s over `runs` runs, measured in the worker. */
  sample(runs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', (rate: number) => resolve(rate));
      this.worker.postMessage(runs);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
