/**
 * A small colour theme by role. With colour off (NO_COLOR, not a terminal, --no-color) every role is the
 * identity, so plain output has no escape sequences at all; band symbols (`--`, `+`) carry the meaning instead.
 */

export type Role = 'heading' | 'dim' | 'accent' | 'good' | 'bad' | 'warn' | 'code';

export interface Theme {
  readonly enabled: boolean;
  role(role: Role, text: string): string;
  /** Colours text with a named (ink) colour such as `red` or `greenBright`; unknown names leave it plain. */
  named(color: string, text: string): string;
}

const ROLE_CODES: Record<Role, [number, number]> = {
  heading: [1, 22],
  dim: [2, 22],
  accent: [36, 39],
  good: [32, 39],
  bad: [31, 39],
  warn: [33, 39],
  code: [35, 39],
};

const BASE: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37 };

function namedCode(color: string): number | undefined {
  if (color === 'gray' || color === 'grey' || color === 'blackBright') return 90;
  const bright = color.endsWith('Bright');
  const base = BASE[bright ? color.slice(0, -'Bright'.length) : color];
  if (base === undefined) return undefined;
  return bright ? base + 60 : base;
}

const wrap = (open: number, close: number, text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function makeTheme(enabled: boolean): Theme {
  if (!enabled) return { enabled, role: (_r, t) => t, named: (_c, t) => t };
  return {
    enabled,
    role: (r, t) => wrap(ROLE_CODES[r][0], ROLE_CODES[r][1], t),
    named: (c, t) => {
      const code = namedCode(c);
      return code === undefined ? t : wrap(code, 39, t);
    },
  };
}

/**
 * Colour is on only when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org);
 * `--color` / `--no-color` override both; FORCE_COLOR (non-empty, not 0) turns it on like `--color`.
 */
export function colorEnabled(
  stdoutIsTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
  flag: boolean | undefined,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stdoutIsTTY && env.TERM !== 'dumb';
}

/** Removes ANSI escape sequences (for measuring widths). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The colour roles the Monte Carlo and sweep text reports use (src/mc/format.ts `Paint`), from a theme. */
export function reportPaint(theme: Theme): { heading(t: string): string; dim(t: string): string; band(color: string, t: string): string } {
  return {
    heading: (t) => theme.role('heading', t),
    dim: (t) => theme.role('dim', t),
    band: (c, t) => theme.named(c, t),
  };
}
