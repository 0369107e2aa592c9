/** Whether the UI uses colour: on unless NO_COLOR is set to something non-empty (https://no-color.org) or TERM=dumb. */
export function colorFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export type ThemeName = 'default' | 'projector';

/** The theme GEOSIM_THEME names, when it names one (here, not in theme.ts: main.tsx must not load React). */
export function themeFromEnv(env: Readonly<Record<string, string | undefined>>): ThemeName | undefined {
  const v = env.GEOSIM_THEME;
  return v === 'default' || v === 'projector' ? v : undefined;
}
