/** `geosim list`: the scenarios on the search path (./scenarios, GEOSIM_SCENARIOS, shipped) and where each is. */
import { listScenarios, scenarioSearchPath } from '../../scenario/load.js';
import { EXIT_OK, type Command } from '../command.js';
import { formatFlag, formatOption } from '../format-flag.js';
import { columns } from '../format/table.js';
import { FORMATS, jsonDocument } from '../../export/formats.js';

export const list: Command = {
  name: 'list',
  summary: 'List the scenarios you can name by id, and where each was found',
  usage: ['geosim list [--format text|json]'],
  description:
    'An id is looked up in ./scenarios of the working directory, then in each directory of GEOSIM_SCENARIOS (separated like PATH), then in the scenarios shipped with geosim; the first match wins and hides the same id further on. The last column says where each was found.',
  options: formatOption(['text', 'json']),
  positionals: { min: 0, max: 0, name: '' },
  examples: [
    { command: 'geosim list', note: 'Show the scenario ids you can pass to run, explain and play.' },
    { command: 'geosim list --format json', note: 'The same as JSON: { format, scenarios: [{ id, title, file, where }] }.' },
  ],
  async run(args, io) {
    const format = formatFlag(args, ['text', 'json'] as const);
    const path = scenarioSearchPath(io.env, io.cwd);
    const items = listScenarios(path);
    if (format === 'json') {
      io.out(jsonDocument(FORMATS.scenarioList, { scenarios: items }));
      return EXIT_OK;
    }
    if (items.length === 0) {
      io.err(`no scenarios in ${path.map((d) => d.dir).join(', ')}\n`);
      return EXIT_OK;
    }
    io.out(columns(items.map((s) => [io.theme.role('heading', s.id), s.title, io.theme.role('dim', s.file), io.theme.role('dim', `(${s.where})`)])).join('\n') + '\n');
    return EXIT_OK;
  },
};
