/** `geosim network`: the relation network of a run as GraphML (or a CSV edge list), at dates or at every step. */
import { runHistory } from '../../machines/engine.js';
import type { SimState } from '../../core/state.js';
import { formatDay } from '../../core/date.js';
import { relationGraphml } from '../../export/graphml.js';
import { toCsv } from '../../export/csv.js';
import { checkExportRows, stateRows } from '../../export/series.js';
import { OUT_OPTION, emit } from '../doc-output.js';
import { formatFlag, formatOption } from '../format-flag.js';
import { EXIT_OK, UsageError, flag, list, str, type Command } from '../command.js';
import { RUN_OPTIONS, parseDate, runRequest } from '../run-options.js';
import { loadScenarioArg } from '../scenarios.js';

/** The state of the history on `day`: the last one dated on or before it, its ledger read on that day. */
function stateOn(states: readonly SimState[], day: number): SimState {
  let s = states[0]!;
  for (const x of states) if (x.date <= day) s = x;
  return s.date === day ? s : { ...s, date: day };
}

const NETWORK_FORMATS = ['graphml', 'csv'] as const;

export const network: Command = {
  name: 'network',
  summary: 'Export the relation network of a run for network analysis (GraphML or a CSV edge list)',
  usage: ['geosim network <scenario> [run options] [--at YYYY-MM-DD ...] [--steps] [--format graphml|csv] [--out FILE]'],
  description: [
    'Actors are nodes; each directed relation is an edge whose weight is the signed score (-100..100), with its',
    'sign and band. By default the network at the end of the run; --at gives it on chosen dates (repeatable) and',
    '--steps after every step, each edge then carrying its date (networkx reads it as a MultiDiGraph). GraphML',
    'opens in networkx (read_graphml), igraph, Gephi and yEd; csv is an edge list: date, from, to, weight.',
  ].join('\n'),
  options: {
    ...RUN_OPTIONS,
    at: { type: 'string', multiple: true, value: 'YYYY-MM-DD', description: 'The network on this date (repeatable; default: the end of the run)' },
    steps: { type: 'boolean', description: 'The network after every step of the run' },
    ...formatOption(NETWORK_FORMATS),
    ...OUT_OPTION,
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim network pyongyang-2024 --out relations.graphml', note: 'The network at the end of the default run, for networkx or Gephi.' },
    { command: 'geosim network pyongyang-2024 --seed 7 --at 2024-06-01 --at 2025-06-01 --format csv', note: 'Edge lists on two dates.' },
  ],
  async run(args, io) {
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    const format = formatFlag(args, NETWORK_FORMATS);
    const dates = list(args, 'at').map((t) => parseDate('--at', t));
    if (dates.length && flag(args, 'steps')) throw new UsageError('--at and --steps both given; use one of them');
    for (const d of dates) {
      if (d < scenario.start) throw new UsageError(`--at ${formatDay(d)} is before the scenario starts (${formatDay(scenario.start)})`);
    }
    const req = runRequest(scenario, args);
    const history = runHistory(scenario, req.inputs);
    const states = flag(args, 'steps') ? history : dates.length ? dates.map((d) => stateOn(history, d)) : [history[history.length - 1]!];
    const n = scenario.actors.length;
    checkExportRows('network', states.length, n * (n - 1), 'give a few dates with --at instead of --steps, or stop earlier with --until DATE');
    const text =
      format === 'graphml'
        ? relationGraphml(scenario, states)
        : toCsv(
            ['date', 'step', 'from', 'to', 'weight'],
            states.flatMap((s) => stateRows(scenario, s).filter((r) => r.series === 'relation').map((r) => [r.date, r.step, r.from, r.to, r.value])),
          );
    emit(io, text, str(args, 'out'), [file]);
    return EXIT_OK;
  },
};
