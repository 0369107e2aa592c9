/** `geosim map`: the scenario's graph of events, decisions, options, follow-ups and reactions. */
import { scenarioMap } from '../../teach/map.js';
import { OUT_OPTION, emit } from '../doc-output.js';
import { formatFlag, formatOption } from '../format-flag.js';
import { EXIT_OK, str, type Command } from '../command.js';
import { loadScenarioArg } from '../scenarios.js';

const MAP_FORMATS = ['mermaid', 'dot'] as const;

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
    ...formatOption(MAP_FORMATS, 'Output format (default mermaid; dot for --out *.dot or *.gv)'),
    ...OUT_OPTION,
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim map pyongyang-2024', note: 'A Mermaid flowchart to paste into Markdown.' },
    { command: 'geosim map pyongyang-2024 --out map.md', note: 'A Markdown file with the diagram in a ```mermaid block (--out map.mmd: bare Mermaid).' },
    { command: 'geosim map pyongyang-2024 --format dot | dot -Tsvg > map.svg', note: 'An SVG with Graphviz.' },
  ],
  async run(args, io) {
    const out = str(args, 'out');
    const format = formatFlag(args, MAP_FORMATS, str(args, 'format') ?? (out !== undefined && /\.(dot|gv)$/i.test(out) ? 'dot' : undefined));
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    emit(io, mapFileText(scenarioMap(scenario, format), format, out), out, [file]);
    return EXIT_OK;
  },
};

/**
 * What goes into the file: a Markdown file (`.md`, `.markdown`) gets the Mermaid in a fenced ```mermaid block,
 * so it renders as a diagram; anything else (`.mmd`, standard output, dot) gets the bare graph.
 */
export function mapFileText(graph: string, format: 'mermaid' | 'dot', out: string | undefined): string {
  if (format !== 'mermaid' || out === undefined || !/\.(md|markdown)$/i.test(out)) return graph;
  return `\`\`\`mermaid\n${graph.endsWith('\n') ? graph : `${graph}\n`}\`\`\`\n`;
}
