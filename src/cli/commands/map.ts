/** `geosim map`: the scenario's graph of events, decisions, options, follow-ups and reactions. */
import { scenarioMap } from '../../teach/map.js';
import { OUT_OPTION, docFormat, emit } from '../doc-output.js';
import { EXIT_OK, str, type Command } from '../command.js';
import { loadScenarioArg } from '../scenarios.js';

export const map: Command = {
  name: 'map',
  summary: 'Draw the scenario as a graph of events, decisions, options and follow-ups (Mermaid or dot)',
  usage: ['geosim map <scenario> [--format mermaid|dot] [--out FILE]'],
  description: [
    'Timeline events are chained in date order (dotted); each decision hangs from its event with one node per',
    'option; follow-ups hang from the option that schedules them (with the delay); reactions are thick arrows',
    'from what triggers them; teacher injects stand apart. Mermaid renders in Markdown on GitHub and in many',
    'slide tools; dot renders with Graphviz: geosim map x --format dot | dot -Tsvg > map.svg',
  ].join('\n'),
  options: {
    format: { type: 'string', short: 'f', value: 'mermaid|dot', description: 'Output format (default mermaid)' },
    ...OUT_OPTION,
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim map pyongyang-2024', note: 'A Mermaid flowchart to paste into Markdown.' },
    { command: 'geosim map pyongyang-2024 --format dot | dot -Tsvg > map.svg', note: 'An SVG with Graphviz.' },
  ],
  async run(args, io) {
    const format = docFormat(str(args, 'format'), ['mermaid', 'dot'] as const);
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    emit(io, scenarioMap(scenario, format), str(args, 'out'), [file]);
    return EXIT_OK;
  },
};
