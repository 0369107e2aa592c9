/** `geosim --help` and `geosim <command> --help`: usage, options and examples, from the command objects. */
import type { Command, Io, OptionSpecs } from './command.js';
import { COMMON_OPTIONS } from './args.js';

export const EXIT_CODES_TEXT = 'Exit codes: 0 ok, 1 runtime error, 2 bad input (set GEOSIM_DEBUG=1 to see stack traces).';

const GLOBAL_OPTIONS: OptionSpecs = {
  color: { type: 'boolean', description: 'Force colour on (default: on when stdout is a terminal and NO_COLOR is unset)' },
  'no-color': { type: 'boolean', description: 'Force colour off' },
};

const JSON_OPTION: OptionSpecs = { json: { type: 'boolean', description: 'Short for --format json' } };

function optionLines(options: OptionSpecs): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag, o.description + (o.multiple ? ' [repeatable]' : '')] as const;
  });
  const width = Math.min(30, Math.max(...rows.map(([f]) => f.length)));
  return rows.map(([f, d]) => (f.length > width ? `  ${f}\n  ${' '.repeat(width)}  ${d}` : `  ${f.padEnd(width)}  ${d}`));
}

function exampleLines(io: Io, cmd: Pick<Command, 'examples'>): string[] {
  return cmd.examples.flatMap((e) => [`  ${io.theme.role('code', e.command)}`, `      ${e.note}`]);
}

export function commandHelp(cmd: Command, io: Io): string {
  const h = (t: string) => io.theme.role('heading', t);
  const out = [`${h(`geosim ${cmd.name}`)}: ${cmd.summary}`, '', h('Usage:'), ...cmd.usage.map((u) => `  ${u}`)];
  if (cmd.description) out.push('', ...cmd.description.split('\n'));
  const json = (cmd.options.format?.value ?? '').split('|').includes('json') ? JSON_OPTION : {};
  out.push('', h('Options:'), ...optionLines({ ...cmd.options, ...json, ...COMMON_OPTIONS, ...GLOBAL_OPTIONS }));
  if (cmd.examples.length) out.push('', h('Examples:'), ...exampleLines(io, cmd));
  out.push('', EXIT_CODES_TEXT);
  return out.join('\n') + '\n';
}

export function globalHelp(commands: readonly Command[], io: Io, version: string): string {
  const h = (t: string) => io.theme.role('heading', t);
  const width = Math.max(...commands.map((c) => c.name.length));
  const examples = commands.flatMap((c) => c.examples.slice(0, 1));
  return (
    [
      `${h('geosim')} ${version}: a terminal simulator of geopolitical relationships.`,
      'Replay a scenario as events and branches, and ask why every number moved.',
      '',
      h('Usage:'),
      '  geosim <command> [arguments] [options]',
      '  geosim <command> --help',
      '  geosim --help | --version',
      '',
      h('Commands:'),
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      '<scenario> is the path of a scenario file, or the id of one in scenarios/ (see geosim list).',
      '',
      h('Options:'),
      ...optionLines({ help: COMMON_OPTIONS.help!, version: { type: 'boolean', short: 'v', description: 'Print the version' }, ...GLOBAL_OPTIONS }),
      '',
      h('Examples:'),
      ...exampleLines(io, { examples }),
      '',
      EXIT_CODES_TEXT,
      "Run 'geosim <command> --help' for a command's options and examples.",
    ].join('\n') + '\n'
  );
}
