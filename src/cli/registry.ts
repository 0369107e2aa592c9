/**
 * The list of commands, in the order `geosim --help` shows them. A command is a module
 * `src/cli/commands/<name>.ts` exporting a `Command` (see command.ts); adding one is an entry here. Each module is
 * imported only when its command runs (or for the full help), so a command loads only what it uses and
 * `geosim --version` loads none of them (esbuild makes each a chunk of its own, src/build/bundle.mjs).
 */
import type { Command } from './command.js';

export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'play', load: async () => (await import('./commands/play.js')).play },
  { name: 'run', load: async () => (await import('./commands/run.js')).run },
  { name: 'explain', load: async () => (await import('./commands/explain.js')).explain },
  { name: 'replay', load: async () => (await import('./commands/replay.js')).replay },
  { name: 'validate', load: async () => (await import('./commands/validate.js')).validate },
  { name: 'list', load: async () => (await import('./commands/list.js')).list },
  { name: 'new', load: async () => (await import('./commands/new.js')).newScenario },
  { name: 'schema', load: async () => (await import('./commands/schema.js')).schema },
  { name: 'mc', load: async () => (await import('./commands/mc.js')).mc },
  { name: 'sweep', load: async () => (await import('./commands/sweep.js')).sweep },
  { name: 'report', load: async () => (await import('./commands/report.js')).report },
  { name: 'roles', load: async () => (await import('./commands/roles.js')).roles },
  { name: 'map', load: async () => (await import('./commands/map.js')).map },
  { name: 'network', load: async () => (await import('./commands/network.js')).network },
  { name: 'web', load: async () => (await import('./commands/web.js')).web },
  { name: 'completion', load: loadCompletion },
];

export const commandNames: readonly string[] = commands.map((c) => c.name);

export async function findCommand(name: string): Promise<Command | undefined> {
  return commands.find((c) => c.name === name)?.load();
}

/**
 * `completion` reads the whole command table (every command's flags), so it loads every other command first and
 * then sees the table in the order above, itself last.
 */
async function loadCompletion(): Promise<Command> {
  const { completionCommand } = await import('./commands/completion.js');
  const others = await Promise.all(commands.filter((c) => c.name !== 'completion').map((c) => c.load()));
  const table: Command[] = [...others];
  const cmd = completionCommand(() => table);
  table.push(cmd);
  return cmd;
}

/** Every command, in order (for the full help). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(commands.map((c) => c.load()));
}
