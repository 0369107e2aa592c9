/**
 * The list of commands, in the order `geosim --help` shows them. A command is a module
 * `src/cli/commands/<name>.ts` exporting a `Command` (see command.ts); adding one is an import and an entry here.
 */
import type { Command } from './command.js';
import { play } from './commands/play.js';
import { run } from './commands/run.js';
import { explain } from './commands/explain.js';
import { replay } from './commands/replay.js';
import { validate } from './commands/validate.js';
import { list } from './commands/list.js';
import { newScenario } from './commands/new.js';
import { schema } from './commands/schema.js';
import { mc } from './commands/mc.js';
import { sweep } from './commands/sweep.js';
import { report } from './commands/report.js';
import { roles } from './commands/roles.js';
import { map } from './commands/map.js';
import { network } from './commands/network.js';
import { completionCommand } from './commands/completion.js';

export const commands: readonly Command[] = [
  play,
  run,
  explain,
  replay,
  validate,
  list,
  newScenario,
  schema,
  mc,
  sweep,
  report,
  roles,
  map,
  network,
  completionCommand(() => commands),
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
