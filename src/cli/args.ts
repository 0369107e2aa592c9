/**
 * Argument parsing with Node's own `util.parseArgs`, strict: an unknown flag, a missing value or a stray
 * positional is a UsageError (exit 2) with one line that names the nearest valid flag.
 */
import { nearestName } from '../core/suggest.js';
import { parseArgs } from 'node:util';
import { UsageError, type Command, type OptionSpecs, type ParsedArgs } from './command.js';

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

/**
 * The candidate closest to `name` when it is a plausible typo: one edit for names of one or two letters,
 * otherwise two edits or a third of the length (so a swapped pair of letters, `rnu` for `run`, still counts).
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  return nearestName(name, candidates);
}

export function didYouMean(name: string, candidates: Iterable<string>, prefix = ''): string {
  const s = suggest(name, candidates);
  return s === undefined ? '' : ` (did you mean '${prefix}${s}'?)`;
}

function flagName(raw: string): string {
  return raw.replace(/^-+/, '').split('=')[0] ?? raw;
}

function translate(err: unknown, cmd: Command, options: OptionSpecs): UsageError {
  const e = err as { code?: string; message?: string };
  const msg = String(e.message ?? err);
  const where = `'geosim ${cmd.name}'`;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const raw = /'([^']+)'/.exec(msg)?.[1] ?? '?';
    const name = flagName(raw);
    const formats = ['text', 'json', 'markdown', 'md'];
    const hint =
      'format' in options && formats.includes(name)
        ? ` (did you mean '--format ${name}'?)`
        : raw.startsWith('--') || name.length > 1
          ? didYouMean(name, Object.keys(options), '--')
          : '';
    return new UsageError(`unknown option '${raw}' for ${where}${hint}; see geosim ${cmd.name} --help`);
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const raw = /'(?:-\w, )?(--[\w-]+)/.exec(msg)?.[1] ?? '?';
    if (/does not take an argument/.test(msg)) return new UsageError(`option '${raw}' takes no value`);
    if (/ambiguous/.test(msg)) {
      return new UsageError(`option '${raw}' needs a value; to give one that starts with '-', write ${raw}=<value>`);
    }
    const placeholder = options[flagName(raw)]?.value ?? 'value';
    return new UsageError(`option '${raw}' needs a value (${raw} ${placeholder})`);
  }
  return new UsageError(msg.replace(/\s*\n\s*/g, ' '));
}

/** Parses a command's arguments; `--help` short-circuits positional checks (the caller prints help). */
export function parseCommandArgs(cmd: Command, argv: readonly string[]): ParsedArgs & { help: boolean } {
  const options = { ...cmd.options, ...COMMON_OPTIONS };
  const nodeOptions: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(options)) {
    nodeOptions[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: nodeOptions, strict: true, allowPositionals: true });
  } catch (err) {
    throw translate(err, cmd, options);
  }
  const help = parsed.values.help === true;
  const { min, max, name } = cmd.positionals;
  const n = parsed.positionals.length;
  if (!help && n < min) throw new UsageError(`'geosim ${cmd.name}' needs ${name}; see geosim ${cmd.name} --help`);
  if (!help && n > max) {
    const extra = parsed.positionals[max] ?? '';
    const hint = extra.startsWith('-') ? '' : didYouMean(extra, Object.keys(options), '--');
    throw new UsageError(`unexpected argument '${extra}' for 'geosim ${cmd.name}'${hint}`);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals, help };
}

/** Flags every command understands, taken out of argv before the command parses it. */
export function takeGlobalFlags(argv: readonly string[]): { argv: string[]; color: boolean | undefined; json: boolean } {
  let color: boolean | undefined;
  let json = false;
  const rest: string[] = [];
  let literal = false;
  for (const a of argv) {
    if (!literal && a === '--') literal = true;
    if (!literal && a === '--color') color = true;
    else if (!literal && a === '--no-color') color = false;
    else if (!literal && a === '--json') json = true;
    else rest.push(a);
  }
  return { argv: rest, color, json };
}

/**
 * `--json` is short for `--format json` in every command whose --format offers json: the arguments with
 * `--format json` added. Refused for a command without JSON output, and together with another --format.
 */
export function expandJson(cmd: Command, argv: readonly string[]): string[] {
  const spec = cmd.options.format;
  if (!spec || !(spec.value ?? '').split('|').includes('json')) {
    throw new UsageError(`'geosim ${cmd.name}' has no JSON output, so --json does not apply; see geosim ${cmd.name} --help`);
  }
  const end = argv.indexOf('--');
  const flags = end < 0 ? argv : argv.slice(0, end);
  if (flags.some((a) => a === '--format' || a.startsWith('--format=') || a === '-f' || /^-f./.test(a))) {
    throw new UsageError('--json and --format both given; use one of them');
  }
  return end < 0 ? [...argv, '--format', 'json'] : [...argv.slice(0, end), '--format', 'json', ...argv.slice(end)];
}
