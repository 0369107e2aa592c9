/** `geosim replay`: rebuild a saved run from its run file and print exactly what `geosim run` printed. */
import { summarize } from '../../core/summary.js';
import { EXIT_OK, str, type Command } from '../command.js';
import { renderRun } from '../format/render.js';
import { outputFormat, reportFormatOption } from '../run-options.js';
import { loadCheckedRun } from '../runfile-support.js';

export const replay: Command = {
  name: 'replay',
  summary: 'Reproduce a saved run exactly from its run file',
  usage: ['geosim replay <run.json> [--format text|json|markdown] [--scenario FILE]'],
  description: [
    'Reads a run file written by `geosim run --save` (or the terminal UI), checks it, reruns it and prints the',
    'report: `geosim replay run.json --format json` prints byte for byte what the original `run --format json` did.',
    'The scenario is the one in scenarios/ with the id and content hash the run file records, or else the file it',
    'names inside its own folder (never a file elsewhere: use --scenario for that). Replay refuses a scenario whose content changed since the run was saved,',
    'and a run file whose recorded engine draws no longer match. The run file is only read, never modified.',
  ].join('\n'),
  options: {
    ...reportFormatOption(),
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
    const { scenario, plan, state } = loadCheckedRun(path, str(args, 'scenario'));
    if (plan.note) io.err(`geosim: ${plan.note}\n`);
    io.out(renderRun(format, scenario, summarize(scenario, state, plan.preset), io.theme));
    return EXIT_OK;
  },
};
