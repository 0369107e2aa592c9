/** `geosim explain`: why one directed relation has the score it has, term by term, with sources. */
import type { Scenario } from '../../core/model.js';
import { runStepped } from '../../machines/engine.js';
import { explainIndicator, explainPair } from '../../core/explain.js';
import { unbalancedFor } from '../../core/balance.js';
import { EXIT_OK, UsageError, flag, str, type Command } from '../command.js';
import { FORMATS, jsonDocument } from '../../export/formats.js';
import { explainCsv, explainMarkdown, explainReport, explainText } from '../format/explain.js';
import { indicatorCsv, indicatorMarkdown, indicatorReport, indicatorText } from '../format/explain-indicator.js';
import { RUN_OPTIONS, checkActor, outputFormat, parseScenarioDate, reportFormatOption, runRequest, type OutputFormat } from '../run-options.js';
import { loadScenarioArg } from '../scenarios.js';
import { nearest } from '../../scenario/errors.js';

function parsePair(scenario: Scenario, text: string | undefined): [string, string] {
  if (text === undefined) throw new UsageError("'geosim explain' needs --pair FROM:TO, e.g. --pair KOR:RUS");
  const m = /^([^:>]+)[:>]([^:>]+)$/.exec(text);
  if (!m) throw new UsageError(`--pair expects FROM:TO (like KOR:RUS), found '${text}'`);
  const [from, to] = [m[1]!.trim().toUpperCase(), m[2]!.trim().toUpperCase()];
  for (const a of [from, to]) {
    checkActor(scenario, '--pair', a);
  }
  if (from === to) throw new UsageError(`--pair needs two different actors, found '${text}'`);
  return [from, to];
}

export const explain: Command = {
  name: 'explain',
  summary: 'Show the ledger behind one score: every cause, its sources, and the triads pressing on it',
  usage: [
    'geosim explain <scenario> --pair FROM:TO [--at YYYY-MM-DD] [run options] [--format text|json|markdown|csv]',
    'geosim explain <scenario> --indicator ID [--at YYYY-MM-DD] [run options] [--format text|json|markdown|csv]',
  ],
  description: [
    'Runs the scenario like `geosim run` (same --seed, --choose, --assume, --preset, --inject) up to --at (or to',
    'the end) and lists the terms of how FROM regards TO on that day: the initial relation, standing ties, and',
    'every modifier left by events, choices, reactions and structural balance, faded to that day. Each term cites',
    "its sources: article ¶N with the scenario's paraphrase of that paragraph, or the source's title and URL.",
    'Then the unbalanced triads that include both actors: the pressure structural balance puts on this relation.',
    'With --indicator ID instead: the indicator\'s base and each fading addition (fade:), with its cause and sources.',
  ].join('\n'),
  options: {
    pair: { type: 'string', value: 'FROM:TO', description: 'The directed relation to explain, e.g. KOR:RUS (how Seoul regards Moscow)' },
    indicator: { type: 'string', value: 'ID', description: 'Explain an indicator instead: its base and fading additions' },
    at: { type: 'string', value: 'YYYY-MM-DD', description: 'Explain the score on this day (default: the end of the run)' },
    all: { type: 'boolean', description: 'Also list the terms that have faded to 0 (JSON always has them all)' },
    ...RUN_OPTIONS,
    ...reportFormatOption(['csv']),
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim explain pyongyang-2024 --pair KOR:RUS', note: 'Why Seoul regards Moscow as it does at the end of the default run.' },
    { command: 'geosim explain pyongyang-2024 --pair JPN:RUS --at 2024-09-01 --seed 3', note: 'The same on 1 September 2024, with seed 3.' },
    { command: 'geosim explain pyongyang-2024 --indicator nk_ammo_supplied', note: 'What the shells-sent indicator is made of at the end of the run (its base and any fading additions).' },
    { command: 'geosim explain docs/examples/alignment.yaml --indicator troops_in_russia --at 2025-06-01 --format csv', note: 'The same as a table, one row per term: a base and the additions still fading.' },
  ],
  async run(args, io) {
    const { scenario } = loadScenarioArg(args.positionals[0]!);
    const format = outputFormat(args, ['csv'] as const);
    const indicator = str(args, 'indicator');
    if (indicator !== undefined) return explainIndicatorCommand(scenario, args, io, indicator, format);
    const [from, to] = parsePair(scenario, str(args, 'pair'));
    const { req, state } = runToDate(scenario, args);
    const report = explainReport(
      scenario,
      { seed: req.seed, preset: req.preset, date: state.date },
      explainPair(scenario, state, from, to),
      unbalancedFor(scenario, state, from, to),
    );
    const all = flag(args, 'all');
    if (format === 'json') io.out(jsonDocument(FORMATS.explain, report));
    else if (format === 'csv') io.out(explainCsv(report));
    else if (format === 'markdown') io.out(explainMarkdown(scenario, report, all));
    else io.out(explainText(scenario, report, io.theme, all));
    return EXIT_OK;
  },
};

/** `--indicator ID`: run like the pair form, then list the indicator's terms in the same formats. */
function explainIndicatorCommand(scenario: Scenario, args: Parameters<Command['run']>[0], io: Parameters<Command['run']>[1], id: string, format: OutputFormat | 'csv'): number {
  if (str(args, 'pair') !== undefined) throw new UsageError('--indicator and --pair explain different things: give one of them');
  const ids = scenario.indicators.map((i) => i.id);
  if (!ids.includes(id)) {
    const s = nearest(id, ids);
    throw new UsageError(`--indicator: unknown indicator '${id}'${s ? ` (did you mean '${s}'?)` : ''}; the scenario has ${ids.length ? ids.join(', ') : 'none'}`);
  }
  const { req, state } = runToDate(scenario, args);
  const report = indicatorReport(scenario, { seed: req.seed, preset: req.preset, date: state.date }, explainIndicator(scenario, state, id));
  if (format === 'json') io.out(jsonDocument(FORMATS.explainIndicator, report));
  else if (format === 'csv') io.out(indicatorCsv(report));
  else if (format === 'markdown') io.out(indicatorMarkdown(report));
  else io.out(indicatorText(report, io.theme));
  return EXIT_OK;
}

/** The run `--at`/`--until` ask for; on a day after its last event, its state read on that day (modifiers and additions fade with time). */
function runToDate(scenario: Scenario, args: Parameters<Command['run']>[0]) {
  const atText = str(args, 'at');
  const at = atText !== undefined ? parseScenarioDate(scenario, '--at', atText) : undefined;
  const untilText = str(args, 'until');
  const until = untilText !== undefined ? parseScenarioDate(scenario, '--until', untilText) : undefined;
  const stop = at !== undefined && until !== undefined ? Math.min(at, until) : (at ?? until);
  const req = runRequest(scenario, args, stop);
  let state = runStepped(scenario, req.inputs);
  if (at !== undefined && at > state.date) state = { ...state, date: at };
  return { req, state };
}
