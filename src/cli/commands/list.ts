/** `geosim list`: the scenarios shipped in scenarios/. */
import { listScenarios, scenariosDir } from '../../scenario/load.js';
import { EXIT_OK, UsageError, str, type Command } from '../command.js';
import { columns } from '../format/table.js';
import { FORMATS, jsonDocument } from '../../export/formats.js';

export const list: Command = {
  name: 'list',
  summary: 'List the scenarios in scenarios/ (id and title)',
  usage: ['geosim list [--format text|json]'],
  options: { format: { type: 'string', short: 'f', value: 'text|json', description: 'Output format (default text)' } },
  positionals: { min: 0, max: 0, name: '' },
  examples: [
    { command: 'geosim list', note: 'Show the scenario ids you can pass to run, explain and play.' },
    { command: 'geosim list --format json', note: 'The same as JSON: { format, scenarios: [{ id, title, file }] }.' },
  ],
  async run(args, io) {
    const format = str(args, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}'; expected text or json`);
    const items = listScenarios();
    if (format === 'json') {
      io.out(jsonDocument(FORMATS.scenarioList, { scenarios: items }));
      return EXIT_OK;
    }
    if (items.length === 0) {
      io.err(`no scenarios in ${scenariosDir()}\n`);
      return EXIT_OK;
    }
    io.out(columns(items.map((s) => [io.theme.role('heading', s.id), s.title, io.theme.role('dim', s.file)])).join('\n') + '\n');
    return EXIT_OK;
  },
};
