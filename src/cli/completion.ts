/**
 * Shell completion scripts for bash, zsh and fish, generated from the command table (names, flags, and the
 * values a flag's placeholder lists, e.g. `--format text|json`), so they can never list a flag that is gone.
 */
import type { Command } from './command.js';

interface Words {
  readonly name: string;
  readonly flags: readonly string[];
  /** Flag → its fixed values (from a placeholder like `text|json|csv`). */
  readonly values: Readonly<Record<string, readonly string[]>>;
}

const GLOBAL_FLAGS = ['--help', '--color', '--no-color', '--json'];

function words(cmd: Command): Words {
  const flags: string[] = [];
  const values: Record<string, readonly string[]> = {};
  for (const [name, o] of Object.entries(cmd.options)) {
    flags.push(`--${name}`);
    if (o.value && /^[a-z0-9-]+(\|[a-z0-9-]+)+$/.test(o.value)) values[`--${name}`] = o.value.split('|');
  }
  return { name: cmd.name, flags: [...flags, ...GLOBAL_FLAGS], values };
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

function bash(cmds: readonly Words[]): string {
  const cases = cmds.map((c) => {
    const vals = Object.entries(c.values).map(([f, v]) => `        ${f}) COMPREPLY=( $(compgen -W "${v.join(' ')}" -- "$cur") ); return ;;`);
    return [`    ${c.name})`, '      case "$prev" in', ...vals, '      esac', `      words="${c.flags.join(' ')}" ;;`].join('\n');
  });
  return [
    '# geosim completion for bash: eval "$(geosim completion bash)" (or save it in ~/.local/share/bash-completion/completions/geosim)',
    '_geosim() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" words',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=( $(compgen -W "${cmds.map((c) => c.name).join(' ')} --help --version" -- "$cur") ); return`,
    '  fi',
    '  case "${COMP_WORDS[1]}" in',
    ...cases,
    '    *) words="" ;;',
    '  esac',
    '  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$words" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi',
    '}',
    'complete -o filenames -F _geosim geosim',
    '',
  ].join('\n');
}

function zsh(cmds: readonly Words[]): string {
  const cases = cmds.map((c) => {
    const specs = c.flags.map((f) => (c.values[f] ? `'${f}[]:value:(${c.values[f]!.join(' ')})'` : `'${f}'`));
    return `    ${c.name}) _arguments ${specs.join(' ')} '*:file:_files' ;;`;
  });
  return [
    '#compdef geosim',
    '# geosim completion for zsh: geosim completion zsh > "${fpath[1]}/_geosim" (then restart zsh)',
    '_geosim() {',
    '  if (( CURRENT == 2 )); then',
    `    compadd -- ${cmds.map((c) => c.name).join(' ')} --help --version; return`,
    '  fi',
    '  shift words; (( CURRENT-- ))',
    '  case "${words[1]}" in',
    ...cases,
    '  esac',
    '}',
    'compdef _geosim geosim',
    '',
  ].join('\n');
}

function fish(cmds: readonly Words[]): string {
  const lines = [
    '# geosim completion for fish: geosim completion fish > ~/.config/fish/completions/geosim.fish',
    'complete -c geosim -f',
    `complete -c geosim -n '__fish_use_subcommand' -a '${cmds.map((c) => c.name).join(' ')}'`,
  ];
  for (const c of cmds) {
    for (const f of c.flags) {
      const v = c.values[f];
      lines.push(`complete -c geosim -n '__fish_seen_subcommand_from ${c.name}' -l ${f.slice(2)}${v ? ` -x -a '${v.join(' ')}'` : ''}`);
    }
    lines.push(`complete -c geosim -n '__fish_seen_subcommand_from ${c.name}' -F`);
  }
  return lines.join('\n') + '\n';
}

export function completionScript(shell: Shell, commands: readonly Command[]): string {
  const cmds = commands.map(words);
  return shell === 'bash' ? bash(cmds) : shell === 'zsh' ? zsh(cmds) : fish(cmds);
}
