/** `geosim mc`: a Monte Carlo ensemble — the odds of every branch, prediction, relation band and tension. */
import { resolve } from 'node:path';
import { EXIT_OK, str, type Command } from '../command.js';
import { longWork } from '../long-work.js';
import { reportPaint } from '../theme.js';
import { RUN_OPTIONS, runRequest } from '../run-options.js';
import { loadScenarioArg } from '../scenarios.js';
import { monteCarlo } from '../../mc/monte-carlo.js';
import { formatCsv, formatJson, formatText } from '../../mc/format.js';
import { parseFormat, parseRuns, parseWorkers } from '../mc-flags.js';

export const DEFAULT_RUNS = 10_000;

export const mc: Command = {
  name: 'mc',
  summary: 'Monte Carlo: play many runs and report the odds of each option, prediction and outcome',
  usage: [
    'geosim mc <scenario> [--runs N] [--seed S] [--workers K] [--format text|json|csv]',
    '          [--assume NAME=VALUE ...] [--preset NAME] [--choose DECISION=OPTION ...] [--until YYYY-MM-DD] [--inject EVENT ...]',
  ],
  description: [
    `Plays N complete runs (default ${DEFAULT_RUNS.toLocaleString('en-US')}); run i uses a seed derived from (S, i), so the result is the`,
    'same whatever the number of workers. Reports, for each decision, the probability of each option with a',
    '95% (Wilson) interval and the mean odds the model gave it; for each prediction, the probability it holds,',
    "and per origin (the article's, analysts', the scenario author's) how many hold on average and how they fared",
    'in reality; for each directed relation, the mean and 5th/50th/95th percentiles of its final score and the',
    'share of runs in each band; and world tension at the end. See docs/monte-carlo.md.',
  ].join('\n'),
  options: {
    runs: { type: 'string', short: 'n', value: 'N', description: `Number of runs, 1..100,000,000 (default ${DEFAULT_RUNS})` },
    workers: { type: 'string', short: 'w', value: 'K', description: 'Worker threads (default: all cores from 50,000 runs, else 1)' },
    ...RUN_OPTIONS,
    format: { type: 'string', short: 'f', value: 'text|json|csv', description: 'Output format (default text)' },
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim mc pyongyang-2024 --runs 100000', note: 'The odds of every branch over 100,000 runs (seed 1).' },
    { command: 'geosim mc pyongyang-2024 --assume seoul_hawkishness=0.4 --format json', note: 'Odds under a changed assumption, as JSON.' },
    { command: 'geosim mc kursk-2024 --runs 2000 --preset hindsight', note: "Odds under hindsight; the scenario author's questions are tallied apart." },
    { command: 'geosim mc pyongyang-2024 --choose seoul_response=restraint_reengage --format csv', note: "Fix Seoul's answer; one row per number." },
  ],
  async run(args, io) {
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    const format = parseFormat(str(args, 'format'), ['text', 'json', 'csv'] as const);
    const runs = parseRuns(str(args, 'runs'), DEFAULT_RUNS);
    const workers = parseWorkers(str(args, 'workers'), runs);
    const req = runRequest(scenario, args);
    const t0 = performance.now();
    const r = await longWork(io, runs, ({ signal, progress }) =>
      monteCarlo(scenario, req.inputs, { runs, workers, path: resolve(io.cwd, file), signal, onProgress: progress }),
    );
    if (!r.ok) return r.exit;
    const result = r.value;
    const seconds = (performance.now() - t0) / 1000;
    const paint = reportPaint(io.theme);
    io.out(
      format === 'json'
        ? formatJson(result)
        : format === 'csv'
          ? formatCsv(result)
          : formatText(scenario, result, { preset: req.preset, workers, seconds }, paint),
    );
    return EXIT_OK;
  },
};
