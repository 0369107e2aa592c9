/**
 * Live odds in Web Workers: the ensemble `geosim mc` plays (run i seeded runSeed(S, i)), split into index
 * ranges over a few workers that each tally into their own accumulator (src/mc, the same code as the CLI's
 * worker threads), merged here. Tallies are integers, so the result equals `geosim mc --runs N --seed S` for
 * any number of workers. The workers stay warm for the scenario (a new request does not compile it again);
 * a cancelled request stops handing out ranges, and the workers finish the few in flight.
 */
import type { Scenario } from '../../core/model.js';
import type { RunInputs } from '../../core/run.js';
import type { AccData } from '../../mc/accumulator.js';
import { chunkSize } from '../../mc/ensemble.js';
import { RangePool } from '../../mc/pool-base.js';
import type { FromWorker, ToWorker, WorkerInit } from '../../mc/protocol.js';
import { buildResult, type McResult } from '../../mc/result.js';
import { validatedOf } from '../../scenario/validated.js';

export type { McResult } from '../../mc/result.js';

/** The runs of the terminal's live odds (src/ui/use-live-odds.ts uses 1,000; the page can afford 2,000). */
export const LIVE_RUNS = 2000;

/** The page's pool: Web Workers running odds-worker.js; the range dispatch is mc/pool-base.ts, as the CLI's. */
class WebPool extends RangePool {
  private constructor(
    readonly scenario: Scenario,
    private readonly workers: Worker[],
  ) {
    super(workers.length);
    workers.forEach((w, i) => {
      w.onmessage = (e: MessageEvent) => this.receive(i, e.data as FromWorker);
      w.onerror = (e) => {
        e.preventDefault();
        this.fail(new Error(`the odds worker failed: ${e.message || 'it could not start'}`));
      };
    });
  }

  static async start(scenario: Scenario, size: number, url: URL): Promise<WebPool> {
    const validated = validatedOf(scenario);
    if (!validated) throw new Error('this scenario was not loaded through the platform (loadShipped, validateDropped, openFile)');
    const init: WorkerInit = { path: 'scenario', hash: scenario.hash, validated };
    const workers = Array.from({ length: size }, () => new Worker(url, { type: 'module', name: 'geosim-odds' }));
    const pool = new WebPool(scenario, workers);
    for (const w of workers) w.postMessage(init);
    try {
      await pool.ready();
    } catch (e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  protected post(i: number, msg: ToWorker): void {
    this.workers[i]!.postMessage(msg);
  }

  protected errorOf(msg: { message: string }): Error {
    return new Error(msg.message);
  }

  protected caught(e: unknown): Error {
    return e instanceof Error ? e : new Error(String(e));
  }

  protected closedError(): Error {
    return new Error('the odds workers were stopped');
  }

  /** A cancelled request stops handing out ranges; the workers finish the few in flight and stay warm. */
  run(inputs: RunInputs, runs: number, signal: AbortSignal, onProgress: (done: number) => void): Promise<AccData> {
    // Small ranges (~10-20 ms): progress is smooth and a cancelled request ends quickly.
    const chunk = Math.min(128, chunkSize(runs, this.size));
    const progress = (done: number) => {
      if (!signal.aborted) onProgress(done);
    };
    return this.queued(this.scenario, inputs, runs, { chunk, cancel: 'drain', signal, onProgress: progress });
  }

  close(): void {
    this.closed = true;
    for (const w of this.workers) w.terminate();
  }
}

let pool: Promise<WebPool> | undefined;
let poolScenario: Scenario | undefined;

/** Workers to use: the machine's cores, at most 4 (a classroom laptop; the page itself needs a core). */
export function oddsWorkers(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, n));
}

function poolFor(scenario: Scenario, size: number): Promise<WebPool> {
  if (pool && poolScenario === scenario) return pool;
  const old = pool;
  void old?.then((p) => p.close(), () => {});
  poolScenario = scenario;
  pool = WebPool.start(scenario, size, new URL('odds-worker.js', document.baseURI));
  pool.catch(() => {
    if (poolScenario !== scenario) return;
    pool = undefined;
    poolScenario = undefined;
  });
  return pool;
}

export interface OddsJob {
  /** The odds (rejects with an error named 'AbortError' once cancelled). */
  readonly result: Promise<McResult>;
  cancel(): void;
}

/**
 * Starts the odds of `inputs` (inputs.seed is the ensemble seed; the terminal's live odds pass the branch's
 * inputs with no choices: `inputsFor(session, {})`). `onProgress(done, runs)` follows the runs.
 */
export function startOdds(scenario: Scenario, inputs: RunInputs, runs: number = LIVE_RUNS, onProgress?: (done: number, total: number) => void, workers = oddsWorkers()): OddsJob {
  const ac = new AbortController();
  const result = (async () => {
    const p = await poolFor(scenario, workers);
    const data = await p.run(inputs, runs, ac.signal, (done) => onProgress?.(done, runs));
    return buildResult(scenario, inputs, data);
  })();
  return { result, cancel: () => ac.abort() };
}

/** The same as the terminal UI's LiveOddsFn (src/ui/use-live-odds.ts): an AbortSignal instead of cancel(). */
export function oddsFor(scenario: Scenario, inputs: RunInputs, runs: number, opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<McResult> {
  const job = startOdds(scenario, inputs, runs, opts.onProgress);
  opts.signal?.addEventListener('abort', () => job.cancel(), { once: true });
  if (opts.signal?.aborted) job.cancel();
  return job.result;
}

/**
 * Starts the workers for `scenario` ahead of the first request (they load and compile it, which takes longer
 * than the runs): call it once the page has painted, so the first odds come at the warm speed.
 */
export function prepareOdds(scenario: Scenario, workers = oddsWorkers()): void {
  void poolFor(scenario, workers).catch(() => {});
}

/** Stops the workers (e.g. when the page leaves the scenario). */
export function stopOdds(): void {
  void pool?.then((p) => p.close(), () => {});
  pool = undefined;
  poolScenario = undefined;
}
