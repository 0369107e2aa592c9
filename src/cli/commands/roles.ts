/** `geosim roles`: printable role sheets, one per actor, for role-play. */
import pkg from '../../../package.json' with { type: 'json' };
import { buildRoles } from '../../teach/roles.js';
import { rolesHtml, rolesMarkdown } from '../../teach/roles-render.js';
import { OUT_OPTION, docFormat, emit } from '../doc-output.js';
import { EXIT_OK, list, str, type Command } from '../command.js';
import { parseActorList } from '../run-options.js';
import { loadScenarioArg } from '../scenarios.js';


export const roles: Command = {
  name: 'roles',
  summary: 'Print role sheets: each actor\u2019s interests, constraints, relations, ties and decisions',
  usage: ['geosim roles <scenario> [--actor ID ...] [--format markdown|html] [--out FILE]'],
  description: [
    'One handout per actor for role-play: its interests and constraints as the scenario states them, with',
    'sources; how it stands with every other actor at the start, and its ties; and the decisions it owns with',
    'their options. Sheets do not reveal the predictions (whoever made them) or what really happened. HTML',
    'starts each sheet on a new A4 page.',
  ].join('\n'),
  options: {
    actor: { type: 'string', short: 'a', multiple: true, value: 'ID', description: 'Only this actor (repeat or comma-separate for several)' },
    format: { type: 'string', short: 'f', value: 'markdown|html', description: 'Output format (default markdown)' },
    ...OUT_OPTION,
  },
  positionals: { min: 1, max: 1, name: '<scenario>' },
  examples: [
    { command: 'geosim roles pyongyang-2024 --format html --out roles.html', note: 'Every sheet, one per page, ready to print.' },
    { command: 'geosim roles pyongyang-2024 --actor KOR', note: 'Seoul\u2019s sheet as Markdown.' },
  ],
  async run(args, io) {
    const format = docFormat(str(args, 'format'), ['markdown', 'html'] as const);
    const { scenario, file } = loadScenarioArg(args.positionals[0]!);
    const doc = buildRoles(scenario, parseActorList(scenario, '--actor', list(args, 'actor')));
    emit(io, format === 'html' ? rolesHtml(doc, pkg.version) : rolesMarkdown(doc), str(args, 'out'), [file]);
    return EXIT_OK;
  },
};
