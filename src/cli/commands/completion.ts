/** `geosim completion bash|zsh|fish`: a completion script generated from the command table. */
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { SHELLS, completionScript, type Shell } from '../completion.js';
import { didYouMean } from '../args.js';

/** The command, reading the command table through `table` (the registry passes its own list: no import circle). */
export function completionCommand(table: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'Print a shell completion script (bash, zsh or fish)',
    usage: ['geosim completion bash|zsh|fish'],
    description: 'The script completes commands, flags and the fixed values of flags such as --format. Each script says where to put it.',
    options: {},
    positionals: { min: 1, max: 1, name: 'bash|zsh|fish' },
    examples: [
      { command: 'geosim completion bash > /tmp/geosim.bash', note: 'Then: source /tmp/geosim.bash (or eval "$(geosim completion bash)" in ~/.bashrc).' },
      { command: 'geosim completion fish', note: 'Save the output as ~/.config/fish/completions/geosim.fish.' },
    ],
    async run(args, io) {
      const shell = args.positionals[0]!;
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`unknown shell '${shell}'${didYouMean(shell, SHELLS)}; expected bash, zsh or fish`);
      }
      io.out(completionScript(shell as Shell, table()));
      return EXIT_OK;
    },
  };
}
