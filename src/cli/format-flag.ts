/**
 * `--format`, declared and read one way by every command: the help line lists exactly the formats the command
 * accepts (the first is the default), and a format it does not know is refused in one line naming them all.
 */
import { UsageError, str, type OptionSpecs, type ParsedArgs } from './command.js';
import { didYouMean } from './args.js';

/** The `--format` option (`-f`) of a command offering `formats`, the first being the default. */
export function formatOption(formats: readonly string[], description = `Output format (default ${formats[0]})`): OptionSpecs {
  return { format: { type: 'string', short: 'f', value: formats.join('|'), description } };
}

/** The `--format` given (or `given`, a default worked out by the command) among `formats`; `md` means markdown. */
export function formatFlag<T extends string>(args: ParsedArgs, formats: readonly T[], given: string | undefined = str(args, 'format')): T {
  const f = given === 'md' && formats.includes('markdown' as T) ? 'markdown' : (given ?? formats[0]!);
  if (!(formats as readonly string[]).includes(f)) {
    const expected = `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
    throw new UsageError(`unknown format '${f}'; expected ${expected}${didYouMean(f, formats)}`);
  }
  return f as T;
}
