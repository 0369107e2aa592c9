/** `geosim run`: a whole run, headless, with the report in text, JSON or Markdown, and optionally a run file. */
import { runHistory, runStepped } from '../../machines/engine.js';
import { checkExportRows, seriesText, stateRows } from '../../export/series.js';
import { summarize } from '../../core/summary.js';
import { engineChoices, makeRunFile } from '../../scenario/runfile.js';
import { checkWritable, saveRunFile } from '../../scenario/save.js';
import { EXIT_OK, str, type Command } from '../command.js';
import { renderRun } from '../format/render.js';
import { RUN_OPTIONS, outputFormat, reportFormatOption, runRequest } from '../run-options.js';
import { scenarioRef } from '../runfile-support.js';
import { loadScenarioArg } from '../scenarios.js';

const RUN_EXTRA = ['csv', 'jsonl'] as const;

export const run: Command = {
  name: 'run',
  summary: 'Run a scenario to its end and print the timeline, choices, relations and predictions',
  usage: [
    'geosim run <scenario> [--seed N] [--choose DECISION=OPTION ...] [--assume NAME=VALUE ...]',
    '           [--preset NAME] [--until YYYY-MM-DD] [--inject EVENT[@DATE] ...] [--save FILE]',
    '           [--format text|json|markdown|csv|jsonl]',
  ],
  description: [
    'Plays the scenario to its end (or to --until). Decisions you fix with --choose are taken as given; the',
    'engine draws every other one from the seeded stream, so the same seed and inputs always give the same run.',
    'The JSON output is the run summary: scenario, hash, seed, preset, assumptions, choices, chosenBy, timeline,',
    'final (date, relations, bands, tension, indicators, postures) and predictions (id -> { holds, actual }).',
    '--save writes a run file (format geosim-run/1) that `geosim replay` reproduces exactly.',
    'csv and jsonl give the whole time series in long format, one row per number per step: columns date, step,',
    'event, series (relation, tension, indicator, posture), from, to, value, state (docs/data.md).',
  ].join('\n'),
  options: {
    ...RUN_OPTIONS,
    ...reportFormatOption(RUN_EXTRA),
    save: { type: 'string', short: 'o', value: 'FILE', description: 'Save the run file (written atomically) for geosim replay' },
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim run pyongyang-2024', note: 'Run the flagship scenario with the default seed (1) and print the report.' },
    { command: 'geosim run pyongyang-2024 --seed 7 --choose seoul_response=restraint_reengage', note: "Fix Seoul's answer; draw the rest with seed 7." },
    { command: 'geosim run scenarios/pyongyang-2024.yaml --assume k_goldstein=4 --format json', note: 'Override an assumption; print the summary as JSON.' },
    { command: 'geosim run pyongyang-2024 --preset article --until 2024-12-31 --save run.json', note: 'Stop at the end of 2024 and save the run file.' },
    { command: 'geosim run pyongyang-2024 --seed 7 --format csv > series.csv', note: 'Every relation, tension, indicator and posture at every step, for pandas or R.' },
  ],
  async run(args, io) {
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    const format = outputFormat(args, RUN_EXTRA);
    const req = runRequest(scenario, args);
    const save = str(args, 'save');
    if (save !== undefined) checkWritable(save);
    const state = runStepped(scenario, req.inputs);
    const summary = summarize(scenario, state, req.preset);
    if (save !== undefined) {
      const rf = makeRunFile({
        scenario,
        file: scenarioRef(save, file),
        seed: req.seed,
        preset: req.preset,
        assumptions: req.overrides,
        choices: req.choices,
        until: req.until,
        injects: req.injects,
        roles: [],
        engine: engineChoices(state),
        saved: new Date().toISOString(),
      });
      saveRunFile(save, rf);
    }
    if (format === 'csv' || format === 'jsonl') {
      const history = runHistory(scenario, req.inputs);
      checkExportRows(`run --format ${format}`, history.length, stateRows(scenario, history[0]!).length, 'stop earlier with --until DATE, or use geosim network --at DATE');
      for (const part of seriesText(format, scenario, history)) io.out(part);
    } else io.out(renderRun(format, scenario, summary, io.theme));
    for (const [d, o] of Object.entries(req.choices)) {
      if (!Object.hasOwn(summary.choices, d)) io.err(`note: decision '${d}' did not come up in this run, so --choose ${d}=${o} had no effect\n`);
    }
    if (save !== undefined) io.err(`saved ${save} (replay with: geosim replay ${save})\n`);
    return EXIT_OK;
  },
};
