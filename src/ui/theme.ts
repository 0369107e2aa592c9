/**
 * Colour by role, not by raw colour (after gemini-cli's themes). With colour off (NO_COLOR set and non-empty,
 * https://no-color.org, or TERM=dumb) every role maps to no colour at all: chalk inside ink would ignore
 * NO_COLOR, so the theme simply never passes one. Bold, dim and inverse stay: they are not colours, and band
 * symbols (`--`, `+`) and markers carry the meaning without colour.
 */
import { createContext, useContext } from 'react';
import type { Band } from '../core/model.js';

export type Role = 'accent' | 'dim' | 'good' | 'bad' | 'warn' | 'title' | 'cursor' | 'branch' | 'diff';

const COLORS: Record<Role, string> = {
  accent: 'cyan',
  dim: 'gray',
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  title: 'magentaBright',
  cursor: 'cyanBright',
  branch: 'magenta',
  diff: 'yellowBright',
};

export interface Theme {
  readonly color: boolean;
  /** The ink colour for a role, or undefined when colour is off. */
  fg(role: Role): string | undefined;
  /** The ink colour of a band (from the scenario), or undefined when colour is off. */
  band(band: Band): string | undefined;
}

export function makeTheme(color: boolean): Theme {
  return {
    color,
    fg: (role) => (color ? COLORS[role] : undefined),
    band: (band) => (color ? band.color : undefined),
  };
}

export { colorFromEnv } from './color.js';

export const ThemeContext = createContext<Theme>(makeTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
