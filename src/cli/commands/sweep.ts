/** `geosim sweep`: which assumption decides a prediction or an option — a tornado chart, Morris effects, the brink. */
import { FORMATS, jsonDocument } from '../../export/formats.js';
import { sweepCsv } from '../../export/tables.js';
import { resolve } from 'node:path';
import { EXIT_OK, UsageError, list, str, type Command } from '../command.js';
import { didYouMean } from '../args.js';
import { RUN_OPTIONS, runRequest } from '../run-options.js';
import { loadScenarioArg } from '../scenarios.js';
import { formatFlag, formatOption } from '../format-flag.js';
import { parseWhole, parseWorkers } from '../mc-flags.js';
import { sweep as runSweep, sweepTargets, type SweepResult } from '../../mc/sweep.js';
import { formatSweepText } from '../../mc/tornado.js';
import { McPool } from '../../mc/pool.js';
import { Accumulator } from '../../mc/accumulator.js';
import { runChunked } from '../../mc/ensemble.js';
import { buildResult } from '../../mc/result.js';
import { longWork } from '../long-work.js';
import { reportPaint } from '../theme.js';
import type { Scenario } from '../../core/model.js';

const SWEEP_FORMATS = ['text', 'json', 'csv'] as const;

export const sweep: Command = {
  name: 'sweep',
  summary: 'Sensitivity: rank the assumptions by their effect on a prediction or an option, and find the brink',
  usage: [
    'geosim sweep <scenario> --target PREDICTION|DECISION.OPTION [--assumption NAME ...] [--steps K] [--runs N]',
    '             [--trajectories R] [--seed S] [--workers K] [--preset NAME] [--assume NAME=VALUE ...] [--format text|json|csv]',
  ],
  description: [
    'Varies each assumption across its range in K steps, the others at their base values (one at a time), and all',
    'of them together along R Morris trajectories; every point is N runs with the same seeds (common random',
    'numbers). Prints a tornado chart of the target probability ranked by swing, the Morris μ* and σ, and the',
    'brink: decisions whose most likely option flips within an assumption’s range, with the value where it flips.',
  ].join('\n'),
  options: {
    target: { type: 'string', short: 't', value: 'ID', description: 'A prediction id, or DECISION.OPTION' },
    assumption: { type: 'string', multiple: true, value: 'NAME', description: 'Vary only these assumptions (default: all)' },
    steps: { type: 'string', short: 'k', value: 'K', description: 'Points per assumption, 2..50 (default 5)' },
    runs: { type: 'string', short: 'n', value: 'N', description: 'Runs per point, 1..1,000,000 (default 1000)' },
    trajectories: { type: 'string', short: 'r', value: 'R', description: 'Morris trajectories, 0..100 (default 4; 0 skips Morris)' },
    workers: { type: 'string', short: 'w', value: 'K', description: 'Worker threads (default: all cores for large sweeps)' },
    ...RUN_OPTIONS,
    ...formatOption(SWEEP_FORMATS),
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim sweep pyongyang-2024 --target seoul_arms_ukraine', note: 'Which assumption decides whether Seoul arms Ukraine?' },
    { command: 'geosim sweep pyongyang-2024 --target seoul_response.restraint_reengage --steps 9 --runs 4000', note: 'A finer, more precise sweep of one option.' },
  ],
  async run(args, io) {
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    const format = formatFlag(args, SWEEP_FORMATS);
    const target = checkTarget(scenario, str(args, 'target'));
    const ids = checkAssumptions(scenario, list(args, 'assumption'));
    const steps = parseWhole('--steps', str(args, 'steps'), 5, 2, 50);
    const runs = parseWhole('--runs', str(args, 'runs'), 1000, 1, 1_000_000);
    const trajectories = parseWhole('--trajectories', str(args, 'trajectories'), 4, 0, 100);
    const req = runRequest(scenario, args);
    const ensembles = ids.length * steps + trajectories * (ids.length + 1) + 1;
    const workers = parseWorkers(str(args, 'workers'), runs * ensembles);
    let pool: McPool | undefined;
    try {
      if (workers > 1) pool = await McPool.start(resolve(io.cwd, file), scenario, Math.min(workers, runs));
      const r = await longWork(
        io,
        ensembles,
        ({ signal, progress }): Promise<SweepResult> =>
          runSweep({
            scenario,
            base: req.inputs.assumptions,
            target,
            assumptions: ids,
            steps,
            trajectories,
            levels: 4,
            seed: req.seed,
            refine: 6,
            fixed: new Set(Object.keys(req.choices)),
            onEnsemble: (done, planned) => progress(Math.min(done, planned)),
            evaluate: async (assumptions) => {
              const inputs = { ...req.inputs, assumptions };
              if (pool) return buildResult(scenario, inputs, await pool.run(scenario, inputs, runs, { signal }));
              const acc = new Accumulator(scenario);
              await runChunked(scenario, inputs, 0, runs, acc, { signal, sliceMs: 50 });
              return buildResult(scenario, inputs, acc.data);
            },
          }),
        'ensembles',
      );
      if (!r.ok) return r.exit;
      const paint = reportPaint(io.theme);
      io.out(
        format === 'json'
          ? jsonDocument(FORMATS.sweepResult, r.value)
          : format === 'csv'
            ? sweepCsv(r.value)
            : formatSweepText(scenario, r.value, req.preset, paint),
      );
      return EXIT_OK;
    } finally {
      await pool?.close();
    }
  },
};

function checkTarget(scenario: Scenario, target: string | undefined): string {
  const all = sweepTargets(scenario);
  if (target === undefined) {
    throw new UsageError(`'geosim sweep' needs --target: a prediction id or DECISION.OPTION (predictions: ${scenario.predictions.map((p) => p.id).join(', ')})`);
  }
  // A decision's own id: name its options, which are what a sweep can target.
  const options = all.filter((t) => t.startsWith(`${target}.`));
  if (options.length) throw new UsageError(`--target: '${target}' is a decision; target one of its options: ${options.join(', ')}`);
  if (!all.includes(target)) {
    throw new UsageError(`--target: unknown prediction or option '${target}'${didYouMean(target, all)}; predictions: ${scenario.predictions.map((p) => p.id).join(', ')}; options are written DECISION.OPTION`);
  }
  return target;
}

function checkAssumptions(scenario: Scenario, names: readonly string[]): string[] {
  const ids = scenario.assumptions.map((a) => a.id);
  if (names.length === 0) return ids;
  for (const n of names) {
    if (!ids.includes(n)) throw new UsageError(`--assumption: unknown assumption '${n}'${didYouMean(n, ids)}; assumptions: ${ids.join(', ')}`);
  }
  return [...new Set(names)];
}
