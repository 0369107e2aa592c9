/**
 * The dispatcher: global flags, `--help`/`--version`, the command lookup, and the one place where errors
 * become exit codes. Bad input (UsageError, SimError, ScenarioError, RunFileError) is one line on stderr and
 * exit 2; anything else is one line and exit 1. GEOSIM_DEBUG=1 adds the stack.
 */
import pkg from '../../package.json' with { type: 'json' };
import { EXIT_OK, UsageError, type Io } from './command.js';
import { errorLine } from './error-line.js';
import { didYouMean, expandJson, parseCommandArgs, takeGlobalFlags } from './args.js';
import { commandHelp, globalHelp } from './help.js';
import { withColor, type IoBase } from './io.js';
import { commandNames, findCommand, loadCommands } from './registry.js';

export const VERSION: string = pkg.version;

export { isBadInput } from './error-line.js';

/** Prints the error as `geosim: <message>` and returns the exit code it stands for. */
export function reportError(err: unknown, io: Pick<Io, 'err' | 'env'>): number {
  const debug = io.env.GEOSIM_DEBUG === '1';
  const { code, line } = errorLine(err, debug);
  io.err(line);
  if (debug && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
  return code;
}

export async function runCli(argv: readonly string[], base: IoBase): Promise<number> {
  let io: Io | undefined;
  try {
    const global = takeGlobalFlags(argv);
    io = withColor(base, global.color);
    const [first, ...rest] = global.argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const target = first === 'help' && rest[0] !== undefined ? await findCommand(rest[0]) : undefined;
      if (first === 'help' && rest[0] !== undefined && !target) {
        throw new UsageError(`unknown command '${rest[0]}'${didYouMean(rest[0], commandNames)}`);
      }
      io.out(target ? commandHelp(target, io) : globalHelp(await loadCommands(), io, VERSION));
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v' || first === '-V') {
      io.out(`${VERSION}\n`);
      return EXIT_OK;
    }
    const cmd = await findCommand(first);
    if (!cmd) {
      const what = first.startsWith('-') ? 'option' : 'command';
      const names = first.startsWith('-') ? ['--help', '--version', '--color', '--no-color', '--json'] : commandNames;
      throw new UsageError(`unknown ${what} '${first}'${didYouMean(first, names)}; see geosim --help`);
    }
    const args = parseCommandArgs(cmd, global.json ? expandJson(cmd, rest) : rest);
    if (args.help) {
      io.out(commandHelp(cmd, io));
      return EXIT_OK;
    }
    return await cmd.run(args, io);
  } catch (err) {
    return reportError(err, io ?? base);
  }
}
