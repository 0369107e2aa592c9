/** `geosim new`: start a scenario file that validates, with the schema line, and say what to do next. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseDay } from '../../core/date.js';
import { findScenario, loadScenarioFile, parseScenarioText, scenariosDir } from '../../scenario/load.js';
import { writeFileAtomic } from '../../scenario/save.js';
import { copyScenario, SCENARIO_ID_RE, starterScenario } from '../../scenario/starter.js';
import { EXIT_OK, UsageError, flag, str, type Command } from '../command.js';

const ACTOR_RE = /^[A-Z]{2,4}$/;

export const newScenario: Command = {
  name: 'new',
  summary: 'Start a new scenario file that validates, and print the next three commands',
  usage: ['geosim new <id> [--actors A,B,C [--start DATE]] [--from template|<scenario>] [--out FILE] [--force]'],
  description:
    'Writes scenarios/<id>.yaml in the working directory (where `geosim run <id>` finds it), starting with the line that points your editor at the schema. Without --actors it is a copy of the commented template (or of the scenario named by --from) under the new id; with --actors it is a small starter for those actors: every pair related, one event, one decision, one prediction, each marked "Replace".',
  options: {
    actors: { type: 'string', value: 'A,B,C', description: 'Actor ids (2–4 capital letters), 2 to 12 of them: a small starter for them' },
    from: { type: 'string', value: 'template|ID', description: 'Copy this scenario instead of the template (an id or a path)' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Where to write (default scenarios/<id>.yaml)' },
    start: { type: 'string', value: 'YYYY-MM-DD', description: "With --actors: the scenario's start date (default: today)" },
    force: { type: 'boolean', description: 'Overwrite the file if it exists' },
  },
  positionals: { min: 1, max: 1, name: 'the id of the new scenario' },
  examples: [
    { command: 'geosim new border-crisis', note: 'Copy the commented template to scenarios/border-crisis.yaml.' },
    { command: 'geosim new camp-david --actors USA,JPN,KOR --start 2023-08-01', note: 'A small starter for three actors.' },
    { command: 'geosim new my-pyongyang --from pyongyang-2024', note: 'Start from the flagship and change it.' },
  ],
  async run(args, io) {
    const id = args.positionals[0] ?? '';
    if (!SCENARIO_ID_RE.test(id)) throw new UsageError(`'${id}' is not a scenario id; expected lower case letters, digits, - or _ ([a-z][a-z0-9_-]*), like border-crisis`);
    const actorsArg = str(args, 'actors');
    const from = str(args, 'from');
    if (actorsArg === undefined && str(args, 'start') !== undefined) throw new UsageError('--start goes with --actors (a copy keeps the start of what it copies)');
    if (actorsArg !== undefined && from !== undefined && from !== 'template') {
      throw new UsageError('--actors makes a starter of its own; leave out --from, or use --from template');
    }
    const out = resolve(io.cwd, str(args, 'out') ?? join('scenarios', `${id}.yaml`));
    const shown = relative(io.cwd, out) || out;
    if (existsSync(out) && !flag(args, 'force')) throw new UsageError(`${shown} exists; choose another id or add --force to overwrite it`);
    const schemaFile = join(dirname(scenariosDir()), 'docs', 'scenario.schema.json');
    const schema = relative(dirname(out), schemaFile);

    let text: string;
    let actors: string[];
    if (actorsArg !== undefined) {
      actors = actorsArg.split(',').map((a) => a.trim()).filter(Boolean);
      const bad = actors.find((a) => !ACTOR_RE.test(a));
      if (bad !== undefined) throw new UsageError(`--actors: '${bad}' is not an actor id; expected 2–4 capital letters, like USA`);
      if (actors.length < 2 || actors.length > 12) throw new UsageError(`--actors: expected 2 to 12 actor ids, found ${actors.length}`);
      const dup = actors.find((a, i) => actors.indexOf(a) !== i);
      if (dup !== undefined) throw new UsageError(`--actors: '${dup}' is given twice`);
      const start = str(args, 'start') ?? new Date().toISOString().slice(0, 10);
      if (parseDay(start) === undefined) throw new UsageError(`--start: expected a date YYYY-MM-DD, found '${start}'`);
      text = starterScenario(id, actors, schema, start);
    } else {
      const source = from === undefined || from === 'template' ? join(scenariosDir(), 'template.yaml') : findScenario(from);
      // A --from that is not a scenario is refused as itself (its own name and line), not as the copy to be.
      if (source !== join(scenariosDir(), 'template.yaml')) loadScenarioFile(source);
      text = copyScenario(readFileSync(source, 'utf8'), id, schema);
      actors = [];
    }
    // Never write a file that does not load: a starter that failed would be a bug, not the user's mistake.
    const scenario = parseScenarioText(text, shown);
    if (actors.length === 0) actors = scenario.actors.map((a) => a.id);
    mkdirSync(dirname(out), { recursive: true });
    writeFileAtomic(out, text);
    const runId = resolve(out) === resolve(io.cwd, 'scenarios', `${id}.yaml`) ? id : shown;
    io.out(
      [
        `wrote ${shown} (${actors.length} actors: ${actors.join(', ')})`,
        'next:',
        `  geosim validate --watch ${shown}   # re-checks it every time you save`,
        `  geosim run ${runId}`,
        `  geosim explain ${runId} --pair ${actors[0] ?? 'A'}:${actors[1] ?? 'B'}`,
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
