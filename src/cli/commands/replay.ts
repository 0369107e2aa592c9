/** `geosim replay`: rebuild a saved run from its run file and print exactly what `geosim run` printed. */
import { runStepped } from '../../machines/engine.js';
import { summarize } from '../../core/summary.js';
import { checkEngineDraws } from '../../scenario/runfile.js';
import { EXIT_OK, str, type Command } from '../command.js';
import { renderRun } from '../format/render.js';
import { FORMAT_OPTION, outputFormat } from '../run-options.js';
import { loadRun } from '../runfile-support.js';

export const replay: Command = {
  name: 'replay',
  summary: 'Reproduce a saved run exactly from its run file',
  usage: ['geosim replay <run.json> [--format text|json|markdown] [--scenario FILE]'],
  description: [
    'Reads a run file written by `geosim run --save` (or the terminal UI), checks it, reruns it and prints the',
    'report: `geosim replay run.json --format json` prints byte for byte what the original `run --format json` did.',
    'The scenario is the file the run file names (relative to the run file); if that file is gone, the scenario',
    'with the same id in scenarios/. Replay refuses a scenario whose content changed since the run was saved,',
    'and a run file whose recorded engine draws no longer match. The run file is only read, never modified.',
  ].join('\n'),
  options: {
    ...FORMAT_OPTION,
    scenario: { type: 'string', value: 'FILE', description: 'Use this scenario file (or id) instead of the one the run file names' },
  },
  positionals: { min: 1, max: 1, name: '<run.json>' },
  examples: [
    { command: 'geosim replay run.json', note: 'Print the saved run as a readable report.' },
    { command: 'geosim replay run.json --format json > again.json', note: 'The same JSON the original run printed.' },
  ],
  async run(args, io) {
    const format = outputFormat(args);
    const path = args.positionals[0]!;
    const { runFile, scenario, plan } = loadRun(path, str(args, 'scenario'));
    const state = runStepped(scenario, plan.inputs);
    checkEngineDraws(runFile, state, path);
    io.out(renderRun(format, scenario, summarize(scenario, state, plan.preset), io.theme));
    return EXIT_OK;
  },
};
