/**
 * What the fuzzer asks of one mutant: `validate` refuses it in one clean line, or every command (run, explain,
 * mc) finishes, deterministically, with results that agree with each other and no raw control bytes. Runs
 * in-process; the campaign (src/fuzz/campaign.ts) adds the time and memory limits around it.
 */
import type { Scenario } from '../core/model.js';
import { SimError } from '../core/errors.js';
import { explainPair } from '../core/explain.js';
import { unbalancedFor } from '../core/balance.js';
import { runSeed } from '../core/rng.js';
import { resolveAssumptions, type RunInputs } from '../core/run.js';
import { runFast, runHistory } from '../machines/engine.js';
import { summarize } from '../core/summary.js';
import { CONTROL_CHARACTERS } from '../core/text.js';
import { ScenarioError } from '../scenario/errors.js';
import { parseScenarioBytes } from '../scenario/load.js';
import { Accumulator, mergeInto, emptyData } from '../mc/accumulator.js';
import { runRange } from '../mc/ensemble.js';
import { buildResult } from '../mc/result.js';
import { renderRun, json } from '../cli/format/render.js';
import { explainMarkdown, explainReport, explainText } from '../cli/format/explain.js';
import { makeTheme } from '../cli/theme.js';
import { errorLine } from '../cli/error-line.js';
import { checkExportRows, seriesText, stateRows } from '../export/series.js';
import { relationGraphml } from '../export/graphml.js';

/** `late`: validate accepted it, but a command refused it mid-run (in one clean line): a gap in the loader. */
export type Verdict = 'refused' | 'bounded' | 'late' | 'crash' | 'hang' | 'memory' | 'wrong' | 'control';

export interface Outcome {
  readonly verdict: Verdict;
  /** One line: the refusal, or what went wrong. */
  readonly detail: string;
}

/** Runs per Monte Carlo check (small: the point is the path, not the statistics). */
const MC_RUNS = 8;
/** Control characters a terminal acts on (the ones the output edge escapes). */
const RAW_CONTROL = new RegExp(CONTROL_CHARACTERS.source);

class Wrong extends Error {}

function expectSame(what: string, a: string, b: string): void {
  if (a !== b) throw new Wrong(`${what} differ`);
}

function clean(what: string, text: string): void {
  const m = RAW_CONTROL.exec(text);
  if (m) throw new ControlBytes(`raw control byte U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${what}`);
}
class ControlBytes extends Error {}

/** The message the CLI prints for `err`, through the one place that turns errors into lines. */
function cliLine(err: unknown): { code: number; line: string } {
  return errorLine(err);
}

function refusal(err: unknown): Outcome {
  const { code, line } = cliLine(err);
  const body = line.replace(/\n$/, '');
  if (code !== 2) return { verdict: 'crash', detail: `exit ${code}: ${body.slice(0, 300)}` };
  if (body.includes('\n')) return { verdict: 'crash', detail: `refusal on more than one line: ${body.slice(0, 300)}` };
  if (RAW_CONTROL.test(body)) return { verdict: 'control', detail: `raw control byte in the refusal: ${JSON.stringify(body.slice(0, 300))}` };
  if (body.length > 2000) return { verdict: 'crash', detail: `refusal of ${body.length} characters` };
  return { verdict: 'refused', detail: body };
}

function checkRuns(sc: Scenario, history: boolean): void {
  const assumptions = resolveAssumptions(sc);
  const inputs: RunInputs = { seed: 3, assumptions, choices: {} };
  const a = runFast(sc, inputs);
  const b = runFast(sc, inputs);
  const sa = summarize(sc, a, sc.defaultPreset);
  expectSame('two runs with the same seed', json(sa), json(summarize(sc, b, sc.defaultPreset)));
  if (history) {
    const states = runHistory(sc, inputs);
    expectSame('run and its history', json(sa), json(summarize(sc, states[states.length - 1]!, sc.defaultPreset)));
    // The data exports (run --format csv, network): built within their row limit, or refused in one clean line
    // past it (a limit of the command, like --runs, not a gap in the loader).
    let within = true;
    try {
      checkExportRows('run --format csv', states.length, stateRows(sc, states[0]!).length, 'stop earlier');
    } catch (err) {
      if (!(err instanceof SimError) || refusal(err).verdict !== 'refused') throw err;
      within = false;
    }
    if (within) for (const part of seriesText('csv', sc, states)) clean('run csv', part);
    clean('network graphml', relationGraphml(sc, [states[states.length - 1]!]));
  }
  const plain = makeTheme(false);
  clean('run text', renderRun('text', sc, sa, plain));
  const md = renderRun('markdown', sc, sa, plain);
  clean('run markdown', md);
  if (/<script/i.test(md)) throw new Wrong('unescaped HTML in run markdown');
  const [x, y] = sc.actors;
  if (x && y) {
    const report = explainReport(sc, { seed: 3, preset: sc.defaultPreset, date: a.date }, explainPair(sc, a, x.id, y.id), unbalancedFor(sc, a, x.id, y.id));
    clean('explain text', explainText(sc, report, plain, true));
    const emd = explainMarkdown(sc, report, true);
    clean('explain markdown', emd);
    if (/<script/i.test(emd)) throw new Wrong('unescaped HTML in explain markdown');
  }

  // Monte Carlo: split and merged tallies equal whole ones; run 0's bands are the ones `run` gives.
  const whole = new Accumulator(sc);
  runRange(sc, inputs, 0, MC_RUNS, whole);
  const merged = emptyData(whole.layout);
  for (const [from, to] of [[3, MC_RUNS], [0, 3]] as const) {
    const part = new Accumulator(sc);
    runRange(sc, inputs, from, to, part);
    mergeInto(merged, part.data);
  }
  const r = buildResult(sc, inputs, whole.data);
  expectSame('whole and merged Monte Carlo tallies', json(r), json(buildResult(sc, inputs, merged)));
  const one = new Accumulator(sc);
  runRange(sc, inputs, 0, 1, one);
  const r0 = buildResult(sc, inputs, one.data);
  const s0 = summarize(sc, runFast(sc, { ...inputs, seed: runSeed(inputs.seed, 0) }), sc.defaultPreset);
  for (const rel of r0.relations) {
    const band = s0.final.bands[rel.from]?.[rel.to];
    if (band === undefined || rel.bands[band] !== 1) throw new Wrong(`mc files run 0 of ${rel.from}→${rel.to} under another band than run (${band})`);
  }
  clean('mc report', json(r));
}

/** Checks one mutant's text in this thread. */
export function checkText(text: string | Buffer, file = 'mutant.yaml', history = true): Outcome {
  let sc: Scenario;
  try {
    sc = parseScenarioBytes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, file);
  } catch (err) {
    if (err instanceof ScenarioError) return refusal(err);
    return { verdict: 'crash', detail: `loader threw ${(err as Error)?.name}: ${String((err as Error)?.message).split('\n')[0]}` };
  }
  try {
    checkRuns(sc, history);
    return { verdict: 'bounded', detail: `${sc.timeline.length} events, ${sc.actors.length} actors` };
  } catch (err) {
    if (err instanceof Wrong) return { verdict: 'wrong', detail: err.message };
    if (err instanceof ControlBytes) return { verdict: 'control', detail: err.message };
    // The engine may refuse mid-run only through its own errors, and only in one clean line.
    if (err instanceof SimError) {
      const r = refusal(err);
      return r.verdict === 'refused' ? { verdict: 'late', detail: r.detail } : r;
    }
    if (err instanceof RangeError && /memory|allocation|array length/i.test(err.message)) return { verdict: 'memory', detail: err.message };
    return { verdict: 'crash', detail: `${(err as Error)?.name}: ${String((err as Error)?.message).split('\n')[0]}` };
  }
}
