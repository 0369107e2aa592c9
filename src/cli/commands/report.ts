/** `geosim report`: the debrief of a run as Markdown or one self-contained HTML file (print and projector). */
import { resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import type { Scenario } from '../../core/model.js';
import type { RunInputs } from '../../core/run.js';
import type { SimState } from '../../core/state.js';
import { runHistory } from '../../machines/engine.js';
import { monteCarlo } from '../../mc/monte-carlo.js';
import { MAX_RUNS, parseWhole, parseWorkers } from '../mc-flags.js';
import type { McResult } from '../../mc/result.js';
import { buildReport, type ReportInputs } from '../../teach/report-build.js';
import { reportMarkdown } from '../../teach/report-markdown.js';
import { reportHtml } from '../../teach/report-html.js';
import { OUT_OPTION, docFormat, emit } from '../doc-output.js';
import { EXIT_OK, UsageError, str, type Command, type Io, type ParsedArgs } from '../command.js';
import { RUN_OPTIONS, runRequest } from '../run-options.js';
import { loadCheckedRun } from '../runfile-support.js';
import { loadScenarioArg } from '../scenarios.js';
import { longWork } from '../long-work.js';

const isRunFile = (arg: string) => /\.json$/i.test(arg);

async function odds(scenario: Scenario, inputs: RunInputs, runs: number, file: string, io: Io): Promise<McResult | number> {
  // The model's odds for this run's world (assumptions, injects, stop date), every decision drawn.
  const mcInputs: RunInputs = { ...inputs, choices: {} };
  const workers = parseWorkers(undefined, runs);
  const r = await longWork(io, runs, ({ signal, progress }) =>
    monteCarlo(scenario, mcInputs, { runs, workers, path: resolve(io.cwd, file), signal, onProgress: progress }),
  );
  return r.ok ? r.value : r.exit;
}

function fromRunFile(path: string, args: ParsedArgs): { base: Omit<ReportInputs, 'mc'>; file: string; inputs: RunInputs } {
  const given = Object.keys(RUN_OPTIONS).filter((k) => args.values[k] !== undefined);
  if (given.length) {
    throw new UsageError(`--${given[0]} applies to a scenario, not a run file: '${path}' already records its inputs`);
  }
  let history: SimState[] = [];
  const { runFile, scenario, scenarioFile, plan } = loadCheckedRun(path, str(args, 'scenario'), (s, r) => {
    history = runHistory(s, r.plan.inputs);
    return history[history.length - 1]!;
  });
  return {
    base: {
      scenario,
      history,
      preset: plan.preset,
      overrides: runFile.assumptions,
      injects: plan.inputs.injects ?? [],
      ...(plan.inputs.until !== undefined ? { until: plan.inputs.until } : {}),
      roles: runFile.roles,
      ...(runFile.forecasts ? { forecasts: runFile.forecasts } : {}),
      runFile: path,
    },
    file: scenarioFile,
    inputs: plan.inputs,
  };
}

function fromScenario(arg: string, args: ParsedArgs): { base: Omit<ReportInputs, 'mc'>; file: string; inputs: RunInputs } {
  if (str(args, 'scenario') !== undefined) throw new UsageError('--scenario applies to a run file; give the scenario as the argument instead');
  const { scenario, file } = loadScenarioArg(arg);
  const req = runRequest(scenario, args);
  const history = runHistory(scenario, req.inputs);
  return {
    base: {
      scenario,
      history,
      preset: req.preset,
      overrides: req.overrides,
      injects: req.injects,
      ...(req.until !== undefined ? { until: req.until } : {}),
    },
    file,
    inputs: req.inputs,
  };
}

export const report: Command = {
  name: 'report',
  summary: 'Write the debrief of a run: branch, relation heatmaps, what moved and why, predictions, forecasts',
  usage: [
    'geosim report <run.json> [--format markdown|html] [--out FILE] [--mc N] [--scenario FILE]',
    'geosim report <scenario> [run options] [--format markdown|html] [--out FILE] [--mc N]',
  ],
  description: [
    'Builds the debrief of one run: the branch played (every dated event, each choice and who made it, student',
    'or engine, teacher injects marked), the relation matrix at the start and the end as heatmaps, a chart of',
    'the relations that moved most, the largest changes broken down by cause and source, the prediction ledger',
    '(each prediction and whose it is, whether it held in this run, what actually happened), the discussion',
    'questions and, when the run file holds forecasts, their Brier scores against reality and against the',
    'model\u2019s odds.',
    '--mc N adds the odds from N Monte Carlo runs of the same world with every decision drawn.',
    'HTML is one self-contained file (no script, nothing fetched) that prints on A4 and reads on a projector.',
    'A run file is only read, never modified. Run options (--seed, --choose, ...) apply to a scenario argument.',
  ].join('\n'),
  options: {
    ...RUN_OPTIONS,
    format: { type: 'string', short: 'f', value: 'markdown|html', description: 'Output format (default markdown)' },
    ...OUT_OPTION,
    mc: { type: 'string', value: 'N', description: 'Add the odds of N Monte Carlo runs' },
    scenario: { type: 'string', value: 'FILE', description: 'With a run file: use this scenario file (or id) instead of the one it names' },
  },
  positionals: { min: 1, max: 1, name: '<run.json | scenario>' },
  examples: [
    { command: 'geosim report run.json --format html --out debrief.html', note: 'A printable debrief of a saved run.' },
    { command: 'geosim report run.json --mc 10000', note: 'The same as Markdown, with the model\u2019s odds over 10,000 runs.' },
    { command: 'geosim report pyongyang-2024 --seed 3 --inject washington_presses_seoul@2024-06-25 --format html -o pressed.html', note: 'Run and report in one go, with a teacher inject.' },
  ],
  async run(args, io) {
    const arg = args.positionals[0]!;
    const format = docFormat(str(args, 'format'), ['markdown', 'html'] as const);
    const mcText = str(args, 'mc');
    const runs = mcText !== undefined ? parseWhole('--mc', mcText, 0, 1, MAX_RUNS) : undefined;
    const { base, file, inputs } = isRunFile(arg) ? fromRunFile(arg, args) : fromScenario(arg, args);
    let mc: McResult | undefined;
    if (runs !== undefined) {
      const r = await odds(base.scenario, inputs, runs, file, io);
      if (typeof r === 'number') return r;
      mc = r;
    }
    const rep = buildReport({ ...base, ...(mc ? { mc } : {}) });
    const text = format === 'html' ? reportHtml(rep, pkg.version) : reportMarkdown(rep);
    emit(io, text, str(args, 'out'), isRunFile(arg) ? [arg, file] : [file]);
    return EXIT_OK;
  },
};
