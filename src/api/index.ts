/**
 * geosim as a library: load a scenario, run it, explain a score, take its time series, run Monte Carlo, build
 * the debrief, and drive the interactive session. The same core and session logic as the CLI, so the same
 * scenario, seed, assumptions and choices give the CLI's numbers byte for byte. Browser-safe: nothing here (or
 * below it) imports a `node:` module; file access stays with the caller. UNSTABLE while geosim is 0.x.
 *
 * @example
 *   import { loadScenario, run } from 'geosim';
 *   const scenario = loadScenario(yamlText, { file: 'pyongyang-2024.yaml' });
 *   const result = run(scenario, { seed: 7, choose: { seoul_response: 'arm_ukraine' } });
 */
import pkg from '../../package.json' with { type: 'json' };
import { createActor } from 'xstate';
import type { Scenario } from '../core/model.js';
import { runFast, runHistory } from '../machines/engine.js';
import { summarize, type RunSummary } from '../core/summary.js';
import { explainPair } from '../core/explain.js';
import { unbalancedFor } from '../core/balance.js';
import { SimError } from '../core/errors.js';
import { compileBytes, compileText, sha256Hex } from '../scenario/text.js';
import { seriesRows, type SeriesRow } from '../export/series.js';
import { relationGraphml } from '../export/graphml.js';
import { Accumulator } from '../mc/accumulator.js';
import { runRange } from '../mc/ensemble.js';
import { buildResult, type McResult } from '../mc/result.js';
import { buildReport } from '../teach/report-build.js';
import { reportHtml } from '../teach/report-html.js';
import { reportMarkdown } from '../teach/report-markdown.js';
import { explainReport, type ExplainReport } from '../cli/format/explain.js';
import { sessionMachine, type SessionContext, type SessionEvent } from '../machines/session.js';
import { posturesNow } from '../machines/selectors.js';
import { runInputs, type RunOptions } from './options.js';

export type { Scenario } from '../core/model.js';
export type { RunSummary } from '../core/summary.js';
export type { SeriesRow } from '../export/series.js';
export type { McResult } from '../mc/result.js';
export type { ExplainReport } from '../cli/format/explain.js';
export type { RunOptions } from './options.js';
export { SimError } from '../core/errors.js';
export { ScenarioError } from '../scenario/errors.js';
export { FORMATS } from '../export/formats.js';
export { runInputs } from './options.js';

/** The geosim version this API comes from. */
export const VERSION: string = pkg.version;

/**
 * Compiles a scenario from YAML text, from a file's bytes (UTF-8; the hash is then the bytes', as the CLI's), or
 * from an object with the same fields (checked as if it were the JSON text of that object). Errors are
 * ScenarioError, with the CLI's messages (`file:line:col: path: ...`).
 */
export function loadScenario(source: string | Uint8Array | object, opts: { readonly file?: string } = {}): Scenario {
  if (typeof source === 'string') return compileText(source, opts.file ?? 'scenario.yaml');
  if (source instanceof Uint8Array) return compileBytes(source, opts.file ?? 'scenario.yaml');
  return compileText(JSON.stringify(source, null, 2), opts.file ?? 'scenario.json');
}

/** SHA-256 (hex) of a scenario file's bytes or text: the `hash` run files and results carry. */
export function scenarioHash(data: Uint8Array | string): string {
  return sha256Hex(data);
}

/** A whole run, as `geosim run --format json` prints it. */
export function run(scenario: Scenario, opts: RunOptions = {}): RunSummary {
  const inputs = runInputs(scenario, opts);
  return summarize(scenario, runFast(scenario, inputs), inputs.preset);
}

/** The run's time series in long format, as `geosim run --format jsonl` prints it (one object per row). */
export function series(scenario: Scenario, opts: RunOptions = {}): SeriesRow[] {
  return seriesRows(scenario, runHistory(scenario, runInputs(scenario, opts)));
}

/** The relation network at the end of the run, as `geosim network` writes it (GraphML text). */
export function network(scenario: Scenario, opts: RunOptions = {}): string {
  const history = runHistory(scenario, runInputs(scenario, opts));
  return relationGraphml(scenario, [history[history.length - 1]!]);
}

/**
 * Monte Carlo in this thread: `runs` runs of the same world, every decision not fixed by `choose` drawn.
 * The same tallies as `geosim mc` with any number of workers (run i always uses the same derived seed).
 */
export function monteCarlo(scenario: Scenario, opts: RunOptions & { readonly runs: number }): McResult {
  if (!Number.isInteger(opts.runs) || opts.runs < 1 || opts.runs > 10_000_000) throw new SimError(`runs must be a whole number from 1 to 10000000, found ${opts.runs}`);
  const inputs = runInputs(scenario, opts);
  const acc = new Accumulator(scenario);
  runRange(scenario, inputs, 0, opts.runs, acc);
  return buildResult(scenario, inputs, acc.data);
}

/** Why `from` regards `to` as it does, term by term, at the end of the run or on `at` (YYYY-MM-DD). */
export function explain(scenario: Scenario, opts: RunOptions & { readonly from: string; readonly to: string; readonly at?: string }): ExplainReport {
  const ids = scenario.actors.map((a) => a.id);
  for (const id of [opts.from, opts.to]) if (!ids.includes(id)) throw new SimError(`unknown actor '${id}'; actors: ${ids.join(', ')}`);
  if (opts.from === opts.to) throw new SimError('from and to must be two different actors');
  const at = opts.at !== undefined ? runInputs(scenario, { until: opts.at }).until : undefined;
  const base = runInputs(scenario, opts);
  const stop = at !== undefined && base.until !== undefined ? Math.min(at, base.until) : (at ?? base.until);
  const inputs = stop !== undefined ? { ...base, until: stop } : base;
  let state = runFast(scenario, inputs);
  if (at !== undefined && at > state.date) state = { ...state, date: at };
  return explainReport(scenario, { seed: inputs.seed, preset: inputs.preset, date: state.date }, explainPair(scenario, state, opts.from, opts.to), unbalancedFor(scenario, state, opts.from, opts.to));
}

/** The debrief of a run as Markdown or one self-contained HTML page, as `geosim report` writes it. */
export function report(scenario: Scenario, opts: RunOptions & { readonly format?: 'markdown' | 'html'; readonly mcRuns?: number } = {}): string {
  const inputs = runInputs(scenario, opts);
  const mc = opts.mcRuns !== undefined ? monteCarlo(scenario, { ...opts, runs: opts.mcRuns }) : undefined;
  const rep = buildReport({
    scenario,
    history: runHistory(scenario, inputs),
    preset: inputs.preset,
    overrides: opts.assume ?? {},
    injects: inputs.injects ?? [],
    ...(inputs.until !== undefined ? { until: inputs.until } : {}),
    ...(mc ? { mc } : {}),
  });
  return opts.format === 'html' ? reportHtml(rep, VERSION) : reportMarkdown(rep);
}

export type { SessionEvent, SessionContext } from '../machines/session.js';

/** A running session: the XState actor of the session machine, seen through a small interface of its own. */
export interface Session {
  /** Sends an event: `{ type: 'NEXT' }`, `{ type: 'CHOOSE', option }`, `{ type: 'BACK' }`, … */
  send(event: SessionEvent): void;
  /** The session now: the machine's state (`value`), its tags and its context. */
  getSnapshot(): { readonly value: unknown; readonly context: SessionContext; hasTag(tag: string): boolean };
  /** Called after every change; returns the function that stops the calls. */
  subscribe(listener: () => void): { unsubscribe(): void };
  /** Each country's posture now, as the session's live country actor (`country:<ID>` in its system) holds it. */
  postures(): Readonly<Record<string, string>>;
  stop(): void;
}

/**
 * The interactive session (the terminal UI's and the web page's): send it events and read its snapshot, as
 * the UI does. See docs/api.md.
 */
export function startSession(scenario: Scenario, opts: Omit<RunOptions, 'choose' | 'until'> & { readonly roles?: readonly string[] } = {}): Session {
  const inputs = runInputs(scenario, opts);
  const actor = createActor(sessionMachine, {
    input: {
      scenario,
      options: {
        seed: inputs.seed,
        preset: inputs.preset,
        overrides: { ...(opts.assume ?? {}) },
        roles: [...(opts.roles ?? [])],
        injects: inputs.injects ?? [],
      },
    },
  });
  actor.start();
  return {
    send: (event) => actor.send(event),
    getSnapshot: () => actor.getSnapshot() as ReturnType<Session['getSnapshot']>,
    subscribe: (listener) => actor.subscribe(() => listener()),
    postures: () => posturesNow(actor.getSnapshot()),
    stop: () => void actor.stop(),
  };
}
