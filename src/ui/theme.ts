/**
 * Colour by role, not by raw colour (after gemini-cli's themes). With colour off (NO_COLOR set and non-empty,
 * https://no-color.org, `--no-color`, or TERM=dumb) every role maps to no colour at all: the theme simply never
 * passes one, so no frame holds a colour code. Bold and inverse stay (the cursor is inverse): they are not
 * colours, and band symbols (`--`, `+`) and markers carry the meaning without colour.
 *
 * Two themes: `default` (the terminal's own background) and `projector` (issue 13): a light background painted
 * by the UI itself, black text, dark saturated colours that survive a washed-out projector, and no dimmed text
 * (grey on white disappears on a wall).
 */
import { createContext, useContext } from 'react';
import type { Band } from '../core/model.js';

export type Role = 'accent' | 'dim' | 'good' | 'bad' | 'warn' | 'title' | 'cursor' | 'branch' | 'diff';
import type { ThemeName } from './color.js';
export type { ThemeName } from './color.js';

const COLORS: Record<ThemeName, Record<Role, string>> = {
  default: {
    accent: 'cyan',
    dim: 'gray',
    good: 'green',
    bad: 'red',
    warn: 'yellow',
    title: 'magentaBright',
    cursor: 'cyanBright',
    branch: 'magenta',
    diff: 'yellowBright',
  },
  projector: {
    accent: 'blue',
    dim: 'black',
    good: 'green',
    bad: 'red',
    warn: 'magenta',
    title: 'blue',
    cursor: 'blue',
    branch: 'magenta',
    diff: 'red',
  },
};

/** Band colours that read on a light background: light and bright ones darkened. */
const ON_LIGHT: Record<string, string> = {
  yellow: 'magenta',
  yellowBright: 'magenta',
  cyan: 'blue',
  cyanBright: 'blue',
  gray: 'black',
  grey: 'black',
  white: 'black',
  whiteBright: 'black',
  blackBright: 'black',
  greenBright: 'green',
  redBright: 'red',
  blueBright: 'blue',
  magentaBright: 'magenta',
};

export interface Theme {
  readonly name: ThemeName;
  readonly color: boolean;
  /** The ink colour for a role, or undefined when colour is off. */
  fg(role: Role): string | undefined;
  /** The ink colour of a band (from the scenario), or undefined when colour is off. */
  band(band: Band | string | undefined): string | undefined;
  /** The colour of plain text and of the whole screen's background (the projector's), when the theme sets them. */
  readonly text: string | undefined;
  readonly background: string | undefined;
  /** Whether dimmed text is used (not on a projector). */
  readonly dims: boolean;
}

export function makeTheme(color: boolean, name: ThemeName = 'default'): Theme {
  const light = name === 'projector' && color;
  const bandColor = (c: string | undefined) => (!color || c === undefined ? undefined : light ? (ON_LIGHT[c] ?? c) : c);
  return {
    name,
    color,
    fg: (role) => (color ? COLORS[name][role] : undefined),
    band: (band) => bandColor(typeof band === 'object' ? band.color : band),
    text: light ? 'black' : undefined,
    background: light ? 'white' : undefined,
    dims: name !== 'projector',
  };
}

export { colorFromEnv, themeFromEnv } from './color.js';

export const ThemeContext = createContext<Theme>(makeTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
